/** The packet's trip (components/network/motion.ts), without a DOM. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cutLabel, DROP_R, dropMarkAlong, legDurations, NAT_PAUSE_MS, outcomeDelay, packetMotion, packetText, stopAlong, translate, TRAVEL_MS, type Motion } from "../../../components/network/motion";
import type { PacketScene } from "../../../components/network/model";
import { CLI_FW_PORT, CLIENT_NAT_HELPER, laneOf, network, OPEN_PASV, ORIENTATIONS, SERVER_NAT_PRIVATE, SRV_FW_PASV } from "./network-lab";

/** Along and across coordinates of a point, whichever way the layout runs. */
const along = (o: "wide" | "tall", p: { x: number; y: number }) => (o === "wide" ? p.x : p.y);
const across = (o: "wide" | "tall", p: { x: number; y: number }) => (o === "wide" ? p.y : p.x);

describe("packetMotion", () => {
  for (const o of ORIENTATIONS) {
    describe(o, () => {
      it("takes a delivered packet from its sender's socket to its receiver's, on its lane, the box clear of both sockets' edges", () => {
        const s = network(OPEN_PASV);
        const layout = s.layout(o);
        const delivered = s.scenes.filter((p) => p.fate === "delivered");
        expect(delivered.map((p) => p.from)).toEqual(expect.arrayContaining(["client", "server"]));
        for (const p of delivered) {
          const m = packetMotion(layout, p, laneOf(s, p));
          const lane = layout.lanes[laneOf(s, p)];
          const half = (o === "wide" ? m.w : m.h) / 2;
          const dir = p.from === "client" ? 1 : -1;
          expect(across(o, m.start)).toBe(lane);
          expect(across(o, m.end)).toBe(lane);
          // It moves toward the receiver…
          expect((along(o, m.end) - along(o, m.start)) * dir).toBeGreaterThan(0);
          // …leaving 3 units between its box and the sender's edge, and stopping 3 short of the receiver's.
          expect(along(o, m.start) - dir * half).toBeCloseTo(layout.hosts[p.from].edge + dir * 3, 9);
          expect(along(o, m.end) + dir * half).toBeCloseTo(layout.hosts[p.to].edge - dir * 3, 9);
          expect(m.via).toBeNull();
        }
      });

      it("stops a dropped packet on the sender's side of its ✕, the box clear of the ring", () => {
        for (const path of [CLI_FW_PORT, SRV_FW_PASV]) {
          const s = network(path);
          const layout = s.layout(o);
          const dropped = s.scenes.filter((p) => p.fate === "dropped");
          expect(dropped.length, path).toBeGreaterThan(0);
          for (const p of dropped) {
            const m = packetMotion(layout, p, laneOf(s, p));
            const dir = p.from === "client" ? 1 : -1;
            const half = (o === "wide" ? m.w : m.h) / 2;
            const mark = dropMarkAlong(layout, p);
            // The ✕ sits against the face of the wall that dropped it, on the sender's side.
            expect(mark).toBe(layout.wallFace[p.stopAt as "client" | "server"] - dir * (DROP_R + 1));
            // The packet's leading edge is 8 short of the ring.
            expect((mark - dir * DROP_R - (along(o, m.end) + dir * half)) * dir).toBeCloseTo(8, 9);
          }
        }
      });

      it("stops a packet lost in the network halfway across the open Internet, clear of the server's router, short of the ✕ there", () => {
        const s = network(SERVER_NAT_PRIVATE);
        const layout = s.layout(o);
        const lost = s.scenes.find((p) => p.fate === "lost");
        expect(lost).toBeDefined();
        const mark = dropMarkAlong(layout, lost!);
        const dir = lost!.from === "client" ? 1 : -1;
        const router = layout.nats["server-nat"]!;
        // Between the client's wall and the router's public face, the ✕ ring and a margin clear of the router:
        // the router's forward never sees the packet, so it is not drawn at or in it.
        expect(mark).toBe((layout.wallFace.client + router.publicFace) / 2);
        expect((router.publicFace - (mark + dir * DROP_R)) * dir).toBeGreaterThan(DROP_R);
        const m = packetMotion(layout, lost!, laneOf(s, lost!));
        expect((mark - along(o, m.end)) * dir).toBeGreaterThan(DROP_R);
      });

      it("ends a packet still in flight at the middle of the network", () => {
        const s = network(OPEN_PASV);
        const p: PacketScene = { ...s.scenes[0]!, fate: "in-flight" };
        expect(along(o, packetMotion(s.layout(o), p, 0).end)).toBe(s.layout(o).mid);
      });

      it("pauses a packet whose payload a NAT router rewrites at the router, between start and end", () => {
        const s = network(CLIENT_NAT_HELPER);
        const layout = s.layout(o);
        const rewritten = s.scenes.filter((p) => p.label !== p.labelAfterNat);
        expect(rewritten.length).toBeGreaterThan(0);
        for (const p of rewritten) {
          const m = packetMotion(layout, p, laneOf(s, p));
          const nat = layout.nats[p.nat[p.nat.length - 1]!.node]!;
          expect(m.via).not.toBeNull();
          expect(along(o, m.via!)).toBe(nat.center);
          expect(across(o, m.via!)).toBe(across(o, m.start));
          const [lo, hi] = [along(o, m.start), along(o, m.end)].sort((a, b) => a - b);
          expect(nat.center).toBeGreaterThan(lo!);
          expect(nat.center).toBeLessThan(hi!);
          expect(m.before).toContain(p.label.slice(0, 10));
          expect(m.text).toContain(p.labelAfterNat.slice(0, 10));
        }
        // Rewritten only in its addresses (not its payload): no pause.
        const plain = s.scenes.find((p) => p.nat.length > 0 && p.label === p.labelAfterNat);
        expect(plain).toBeDefined();
        expect(packetMotion(layout, plain!, laneOf(s, plain!)).via).toBeNull();
      });

      it("sizes the box for the longer of its two labels", () => {
        const s = network(CLIENT_NAT_HELPER);
        const layout = s.layout(o);
        const p = s.scenes.find((q) => q.label !== q.labelAfterNat)!;
        const short = packetMotion(layout, { ...p, label: "X", labelAfterNat: "X" }, 0);
        const long = packetMotion(layout, { ...p, label: "X", labelAfterNat: "A much longer label" }, 0);
        expect(long.w).toBeGreaterThan(short.w);
        expect(long.h).toBe(short.h);
        expect(short.h).toBe(layout.fonts.base + 16);
      });
    });
  }
});

