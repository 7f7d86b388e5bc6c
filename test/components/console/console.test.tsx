// @vitest-environment jsdom
/**
 * The console view: it sends a line on Enter, recalls earlier lines with ↑/↓, refuses a line the
 * simulator must never see (saying why, in its live region), shows each typed line with the
 * replies reached by the current step, the latest one marked, and jumps to a line's step.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { Console, type ConsoleProps } from "../../../components/console/Console";
import { lab } from "../../harness/lab";
import { scenario } from "../../harness/scenario";

afterEach(cleanup);

const HISTORY = ["USER demo", "PASS demo", "PASV", "LIST", "QUIT", "NOOP"];
const session = () => lab(scenario({ client: { software: "console" }, commands: HISTORY }));

/** The step of the packet that carried the `nth` command, and of the reply that answered it last. */
function stepsOf(nth: number): { sent: number; answered: number } {
  const { trace, timeline } = session();
  const commands = trace.events.flatMap((e, i) => (e.type === "command" ? [i] : []));
  const next = commands[nth + 1] ?? trace.events.length;
  const replies = trace.events.flatMap((e, i) => (e.type === "reply" && i > commands[nth]! && i < next ? [i] : []));
  return { sent: timeline.stepOfEvent[commands[nth]!]!, answered: timeline.stepOfEvent[replies.at(-1)!]! };
}

function show(props: Partial<ConsoleProps> = {}) {
  const { trace, timeline, last } = session();
  const onSend = vi.fn();
  const onJump = vi.fn();
  render(<Console trace={trace} timeline={timeline} step={last} history={HISTORY} onSend={onSend} onJump={onJump} busy={false} error={null} {...props} />);
  return { onSend, onJump, input: screen.getByLabelText("FTP command") as HTMLInputElement, status: screen.getByRole("status") };
}

const history = () => screen.getByRole("list", { name: "Commands typed and the server's replies" });

describe("Console", () => {
  it("sends the typed line on Enter and empties the input", () => {
    const { onSend, input } = show();
    fireEvent.change(input, { target: { value: "SYST" } });
    fireEvent.submit(input.form!);
    expect(onSend).toHaveBeenCalledWith("SYST");
    expect(input.value).toBe("");
  });

  it("sends with the Send button too", () => {
    const { onSend, input } = show();
    fireEvent.change(input, { target: { value: "PWD" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("PWD");
  });

  it("recalls earlier lines with ↑ and walks back with ↓ to what was being typed", () => {
    const { input } = show();
    fireEvent.change(input, { target: { value: "SY" } });
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.value).toBe("NOOP");
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(input.value).toBe("QUIT");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.value).toBe("NOOP");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.value).toBe("SY");
  });

  it.each([
    ["RETR h\u00e9llo.txt", /printable ASCII only/],
    ["   ", /Type a command first/],
    ["X".repeat(300), /300 characters: a command can have at most 256/],
  ])("refuses %j with its reason in the live region, and never sends it", (line, reason) => {
    const { onSend, input, status } = show();
    fireEvent.change(input, { target: { value: line } });
    fireEvent.submit(input.form!);
    expect(onSend).not.toHaveBeenCalled();
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toMatch(reason);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.value).toBe(line);
  });

  it("refuses a 33rd command", () => {
    const { onSend, input, status } = show({ history: Array.from({ length: 32 }, () => "NOOP") });
    fireEvent.change(input, { target: { value: "PWD" } });
    fireEvent.submit(input.form!);
    expect(onSend).not.toHaveBeenCalled();
    expect(status.textContent).toMatch(/at most 32 commands/);
  });

  it("waits while a run is under way, and shows the page's error", () => {
    const { onSend, input, status } = show({ busy: true });
    fireEvent.change(input, { target: { value: "PWD" } });
    fireEvent.submit(input.form!);
    expect(onSend).not.toHaveBeenCalled();
    expect(status.textContent).toMatch(/still running/);
    cleanup();
    show({ error: "The simulation failed." });
    expect(screen.getByRole("status").textContent).toBe("The simulation failed.");
  });

  it("jumps to the step that sent a history line", () => {
    const { onJump } = show();
    fireEvent.click(within(history()).getByRole("button", { name: "PASV" }));
    expect(onJump).toHaveBeenCalledWith(stepsOf(2).sent);
  });

  it("masks the password in the history", () => {
    show();
    expect(within(history()).getByRole("button", { name: "PASS ****" })).toBeTruthy();
    expect(history().textContent).not.toContain("PASS demo");
  });

  it("shows the replies reached by the step, the latest marked as now (not by colour alone)", () => {
    show({ step: stepsOf(2).answered });
    const current = history().querySelectorAll('[aria-current="step"]');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toMatch(/^now227 Entering Passive Mode \(10,99,2,2,\d+,\d+\)\.$/);
    // LIST was sent later: its replies are not shown yet.
    expect(history().textContent).not.toContain("150 Here comes the directory listing.");
    expect(history().textContent).toContain("not sent");
  });

  it("says which lines were never sent (after QUIT)", () => {
    show();
    const items = within(history()).getAllByRole("listitem");
    expect(items).toHaveLength(HISTORY.length);
    expect(items[4]!.textContent).toContain("221 Goodbye.");
    expect(items[5]!.textContent).toContain("not sent: the session had ended");
    expect((within(items[5]!).getByRole("button") as HTMLButtonElement).disabled).toBe(true);
  });
});
