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
import { firstFree } from "./label-slots";

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
 * with `text` (at most three lines). Its first place: wide, above the ✕, its corner at the ✕'s
 * sender side; tall, level with it, toward the side of the drawing with more room. When that
 * place would cover words already drawn (`taken`: the connections' "opened by client →" and
 * purpose, connection-words.ts), it takes the first free place where the words fit of: the
 * other side of the ✕, under the ✕, above a connection's "opened by" row, level with the ✕ past
 * it (wide), or (tall) a row or two along the lane.
 */
export function dropBox(layout: Layout, pkt: PacketScene, at: Pt, text: string, taken: readonly Rect[] = []): DropBox {
  const wide = layout.orientation === "wide";
  const across = wide ? at.y : at.x;
  const mark = layout.pt(dropMarkAlong(layout, pkt), across);
  const options = wide ? wideOptions(layout, pkt, mark) : tallOptions(layout, mark);
  const all = options.map((o) => boxFor(layout, mark, text, o));
  // A place too narrow for the words' longest line is no place (unless there is no other).
  const boxes = all.filter((b) => b.fits).length ? all.filter((b) => b.fits) : all.slice(0, 1);
  const bounds = { x: 0, y: 0, w: layout.width, h: layout.notesTop };
  const pick = boxes[firstFree(boxes.map((b) => b.box), taken, bounds, 3)]!;
  return {
    mark,
    cross: `M${mark.x - 7},${mark.y - 7}L${mark.x + 7},${mark.y + 7}M${mark.x + 7},${mark.y - 7}L${mark.x - 7},${mark.y + 7}`,
    box: pick.box,
    size: pick.size,
    anchor: pick.anchor,
    lines: pick.lines,
  };
}

/** One place for the words: how much room they have, which corner is at the ✕, how far it is. */
interface BoxOption {
  readonly room: number;
  /** The box's end (not its start) is toward the ✕ along x. */
  readonly anchorEnd: boolean;
  /** The box's top, given its height. */
  readonly top: (h: number) => number;
  /** Its corner's x, given its width. */
  readonly x: (w: number) => number;
}

function wideOptions(layout: Layout, pkt: PacketScene, mark: Pt): BoxOption[] {
  const dir = layout.toward(pkt.from);
  const toSender = Math.abs(mark.x - layout.hosts[pkt.from].edge) - 8;
  const toReceiver = Math.abs(layout.wallFace[pkt.to] - mark.x) - 8;
  const above = (h: number) => mark.y - DROP_R - 6 - h;
  const below = () => mark.y + DROP_R + 6;
  // Above a connection's "opened by" row (22 over its lane, fonts.small high).
  const higher = (h: number) => mark.y - 22 - layout.fonts.small - 6 - h;
  const senderSide = { room: toSender, anchorEnd: dir > 0, x: (w: number) => (dir > 0 ? mark.x + DROP_R - w : mark.x - DROP_R) };
  const receiverSide = { room: toReceiver, anchorEnd: dir < 0, x: (w: number) => (dir < 0 ? mark.x + DROP_R - w : mark.x - DROP_R) };
  // Centred over the ✕, its words read from the box's start.
  const centred = { room: 2 * Math.min(toSender, toReceiver), anchorEnd: false, x: (w: number) => mark.x - w / 2 };
  // Last, beside the ✕ past it: the lane beyond a lost packet is empty (the line ends at the ✕).
  const beyond = {
    room: toReceiver - DROP_R - 8,
    anchorEnd: dir < 0,
    x: (w: number) => (dir < 0 ? mark.x - DROP_R - 8 - w : mark.x + DROP_R + 8),
    // Its foot just under the lane, clear of the connection's purpose a row below.
    top: (h: number) => mark.y + 10 - h,
  };
  return [...[above, below, higher].flatMap((top) => [senderSide, receiverSide, centred].map((side) => ({ ...side, top }))), beyond];
}

function tallOptions(layout: Layout, mark: Pt): BoxOption[] {
  const right = mark.x > layout.width / 2;
  const leftRoom = mark.x - DROP_R - 14;
  const rightRoom = layout.width - mark.x - DROP_R - 14;
  const toLeft = { room: leftRoom, anchorEnd: true, x: (w: number) => mark.x - DROP_R - 8 - w };
  const toRight = { room: rightRoom, anchorEnd: false, x: () => mark.x + DROP_R + 8 };
  const [first, second] = right ? [toLeft, toRight] : [toRight, toLeft];
  const level = (h: number) => mark.y - h / 2;
  const row = layout.fonts.small + 10;
  const along = (rows: number) => (h: number) => mark.y - h / 2 + rows * row;
  return [first, second].flatMap((side) => [level, along(-1), along(1), along(2), along(-2)].map((top) => ({ ...side, top })));
}

function boxFor(layout: Layout, mark: Pt, text: string, o: BoxOption): Omit<DropBox, "mark" | "cross"> & { readonly fits: boolean } {
  const size = layout.fonts.base;
  const perLine = Math.max(10, Math.floor(o.room / (size * 0.6)));
  const lines = wrap(text, perLine).slice(0, 3);
  const lineH = Math.round(size * 1.25);
  const need = Math.max(...lines.map((l) => textWidth(l.length, size) * 1.02)) + 14;
  const w = Math.max(0, Math.min(o.room, need));
  const h = lines.length * lineH + 8;
  const bx = o.x(w);
  const by = o.top(h);
  return {
    fits: w >= need,
    box: { x: bx, y: by, w, h },
    size,
    anchor: o.anchorEnd ? "end" : "start",
    lines: lines.map((l, i) => ({ text: l, x: o.anchorEnd ? bx + w - 6 : bx + 6, y: by + 4 + size * 0.95 + i * lineH })),
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
