// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fireEvent, render, cleanup } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NetworkView } from "../../../components/network/NetworkView";
import { Legend } from "../../../components/Legend";
import { simulate, type Trace } from "../../../sim/index";
import { timelineOf, type Timeline } from "../../../sim/trace/steps";
import { worldAt } from "../../../sim/trace/world";

afterEach(cleanup);

const load = (path: string): unknown => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../..", path), "utf8"));

interface Run {
  trace: Trace;
  timeline: Timeline;
}
const cache = new Map<string, Run>();
function run(path: string): Run {
  let r = cache.get(path);
  if (!r) {
    const trace = simulate(load(path));
    r = { trace, timeline: timelineOf(trace.events) };
    cache.set(path, r);
  }
  return r;
}

function view(r: Run, step: number, extra: { layout?: "wide" | "tall"; reducedMotion?: boolean; onSelectPacket?: (id: number | null) => void; selectedPacket?: number | null } = {}) {
  const world = worldAt(r.trace.events, r.timeline, step);
  return render(
    <NetworkView
      trace={r.trace}
      timeline={r.timeline}
      step={step}
      world={world}
      selectedPacket={extra.selectedPacket ?? null}
      onSelectPacket={extra.onSelectPacket}
      reducedMotion={extra.reducedMotion ?? true}
      layout={extra.layout}
    />,
  );
}

/** The first step whose packet matches. */
function stepWhere(r: Run, pred: (i: number) => boolean): number {
  const i = r.timeline.steps.findIndex((s) => pred(s.index));
  expect(i, "no such step").toBeGreaterThanOrEqual(0);
  return i;
}
const sendOf = (r: Run, step: number) => {
  const p = r.timeline.steps[step]?.packet;
  const e = p ? r.trace.events[p.send] : undefined;
  return e?.type === "send" ? e : null;
};
const isDropStep = (r: Run, i: number) => {
  const p = r.timeline.steps[i]?.packet;
  return !!p && p.fate !== null && r.trace.events[p.fate]?.type === "drop";
};
const firstSynOf = (r: Run, conn: number) => stepWhere(r, (i) => {
  const s = sendOf(r, i);
  return !!s && s.packet.conn === conn && s.packet.flags.join() === "SYN";
});

const CLI_FW_PORT = "fixtures/reference/cli-fw--port.json";
const OPEN_PASV = "fixtures/reference/open--pasv.json";
const OPEN_PORT = "fixtures/reference/open--port.json";
const HELPER_PORT = "fixtures/reference/cli-fw-helper--port.json";
const SRV_NAT_HELPER = "scenarios/server-nat-helper.json";
const TLS = "scenarios/tls-blinds-helper.json";
const REJECT = "scenarios/reject-vs-drop.json";

// jsdom has no SVG transform lists; d3's transform interpolation reads one when a transition
// starts. A minimal stand-in that understands translate(x, y) — all the view uses — keeps the
// travel working here as in a browser.
if (typeof SVGElement !== "undefined" && !("transform" in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, "transform", {
    configurable: true,
    get(this: SVGElement) {
      return {
        baseVal: {
          consolidate: () => {
            const m = /translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)/.exec(this.getAttribute("transform") ?? "");
            return m ? { matrix: { a: 1, b: 0, c: 0, d: 1, e: Number(m[1]), f: Number(m[2]) } } : null;
          },
        },
      };
    },
  });
}

