// @vitest-environment jsdom
/**
 * "What each box knows" (components/state/BoxStatePanel.tsx) as a learner meets it: a tab per box
 * of the picture, the client firewall's table and the rule a new data connection would meet, a
 * NAT router's rewrite, rows that jump to the step that made them, a lesson's request for a box,
 * and no verdict while a question is open.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { BoxStatePanel } from "../../../components/state/BoxStatePanel";
import { lab } from "../../harness/lab";

afterEach(cleanup);

const PORT = "test/fixtures/reference/cli-fw--port.json";
const NAT_PORT = "test/scenarios/client-nat-helper-port.json";

describe("What each box knows", () => {
  it("has a tab per box of the picture, in its order, and the arrow keys move between them", () => {
    render(<BoxStatePanel {...lab(NAT_PORT).at({ command: "PORT" }).props} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual(["Client", "Client's NAT", "Server"]);
    expect(tabs[0]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tabs[0]!, { key: "ArrowRight" });
    expect(screen.getByRole("tab", { name: "Client's NAT" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toContain("What its FTP helper rewrote");
    fireEvent.keyDown(screen.getByRole("tab", { name: "Client's NAT" }), { key: "End" });
    expect(screen.getByRole("tab", { name: "Server" }).getAttribute("aria-selected")).toBe("true");
  });

  it("names the rule that would drop the server's data connection, before it is tried", () => {
    render(<BoxStatePanel {...lab(PORT).at({ command: "PORT" }).props} />);
    const panel = screen.getByRole("tabpanel");
    const now = within(panel).getByRole("heading", { name: "A new data connection now" }).closest("section")!;
    expect(now.textContent).toMatch(/A SYN 10\.99\.2\.2:20 → 10\.99\.1\.2:\d+, the data connection the PORT \(this step\) asks for, would be NEW and meet policy drop: dropped\./);
    expect(now.querySelector("[data-verdict]")?.getAttribute("data-verdict")).toBe("drop");
    // The table is conntrack's: the control connection, nothing for the data connection.
    const table = within(panel).getByRole("heading", { name: /tracked connections/ }).closest("section")!;
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(table.textContent).toMatch(/10\.99\.1\.2:\d+ → 10\.99\.2\.2:21 controlESTABLISHED/);
  });

  it("holds the verdict while a question is open, and says when it will show", () => {
    render(<BoxStatePanel {...lab(PORT).at({ command: "PORT" }).props} question={{ fact: "result", transfer: 0 }} />);
    const panel = screen.getByRole("tabpanel");
    expect(panel.querySelector("[data-verdict]")).toBeNull();
    expect(panel.textContent).toContain("shows once you answer");
    expect(panel.textContent).not.toMatch(/10\.99\.2\.2:20/);
  });

  it("jumps to the step that made a row", () => {
    const onJump = vi.fn();
    const at = lab(PORT).at({ command: "PORT" }, { onJump });
    render(<BoxStatePanel {...at.props} />);
    const sockets = screen.getByRole("heading", { name: /Sockets on the client/ }).closest("section")!;
    const buttons = within(sockets).getAllByRole("button", { name: /^Go to step \d+, which made this row$/ });
    expect(buttons.length).toBeGreaterThan(0);
    fireEvent.click(buttons[0]!);
    expect(onJump).toHaveBeenCalledTimes(1);
    expect(onJump.mock.calls[0]![0]).toBeLessThan(at.step);
  });

  it("opens on the box a lesson step asks for, and each new step's request selects it again", () => {
    const props = lab(NAT_PORT).at({ command: "PORT" }).props;
    const { rerender } = render(<BoxStatePanel {...props} request={{ tab: "client-nat", key: "5" }} />);
    expect(screen.getByRole("tab", { name: "Client's NAT" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toMatch(/PORT 192,168,1,10,\d+,\d+ → PORT 198,51,100,7,\d+,\d+/);
    fireEvent.click(screen.getByRole("tab", { name: "Server" }));
    rerender(<BoxStatePanel {...props} request={{ tab: "client-nat", key: "5" }} />);
    expect(screen.getByRole("tab", { name: "Server" }).getAttribute("aria-selected")).toBe("true");
    rerender(<BoxStatePanel {...props} request={{ tab: "client-nat", key: "6" }} />);
    expect(screen.getByRole("tab", { name: "Client's NAT" }).getAttribute("aria-selected")).toBe("true");
  });
});
