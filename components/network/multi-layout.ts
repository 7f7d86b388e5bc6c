/**
 * The network view of a session with three hosts (sim/scenario/hosts.ts's hostsOf order): a
 * server-to-server transfer (client, server A, server B) or a relay in front of the server
 * (client, relay, server). The hosts stand along one axis as in the two-host drawing (wide: left
 * to right; tall, a phone: top to bottom) and every connection runs in its own row across it,
 * from the face of one host to the face of the other:
 *
 * - FXP: client → server A's control connection in the first row; server B → server A's data
 *   connection in the next rows, between the two servers (it never touches the client); the
 *   client → server B control connection in the last rows, passing under server A's box, which
 *   covers only its own rows.
 * - Relay: the relay's box covers every row; a row holds the client's connection to the relay
 *   and the relay's own connection to the server, one on each side of it: one logical
 *   connection, two TCP connections.
 *
 * Walls (a host's firewall) and NAT routers stand across a host's rows just outside its faces.
 * Pure: MultiNetwork.tsx draws these; tests read them without a DOM.
 */
import { hostConfig, hostsOf } from "../../sim/scenario/hosts";
import type { Scenario } from "../../sim/scenario/schema";
import type { HostId, NodeId } from "../../sim/trace/events";
import { middleName } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import type { Trace } from "../../sim/trace/trace";
import type { ConnectionState } from "../../sim/trace/world";
import { responderOf } from "../trace-hosts";
import { bandHeight, notePlacer, pointScale, type Fonts, type Orientation, type PlacedNote, type Pt, type Rect } from "./layout";
import { isOpenFirewall, notesAt, type Note, type NoteSide, type PacketScene, type TraceIndex } from "./model";

const FAILED_LINGER = 2;
const MONO_EM = 0.6;

export interface MultiHostBox {
  readonly id: HostId;
  /** Its place along the axis (0: the client). */
  readonly index: number;
  readonly rect: Rect;
  /** Its words, top down: title, address, then further lines (role, what a relay maps, "no firewall"). */
  readonly title: Pt;
  readonly ip: Pt;
  readonly lines: readonly Pt[];
  /** Each listening socket's pill centre. */
  readonly listeners: readonly Pt[];
  /** Along coordinates of its two faces' pill edges: toward the host before it and after it. */
  readonly lo: number;
  readonly hi: number;
}

/** A host's firewall (a wall) or NAT router across the rows of one of its faces. */
export interface Barrier {
  readonly kind: "wall" | "nat";
  readonly host: HostId;
  /** The host on the other side of that face. */
  readonly toward: 1 | -1;
  readonly rect: Rect;
  /** Along: its face toward the outside (where a packet from outside stops). */
  readonly outer: number;
  readonly inner: number;
  readonly label: Pt & { readonly anchor: "start" | "middle" | "end" };
}


export interface MultiLayout {
  readonly orientation: Orientation;
  readonly width: number;
  readonly height: number;
  readonly fonts: Fonts;
  readonly charW: number;
  readonly pill: { readonly w: number; readonly h: number; readonly twoLine: boolean };
  readonly hosts: readonly MultiHostBox[];
  /** Each connection's row (its across coordinate). */
  readonly row: ReadonlyMap<number, number>;
  /** The host each connection is drawn to (a SYN to an address behind the relay stops at the relay). */
  readonly far: ReadonlyMap<number, HostId>;
  readonly barriers: readonly Barrier[];
  readonly zones: readonly (Pt & { readonly text: string; readonly anchor: "start" | "middle" })[];
  readonly notesTop: number;
  readonly placeNotes: (notes: readonly Note[]) => PlacedNote[];
  /** (along, across) → SVG. */
  readonly pt: (along: number, across: number) => Pt;
}

export const hostBox = (l: MultiLayout, h: HostId): MultiHostBox => l.hosts.find((b) => b.id === h) ?? l.hosts[0]!;

/** Along the axis from `from` toward `to`: +1 or -1. */
export function towardOf(l: MultiLayout, from: HostId, to: HostId): 1 | -1 {
  return hostBox(l, to).index >= hostBox(l, from).index ? 1 : -1;
}

