/**
 * Where a connection's marks go: its line from the initiator's socket to the responder's (or to
 * the node that keeps dropping its SYNs), the arrowhead at the far end pointing away from the
 * side that opened it (visual-language.md: "who opened it"), and its labels. Pure: Connection.tsx
 * only draws these.
 */
import { otherHost } from "../../sim/net/hosts";
import type { HostId, NodeId } from "../../sim/trace/events";
import type { World } from "../../sim/trace/world";
import type { Layout, Pt } from "./layout";
import { stopAlong } from "./motion";

/** 3 decimals, as d3-shape's line() rounds its path. */
const round = (v: number) => Math.round(v * 1000) / 1000;

/** A straight segment as an SVG path: written here, as d3-shape (and d3-path) was ~5 kB of the page's first load for it. */
const linePath = (a: Pt, b: Pt): string => `M${round(a.x)},${round(a.y)}L${round(b.x)},${round(b.y)}`;

/** The arrowhead's length along the line (its base is 1.3 of this back, 2 × 0.7 of it wide). */
export const ARROW_LEN = 11;

/** The arrowhead with its tip at `along` on the lane at `across`, pointing in direction `dir`. */
export function arrowheadPath(layout: Layout, along: number, across: number, dir: 1 | -1): string {
  const tip = layout.pt(along, across);
  const back = (k: number, side: number) => layout.pt(along - dir * ARROW_LEN * k, across + side * ARROW_LEN * 0.7);
  return `M${tip.x},${tip.y}L${back(1.3, 1).x},${back(1.3, 1).y}L${back(1.3, -1).x},${back(1.3, -1).y}Z`;
}

/** The node that dropped this connection's last dropped packet, if any did. */
export function lastDrop(world: World, conn: number): NodeId | null {
  for (let i = world.drops.length - 1; i >= 0; i--) {
    const d = world.drops[i];
    if (d && d.packet.conn === conn) return d.node;
  }
  return null;
}

export interface ConnectionGeom {
  /** The initiator's end (where its origin dot goes) and the far end. */
  readonly a: Pt;
  readonly b: Pt;
  readonly line: string;
  readonly arrow: string;
  /** "opened by client →": just past the initiator's wall and NAT. */
  readonly openedBy: Pt;
  /** "control :21" / "data · RETR": mid-network, or mid-line when it ends at a drop. */
  readonly label: Pt;
  /** "✕ failed": the middle of the line (its baseline is a little lower). */
  readonly failAt: Pt;
}

/**
 * A connection on lane `lane`, opened by `initiator`. It reaches the responder's socket when the
 * responder has one (`reached`), else it ends `10` short of `drop`, the node that dropped it.
 */
export function connectionGeometry(layout: Layout, initiator: HostId, lane: number, reached: boolean, drop: NodeId | null): ConnectionGeom {
  const across = layout.lanes[lane] ?? 0;
  const { fonts } = layout;
  const resp = otherHost(initiator);
  const dir = layout.toward(initiator);
  const start = layout.hosts[initiator].edge;
  const end = reached ? layout.hosts[resp].edge : drop ? stopAlong(layout, drop, initiator, 10) : layout.hosts[resp].edge;
  const a = layout.pt(start, across);
  const b = layout.pt(end, across);
  const wide = layout.orientation === "wide";
  const nat = layout.nats[initiator === "client" ? "client-nat" : "server-nat"];
  const past = nat ? nat.publicFace : layout.wallFace[initiator];
  // Clear of a packet on the line (its box is fonts.base + 16 tall).
  const openedByAlong = past + dir * 30;
  const openedBy = wide ? { x: past + dir * 10, y: across - 22 } : layout.pt(openedByAlong, across);
  const middle = drop ? (start + end) / 2 : layout.mid;
  if (wide) return { a, b, line: linePath(a, b), arrow: arrowheadPath(layout, end, across, dir), openedBy, label: { x: middle, y: across + fonts.small + 20 }, failAt: layout.pt((start + end) / 2, across) };
  // Tall, the words share the lane's column: each keeps its place unless it would sit on words
  // placed before it ("opened by", then the purpose), when it moves on past the farthest of them.
  const clear = (along: number, before: readonly number[], gap: number) => {
    if (before.every((b) => Math.abs(along - b) >= gap)) return along;
    return before.reduce((far, b) => ((b - far) * dir > 0 ? b : far)) + dir * gap;
  };
  const labelAlong = clear(middle + 34, [openedByAlong], fonts.small + 6);
  // "✕ failed" (fonts.title + 6) is centred on its point, the others sit on their baselines.
  const failAlong = clear((start + end) / 2, [openedByAlong - 5, labelAlong - 5], fonts.title + 8);
  return { a, b, line: linePath(a, b), arrow: arrowheadPath(layout, end, across, dir), openedBy, label: layout.pt(labelAlong, across), failAt: layout.pt(failAlong, across) };
}
