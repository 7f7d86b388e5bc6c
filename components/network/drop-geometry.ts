/**
 * Where a drop's marks go (visual-language.md: "a dropped packet stops at the wall with a cross
 * and the rule that dropped it"): the current packet's ✕ against the face that dropped it with
 * its words in a box beside it, kept inside the drawing and on the sender's side; the small ✕
 * an earlier drop leaves; and each router's or the network's count of drops. Pure: Drops.tsx
 * only draws these.
 */
import type { HostId, NodeId, RouterId } from "../../sim/trace/events";
import { textWidth, type Layout, type Pt, type Rect } from "./layout";
import { wrap } from "../text-wrap";
import type { PacketScene } from "./model";
import { DROP_R, dropMarkAlong, stopAlong } from "./motion";

export interface DropBox {
  /** The ✕'s centre, and its two strokes. */
  readonly mark: Pt;
  readonly cross: string;
  /** The words' box, on the side of the ✕ the packet came from. */
  readonly box: Rect;
  readonly size: number;
  readonly anchor: "start" | "end";
  readonly lines: readonly { readonly text: string; readonly x: number; readonly y: number }[];
}

/**
 * The ✕ of the current dropped packet on its lane (`at` is where the packet stopped) and the box
 * with `text` (at most three lines): wide, above the ✕, its corner at the ✕'s sender side; tall,
 * level with it, toward the side of the drawing with more room.
 */
export function dropBox(layout: Layout, pkt: PacketScene, at: Pt, text: string): DropBox {
  const { fonts } = layout;
  const dir = layout.toward(pkt.from);
  const wide = layout.orientation === "wide";
  const across = wide ? at.y : at.x;
  const mark = layout.pt(dropMarkAlong(layout, pkt), across);
  const size = fonts.base;
  const right = mark.x > layout.width / 2;
  const room = wide ? Math.abs(mark.x - layout.hosts[pkt.from].edge) - 8 : right ? mark.x - DROP_R - 14 : layout.width - mark.x - DROP_R - 14;
  const perLine = Math.max(10, Math.floor(room / (size * 0.6)));
  const lines = wrap(text, perLine).slice(0, 3);
  const lineH = Math.round(size * 1.25);
  const w = Math.min(room, Math.max(...lines.map((l) => textWidth(l.length, size) * 1.02)) + 14);
  const h = lines.length * lineH + 8;
  // The box's corner nearest the ✕.
  const anchorEnd = wide ? dir > 0 : right;
  const bx = wide ? (anchorEnd ? mark.x + DROP_R - w : mark.x - DROP_R) : anchorEnd ? mark.x - DROP_R - 8 - w : mark.x + DROP_R + 8;
  const by = wide ? mark.y - DROP_R - 6 - h : mark.y - h / 2;
  return {
    mark,
    cross: `M${mark.x - 7},${mark.y - 7}L${mark.x + 7},${mark.y + 7}M${mark.x + 7},${mark.y - 7}L${mark.x - 7},${mark.y + 7}`,
    box: { x: bx, y: by, w, h },
    size,
    anchor: anchorEnd ? "end" : "start",
    lines: lines.map((l, i) => ({ text: l, x: anchorEnd ? bx + w - 6 : bx + 6, y: by + 4 + size * 0.95 + i * lineH })),
  };
}

/** Where "✕ 2 dropped" goes for a NAT router (under its box; tall, at its row's right end) or "✕ 1 lost" for the network. */
export function dropCountAt(layout: Layout, node: RouterId | "network"): (Pt & { readonly anchor: "start" | "middle" | "end" }) | null {
  const { fonts } = layout;
  const wide = layout.orientation === "wide";
  let p: Pt;
  if (node === "network") {
    const client = layout.hosts.client.rect;
    p = wide ? { x: layout.mid, y: client.y + client.h + 18 } : { x: layout.zoneLabel.x, y: layout.zoneLabel.y + fonts.small + 6 };
  } else {
    const nat = layout.nats[node];
    if (!nat) return null;
    p = wide ? { x: nat.center, y: nat.rect.y + nat.rect.h + 18 } : { x: nat.rect.x + nat.rect.w - 8, y: nat.lines[1]?.y ?? nat.rect.y };
  }
  return { x: p.x, y: p.y, anchor: wide ? "middle" : node === "network" ? "start" : "end" };
}

/** The small ✕ an earlier drop leaves on its lane, 12 before the face that dropped it (its baseline). */
export function recentDropAt(layout: Layout, drop: { readonly node: NodeId; readonly from: HostId; readonly lane: number }): Pt {
  const p = layout.pt(stopAlong(layout, drop.node, drop.from, 12), layout.lanes[drop.lane] ?? 0);
  return { x: p.x, y: p.y + 6 };
}