/** The edge of `h`'s pills on its face toward `to`, where its connections start. */
export function faceEdge(l: MultiLayout, h: HostId, to: HostId): number {
  const b = hostBox(l, h);
  return towardOf(l, h, to) > 0 ? b.hi : b.lo;
}

/** A pill's centre on `h`'s face toward `to`, in row `across`. */
export function pillAt(l: MultiLayout, h: HostId, to: HostId, across: number): Pt {
  const half = (l.orientation === "wide" ? l.pill.w : l.pill.h) / 2;
  return l.pt(faceEdge(l, h, to) - towardOf(l, h, to) * half, across);
}

/** The host a connection is drawn to: its responder, or the relay when that stands in the way. */
export function drawnFar(s: Scenario, c: Pick<ConnectionState, "initiator" | "to">): HostId {
  const r = responderOf(s, c);
  if (s.server.relay && ((c.initiator === "client" && r === "server") || (c.initiator === "server" && r === "client"))) return "relay";
  return r;
}

/** Where on the way from `from` a packet stops at `node`, `gap` before it (along). */
export function stopAlongMulti(l: MultiLayout, node: NodeId, from: HostId, to: HostId, gap: number): number {
  const dir = towardOf(l, from, to);
  const start = faceEdge(l, from, to);
  const end = faceEdge(l, to, from);
  if (node === "network") return (start + end) / 2;
  const host: HostId = node === "client-nat" ? "client" : node === "server-nat" ? "server" : node === "server-b-nat" ? "server-b" : node;
  if (host === from) return start + dir * gap;
  const face = (-dir) as 1 | -1;
  const kind = node === host ? "wall" : "nat";
  const b = l.barriers.find((x) => x.host === host && x.kind === kind && x.toward === face);
  if (b) return b.outer - dir * gap;
  if (host === to) return end - dir * gap;
  return (start + end) / 2;
}

function rowsOf(trace: Trace, index: TraceIndex, hosts: readonly HostId[]) {
  const s = trace.scenario;
  const mid = hosts[1]!;
  const at = (h: HostId) => hosts.indexOf(h);
  const share = !!s.server.relay;
  const conns = [...index.conns.values()].sort((a, b) => a.appear - b.appear || a.id - b.id);
  const far = new Map<number, HostId>();
  const span = new Map<number, [number, number]>();
  for (const c of conns) {
    const f = drawnFar(s, c);
    far.set(c.id, f);
    const [i, j] = [at(c.initiator), at(f)].sort((a, b) => a - b) as [number, number];
    span.set(c.id, [i, j]);
  }
  const touches = (id: number) => span.get(id)!.includes(at(mid));
  const rows: { id: number; until: number; span: [number, number] }[][] = [];
  const row = new Map<number, number>();
  const place = (group: typeof conns, from: number) => {
    let used = from;
    for (const c of group) {
      const sp = span.get(c.id)!;
      const until = Math.max(c.last, c.failStep ?? 0) + FAILED_LINGER;
      let r = from;
      for (; r < rows.length; r++) {
        const ok = rows[r]!.every((o) => o.until < c.appear || (share && Math.max(o.span[0], sp[0]) >= Math.min(o.span[1], sp[1])));
        if (ok) break;
      }
      (rows[r] ??= []).push({ id: c.id, until, span: sp });
      row.set(c.id, r);
      used = Math.max(used, r + 1);
    }
    return used;
  };
  // Control connections above data ones, as in the two-host drawing; in an FXP session, the rows
  // of server A's connections first (its box covers them), then the one that passes it by.
  const order = (g: typeof conns) => [...g.filter((c) => c.purpose === "control"), ...g.filter((c) => c.purpose === "data")];
  const own = conns.filter((c) => touches(c.id));
  const passing = conns.filter((c) => !touches(c.id));
  const ownRows = Math.max(1, place(order(own), 0));
  const total = Math.max(ownRows, place(order(passing), ownRows));
  return { row, far, ownRows, total };
}

const hasWall = (s: Scenario, h: HostId) => !isOpenFirewall(hostConfig(s, h).firewall);

