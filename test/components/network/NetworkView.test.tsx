// @vitest-environment jsdom
import { fireEvent, render, cleanup } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NetworkView } from "../../../components/network/NetworkView";
import { Legend } from "../../../components/Legend";
import { lab, type LabAt } from "../../harness/lab";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

afterEach(cleanup);

/** The network view at a place in a lab, as the lab page draws it, in a layout of its own when given one. */
const draw = (at: LabAt, layout?: "wide" | "tall") => render(<NetworkView {...at.props} layout={layout} />);

const CLI_FW_PORT = "test/fixtures/reference/cli-fw--port.json";
const OPEN_PASV = "test/fixtures/reference/open--pasv.json";
const OPEN_PORT = "test/fixtures/reference/open--port.json";
const HELPER_PORT = "test/fixtures/reference/cli-fw-helper--port.json";
const SRV_NAT_HELPER = "test/scenarios/server-nat-helper.json";
const TLS = "test/scenarios/tls-blinds-helper.json";
const REJECT = "test/scenarios/reject-vs-drop.json";

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
    const { getByRole, getByTestId } = draw(lab(OPEN_PASV).at(1));
    expect(getByRole("group", { name: "Network view" })).toBeTruthy();
    expect(getByTestId("network-summary").textContent).toMatch(/^Step 2 of \d+\. Packet 1: SYN from .* to .*:21, delivered to the server\./);
  });

  it("stops a dropped SYN at the client's wall with ✕ and the rule that dropped it", () => {
    const { container, getByRole } = draw(lab(CLI_FW_PORT).at({ drop: 1 }));
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
    const { container } = draw(lab(CLI_FW_PORT).at(lab(CLI_FW_PORT).stepOf({ drop: 1 }) + 1));
    expect(container.querySelector(".nv-drop")).toBeNull();
    expect(container.querySelectorAll(".nv-drop-small").length).toBeGreaterThan(0);
    expect(container.querySelector('[data-wall="client"]')?.textContent).toContain("✕ 1 dropped");
  });

  it("draws a data connection from its SYN until it closes", () => {
    const pasv = lab(OPEN_PASV);
    const syn = pasv.stepOf({ syn: "data" });
    expect(draw(pasv.at(syn - 1)).container.querySelector('[data-conn="2"]')).toBeNull();
    cleanup();
    const at = draw(pasv.at(syn)).container.querySelector('[data-conn="2"]');
    expect(at?.getAttribute("data-phase")).toBe("connecting");
    expect(at?.getAttribute("data-purpose")).toBe("data");
    expect(at?.classList.contains("nv-conn--data")).toBe(true);
    cleanup();
    expect(draw(pasv.at(syn + 2)).container.querySelector('[data-conn="2"]')?.getAttribute("data-phase")).toBe("established");
    cleanup();
    const closed = pasv.first(({ world }) => world.connections.some((c) => c.id === 2 && c.phase === "closed")).step;
    expect(draw(pasv.at(closed - 1)).container.querySelector('[data-conn="2"]')).not.toBeNull();
    cleanup();
    const { container } = draw(pasv.at(closed));
    expect(container.querySelector('[data-conn="2"]')).toBeNull();
    // The control connection stays.
    expect(container.querySelector('[data-conn="1"]')?.textContent).toContain("control :21");
  });

  it("marks the side that opened each connection", () => {
    const passive = lab(OPEN_PASV);
    const a = draw(passive.at(passive.stepOf({ syn: "data" }) + 2)).container;
    const data = a.querySelector('[data-conn="2"]');
    expect(data?.getAttribute("data-initiator")).toBe("client");
    expect(data?.querySelector("[data-opened-by]")?.textContent).toBe("opened by client →");
    const mid = 1100 / 2;
    expect(Number(data?.querySelector(".nv-conn-origin")?.getAttribute("cx"))).toBeLessThan(mid);
    cleanup();
    const active = lab(OPEN_PORT);
    const b = draw(active.at(active.stepOf({ syn: "data", by: "server" }) + 2)).container;
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
    const { container } = draw(lab(OPEN_PASV).at(1));
    const listening = container.querySelector('[data-listening="10.99.2.2:21"]');
    expect(listening?.querySelector('[data-state="listening"]')).not.toBeNull();
    expect(listening?.textContent).toContain("listening");
    expect(container.querySelectorAll('[data-conn="1"] [data-state="connected"]').length).toBeGreaterThan(0);
  });

  it("marks private addresses as private, and public ones not", () => {
    const { container } = draw(lab(SRV_NAT_HELPER).at(3));
    const server = container.querySelector('[data-host="server"]');
    const client = container.querySelector('[data-host="client"]');
    expect(server?.querySelector(".nv-ip")?.classList.contains("nv-private")).toBe(true);
    expect(server?.querySelector(".nv-private-badge")?.textContent).toBe("private");
    expect(client?.querySelector(".nv-ip")?.classList.contains("nv-private")).toBe(false);
    expect(client?.querySelector(".nv-private-badge")).toBeNull();
  });

  it("shows a NAT router's rewrite before → after, and its helper's expectation", () => {
    const { container } = draw(lab(SRV_NAT_HELPER).at((_e, s) => (s.packet?.expect.length ?? 0) > 0));
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
    const { container } = draw(lab(HELPER_PORT).at((_e, s) => (s.packet?.expect.length ?? 0) > 0));
    expect(container.querySelector('[data-note="helper"]')?.textContent).toMatch(/FTP helper of the client firewall.*expects 10\.99\.2\.2 → 10\.99\.1\.2:\d+/);
  });

  it("names the deciding rule when a firewall lets a packet in", () => {
    const { container } = draw(lab(HELPER_PORT).at({ syn: "data" }));
    const ok = [...(container.querySelector('[data-note="ok"]')?.querySelectorAll("text") ?? [])].map((t) => t.textContent).join(" ");
    expect(ok).toContain("✓ client firewall lets the SYN in");
    expect(ok).toContain("ct state established,related accept");
    expect(ok).toContain("conntrack state: related");
  });

  it("labels packets with their flags or command, and 🔒 TLS when encrypted", () => {
    expect(draw(lab(TLS).at((e) => e.type === "send" && e.packet.encrypted)).getByRole("button").textContent).toContain("🔒 TLS");
    cleanup();
    expect(draw(lab(TLS).at({ command: "AUTH" })).getByRole("button").textContent).toContain("AUTH TLS");
    cleanup();
    expect(draw(lab(REJECT).at((e) => e.type === "send" && e.packet.flags.includes("RST"))).getByRole("button").textContent).toContain("RST");
    cleanup();
    expect(draw(lab(REJECT).at(2)).getByRole("button").textContent).toContain("SYN-ACK");
  });

  it("masks the password", () => {
    expect(draw(lab(OPEN_PASV).at({ command: "PASS" })).getByRole("button").textContent).toContain("PASS ****");
  });

  it("shows a failed connection with ✕ for a moment, then removes it", () => {
    const port = lab(CLI_FW_PORT);
    const failed = port.first(({ world }) => world.connections.some((c) => c.id === 2 && c.phase === "failed")).step;
    const at = draw(port.at(failed)).container.querySelector('[data-conn="2"]');
    expect(at?.getAttribute("data-phase")).toBe("failed");
    expect(at?.textContent).toContain("✕ failed");
    cleanup();
    expect(draw(port.at(failed + 3)).container.querySelector('[data-conn="2"]')).toBeNull();
  });

  it("selects the packet by click and by keyboard", () => {
    const onSelect = vi.fn();
    const at = lab(OPEN_PASV).at(4, { onSelectPacket: onSelect });
    const packet = draw(at).getByRole("button");
    expect(packet.getAttribute("tabindex")).toBe("0");
    fireEvent.click(packet);
    fireEvent.keyDown(packet, { key: "Enter" });
    fireEvent.keyDown(packet, { key: " " });
    const id = at.send?.packet.id;
    expect(onSelect.mock.calls).toEqual([[id], [id], [id]]);
  });

  it("puts the packet at its end at once with reduced motion, and at its start when it will travel", async () => {
    const still = draw(lab(OPEN_PASV).at(1, { reducedMotion: true })).getByRole("button").getAttribute("transform");
    cleanup();
    const packet = draw(lab(OPEN_PASV).at(1, { reducedMotion: false })).getByRole("button");
    // The travel (d3-transition) is loaded after the page: wait for it to take the packet back.
    await vi.waitFor(() => expect(packet.getAttribute("transform")).not.toBe(still));
    const moving = packet.getAttribute("transform");
    const x = (t: string | null) => Number(/translate\(([-\d.]+),/.exec(t ?? "")?.[1]);
    // Client → server: it starts left of where it ends.
    expect(x(moving)).toBeLessThan(x(still));
  });

  it("keeps every label at least 12 px on a 390 px phone (tall layout)", () => {
    const { container } = draw(lab(SRV_NAT_HELPER).at((_e, s) => (s.packet?.expect.length ?? 0) > 0), "tall");
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
    for (const path of [CLI_FW_PORT, "test/scenarios/client-nat-helper-port.json", "test/scenarios/server-nat-pasv-private.json"]) {
      const l = lab(path);
      for (const layout of ["wide", "tall"] as const) {
        const { rerender, container } = draw(l.at(0), layout);
        for (let step = 0; step <= l.last; step++) {
          const at = l.at(step);
          rerender(<NetworkView {...at.props} layout={layout} />);
          expect(container.querySelectorAll('[role="button"]').length).toBe(at.journey ? 1 : 0);
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
