// @vitest-environment jsdom
/**
 * The transcript panel's "As <program> logs it" tab (components/transcript/ProgramLog.tsx): always
 * offered beside the transcript, switched by mouse and by the ARIA tabs keys, showing the client
 * program's own log up to the playback position with the lab's marks, and saying when the program
 * is modelled from documentation.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { ProgramLog } from "../../../components/transcript/ProgramLog";
import { TranscriptTabs } from "../../../components/transcript/TranscriptTabs";
import { lab } from "../../harness/lab";

afterEach(cleanup);

const LFTP_NAT = { client: { software: "lftp", mode: "active", ip: "192.168.1.10", nat: { publicIp: "198.51.100.7" } }, server: { ip: "203.0.113.5" }, commands: ["LIST"] };
const FILEZILLA_NAT = { client: { software: "filezilla" }, server: { ip: "10.99.2.20", passivePorts: [30000, 30049], nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } }, commands: ["LIST"] };
const CURL_STATEFUL = { client: { software: "curl", mode: "active", firewall: "stateful" }, commands: ["LIST"] };

const logList = (name = "As lftp logs it") => screen.getByRole("list", { name });
const lineTexts = (list: HTMLElement) => within(list).getAllByRole("listitem").map((li) => li.textContent ?? "");

describe("the transcript panel's tabs", () => {
  it("offers the program's log beside the transcript, with no real run, and opens it with the mouse", async () => {
    render(<TranscriptTabs {...lab(LFTP_NAT).at({ end: true }).props} />);
    const tabs = screen.getByRole("tablist", { name: "Transcript views" });
    expect(within(tabs).getAllByRole("tab").map((t) => t.textContent)).toEqual(["Transcript", "As lftp logs it"]);
    const programTab = within(tabs).getByRole("tab", { name: "As lftp logs it" });
    expect(programTab.getAttribute("aria-selected")).toBe("false");

    fireEvent.click(programTab);
    expect(programTab.getAttribute("aria-selected")).toBe("true");
    const list = await screen.findByRole("list", { name: "As lftp logs it" });
    expect(screen.getByRole("tabpanel", { name: "As lftp logs it" })).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Control connection transcript" })).toBeNull();
    const lines = lineTexts(list);
    expect(lines.some((l) => l.includes("---> PORT 192,168,1,10,"))).toBe(true);
    expect(lines.some((l) => l.includes("---- Switching passive mode on"))).toBe(true);
    expect(lines.some((l) => l.includes("---> PASS XXXX"))).toBe(true);
  });

  it("moves and selects with ←/→ (wrapping), Home and End, keeping one tab in the tab order", async () => {
    render(<TranscriptTabs {...lab(LFTP_NAT).at({ end: true }).props} />);
    const transcriptTab = screen.getByRole("tab", { name: "Transcript" });
    const programTab = screen.getByRole("tab", { name: "As lftp logs it" });
    expect([transcriptTab.tabIndex, programTab.tabIndex]).toEqual([0, -1]);

    fireEvent.keyDown(transcriptTab, { key: "ArrowRight" });
    expect(programTab.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(programTab);
    expect([transcriptTab.tabIndex, programTab.tabIndex]).toEqual([-1, 0]);
    expect(await screen.findByRole("list", { name: "As lftp logs it" })).toBeTruthy();

    fireEvent.keyDown(programTab, { key: "ArrowRight" });
    expect(transcriptTab.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(transcriptTab);
    fireEvent.keyDown(transcriptTab, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(programTab);
    fireEvent.keyDown(programTab, { key: "Home" });
    expect(document.activeElement).toBe(transcriptTab);
    fireEvent.keyDown(transcriptTab, { key: "End" });
    expect(programTab.getAttribute("aria-selected")).toBe("true");
  });

  it("leaves other keys to the lab (no preventDefault)", () => {
    render(<TranscriptTabs {...lab(LFTP_NAT).at({ end: true }).props} />);
    const transcriptTab = screen.getByRole("tab", { name: "Transcript" });
    const space = fireEvent.keyDown(transcriptTab, { key: " " });
    expect(space).toBe(true);
    expect(transcriptTab.getAttribute("aria-selected")).toBe("true");
  });
});

describe("ProgramLog", () => {
  it("shows the log up to the current step only, and marks the current step's line", () => {
    const at = lab(LFTP_NAT).at({ command: "PORT" });
    render(<ProgramLog {...at.props} />);
    const lines = lineTexts(logList());
    expect(lines.at(-1)).toContain("---> PORT 192,168,1,10,");
    expect(lines.some((l) => l.includes("Switching passive mode on"))).toBe(false);
    expect(screen.getByText("Later lines appear as the session goes on.")).toBeTruthy();
    const current = logList().querySelectorAll('[aria-current="step"]');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toContain("---> PORT");
  });

  it("follows the playback position: a later step shows the reconnect 15 s on", () => {
    const l = lab(LFTP_NAT);
    const { rerender } = render(<ProgramLog {...l.at({ command: "PORT" }).props} />);
    expect(lineTexts(logList()).some((t) => t.includes("---> PASV"))).toBe(false);
    rerender(<ProgramLog {...l.at({ command: "PASV" }).props} />);
    const lines = lineTexts(logList());
    expect(lines.at(-1)).toContain("---> PASV");
    expect(lines.filter((t) => t.includes("---- Connecting to 203.0.113.5 (203.0.113.5) port 21"))).toHaveLength(2);
    expect(lines.some((t) => t.startsWith("15.") && t.includes("Connecting to"))).toBe(true);
  });

  it("jumps to a line's step when it is clicked", () => {
    const onJump = vi.fn();
    const l = lab(LFTP_NAT);
    render(<ProgramLog {...l.at({ end: true }, { onJump }).props} />);
    const port = within(logList()).getAllByRole("listitem").find((li) => li.textContent?.includes("---> PORT"))!;
    fireEvent.click(within(port).getByRole("button"));
    expect(onJump).toHaveBeenCalledWith(l.stepOf({ command: "PORT" }));
  });

  it("marks each line by shape and word as well as colour: → sent, ← received, • remark, ✕ error", () => {
    render(<ProgramLog {...lab(CURL_STATEFUL).at({ end: true }).props} />);
    const items = within(logList("As curl logs it")).getAllByRole("listitem");
    const byKind = (k: string) => items.filter((li) => li.dataset.kind === k);
    expect(byKind("sent")[0]!.textContent).toMatch(/→sent: > USER demo/);
    expect(byKind("received")[0]!.textContent).toMatch(/←received: < 220 /);
    const errors = byKind("error").map((li) => li.textContent);
    expect(errors).toEqual([expect.stringMatching(/✕error: \* RETR response: 425$/), expect.stringMatching(/✕error: curl: \(19\) RETR response: 425$/)]);
    // The legend says what each mark means.
    expect(screen.getByText("the program's remark")).toBeTruthy();
  });

  it("keys only the marks already on screen: no ✕ error before the first error line", () => {
    const l = lab(CURL_STATEFUL);
    const { container, rerender } = render(<ProgramLog {...l.at({ command: "LIST" }).props} />);
    expect(container.textContent).not.toMatch(/✕\s*error/);
    rerender(<ProgramLog {...l.at({ end: true }).props} />);
    expect(container.textContent).toMatch(/✕\s*error/);
  });

  it("never shows the password: curl's line is masked and says curl itself prints it", () => {
    const { container } = render(<ProgramLog {...lab(CURL_STATEFUL).at({ end: true }).props} />);
    expect(container.textContent).not.toMatch(/PASS demo/);
    const pass = within(logList("As curl logs it")).getAllByRole("listitem").find((li) => li.textContent?.includes("> PASS ****"))!;
    expect(pass.textContent).toContain("curl prints the password itself; the lab hides it");
  });

  it("names the program and how its log is obtained; a checked program has no documentation notice", () => {
    render(<ProgramLog {...lab(LFTP_NAT).at({ end: true }).props} />);
    expect(screen.getByText("lftp -d (its debug log, on stderr)")).toBeTruthy();
    expect(screen.queryByText(/Modelled from documentation/)).toBeNull();
  });

  it("says a program modelled from documentation is, and shows FileZilla's log detailed or abbreviated", () => {
    render(<ProgramLog {...lab(FILEZILLA_NAT).at({ end: true }).props} />);
    expect(screen.getByText(/Modelled from documentation: FileZilla does not run here/)).toBeTruthy();
    const detailed = lineTexts(logList("As FileZilla logs it"));
    expect(detailed.some((t) => t.includes("Command:\tPWD"))).toBe(true);
    expect(detailed.some((t) => t.includes("Status:\tServer sent passive reply with unroutable address. Using server address instead."))).toBe(true);

    fireEvent.click(screen.getByRole("checkbox", { name: /Abbreviated, as FileZilla shows it by default/ }));
    const abbreviated = lineTexts(logList("As FileZilla logs it"));
    expect(abbreviated.some((t) => t.includes("Command:"))).toBe(false);
    expect(abbreviated.some((t) => t.includes('Status:\tDirectory listing of "/" successful'))).toBe(true);
  });

  it("says so before the program has printed anything; lftp's first words come with its first SYN", () => {
    const l = lab(LFTP_NAT);
    const { rerender } = render(<ProgramLog {...l.at({ start: true }).props} />);
    expect(screen.getByText("lftp has printed nothing yet.")).toBeTruthy();
    rerender(<ProgramLog {...l.at({ syn: "control" }).props} />);
    expect(lineTexts(logList()).map((t) => t.replace(/^.*?: /, ""))).toEqual([
      "---- Resolving host address...",
      "---- IPv6 is not supported or configured",
      "---- 1 address found: 203.0.113.5",
      "---- Connecting to 203.0.113.5 (203.0.113.5) port 21",
    ]);
  });
});