/** The words under a host's address: what it runs, what a relay maps, "no firewall". */
export function hostLines(s: Scenario, h: HostId): string[] {
  const out: string[] = [];
  if (h === "client") out.push(`FTP client (${s.client.software})`);
  else if (h === "relay") {
    const r = s.server.relay!;
    const ports = r.ports.map((p) => (typeof p === "number" ? String(p) : `${p[0]}–${p[1]}`)).join(", ");
    out.push("TCP relay (socat)", `maps ${ports}`);
  } else out.push(`FTP server (${hostConfig(s, h) === s.server ? s.server.software : s.fxp!.server.software})`);
  if (!hasWall(s, h)) out.push("no firewall");
  return out;
}

/** A firewall's name beside its wall: the relay's says what it lets through. */
export function wallName(s: Scenario, h: HostId): string {
  if (h === "relay") return "firewall: mapped ports only";
  const f = hostConfig(s, h).firewall;
  return `firewall: ${typeof f === "string" ? f : `policy ${f.policy}`}`;
}

interface Ctx {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly index: TraceIndex;
}

export function computeMultiLayout(trace: Trace, timeline: Timeline, index: TraceIndex, orientation: Orientation, width: number): MultiLayout {
  const ctx: Ctx = { trace, timeline, index };
  return orientation === "wide" ? wide(ctx, width) : tall(ctx, Math.min(799, Math.max(340, width)));
}

function allNotes(ctx: Ctx): Note[][] {
  const out: Note[][] = [];
  for (let s = 0; s < ctx.timeline.steps.length; s++) out.push(notesAt(ctx.trace, ctx.timeline, ctx.index, s));
  return out;
}

/** The barriers (walls, NAT routers) of each host, outside the faces it has connections on. */
function barriersOf(s: Scenario, hosts: readonly HostId[], box: (h: HostId) => { lo: number; hi: number; across: [number, number] }, wallW: number, natW: number, gap: number, pt: (a: number, b: number) => Pt): Barrier[] {
  const out: Barrier[] = [];
  hosts.forEach((h, i) => {
    const faces: (1 | -1)[] = i === 0 ? [1] : i === hosts.length - 1 ? [-1] : [-1, 1];
    const b = box(h);
    for (const dir of faces) {
      let along = dir > 0 ? b.hi + 8 + gap : b.lo - 8 - gap;
      const [a0, a1] = b.across;
      const add = (kind: "wall" | "nat", size: number) => {
        const inner = along;
        const outer = along + dir * size;
        const p0 = pt(Math.min(inner, outer), a0);
        const p1 = pt(Math.max(inner, outer), a1);
        const rect = { x: Math.min(p0.x, p1.x), y: Math.min(p0.y, p1.y), w: Math.abs(p1.x - p0.x), h: Math.abs(p1.y - p0.y) };
        const label = pt(kind === "wall" ? inner : (inner + outer) / 2, a0);
        out.push({ kind, host: h, toward: dir, rect, inner, outer, label: { ...label, anchor: "middle" } });
        along = outer + dir * 10;
      };
      if (hasWall(s, h)) add("wall", wallW);
      const nat = h === "relay" ? null : hostConfig(s, h).nat;
      if (nat) add("nat", natW);
    }
  });
  return out;
}

