/**
 * A packet's trip along its link, as numbers: where it leaves its sender, where it stops (the
 * receiver's socket, short of the ✕ that dropped it, or mid-network), where a NAT router that
 * rewrites it makes it pause, and how long each leg takes. Pure, so it is tested without a DOM:
 * NetworkView draws the packet at `end`, packet-motion.ts moves it there from `start`.
 */
import type { HostId, NodeId } from "../../sim/trace/events";
import { textWidth, type Layout, type Orientation, type Pt } from "./layout";
import { hostOfRouter } from "../../sim/net/hosts";
import type { PacketScene } from "./model";

/** How long one packet's travel takes (without a NAT pause). */
export const TRAVEL_MS = 750;
/** How long a packet waits in a NAT router that rewrites it, before going on with its new label. */
export const NAT_PAUSE_MS = 250;
/** The ✕ ring's radius. */
export const DROP_R = 14;

export interface Motion {
  start: Pt;
  end: Pt;
  /** Where a NAT router rewrites its payload, when one does. */
  via: Pt | null;
  /** Its label before that rewrite. */
  before: string;
  w: number;
  h: number;
  text: string;
}

/** The SVG transform that puts a packet's <g> at `p` (one decimal, as the animation writes it). */
export const translate = (p: Pt) => `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;

/** The along coordinate of a host's outermost box toward the Internet: its NAT router's public face, else its wall's face. */
function outerFace(layout: Layout, h: HostId): number {
  for (const [id, nat] of Object.entries(layout.nats)) if (nat && hostOfRouter(id as keyof Layout["nats"]) === h) return nat.publicFace;
  return layout.wallFace[h];
}

/**
 * Where a packet lost in the network ("private address unreachable") is drawn: halfway across the
 * open Internet, between the two sides' outermost boxes — never in or against a router, which
 * would say the router saw it (a server-side router's forward never does).
 */
export function lossAlong(layout: Layout): number {
  return (outerFace(layout, "client") + outerFace(layout, "server")) / 2;
}

/** The along coordinate where something coming from `from` stops at `node`, `gap` before it. */
export function stopAlong(layout: Layout, node: NodeId, from: HostId, gap: number): number {
  const dir = layout.toward(from);
  if (node === "network") return lossAlong(layout);
  if (node === "client" || node === "server") {
    if (node === from) return layout.hosts[from].edge + dir * gap;
    return layout.wallFace[node] - dir * gap;
  }
  // Only a session with more hosts has these; multi-layout.ts draws it.
  if (node === "relay" || node === "server-b") return layout.mid;
  const nat = layout.nats[node];
  if (!nat) return layout.mid;
  return hostOfRouter(node) === from ? nat.privateFace - dir * gap : nat.publicFace - dir * gap;
}

/** Where the ✕ of a dropped packet goes: against the wall or router face, or mid-network. */
export function dropMarkAlong(layout: Layout, pkt: PacketScene): number {
  return pkt.stopAt === "network" ? lossAlong(layout) : stopAlong(layout, pkt.stopAt, pkt.from, DROP_R + 1);
}

const WORD_CHAR = /[A-Za-z0-9]/;

/**
 * `label` cut to at most `max` characters with "…", at the end of a word where one ends in its
 * second half: every word shown is then whole in the packet's accessible name, which starts with
 * the full label (WCAG 2.5.3, label in name: "Binary" is said, so "Bi…" must not be shown).
 */
export function cutLabel(label: string, max: number): string {
  if (label.length <= max) return label;
  for (let i = max - 1; i >= max / 2; i--) {
    if (!WORD_CHAR.test(label[i]!) && WORD_CHAR.test(label[i - 1]!)) return `${label.slice(0, i)}…`;
  }
  return `${label.slice(0, max - 1).trimEnd()}…`;
}

/** A packet's label as drawn: cut to fit, with an arrow on the side it travels toward. */
export function packetText(label: string, dir: 1 | -1, orientation: Orientation): string {
  const arrow = orientation === "wide" ? (dir > 0 ? "→" : "←") : dir > 0 ? "↓" : "↑";
  const max = orientation === "wide" ? 28 : 24;
  const l = cutLabel(label, max);
  return dir > 0 || orientation === "tall" ? `${l} ${arrow}` : `${arrow} ${l}`;
}

/** The packet's box and the points of its trip, on its connection's lane. */
export function packetMotion(layout: Layout, pkt: PacketScene, lane: number): Motion {
  const { fonts } = layout;
  const dir = layout.toward(pkt.from);
  const before = packetText(pkt.label, dir, layout.orientation);
  const text = packetText(pkt.labelAfterNat, dir, layout.orientation);
  const w = Math.ceil(textWidth(Math.max([...text].length, [...before].length), fonts.base, true) * 0.98 + 22);
  const h = fonts.base + 16;
  const half = layout.orientation === "wide" ? w / 2 : h / 2;
  const across = layout.lanes[lane] ?? layout.lanes[0] ?? 0;
  // It leaves its sender's socket and, delivered, ends touching the receiver's (over the wall
  // it passed, if there is one); dropped, it stops short of the ✕.
  const from = layout.hosts[pkt.from].edge + dir * (half + 3);
  let to: number;
  if (pkt.fate === "delivered") to = layout.hosts[pkt.to].edge - dir * (half + 3);
  else if (pkt.fate === "in-flight") to = layout.mid;
  else to = dropMarkAlong(layout, pkt) - dir * (DROP_R + 8 + half);
  // A router that rewrites what it carries: the packet pauses there and changes its label.
  const rewriter = before !== text ? pkt.nat[pkt.nat.length - 1]?.node : undefined;
  const nat = rewriter ? layout.nats[rewriter] : undefined;
  const via = nat && (nat.center - from) * dir > 0 && (to - nat.center) * dir > 0 ? layout.pt(nat.center, across) : null;
  return { start: layout.pt(from, across), end: layout.pt(to, across), via, w, h, text, before };
}

/**
 * The two legs of a trip through a rewriting router: the first takes its share of TRAVEL_MS by
 * distance (kept within 20–80 %), the pause, then the rest. Without `via`, one leg of TRAVEL_MS.
 */
export function legDurations(motion: Motion): { first: number; pause: number; second: number } {
  if (!motion.via) return { first: TRAVEL_MS, pause: 0, second: 0 };
  const share =
    (Math.abs(motion.via.x - motion.start.x) + Math.abs(motion.via.y - motion.start.y)) /
    (Math.abs(motion.end.x - motion.start.x) + Math.abs(motion.end.y - motion.start.y) || 1);
  const first = Math.round(TRAVEL_MS * Math.min(0.8, Math.max(0.2, share)));
  return { first, pause: NAT_PAUSE_MS, second: TRAVEL_MS - first };
}

/** When the outcome (verdict, ✕, notes) fades in: just before the packet arrives. */
export const OUTCOME_FADE_MS = 220;
export function outcomeDelay(motion: Motion): number {
  return (motion.via ? TRAVEL_MS + NAT_PAUSE_MS : TRAVEL_MS) - 120;
}