describe("packetText", () => {
  it("puts the arrow on the side the packet travels toward", () => {
    expect(packetText("SYN", 1, "wide")).toBe("SYN →");
    expect(packetText("SYN", -1, "wide")).toBe("← SYN");
    expect(packetText("SYN", 1, "tall")).toBe("SYN ↓");
    expect(packetText("SYN", -1, "tall")).toBe("SYN ↑");
  });

  it("cuts a long label with an ellipsis at a word's end: 28 characters wide, 24 tall", () => {
    const label = "PORT 10,99,1,2,195,80 and then some more";
    expect(packetText(label, 1, "wide")).toBe("PORT 10,99,1,2,195,80 and… →");
    expect(packetText(label, 1, "tall")).toBe("PORT 10,99,1,2,195,80… ↓");
    expect(packetText("x".repeat(28), 1, "wide")).toBe(`${"x".repeat(28)} →`);
    // One word longer than the room: cut inside it, as nothing else fits.
    expect(packetText("x".repeat(40), 1, "wide")).toBe(`${"x".repeat(27)}… →`);
  });

  it("shows only whole words of the label, so each is in the packet's accessible name (WCAG 2.5.3)", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,9}$/), { minLength: 1, maxLength: 12 }), fc.constantFrom(" ", ",", ": ", "."), (words, sep) => {
        const label = words.join(sep);
        const cut = cutLabel(label, 24);
        expect(cut.length).toBeLessThanOrEqual(24);
        const shown = cut.replace(/…$/, "").split(/[^A-Za-z0-9]+/).filter(Boolean);
        const all = label.split(/[^A-Za-z0-9]+/).filter(Boolean);
        // Whole words, wherever a word ends in the second half of the room.
        const wordEnds = [...label.slice(0, 24)].some((c, i) => i >= 12 && /[^A-Za-z0-9]/.test(c) && /[A-Za-z0-9]/.test(label[i - 1]!));
        if (cut === label || wordEnds) expect(all.slice(0, shown.length)).toEqual(shown);
      }),
    );
  });
});