function wide(ctx: Ctx, containerWidth: number): MultiLayout {
  const { trace, index } = ctx;
  const s = trace.scenario;
  const hosts = hostsOf(s);
  const fonts: Fonts = { title: 20, base: 16, small: 14, mono: 15 };
  const charW = fonts.mono * MONO_EM;
  const m = 12;
  const top = 8;
  const chars = Math.max(13, ...hosts.map((h) => index.socketChars[h]));
  const pillW = Math.ceil(chars * charW + 24);
  const pillH = 32;
  const rows = rowsOf(trace, index, hosts);
  const share = !!s.server.relay;
  const endW = Math.max(196, pillW + 20);
  const midW = share ? 2 * pillW + 44 : Math.max(220, pillW + 28);
  const W = Math.max(Math.min(Math.max(containerWidth, 980), 1180), 2 * m + 2 * endW + midW + 2 * 200);
  const lines = hosts.map((h) => hostLines(s, h).length);
  const listeners = hosts.map((h) => (h === "relay" ? 0 : index.maxListeners[h]));
  const listenRow = 46;
  const headerH = (i: number) => 62 + lines[i]! * 22 + listeners[i]! * listenRow;
  const laneTop = top + Math.max(...hosts.map((_, i) => headerH(i))) + 52;
  const laneGap = 94;
  const rowY = pointScale(rows.total, [laneTop, laneTop + laneGap * (rows.total - 1)]);
  const rowYs = Array.from({ length: rows.total }, (_, i) => rowY(i));
  const lastY = rowYs[rowYs.length - 1] ?? laneTop;
  const bottom = lastY + pillH / 2 + 26;
  const midBottom = share ? bottom : (rowYs[rows.ownRows - 1] ?? laneTop) + pillH / 2 + 26;
  const xs = [m, (W - midW) / 2, W - m - endW];
  const widths = [endW, midW, endW];
  const boxes: MultiHostBox[] = hosts.map((h, i) => {
    const x = xs[i]!;
    const w = widths[i]!;
    const h2 = (i === 1 ? midBottom : bottom) - top;
    return {
      id: h,
      index: i,
      rect: { x, y: top, w, h: h2 },
      title: { x: x + 14, y: top + 28 },
      ip: { x: x + 14, y: top + 54 },
      lines: Array.from({ length: lines[i]! }, (_, k) => ({ x: x + 14, y: top + 78 + k * 22 })),
      listeners: Array.from({ length: listeners[i]! }, (_, k) => ({ x: x + 10 + pillW / 2, y: top + 62 + lines[i]! * 22 + 14 + k * listenRow + pillH / 2 })),
      lo: x + 8,
      hi: x + w - 8,
    };
  });
  const pt = (along: number, across: number): Pt => ({ x: along, y: across });
  const barriers = barriersOf(
    s,
    hosts,
    (h) => {
      const b = boxes.find((x) => x.id === h)!;
      return { lo: b.lo, hi: b.hi, across: [laneTop - 40, (b.index === 1 ? midBottom : bottom) - 6] };
    },
    16,
    150,
    12,
    pt,
  );
  // Barrier labels sit above their bars, clear of the lanes.
  const placed = barriers.map((b) => ({ ...b, label: { x: b.toward < 0 ? b.rect.x + b.rect.w : b.rect.x, y: b.rect.y - 8, anchor: b.toward < 0 ? ("end" as const) : ("start" as const) } }));
  const zoneY = laneTop - 62;
  const zones: MultiLayout["zones"] = [
    { x: (xs[0]! + endW + xs[1]!) / 2, y: share ? zoneY : bottom + 24, text: middleName(s), anchor: "middle" },
    ...(share ? [{ x: (xs[1]! + midW + xs[2]!) / 2, y: zoneY, text: "server LAN", anchor: "middle" as const }] : []),
  ];
  const notesTop = bottom + 44;
  const gap = 10;
  const third = (W - 2 * m - 2 * gap) / 3;
  const slots: Record<NoteSide, Rect> = {
    client: { x: m, y: notesTop, w: third, h: 0 },
    network: { x: m + third + gap, y: notesTop, w: third, h: 0 },
    server: { x: m + 2 * (third + gap), y: notesTop, w: third, h: 0 },
  };
  const placeNotes = notePlacer(fonts, slots, false);
  const bandH = Math.max(90, bandHeight(placeNotes, allNotes(ctx), notesTop));
  return {
    orientation: "wide",
    width: W,
    height: Math.ceil(notesTop + bandH + 10),
    fonts,
    charW,
    pill: { w: pillW, h: pillH, twoLine: false },
    hosts: boxes,
    row: new Map([...rows.row].map(([id, r]) => [id, rowYs[r] ?? laneTop])),
    far: rows.far,
    barriers: placed,
    zones,
    notesTop,
    placeNotes,
    pt,
  };
}