describe("NetworkView", () => {
  it("is a labelled group with a text summary of the step", () => {
    const r = run(OPEN_PASV);
    const { getByRole, getByTestId } = view(r, 1);
    expect(getByRole("group", { name: "Network view" })).toBeTruthy();
    expect(getByTestId("network-summary").textContent).toMatch(/^Step 2 of \d+\. Packet 1: SYN from .* to .*:21, delivered to the server\./);
  });

  it("stops a dropped SYN at the client's wall with ✕ and the rule that dropped it", () => {
    const r = run(CLI_FW_PORT);
    const step = stepWhere(r, (i) => isDropStep(r, i));
    const { container, getByRole } = view(r, step);
    const drop = container.querySelector(".nv-drop");
    expect(drop?.getAttribute("data-drop-at")).toBe("client");
    expect(drop?.textContent).toContain("✕ policy drop");
    const note = container.querySelector('[data-note="drop"]');
    expect(note?.textContent).toContain("✕ client firewall dropped the SYN");
    expect(note?.textContent).toContain("policy drop");
    const packet = getByRole("button");
    expect(packet.getAttribute("aria-label")).toMatch(/^Packet \d+: SYN from 10\.99\.2\.2:20 to 10\.99\.1\.2:\d+, dropped by the client firewall$/);
    // The packet stops on the network side of the client's wall (client is on the left).
    const wall = container.querySelector('[data-wall="client"] rect');
    const wallRight = Number(wall?.getAttribute("x")) + Number(wall?.getAttribute("width"));
    const x = Number(/translate\(([-\d.]+),/.exec(packet.getAttribute("transform") ?? "")?.[1]);
    expect(x).toBeGreaterThan(wallRight);
    // Firewall named on its wall; the open server shows "no firewall".
    expect(container.querySelector('[data-wall="client"]')?.textContent).toContain("client firewall:stateful");
    expect(container.textContent).toContain("no firewall");
  });

  it("leaves a small ✕ and a count at the wall after the drop", () => {
    const r = run(CLI_FW_PORT);
    const step = stepWhere(r, (i) => isDropStep(r, i)) + 1;
    const { container } = view(r, step);
    expect(container.querySelector(".nv-drop")).toBeNull();
    expect(container.querySelectorAll(".nv-drop-small").length).toBeGreaterThan(0);
    expect(container.querySelector('[data-wall="client"]')?.textContent).toContain("✕ 1 dropped");
  });

  it("draws a data connection from its SYN until it closes", () => {
    const r = run(OPEN_PASV);
    const syn = firstSynOf(r, 2);
    expect(view(r, syn - 1).container.querySelector('[data-conn="2"]')).toBeNull();
    cleanup();
    const at = view(r, syn).container.querySelector('[data-conn="2"]');
    expect(at?.getAttribute("data-phase")).toBe("connecting");
    expect(at?.getAttribute("data-purpose")).toBe("data");
    expect(at?.classList.contains("nv-conn--data")).toBe(true);
    cleanup();
    expect(view(r, syn + 2).container.querySelector('[data-conn="2"]')?.getAttribute("data-phase")).toBe("established");
    cleanup();
    const closed = stepWhere(r, (i) => worldAt(r.trace.events, r.timeline, i).connections.some((c) => c.id === 2 && c.phase === "closed"));
    expect(view(r, closed - 1).container.querySelector('[data-conn="2"]')).not.toBeNull();
    cleanup();
    const { container } = view(r, closed);
    expect(container.querySelector('[data-conn="2"]')).toBeNull();
    // The control connection stays.
    expect(container.querySelector('[data-conn="1"]')?.textContent).toContain("control :21");
  });

  it("marks the side that opened each connection", () => {
    const passive = run(OPEN_PASV);
    const a = view(passive, firstSynOf(passive, 2) + 2).container;
    const data = a.querySelector('[data-conn="2"]');
    expect(data?.getAttribute("data-initiator")).toBe("client");
    expect(data?.querySelector("[data-opened-by]")?.textContent).toBe("opened by client →");
    const mid = 1100 / 2;
    expect(Number(data?.querySelector(".nv-conn-origin")?.getAttribute("cx"))).toBeLessThan(mid);
    cleanup();
    const active = run(OPEN_PORT);
    const b = view(active, firstSynOf(active, 2) + 2).container;
    const d2 = b.querySelector('[data-conn="2"]');
    expect(d2?.getAttribute("data-initiator")).toBe("server");
    expect(d2?.querySelector("[data-opened-by]")?.textContent).toBe("← opened by server");
    expect(Number(d2?.querySelector(".nv-conn-origin")?.getAttribute("cx"))).toBeGreaterThan(mid);
    // The control connection is the client's, in both modes.
    expect(b.querySelector('[data-conn="1"]')?.getAttribute("data-initiator")).toBe("client");
    // Port 20 and port 21 are well-known, the client's data port ephemeral.
    expect(d2?.querySelector('[data-port-kind="active-data"]')?.getAttribute("data-socket")).toMatch(/:20$/);
    expect(d2?.querySelector('[data-port-kind="ephemeral"]')).not.toBeNull();
    expect(b.querySelector('[data-conn="1"] [data-port-kind="control"]')?.getAttribute("data-socket")).toMatch(/:21$/);
  });

  it("draws listening sockets apart from connected ones", () => {
    const r = run(OPEN_PASV);
    const { container } = view(r, 1);
    const listening = container.querySelector('[data-listening="10.99.2.2:21"]');
    expect(listening?.querySelector('[data-state="listening"]')).not.toBeNull();
    expect(listening?.textContent).toContain("listening");
    expect(container.querySelectorAll('[data-conn="1"] [data-state="connected"]').length).toBeGreaterThan(0);
  });

  it("marks private addresses as private, and public ones not", () => {
    const r = run(SRV_NAT_HELPER);
    const { container } = view(r, 3);
    const server = container.querySelector('[data-host="server"]');
    const client = container.querySelector('[data-host="client"]');
    expect(server?.querySelector(".nv-ip")?.classList.contains("nv-private")).toBe(true);
    expect(server?.querySelector(".nv-private-badge")?.textContent).toBe("private");
    expect(client?.querySelector(".nv-ip")?.classList.contains("nv-private")).toBe(false);
    expect(client?.querySelector(".nv-private-badge")).toBeNull();
  });

  it("shows a NAT router's rewrite before → after, and its helper's expectation", () => {
    const r = run(SRV_NAT_HELPER);
    const step = stepWhere(r, (i) => (r.timeline.steps[i]?.packet?.expect.length ?? 0) > 0);
    const { container } = view(r, step);
    expect(container.querySelector('[data-nat="server-nat"]')?.classList.contains("nv-nat--active")).toBe(true);
    expect(container.querySelector('[data-nat-text="server-nat"]')?.textContent).toContain("public 203.0.113.5");
    const nat = container.querySelector('[data-note="nat"]')?.textContent ?? "";
    expect(nat).toContain("server NAT router rewrites");
    expect(nat).toContain("10.99.2.20:21 → 203.0.113.5:21");
    expect(nat).toMatch(/\(10,99,2,20,\d+,\d+\)/);
    expect(nat).toMatch(/\(203,0,113,5,\d+,\d+\)/);
    expect(container.querySelector('[data-note="helper"]')?.textContent).toMatch(/expects 198\.51\.100\.20 → 203\.0\.113\.5:\d+/);
  });

  it("shows a host firewall's helper expectation when it is created", () => {
    const r = run(HELPER_PORT);
    const step = stepWhere(r, (i) => (r.timeline.steps[i]?.packet?.expect.length ?? 0) > 0);
    const { container } = view(r, step);
    expect(container.querySelector('[data-note="helper"]')?.textContent).toMatch(/FTP helper of the client firewall.*expects 10\.99\.2\.2 → 10\.99\.1\.2:\d+/);
  });

  it("names the deciding rule when a firewall lets a packet in", () => {
    const r = run(HELPER_PORT);
    const syn = firstSynOf(r, 2);
    const { container } = view(r, syn);
    const ok = [...(container.querySelector('[data-note="ok"]')?.querySelectorAll("text") ?? [])].map((t) => t.textContent).join(" ");
    expect(ok).toContain("✓ client firewall lets the SYN in");
    expect(ok).toContain("ct state established,related accept");
    expect(ok).toContain("conntrack state: related");
  });

  it("labels packets with their flags or command, and 🔒 TLS when encrypted", () => {
    const r = run(TLS);
    const enc = stepWhere(r, (i) => !!sendOf(r, i)?.packet.encrypted);
    expect(view(r, enc).getByRole("button").textContent).toContain("🔒 TLS");
    cleanup();
    const cmd = stepWhere(r, (i) => sendOf(r, i)?.packet.payload.startsWith("AUTH TLS") ?? false);
    expect(view(r, cmd).getByRole("button").textContent).toContain("AUTH TLS");
    cleanup();
    const rej = run(REJECT);
    const rst = stepWhere(rej, (i) => sendOf(rej, i)?.packet.flags.includes("RST") ?? false);
    expect(view(rej, rst).getByRole("button").textContent).toContain("RST");
    cleanup();
    expect(view(rej, 2).getByRole("button").textContent).toContain("SYN-ACK");
  });

  it("masks the password", () => {
    const r = run(OPEN_PASV);
    const step = stepWhere(r, (i) => sendOf(r, i)?.packet.payload.startsWith("PASS") ?? false);
    expect(view(r, step).getByRole("button").textContent).toContain("PASS ****");
  });

  it("shows a failed connection with ✕ for a moment, then removes it", () => {
    const r = run(CLI_FW_PORT);
    const failed = stepWhere(r, (i) => worldAt(r.trace.events, r.timeline, i).connections.some((c) => c.id === 2 && c.phase === "failed"));
    const at = view(r, failed).container.querySelector('[data-conn="2"]');
    expect(at?.getAttribute("data-phase")).toBe("failed");
    expect(at?.textContent).toContain("✕ failed");
    cleanup();
    expect(view(r, failed + 3).container.querySelector('[data-conn="2"]')).toBeNull();
  });

  it("selects the packet by click and by keyboard", () => {
    const r = run(OPEN_PASV);
    const onSelect = vi.fn();
    const { getByRole } = view(r, 4, { onSelectPacket: onSelect });
    const packet = getByRole("button");
    expect(packet.getAttribute("tabindex")).toBe("0");
    fireEvent.click(packet);
    fireEvent.keyDown(packet, { key: "Enter" });
    fireEvent.keyDown(packet, { key: " " });
    const id = sendOf(r, 4)?.packet.id;
    expect(onSelect.mock.calls).toEqual([[id], [id], [id]]);
  });

  it("puts the packet at its end at once with reduced motion, and at its start when it will travel", async () => {
    const r = run(OPEN_PASV);
    const still = view(r, 1, { reducedMotion: true }).getByRole("button").getAttribute("transform");
    cleanup();
    const packet = view(r, 1, { reducedMotion: false }).getByRole("button");
    // The travel (d3-transition) is loaded after the page: wait for it to take the packet back.
    await vi.waitFor(() => expect(packet.getAttribute("transform")).not.toBe(still));
    const moving = packet.getAttribute("transform");
    const x = (t: string | null) => Number(/translate\(([-\d.]+),/.exec(t ?? "")?.[1]);
    // Client → server: it starts left of where it ends.
    expect(x(moving)).toBeLessThan(x(still));
  });

  it("keeps every label at least 12 px on a 390 px phone (tall layout)", () => {
    const r = run(SRV_NAT_HELPER);
    const step = stepWhere(r, (i) => (r.timeline.steps[i]?.packet?.expect.length ?? 0) > 0);
    const { container } = view(r, step, { layout: "tall" });
    const svg = container.querySelector("svg");
    const width = Number(svg?.getAttribute("viewBox")?.split(" ")[2]);
    expect(width).toBeLessThanOrEqual(400);
    const scale = 390 / width;
    const sizes = [...container.querySelectorAll("svg text")].map((t) => Number(t.getAttribute("font-size")));
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes) expect(s * scale).toBeGreaterThanOrEqual(12);
    expect(container.firstElementChild?.getAttribute("data-orientation")).toBe("tall");
  });

  it("draws every step of several traces in both layouts", { timeout: 60_000 }, () => {
    for (const path of [CLI_FW_PORT, "scenarios/client-nat-helper-port.json", "scenarios/server-nat-pasv-private.json"]) {
      const r = run(path);
      for (const layout of ["wide", "tall"] as const) {
        const world0 = worldAt(r.trace.events, r.timeline, 0);
        const { rerender, container } = render(
          <NetworkView trace={r.trace} timeline={r.timeline} step={0} world={world0} selectedPacket={null} reducedMotion layout={layout} />,
        );
        for (let step = 0; step < r.timeline.steps.length; step++) {
          const world = worldAt(r.trace.events, r.timeline, step);
          rerender(<NetworkView trace={r.trace} timeline={r.timeline} step={step} world={world} selectedPacket={null} reducedMotion layout={layout} />);
          const pkt = r.timeline.steps[step]?.packet;
          expect(container.querySelectorAll('[role="button"]').length).toBe(pkt ? 1 : 0);
          expect(container.innerHTML).not.toContain("NaN");
        }
        cleanup();
      }
    }
  });
});

describe("Legend", () => {
  it("explains every mark of the visual language", () => {
    const { container } = render(<Legend />);
    const keys = [...container.querySelectorAll("[data-legend]")].map((li) => li.getAttribute("data-legend"));
    expect(keys).toEqual(expect.arrayContaining(["control", "data", "initiator", "listening", "connected", "drop", "nat", "private", "firewall", "ports"]));
    expect(container.textContent).toContain("✕");
  });
});
