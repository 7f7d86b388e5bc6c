/** A connection's line, arrowhead and labels (components/network/connection-geometry.ts), without a DOM. */
import { describe, expect, it } from "vitest";
import { ARROW_LEN, arrowheadPath, connectionGeometry, lastDrop } from "../../../components/network/connection-geometry";
import type { World } from "../../../sim/trace/world";
import { CLIENT_NAT_HELPER, network, OPEN_PASV, ORIENTATIONS } from "./network-lab";

/** The points of an "M…L…L…Z" path. */
const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));

describe("arrowheadPath", () => {
  for (const o of ORIENTATIONS) {
    it(`${o}: has its tip at the end of the line and points along it, away from the initiator`, () => {
      const layout = network(OPEN_PASV).layout(o);
      const lane = layout.lanes[0]!;
      for (const dir of [1, -1] as const) {
        const [tip, b1, b2] = points(arrowheadPath(layout, 500, lane, dir));
        expect(tip).toEqual(layout.pt(500, lane));
        const base = { x: (b1!.x + b2!.x) / 2, y: (b1!.y + b2!.y) / 2 };
        // The tip is ARROW_LEN × 1.3 ahead of the base's middle, along the line, in `dir`.
        const ahead = o === "wide" ? { along: tip!.x - base.x, across: tip!.y - base.y } : { along: tip!.y - base.y, across: tip!.x - base.x };
        expect(ahead.along).toBeCloseTo(dir * ARROW_LEN * 1.3, 9);
        expect(ahead.across).toBeCloseTo(0, 9);
        // The base is square to the line and 2 × 0.7 × ARROW_LEN wide.
        const width = o === "wide" ? Math.abs(b1!.y - b2!.y) : Math.abs(b1!.x - b2!.x);
        expect(width).toBeCloseTo(2 * 0.7 * ARROW_LEN, 9);
      }
    });
  }
});

describe("connectionGeometry", () => {
  for (const o of ORIENTATIONS) {
    it(`${o}: runs from the initiator's socket edge to the responder's, the arrow at the responder`, () => {
      const layout = network(OPEN_PASV).layout(o);
      for (const init of ["client", "server"] as const) {
        const resp = init === "client" ? "server" : "client";
        const g = connectionGeometry(layout, init, 1, true, null);
        const lane = layout.lanes[1]!;
        expect(g.a).toEqual(layout.pt(layout.hosts[init].edge, lane));
        expect(g.b).toEqual(layout.pt(layout.hosts[resp].edge, lane));
        expect(points(g.line)).toEqual([g.a, g.b]);
        expect(points(g.arrow)[0]).toEqual(g.b);
        // The label in the middle of the network; the "failed" mark in the middle of the line.
        expect(o === "wide" ? g.label.x : g.label.y).toBe(layout.mid + (o === "wide" ? 0 : 34));
        expect(g.failAt).toEqual(layout.pt((layout.hosts[init].edge + layout.hosts[resp].edge) / 2, lane));
      }
    });
  }

  it("ends 10 short of the node that dropped its SYN, with its label mid-line", () => {
    const layout = network(OPEN_PASV).layout("wide");
    const g = connectionGeometry(layout, "client", 1, false, "server");
    expect(g.b.x).toBe(layout.wallFace.server - 10);
    expect(g.label.x).toBe((layout.hosts.client.edge + g.b.x) / 2);
    // Reached after all (the responder has its socket): to the responder's edge.
    expect(connectionGeometry(layout, "client", 1, true, "server").b.x).toBe(layout.hosts.server.edge);
  });

  it("writes who opened it just past the initiator's NAT router, or its wall, clear above the lane (wide)", () => {
    const nat = network(CLIENT_NAT_HELPER).layout("wide");
    const g = connectionGeometry(nat, "client", 0, true, null);
    expect(g.openedBy.x).toBe(nat.nats["client-nat"]!.publicFace + 10);
    expect(g.openedBy.y).toBeLessThan(nat.lanes[0]! - nat.fonts.base / 2);
    const open = network(OPEN_PASV).layout("wide");
    expect(connectionGeometry(open, "server", 0, true, null).openedBy.x).toBe(open.wallFace.server - 10);
  });
});

describe("lastDrop", () => {
  it("names the node of the connection's latest drop, or null", () => {
    const drop = (conn: number, node: string) => ({ type: "drop", node, packet: { conn } });
    const world = { drops: [drop(2, "client"), drop(3, "server"), drop(2, "client-nat")] } as unknown as World;
    expect(lastDrop(world, 2)).toBe("client-nat");
    expect(lastDrop(world, 3)).toBe("server");
    expect(lastDrop(world, 1)).toBeNull();
  });
});