function tall(ctx: Ctx, W: number): MultiLayout {
  const { trace, index } = ctx;
  const s = trace.scenario;
  const hosts = hostsOf(s);
  const fonts: Fonts = { title: 18, base: 14, small: 13, mono: 13 };
  const charW = fonts.mono * MONO_EM;
  const m = 8;
  const rows = rowsOf(trace, index, hosts);
  const n = rows.total;
  const colW = (W - 2 * m) / n;
  const col = pointScale(n, [m, W - m], 0.5);
  const colXs = Array.from({ length: n }, (_, i) => col(i));
  const chars = Math.max(13, ...hosts.map((h) => index.socketChars[h]));
  const oneLine = chars * charW + 16;
  const twoLine = oneLine > colW - 8;
  const pillW = twoLine ? Math.ceil(Math.min(colW - 6, 15 * charW + 14)) : Math.ceil(oneLine);
  const pillH = twoLine ? 40 : 28;
  const share = !!s.server.relay;
  const midRight = share ? W - m : m + colW * rows.ownRows;
  const lines = hosts.map((h) => hostLines(s, h).length);
  const listeners = hosts.map((h) => (h === "relay" ? 0 : index.maxListeners[h]));
  const listenRow = 34;
  const header = (i: number) => 60 + lines[i]! * 19 + listeners[i]! * listenRow;
  const gapBetween = 150;
  const boxes: MultiHostBox[] = [];
  let y = 8;
  const barrierRoom = (h: HostId) => (hasWall(s, h) ? 30 : 0) + (h !== "relay" && hostConfig(s, h).nat ? 70 : 0);
  hosts.forEach((h, i) => {
    const first = i === 0;
    const last = i === hosts.length - 1;
    const pillsTop = !first;
    const pillsBottom = !last;
    const topY = y;
    const headY = topY + (pillsTop ? pillH + 16 : 0);
    const headerH = header(i);
    const bottomY = headY + headerH + (pillsBottom ? pillH + 16 : 0);
    const x = m;
    const w = (i === 1 ? midRight : W - m) - m;
    boxes.push({
      id: h,
      index: i,
      rect: { x, y: topY, w, h: bottomY - topY },
      title: { x: x + 12, y: headY + 26 },
      ip: { x: x + 12, y: headY + 48 },
      lines: Array.from({ length: lines[i]! }, (_, k) => ({ x: x + 12, y: headY + 70 + k * 19 })),
      listeners: Array.from({ length: listeners[i]! }, (_, k) => ({ x: x + 12 + pillW / 2, y: headY + 60 + lines[i]! * 19 + 8 + k * listenRow + 14 })),
      lo: topY + 8,
      hi: bottomY - 8,
    });
    if (!last) y = bottomY + gapBetween + barrierRoom(h) + barrierRoom(hosts[i + 1]!);
  });
  // The host after the middle one starts below the middle one's box, or the passing columns' lines would cross it.
  const pt = (along: number, across: number): Pt => ({ x: across, y: along });
  const barriers = barriersOf(
    s,
    hosts,
    (h) => {
      const b = boxes.find((x) => x.id === h)!;
      return { lo: b.lo, hi: b.hi, across: [m, b.index === 1 ? midRight : W - m] };
    },
    14,
    60,
    10,
    pt,
  );
  const placed = barriers.map((b) => ({ ...b, label: { x: m + 4, y: b.toward > 0 ? b.rect.y + b.rect.h + 16 : b.rect.y - 6, anchor: "start" as const } }));
  const last = boxes[boxes.length - 1]!;
  const zones: (Pt & { readonly text: string; readonly anchor: "start" | "middle" })[] = [];
  const c = boxes[0]!;
  const b1 = boxes[1]!;
  zones.push({ x: m + 4, y: (c.rect.y + c.rect.h + b1.rect.y) / 2 - 44, text: middleName(s), anchor: "start" });
  if (share) zones.push({ x: m + 4, y: (b1.rect.y + b1.rect.h + last.rect.y) / 2 - 44, text: "server LAN", anchor: "start" });
  const notesTop = last.rect.y + last.rect.h + 20;
  const slot: Rect = { x: m, y: notesTop, w: W - 2 * m, h: 0 };
  const placeNotes = notePlacer(fonts, { client: slot, network: slot, server: slot }, true);
  const bandH = Math.max(70, bandHeight(placeNotes, allNotes(ctx), notesTop));
  return {
    orientation: "tall",
    width: W,
    height: Math.ceil(notesTop + bandH + 8),
    fonts,
    charW,
    pill: { w: pillW, h: pillH, twoLine },
    hosts: boxes,
    row: new Map([...rows.row].map(([id, r]) => [id, colXs[r] ?? W / 2])),
    far: rows.far,
    barriers: placed,
    zones,
    notesTop,
    placeNotes,
    pt,
  };
}

