// @vitest-environment jsdom
/**
 * The diagnose page in a browser-like document (no Worker here: the page runs the diagnosis
 * itself, as a browser without workers would): pick an example → the right cause first, its
 * evidence lines highlighted and labelled, the failure line marked, a verified fix marked, the
 * lab opened at the failing step; apply a fix → the fixed session beside it; nothing FTP → the
 * message. Keyboard: the causes are a radio group, the fixes buttons.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { DiagnosePage } from "../../../components/diagnose/DiagnosePage";
import { EXAMPLES } from "../../../components/diagnose/examples";

beforeAll(() => {
  // jsdom has neither: the page asks for both.
  // Reduced motion: the lab shows its steps without travel (as the lab's own view tests do).
  window.matchMedia ??= ((q: string) => ({ matches: q.includes("reduce"), media: q, addEventListener() {}, removeEventListener() {}, onchange: null, addListener() {}, removeListener() {}, dispatchEvent: () => false })) as never;
  Element.prototype.scrollIntoView ??= vi.fn();
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as never;
});

afterEach(cleanup);

async function pick(id: string) {
  render(<DiagnosePage />);
  const select = screen.getByRole("combobox", { name: "Or pick an example" });
  // The page's simulator client starts after mounting.
  await waitFor(() => expect((screen.getByRole("button", { name: "Diagnose" }) as HTMLButtonElement).disabled).toBe(false));
  fireEvent.change(select, { target: { value: id } });
  await screen.findByRole("radiogroup", { name: /Likely causes/ }, { timeout: 20_000 });
}

describe("the diagnose page", () => {
  it("says that nothing leaves the browser", () => {
    render(<DiagnosePage />);
    expect(screen.getByText(/Everything happens in this browser/)).toBeTruthy();
    expect(screen.getByText(/nothing is uploaded or sent anywhere/)).toBeTruthy();
  });

  it("an example: the right cause first, evidence highlighted, the failure marked, a verified fix, the lab at the failing step", async () => {
    await pick("curl-active-425");
    const radios = within(screen.getByRole("radiogroup", { name: /Likely causes/ })).getAllByRole("radio");
    expect((radios[0] as HTMLInputElement).checked).toBe(true);
    expect(radios[0]!.closest("label")!.textContent).toMatch(/connection back to the client is blocked/);
    expect(radios[0]!.closest("label")!.textContent).toMatch(/likely · \d+%/);

    const log = screen.getByRole("region", { name: /The log, \d+ lines, passwords masked/ });
    const evidence = log.querySelectorAll('[data-evidence="yes"]');
    expect(evidence.length).toBeGreaterThan(0);
    for (const li of evidence) expect(li.textContent).toMatch(/evidence/);
    const failure = log.querySelector('[data-failure="yes"]')!;
    expect(failure.textContent).toMatch(/the data connection dies here/);
    expect(failure.textContent).toMatch(/425/);
    // The password of the pasted command line is masked on screen.
    expect(log.textContent).toContain("-u alice:****");
    expect(log.textContent).not.toContain("s3cr3t");

    expect(screen.getAllByText(/checked in the lab: the listing arrives/).length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: /line 19 of the log/ })).toBeTruthy();

    // The lab, at the step where the server's SYN is dropped.
    const lab = await screen.findByRole("region", { name: "The session rebuilt from the log" }, { timeout: 20_000 });
    const slider = await within(lab).findByRole("slider", { name: "Step" });
    expect(Number(slider.getAttribute("aria-valuenow") ?? (slider as HTMLInputElement).value)).toBeGreaterThan(1);
    expect(within(lab).getByRole("status", { name: "Transfer outcomes" }).textContent).toMatch(/LIST/);
  }, 60_000);

  it("apply a fix: the fixed session beside the broken one, and it completes", async () => {
    await pick("curl-active-425");
    const apply = screen.getAllByRole("button", { name: /^Apply this fix/ });
    // The first verified fix.
    const verifiedFix = apply.find((b) => b.closest("[data-fix]")!.querySelector('[data-verified="yes"]'))!;
    fireEvent.click(verifiedFix);
    expect(verifiedFix.getAttribute("aria-pressed")).toBe("true");
    const fixed = await screen.findByRole("region", { name: /With the fix/ }, { timeout: 20_000 });
    await waitFor(() => expect(within(fixed).getByRole("status", { name: "Transfer outcomes" }).textContent).toMatch(/LIST\s*ok/), { timeout: 20_000 });
    expect(screen.getByRole("region", { name: /As the log shows it/ })).toBeTruthy();
  }, 60_000);

  it("choosing another cause shows its explanation and its evidence", async () => {
    await pick("lftp-wrong-227-address");
    const radios = within(screen.getByRole("radiogroup", { name: /Likely causes/ })).getAllByRole("radio");
    expect(radios.length).toBeGreaterThan(1);
    fireEvent.click(radios[1]!);
    expect((radios[1] as HTMLInputElement).checked).toBe(true);
    const heading = screen.getByRole("heading", { level: 3, name: radios[1]!.closest("label")!.textContent!.replace(/^\d+\.\s*/, "").split(/(very likely|likely|possible|unlikely) ·/)[0]!.trim() });
    expect(heading).toBeTruthy();
  }, 60_000);

  it("nothing FTP: a clear message, and no result", async () => {
    render(<DiagnosePage />);
    await waitFor(() => expect((screen.getByRole("button", { name: "Diagnose" }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(screen.getByRole("textbox", { name: "Paste a client or server log" }), { target: { value: "Dear diary,\nthe weather was fine.\n" } });
    fireEvent.click(screen.getByRole("button", { name: "Diagnose" }));
    expect((await screen.findByRole("alert", {}, { timeout: 20_000 })).textContent).toMatch(/Nothing FTP/);
    expect(screen.queryByRole("radiogroup")).toBeNull();
  }, 30_000);

  it("an empty paste: the message", async () => {
    render(<DiagnosePage />);
    await waitFor(() => expect((screen.getByRole("button", { name: "Diagnose" }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole("button", { name: "Diagnose" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/empty/);
  });

  it("every example is offered by name", () => {
    render(<DiagnosePage />);
    const select = screen.getByRole("combobox", { name: "Or pick an example" });
    for (const ex of EXAMPLES) expect(within(select).getByRole("option", { name: ex.label })).toBeTruthy();
  });
});
