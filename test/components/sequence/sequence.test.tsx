// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render } from "@testing-library/react";
import { SequenceView } from "../../../components/sequence/SequenceView";
import { computeGeometry } from "../../../components/sequence/geometry";
import { lab } from "../../harness/lab";

afterEach(cleanup);

const PORT = "test/fixtures/reference/cli-fw--port.json";
const NAT_PORT = "test/scenarios/client-nat-helper-port.json";
const PRIVATE = "test/scenarios/server-nat-pasv-private.json";

const arrowOf = (container: HTMLElement, step: number) => container.querySelector<SVGGElement>(`[role="button"][data-step="${step}"]`)!;
const laneX = (container: HTMLElement, lane: string) => Number(container.querySelector(`line[data-lane="${lane}"]`)!.getAttribute("x1"));

describe("SequenceView", () => {
  it("has lanes for client, client firewall and server; none for an open firewall", () => {
    const { container } = render(<SequenceView {...lab(PORT).at(0).props} />);
    const lanes = [...container.querySelectorAll("line[data-lane]")].map((l) => l.getAttribute("data-lane"));
    expect(lanes).toEqual(["client", "client-fw", "server"]);
    const natLanes = computeGeometry(lab(NAT_PORT).trace, lab(NAT_PORT).timeline, 900).lanes.map((l) => l.id);
    expect(natLanes).toEqual(["client", "client-nat", "server"]);
  });

  it("ends a dropped SYN at the client firewall's lane with ✕ and the rule", () => {
    const { step, props } = lab(PORT).at({ syn: "data", by: "server" });
    const { container } = render(<SequenceView {...props} />);
    const arrow = arrowOf(container, step);
    const drop = arrow.querySelector<SVGGElement>("[data-drop-x]")!;
    expect(drop).not.toBeNull();
    expect(Number(drop.getAttribute("data-drop-x"))).toBe(laneX(container, "client-fw"));
    // The ✕ is drawn on the wall, the rule is written beside it.
    expect(drop.querySelector("path")!.getAttribute("d")).toMatch(new RegExp(`^M${laneX(container, "client-fw") - 6},`));
    expect(drop.textContent?.trim()).toBe("policy drop");
    expect(arrow.getAttribute("data-purpose")).toBe("data");
    expect(arrow.getAttribute("aria-label")).toMatch(/dropped by the client firewall: policy drop/);
    expect(arrow.querySelector("text")!.textContent).toBe("SYN");
  });

  it("labels a retransmitted SYN and draws the retransmission span", () => {
    const { step, props } = lab(PORT).at((e) => e.type === "send" && e.packet.attempt === 1);
    const { container } = render(<SequenceView {...props} />);
    expect(arrowOf(container, step).querySelector("text")!.textContent).toBe("SYN (retry 1)");
    expect(container.querySelector('[data-kind="retransmit-span"]')).not.toBeNull();
  });

  it("draws the server's connect timeout as a span on its lane", () => {
    const timeoutStep = lab(PORT).stepOf({ timeout: "server" });
    const { container } = render(<SequenceView {...lab(PORT).at({ end: true }).props} />);
    const spans = container.querySelectorAll('[data-kind="timeout-span"]');
    expect(spans.length).toBe(3);
    const first = spans[0]!;
    expect(first.getAttribute("aria-label")).toMatch(/^connect timeout 3 s: the server waited from 150 ms to 3\.15 s/);
    expect(first.textContent).toContain("connect timeout 3 s");
    // On the server's side of its lane.
    const bracketX = Number(/H([\d.]+)V/.exec(first.querySelector("path")!.getAttribute("d")!)![1]);
    expect(bracketX).toBeGreaterThan(laneX(container, "server"));
    const note = arrowOf(container, timeoutStep);
    expect(note.querySelector("text")!.textContent).toBe("connect timeout 3 s");
  });

  it("highlights the current row and draws nothing after it", () => {
    const { container } = render(<SequenceView {...lab(PORT).at(5).props} />);
    expect(container.querySelector('g[data-state="current"]')!.getAttribute("data-step")).toBe("5");
    expect(container.querySelector('g[data-step="6"][data-state]')!.getAttribute("data-state")).toBe("future");
    expect(container.querySelector('g[data-step="4"][data-state]')!.getAttribute("data-state")).toBe("past");
    for (const row of container.querySelectorAll('g[data-state="future"]')) expect(row.childNodes.length).toBe(0);
  });

  it("before the data connection is tried, nothing tells how it ends — and the diagram keeps its height", () => {
    // The last step before the server's SYN: the learner is asked what happens next.
    const port = lab(PORT);
    const before = port.stepOf({ syn: "data", by: "server" }) - 1;
    const { container } = render(<SequenceView {...port.at(before).props} />);
    const body = container.querySelector('[data-testid="sequence-body"]')!;
    const text = body.textContent ?? "";
    expect(body.querySelector("[data-drop-x]")).toBeNull();
    expect(body.querySelector('[data-kind="timeout-span"], [data-kind="retransmit-span"]')).toBeNull();
    for (const tell of ["✕", "425", "226", "timeout", "drop", "retry"]) expect(text).not.toContain(tell);
    expect(body.querySelector('[data-purpose="data"]')).toBeNull();
    const labels = [...body.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label")).join("|");
    for (const tell of ["dropped", "425", "timeout"]) expect(labels).not.toContain(tell);
    // The rows to come keep their room: the same height as the whole session's.
    const end = render(<SequenceView {...port.at({ end: true }).props} />).container.querySelector('[data-testid="sequence-body"]')!;
    expect(body.getAttribute("height")).toBe(end.getAttribute("height"));
    expect(end.textContent).toContain("425");
  });

  it("jumps to an arrow's step and selects its packet on click and Enter", () => {
    const onJump = vi.fn();
    const onSelectPacket = vi.fn();
    const { container } = render(<SequenceView {...lab(PORT).at({ end: true }, { onJump, onSelectPacket }).props} />);
    const arrow = arrowOf(container, 13);
    fireEvent.click(arrow);
    expect(onJump).toHaveBeenCalledWith(13);
    expect(onSelectPacket).toHaveBeenCalledWith(Number(arrow.getAttribute("data-packet")));
    fireEvent.keyDown(arrowOf(container, 7), { key: "Enter" });
    expect(onJump).toHaveBeenLastCalledWith(7);
    expect(arrowOf(container, 7).getAttribute("tabindex")).toBe("0");
  });

  it("masks the password and shows the command text on arrows", () => {
    const { container } = render(<SequenceView {...lab(PORT).at({ end: true }).props} />);
    const labels = [...container.querySelectorAll('[role="button"] > text')].map((t) => t.textContent);
    expect(labels).toContain("PASS ****");
    expect(labels.join("|")).not.toContain("PASS demo");
    expect(labels.some((l) => l?.startsWith("PORT 10,99,1,2,"))).toBe(true);
  });

  it("marks a NAT rewrite at the router's lane", () => {
    const { step, props } = lab(NAT_PORT).at({ command: "PORT" });
    const { container } = render(<SequenceView {...props} />);
    const circle = arrowOf(container, step).querySelector("circle[class]");
    expect(circle).not.toBeNull();
    expect(Number(circle!.getAttribute("cx"))).toBe(laneX(container, "client-nat"));
  });

  it("ends a packet lost in the internet between the two sides", () => {
    const { step, props } = lab(PRIVATE).at({ syn: "data" });
    const { container } = render(<SequenceView {...props} />);
    const drop = arrowOf(container, step).querySelector("[data-drop-x]")!;
    const x = Number(drop.getAttribute("data-drop-x"));
    expect(x).toBeGreaterThan(laneX(container, "client"));
    expect(x).toBeLessThan(laneX(container, "server-nat"));
    expect(drop.textContent?.trim()).toBe("lost: private address");
  });

  it("shows TLS ciphertext as 🔒 TLS", () => {
    const { step, props } = lab("test/scenarios/tls-blinds-helper.json").at((e) => e.type === "send" && e.packet.encrypted);
    const { container } = render(<SequenceView {...props} />);
    expect(arrowOf(container, step).querySelector("text")!.textContent).toBe("🔒 TLS");
  });
});

describe("SequenceView with ~200 steps", () => {
  it("changes only the rows whose highlight changes when the step moves", async () => {
    const busy = lab({ client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: Array.from({ length: 12 }, () => "LIST") });
    expect(busy.last).toBeGreaterThan(180);
    const props = (step: number) => busy.at(step).props;
    const { container, rerender } = render(<SequenceView {...props(100)} />);
    const body = container.querySelector('[data-testid="sequence-body"]')!;
    const touched = new Set<string>();
    let records = 0;
    const observer = new MutationObserver((list) => {
      for (const m of list) {
        records++;
        const el = m.target instanceof Element ? m.target : m.target.parentElement;
        const row = el?.closest("g[data-state]");
        touched.add(row ? `row ${row.getAttribute("data-step")}` : el?.tagName ?? "?");
      }
    });
    observer.observe(body, { subtree: true, attributes: true, childList: true, characterData: true });
    rerender(<SequenceView {...props(101)} />);
    await Promise.resolve();
    observer.disconnect();
    const rows = [...touched].filter((t) => t.startsWith("row "));
    expect(rows.sort()).toEqual(["row 100", "row 101"]);
    expect(records).toBeLessThan(40);
  });
});