// ---------------------------------------------------------------------------------------------
// What goes where in a step

export interface MultiConnGeom {
  readonly a: Pt;
  readonly b: Pt;
  readonly arrow: string;
  readonly openedBy: Pt & { readonly anchor: "start" | "middle" | "end" };
  readonly label: Pt;
  readonly failAt: Pt;
  readonly far: HostId;
}

/** A connection's line from its initiator's face to the far host's (or short of the node that drops its SYNs). */
export function multiConnGeometry(l: MultiLayout, c: ConnectionState, reached: boolean, drop: NodeId | null): MultiConnGeom {
  const across = l.row.get(c.id) ?? 0;
  const far = l.far.get(c.id) ?? c.initiator;
  const dir = towardOf(l, c.initiator, far);
  const start = faceEdge(l, c.initiator, far);
  const end = reached || !drop ? faceEdge(l, far, c.initiator) : stopAlongMulti(l, drop, c.initiator, far, 10);
  const a = l.pt(start, across);
  const b = l.pt(end, across);
  const len = 11;
  const tip = b;
  const back = (side: number) => l.pt(end - dir * len * 1.3, across + side * len * 0.7);
  const arrow = `M${tip.x},${tip.y}L${back(1).x},${back(1).y}L${back(-1).x},${back(-1).y}Z`;
  const wideL = l.orientation === "wide";
  const mid = (start + end) / 2;
  const openedBy = wideL ? { x: start + dir * 10, y: across - 22, anchor: (dir > 0 ? "start" : "end") as "start" | "end" } : { ...l.pt(start + dir * 30, across), anchor: "middle" as const };
  const label = wideL ? { x: mid, y: across + l.fonts.small + 20 } : l.pt(mid + dir * 24, across);
  return { a, b, arrow, openedBy, label, failAt: l.pt(mid, across), far };
}

/** Where the step's packet travels: from its sender's face toward its receiver on its connection's row. */
export function multiPacketTrip(l: MultiLayout, pkt: PacketScene, w: number, h: number): { start: Pt; end: Pt; dropAt: Pt | null } {
  const across = l.row.get(pkt.conn) ?? 0;
  const to = drawnTo(l, pkt);
  const dir = towardOf(l, pkt.from, to);
  const half = (l.orientation === "wide" ? w : h) / 2;
  const from = faceEdge(l, pkt.from, to) + dir * (half + 3);
  let end: number;
  let dropAt: Pt | null = null;
  if (pkt.fate === "delivered") end = faceEdge(l, to, pkt.from) - dir * (half + 3);
  else if (pkt.fate === "in-flight") end = (faceEdge(l, pkt.from, to) + faceEdge(l, to, pkt.from)) / 2;
  else {
    const at = stopAlongMulti(l, pkt.stopAt, pkt.from, to, 15);
    dropAt = l.pt(at, across);
    end = at - dir * (14 + 8 + half);
  }
  return { start: l.pt(from, across), end: l.pt(end, across), dropAt };
}

/** The host a packet is drawn to: its receiver, or the relay when the receiver is behind it. */
export function drawnTo(l: MultiLayout, pkt: PacketScene): HostId {
  const far = l.far.get(pkt.conn);
  if (far && (far === pkt.to || far === "relay")) return far === pkt.from ? pkt.to : far;
  return pkt.to;
}
