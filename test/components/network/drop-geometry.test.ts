/** Where a drop's ✕, words and counts go (components/network/drop-geometry.ts), without a DOM. */
import { describe, expect, it } from "vitest";
import { dropBox, dropCountAt, recentDropAt } from "../../../components/network/drop-geometry";
import { DROP_R, dropMarkAlong, packetMotion } from "../../../components/network/motion";
import { textWidth, type Rect } from "../../../components/network/layout";
import { ALL, CLI_FW_PORT, CLIENT_NAT_HELPER, laneOf, network, OPEN_PASV, ORIENTATIONS, SERVER_NAT_PRIVATE, SRV_FW_PASV } from "./network-lab";

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const LONG = "✕ dropped by rule 3 of the server firewall: only port 21 is let in from anywhere, everything else is dropped";

describe("dropBox", () => {
  for (const o of ORIENTATIONS) {
    it(`${o}: keeps the ✕ and its words inside the drawing and the box off the ring, for every drop`, () => {
      let n = 0;
      for (const path of ALL) {
        const s = network(path);
        const layout = s.layout(o);
        for (const p of s.scenes.filter((q) => q.drop)) {
          for (const text of [p.dropText ?? "✕", LONG]) {
            const g = dropBox(layout, p, packetMotion(layout, p, laneOf(s, p)).end, text);
            const ring = { x: g.mark.x - DROP_R, y: g.mark.y - DROP_R, w: 2 * DROP_R, h: 2 * DROP_R };
            expect(g.box.x, `${path} step ${p.step}`).toBeGreaterThanOrEqual(0);
            expect(g.box.x + g.box.w).toBeLessThanOrEqual(layout.width);
            expect(g.box.y).toBeGreaterThanOrEqual(0);
            expect(g.box.y + g.box.h).toBeLessThanOrEqual(layout.height);
            expect(overlaps(g.box, ring), `${path} step ${p.step}`).toBe(false);
            expect(g.lines.length).toBeGreaterThan(0);
            expect(g.lines.length).toBeLessThanOrEqual(3);
            for (const l of g.lines) {
              expect(l.y).toBeGreaterThan(g.box.y);
              expect(l.y).toBeLessThan(g.box.y + g.box.h);
              // Each line fits its box (by the width estimate the layout uses).
              expect(textWidth(l.text.length, g.size), l.text).toBeLessThanOrEqual(g.box.w);
            }
            n++;
          }
        }
      }
      expect(n).toBeGreaterThan(4);
    });
  }

  it("wide: puts the words above the ✕, on the sender's side of the wall that dropped it, clear of the sender", () => {
    for (const path of [CLI_FW_PORT, SRV_FW_PASV]) {
      const s = network(path);
      const layout = s.layout("wide");
      const dropped = s.scenes.filter((q) => q.fate === "dropped");
      expect(dropped.length).toBeGreaterThan(0);
      for (const p of dropped) {
        const g = dropBox(layout, p, packetMotion(layout, p, laneOf(s, p)).end, p.dropText!);
        const wall = layout.walls[p.stopAt as "client" | "server"]!.rect;
        expect(overlaps(g.box, wall)).toBe(false);
        expect(g.box.y + g.box.h).toBeLessThanOrEqual(g.mark.y - DROP_R);
        if (p.from === "client") {
          expect(g.box.x + g.box.w).toBeLessThanOrEqual(wall.x);
          expect(g.box.x).toBeGreaterThan(layout.hosts.client.edge);
          expect(g.anchor).toBe("end");
        } else {
          expect(g.box.x).toBeGreaterThanOrEqual(wall.x + wall.w);
          expect(g.box.x + g.box.w).toBeLessThan(layout.hosts.server.edge);
          expect(g.anchor).toBe("start");
        }
      }
    }
  });

  it("tall: puts the words level with the ✕, toward the side with more room", () => {
    const s = network(SRV_FW_PASV);
    const layout = s.layout("tall");
    const p = s.scenes.find((q) => q.fate === "dropped")!;
    const g = dropBox(layout, p, packetMotion(layout, p, laneOf(s, p)).end, p.dropText!);
    expect(g.box.y + g.box.h / 2).toBeCloseTo(g.mark.y, 9);
    if (g.mark.x > layout.width / 2) expect(g.box.x + g.box.w).toBeLessThan(g.mark.x);
    else expect(g.box.x).toBeGreaterThan(g.mark.x);
  });

  it("draws the ✕ as two strokes crossing at the mark", () => {
    const s = network(SERVER_NAT_PRIVATE);
    const layout = s.layout("wide");
    const p = s.scenes.find((q) => q.fate === "lost")!;
    const g = dropBox(layout, p, packetMotion(layout, p, laneOf(s, p)).end, p.dropText!);
    expect(g.mark.x).toBe(dropMarkAlong(layout, p));
    const n = [...g.cross.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
    expect(n).toEqual([g.mark.x - 7, g.mark.y - 7, g.mark.x + 7, g.mark.y + 7, g.mark.x + 7, g.mark.y - 7, g.mark.x - 7, g.mark.y + 7]);
  });
});

describe("dropCountAt", () => {
  it("wide: under the router's box, or under the client's box mid-network; centred", () => {
    const layout = network(CLIENT_NAT_HELPER).layout("wide");
    const nat = layout.nats["client-nat"]!;
    const r = dropCountAt(layout, "client-nat")!;
    expect(r.x).toBe(nat.center);
    expect(r.y).toBeGreaterThan(nat.rect.y + nat.rect.h);
    expect(r.anchor).toBe("middle");
    const net = dropCountAt(layout, "network")!;
    expect(net.x).toBe(layout.mid);
    expect(net.y).toBeGreaterThan(layout.hosts.client.rect.y + layout.hosts.client.rect.h);
    expect(dropCountAt(layout, "server-nat")).toBeNull();
  });

  it("tall: ending inside the router's right edge on its second row; under the zone's name", () => {
    const layout = network(CLIENT_NAT_HELPER).layout("tall");
    const nat = layout.nats["client-nat"]!;
    const r = dropCountAt(layout, "client-nat")!;
    expect(r.anchor).toBe("end");
    expect(r.x).toBeLessThan(nat.rect.x + nat.rect.w);
    expect(r.y).toBe(nat.lines[1]!.y);
    const net = dropCountAt(layout, "network")!;
    expect(net.anchor).toBe("start");
    expect(net.x).toBe(layout.zoneLabel.x);
    expect(net.y).toBeGreaterThan(layout.zoneLabel.y);
  });
});

describe("recentDropAt", () => {
  it("leaves the small ✕ on the drop's lane, 12 before the face that dropped it", () => {
    const layout = network(OPEN_PASV).layout("wide");
    const p = recentDropAt(layout, { node: "server", from: "client", lane: 1 });
    expect(p.x).toBe(layout.wallFace.server - 12);
    expect(p.y).toBe(layout.lanes[1]! + 6);
    const tall = network(OPEN_PASV).layout("tall");
    const q = recentDropAt(tall, { node: "client", from: "server", lane: 0 });
    expect(q.x).toBe(tall.lanes[0]!);
    expect(q.y).toBe(tall.wallFace.client + 12 + 6);
  });
});