describe("stopAlong", () => {
  it("stops `gap` before the face of what it reaches, from either side", () => {
    const s = network(CLIENT_NAT_HELPER);
    const layout = s.layout("wide");
    const nat = layout.nats["client-nat"]!;
    expect(nat).toBeDefined();
    // Left to right from the client: the client's own edge, the NAT's private face, the server's wall.
    expect(stopAlong(layout, "client", "client", 5)).toBe(layout.hosts.client.edge + 5);
    expect(stopAlong(layout, "client-nat", "client", 5)).toBe(nat.privateFace - 5);
    expect(stopAlong(layout, "server", "client", 5)).toBe(layout.wallFace.server - 5);
    // From the server (right to left): the NAT's public face, the client's wall.
    expect(stopAlong(layout, "client-nat", "server", 5)).toBe(nat.publicFace + 5);
    expect(stopAlong(layout, "client", "server", 5)).toBe(layout.wallFace.client + 5);
    // Lost in the network: halfway between the router's public face and the server's wall.
    expect(stopAlong(layout, "network", "server", 5)).toBe((nat.publicFace + layout.wallFace.server) / 2);
    // A router the scenario doesn't have: mid-network.
    expect(stopAlong(layout, "server-nat", "client", 5)).toBe(layout.mid);
  });
});

describe("the trip's timing", () => {
  const m = (start: number, via: number | null, end: number): Motion => ({ start: { x: start, y: 50 }, end: { x: end, y: 50 }, via: via === null ? null : { x: via, y: 50 }, before: "a", text: "b", w: 10, h: 10 });

  it("is one leg of TRAVEL_MS without a router pause", () => {
    expect(legDurations(m(0, null, 400))).toEqual({ first: TRAVEL_MS, pause: 0, second: 0 });
    expect(outcomeDelay(m(0, null, 400))).toBe(TRAVEL_MS - 120);
  });

  it("splits TRAVEL_MS by distance around the pause, each leg at least a fifth of it", () => {
    expect(legDurations(m(0, 200, 400))).toEqual({ first: Math.round(TRAVEL_MS / 2), pause: NAT_PAUSE_MS, second: TRAVEL_MS - Math.round(TRAVEL_MS / 2) });
    expect(legDurations(m(400, 300, 0)).first).toBe(Math.round(TRAVEL_MS * 0.25));
    expect(legDurations(m(0, 10, 400)).first).toBe(Math.round(TRAVEL_MS * 0.2));
    expect(legDurations(m(0, 395, 400)).first).toBe(Math.round(TRAVEL_MS * 0.8));
    for (const via of [10, 100, 250, 395]) {
      const l = legDurations(m(0, via, 400));
      expect(l.first + l.second).toBe(TRAVEL_MS);
    }
    expect(outcomeDelay(m(0, 200, 400))).toBe(TRAVEL_MS + NAT_PAUSE_MS - 120);
  });
});

describe("translate", () => {
  it("writes one decimal, as the animation does", () => {
    expect(translate({ x: 1, y: 2.26 })).toBe("translate(1.0,2.3)");
    expect(translate({ x: -3.04, y: 0 })).toBe("translate(-3.0,0.0)");
  });
});
