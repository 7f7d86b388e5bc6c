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
 * Walls (a host's firewall) and NAT routers stand across a host's rows just outside its faces; the
 * relay's firewall only on its face toward the client (what it lets in from there is the point:
 * the mapped ports). Free-standing words (zone names, a drop's words) go where nothing else is
 * drawn (freeSpot). Pure: MultiNetwork.tsx draws these; tests read them without a DOM.
 */
import { hostOfRouter, isRouterId } from "../../sim/net/hosts";
import { hostConfig, hostsOf, serverConfig } from "../../sim/scenario/hosts";
import type { Scenario } from "../../sim/scenario/schema";
import type { HostId, NodeId } from "../../sim/trace/events";
import { middleName } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import type { Trace } from "../../sim/trace/trace";
import type { ConnectionState, World } from "../../sim/trace/world";
import { hostName, responderOf } from "../trace-hosts";
import { bandHeight, notePlacer, pointScale, textWidth, type Anchor, type Drawing, type Fonts, type Orientation, type PlacedNote, type Pt, type Rect } from "./layout";
import { isOpenFirewall, notesAt, packetScene, type Note, type NoteSide, type PacketScene, type TraceIndex } from "./model";
import { lastDrop } from "./connection-geometry";
import { cutLabel, packetText, type Motion } from "./motion";
import { overlapArea, within as withinBounds } from "./label-slots";

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
  readonly label: Pt & { readonly anchor: Anchor };
  /** Where its count of drops goes ("✕ 2 dropped"). */
  readonly count: Pt & { readonly anchor: Anchor };
  /** The words beside a wall ("firewall: …", tall: with its host's name when there is room). */
  readonly name: string;
  /** Along: the room its label takes on its outer side, which a packet stopping there stays out of. */
  readonly band: number;
}

export interface ZoneLabel extends Pt {
  readonly text: string;
  readonly anchor: Anchor;
}

export interface MultiLayout extends Drawing {
  readonly hosts: readonly MultiHostBox[];
  /** Each connection's row (its across coordinate). */
  readonly row: ReadonlyMap<number, number>;
  /** The host each connection is drawn to (a SYN to an address behind the relay stops at the relay). */
  readonly far: ReadonlyMap<number, HostId>;
  readonly barriers: readonly Barrier[];
  readonly zones: readonly ZoneLabel[];
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
  const host: HostId = isRouterId(node) ? hostOfRouter(node) : node;
  if (host === from) return start + dir * gap;
  const face = (-dir) as 1 | -1;
  const kind = node === host ? "wall" : "nat";
  const b = l.barriers.find((x) => x.host === host && x.kind === kind && x.toward === face);
  if (b) return b.outer - dir * (gap + b.band);
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
    if (r.unmapped === "reset") out.push("others: refused (RST)");
  } else out.push(`FTP server (${serverConfig(s, h).software})`);
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
  const l = orientation === "wide" ? wide(ctx, width) : tall(ctx, Math.min(799, Math.max(340, width)));
  return { ...l, zones: placeZones(l, ctx) };
}

function allNotes(ctx: Ctx): Note[][] {
  const out: Note[][] = [];
  for (let s = 0; s < ctx.timeline.steps.length; s++) out.push(notesAt(ctx.trace, ctx.timeline, ctx.index, s));
  return out;
}

/** The faces of a host that carry its barriers: both of the middle host's, but the relay's firewall only toward the client. */
export function barrierFaces(h: HostId, i: number, n: number): (1 | -1)[] {
  if (h === "relay") return [-1];
  return i === 0 ? [1] : i === n - 1 ? [-1] : [-1, 1];
}

/** The barriers (walls, NAT routers) of each host, outside the faces it has connections on. */
function barriersOf(s: Scenario, hosts: readonly HostId[], box: (h: HostId) => { lo: number; hi: number; across: [number, number] }, wallW: number, natW: number, gap: number, pt: (a: number, b: number) => Pt): Barrier[] {
  const out: Barrier[] = [];
  hosts.forEach((h, i) => {
    const b = box(h);
    for (const dir of barrierFaces(h, i, hosts.length)) {
      let along = dir > 0 ? b.hi + 8 + gap : b.lo - 8 - gap;
      const [a0, a1] = b.across;
      const add = (kind: "wall" | "nat", size: number) => {
        const inner = along;
        const outer = along + dir * size;
        const p0 = pt(Math.min(inner, outer), a0);
        const p1 = pt(Math.max(inner, outer), a1);
        const rect = { x: Math.min(p0.x, p1.x), y: Math.min(p0.y, p1.y), w: Math.abs(p1.x - p0.x), h: Math.abs(p1.y - p0.y) };
        const label = pt(kind === "wall" ? inner : (inner + outer) / 2, a0);
        out.push({ kind, host: h, toward: dir, rect, inner, outer, label: { ...label, anchor: "middle" }, count: { ...label, anchor: "middle" }, name: wallName(s, h), band: 0 });
        along = outer + dir * 10;
      };
      if (hasWall(s, h)) add("wall", wallW);
      const nat = h === "relay" ? null : hostConfig(s, h).nat;
      if (nat) add("nat", natW);
    }
  });
  return out;
}

/** Tall: the room a wall's words take on its outer side, and a drop's words between them and the ✕. */
const WALL_WORDS = 22;
const DROP_WORDS = 32;
/** Tall: a line of words (a wall's count of drops under its name when both do not fit on one). */
const LINE = 17;

/** The room a host's barriers take on one face (tall): a wall with its words (and a drop's), a router. */
function barrierRoom(s: Scenario, hosts: readonly HostId[], h: HostId, face: 1 | -1, drops: boolean): number {
  if (!barrierFaces(h, hosts.indexOf(h), hosts.length).includes(face)) return 0;
  return (hasWall(s, h) ? 50 + (drops ? DROP_WORDS + LINE : 0) : 0) + (h !== "relay" && hostConfig(s, h).nat ? 70 : 0);
}

const hasDrops = (t: Trace) => t.events.some((e) => e.type === "drop");

/** What both orientations start from: the hosts in order, the rows, each host's lines and listeners. */
function basics({ trace, index }: Ctx) {
  const s = trace.scenario;
  const hosts = hostsOf(s);
  return {
    trace,
    index,
    s,
    hosts,
    rows: rowsOf(trace, index, hosts),
    // A relay holds both halves of each connection: its box spans every row.
    share: !!s.server.relay,
    chars: Math.max(13, ...hosts.map((h) => index.socketChars[h])),
    lines: hosts.map((h) => hostLines(s, h).length),
    listeners: hosts.map((h) => (h === "relay" ? 0 : index.maxListeners[h])),
  };
}

function wide(ctx: Ctx, containerWidth: number): MultiLayout {
  const { trace, s, hosts, rows, share, chars, lines, listeners } = basics(ctx);
  const fonts: Fonts = { title: 20, base: 16, small: 14, mono: 15 };
  const charW = fonts.mono * MONO_EM;
  const m = 12;
  const top = 8;
  const pillW = Math.ceil(chars * charW + 24);
  const pillH = 32;
  const endW = Math.max(196, pillW + 20);
  const midW = share ? 2 * pillW + 44 : Math.max(220, pillW + 28);
  const W = Math.max(Math.min(Math.max(containerWidth, 980), 1180), 2 * m + 2 * endW + midW + 2 * 200);
  const listenRow = 46;
  const headerH = (i: number) => 62 + lines[i]! * 22 + listeners[i]! * listenRow;
  const laneTop = top + Math.max(...hosts.map((_, i) => headerH(i))) + 52;
  // A drop's words go between one row's purpose and the next row's "opened by": room for them.
  const laneGap = hasDrops(trace) ? 122 : 94;
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
  // Barrier labels sit above their bars, clear of the lanes; a wall's count of drops under it.
  const placed = barriers.map((b) => ({
    ...b,
    label: { x: b.toward < 0 ? b.rect.x + b.rect.w : b.rect.x, y: b.rect.y - 8, anchor: b.toward < 0 ? ("end" as const) : ("start" as const) },
    count: { x: b.rect.x + b.rect.w / 2, y: b.rect.y + b.rect.h + 18, anchor: "middle" as const },
  }));
  const walls = placed.some((b) => b.kind === "wall");
  const notesTop = bottom + (walls ? 28 : 12);
  const gap = 10;
  const third = (W - 2 * m - 2 * gap) / 3;
  const slots: Record<NoteSide, Rect> = {
    client: { x: m, y: notesTop, w: third, h: 0 },
    network: { x: m + third + gap, y: notesTop, w: third, h: 0 },
    server: { x: m + 2 * (third + gap), y: notesTop, w: third, h: 0 },
  };
  const placeNotes = notePlacer(fonts, slots, false);
  const bandH = bandHeight(placeNotes, allNotes(ctx), notesTop);
  return {
    orientation: "wide",
    width: W,
    height: Math.ceil(notesTop + (bandH > 0 ? bandH + 8 : 0)),
    fonts,
    charW,
    pill: { w: pillW, h: pillH, twoLine: false },
    hosts: boxes,
    row: new Map([...rows.row].map(([id, r]) => [id, rowYs[r] ?? laneTop])),
    far: rows.far,
    barriers: placed,
    zones: [],
    notesTop,
    placeNotes,
    pt,
  };
}

function tall(ctx: Ctx, W: number): MultiLayout {
  const { trace, s, hosts, rows, share, chars, lines, listeners } = basics(ctx);
  const fonts: Fonts = { title: 18, base: 14, small: 13, mono: 13 };
  const charW = fonts.mono * MONO_EM;
  const m = 8;
  const n = rows.total;
  const colW = (W - 2 * m) / n;
  const col = pointScale(n, [m, W - m], 0.5);
  const colXs = Array.from({ length: n }, (_, i) => col(i));
  const oneLine = chars * charW + 16;
  const twoLine = oneLine > colW - 8;
  const pillW = twoLine ? Math.ceil(Math.min(colW - 6, 15 * charW + 14)) : Math.ceil(oneLine);
  const pillH = twoLine ? 40 : 28;
  const midRight = share ? W - m : m + colW * rows.ownRows;
  const listenRow = 34;
  const header = (i: number) => 60 + lines[i]! * 19 + listeners[i]! * listenRow;
  const gapBetween = 150;
  // The hosts whose walls drop something: room there for the drop's words.
  const dropped = new Set<NodeId>(trace.events.flatMap((e) => (e.type === "drop" ? [e.node] : [])));
  const boxes: MultiHostBox[] = [];
  let y = 8;
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
    const next = hosts[i + 1];
    if (next) y = bottomY + gapBetween + barrierRoom(s, hosts, h, 1, dropped.has(h)) + barrierRoom(s, hosts, next, -1, dropped.has(next));
  });
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
  // A wall's words on its outer side, a packet stopping there stays clear of them (and of the
  // drop's words under its ✕); its count of drops at the end of the same line (the words without
  // the host's name when both would not fit).
  const placed = barriers.map((b) => {
    const full = `${hostName(s, b.host)} ${b.name}`;
    const drops = dropped.has(b.host);
    const countW = drops ? textWidth(12, fonts.small) + 12 : 0;
    const room = b.rect.w - 8;
    const name = b.kind === "wall" && textWidth(full.length, fonts.small) + countW <= room ? full : b.name;
    const labelY = b.toward > 0 ? b.rect.y + b.rect.h + 16 : b.rect.y - 6;
    // The count at the end of the name's line, or a line further out when both do not fit.
    const oneLine = textWidth(name.length, fonts.small) + countW <= room;
    const count = oneLine ? { x: b.rect.x + b.rect.w - 4, y: labelY, anchor: "end" as const } : { x: m + 4, y: labelY + b.toward * LINE, anchor: "start" as const };
    const band = b.kind === "wall" ? WALL_WORDS + (drops ? DROP_WORDS + (oneLine ? 0 : LINE) : 0) : 0;
    return { ...b, name, band, label: { x: m + 4, y: labelY, anchor: "start" as const }, count };
  });
  const last = boxes[boxes.length - 1]!;
  const notesTop = last.rect.y + last.rect.h + 14;
  const slot: Rect = { x: m, y: notesTop, w: W - 2 * m, h: 0 };
  const placeNotes = notePlacer(fonts, { client: slot, network: slot, server: slot }, true);
  const bandH = bandHeight(placeNotes, allNotes(ctx), notesTop);
  return {
    orientation: "tall",
    width: W,
    height: Math.ceil(notesTop + (bandH > 0 ? bandH + 8 : 0)),
    fonts,
    charW,
    pill: { w: pillW, h: pillH, twoLine },
    hosts: boxes,
    row: new Map([...rows.row].map(([id, r]) => [id, colXs[r] ?? W / 2])),
    far: rows.far,
    barriers: placed,
    zones: [],
    notesTop,
    placeNotes,
    pt,
  };
}

// ---------------------------------------------------------------------------------------------
// Finding room for words

const clamp = (v: number, lo: number, hi: number) => (hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));

/** Whether `r` lies within the drawing (half a unit of rounding allowed). */
export const within = (l: Pick<MultiLayout, "width" | "height">, r: Rect): boolean => withinBounds(r, { x: -0.5, y: -0.5, w: l.width + 1, h: l.height + 1 });

const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d });

/**
 * The first candidate that meets nothing in `hard` nor in `soft` (lines, which words may cross
 * with their halo), else the first that meets nothing in `hard`, else (unless `strict`) the one
 * that meets least of it.
 */
export function freeSpot(cands: readonly Rect[], hard: readonly Rect[], soft: readonly Rect[] = [], strict = false): number | null {
  const cost = (r: Rect, of: readonly Rect[]) => of.reduce((n, o) => n + overlapArea(r, o), 0);
  const hardCost = cands.map((r) => cost(r, hard));
  const clear = cands.findIndex((r, i) => hardCost[i] === 0 && cost(r, soft) === 0);
  if (clear >= 0) return clear;
  const ok = hardCost.findIndex((c) => c === 0);
  if (ok >= 0 || strict || !cands.length) return ok >= 0 ? ok : null;
  return hardCost.indexOf(Math.min(...hardCost));
}

/** The box of a line of text at `at` (zone names are upper case and spaced out: `wide`). */
export function textRect(at: Pt, chars: number, size: number, anchor: Anchor, mono = false, wideCase = false): Rect {
  const w = wideCase ? chars * size * 0.78 : textWidth(chars, size, mono);
  const x = anchor === "start" ? at.x : anchor === "middle" ? at.x - w / 2 : at.x - w;
  return { x, y: at.y - size * 0.95, w, h: size * 1.25 };
}

/** `at` moved along the text's line just enough that `chars` characters there stay inside the drawing. */
export function fitText(l: Pick<MultiLayout, "width">, at: Pt, chars: number, size: number, anchor: Anchor, mono = false): Pt & { readonly anchor: Anchor } {
  const r = textRect(at, chars, size, anchor, mono);
  const dx = r.x < 4 ? 4 - r.x : r.x + r.w > l.width - 4 ? l.width - 4 - (r.x + r.w) : 0;
  return { x: at.x + dx, y: at.y, anchor };
}

const lineRect = (a: Pt, b: Pt): Rect => ({ x: Math.min(a.x, b.x) - 2, y: Math.min(a.y, b.y) - 2, w: Math.abs(a.x - b.x) + 4, h: Math.abs(a.y - b.y) + 4 });

/** A packet's box (with its focus ring) centred at `at`. */
export const glyphRect = (at: Pt, w: number, h: number): Rect => ({ x: at.x - w / 2 - 6, y: at.y - h / 2 - 6, w: w + 12, h: h + 12 });

/** The ✕ ring of a drop. */
export const DROP_RING = 14;
const ringRect = (at: Pt): Rect => ({ x: at.x - DROP_RING - 2, y: at.y - DROP_RING - 2, w: 2 * DROP_RING + 4, h: 2 * DROP_RING + 4 });

/** What a wall's words and its drop count take. */
export function barrierWordRects(l: MultiLayout, b: Barrier): Rect[] {
  if (b.kind !== "wall") return [];
  return [textRect(b.label, b.name.length, l.fonts.small, b.label.anchor), textRect(b.count, 12, l.fonts.small, b.count.anchor)];
}

/** A host's header words (title, address, lines) as one box. */
function headerRect(b: MultiHostBox): Rect {
  const bottom = Math.max(b.ip.y, ...b.lines.map((p) => p.y)) + 6;
  return { x: b.rect.x, y: b.title.y - 22, w: b.rect.w, h: bottom - (b.title.y - 22) };
}

const PURPOSE_CHARS = 24;

/** Every place the drawing may put something in the course of the trace (for words that stay put). */
function traceTaken(l: MultiLayout, ctx: Ctx): { hard: Rect[]; soft: Rect[] } {
  const s = ctx.trace.scenario;
  const hard: Rect[] = l.hosts.map((b) => grow(b.rect, 4));
  const soft: Rect[] = [];
  for (const b of l.barriers) hard.push(grow(b.rect, 3), ...barrierWordRects(l, b));
  for (const c of ctx.index.conns.values()) {
    const g = multiConnGeometry(l, c, true, null);
    // A line with a margin: a zone's name beside it should not touch it.
    soft.push(grow(lineRect(g.a, g.b), 8));
    const opened = `opened by ${hostName(s, c.initiator)} →`.length;
    hard.push(textRect(fitText(l, g.openedBy, opened, l.fonts.small, g.openedBy.anchor), opened, l.fonts.small, g.openedBy.anchor));
    hard.push(textRect(fitText(l, g.label, PURPOSE_CHARS, l.fonts.small, "middle"), PURPOSE_CHARS, l.fonts.small, "middle"));
    if (c.failStep !== null) hard.push(textRect(g.failAt, FAILED_TEXT.length + 2, l.fonts.title + 6, "middle"));
  }
  for (let step = 0; step < ctx.timeline.steps.length; step++) {
    const pkt = packetScene(ctx.trace, ctx.timeline, ctx.index, step);
    if (!pkt) continue;
    const mo = multiMotion(l, pkt);
    hard.push(glyphRect(mo.end, mo.w, mo.h));
    if (mo.dropAt) hard.push(ringRect(mo.dropAt));
  }
  return { hard, soft };
}

/**
 * The zones' names where nothing of the trace ever goes: wide, over the gap between two hosts
 * above the rows; tall, in the gap between two hosts at its left or right edge. A name with no
 * such place is left out (the hosts' addresses say as much).
 */
function placeZones(l: MultiLayout, ctx: Ctx): ZoneLabel[] {
  const s = ctx.trace.scenario;
  const names: [number, string][] = s.server.relay ? [[0, middleName(s)], [1, "server LAN"]] : [[0, middleName(s)]];
  const { hard, soft } = traceTaken(l, ctx);
  const size = l.fonts.base;
  const out: ZoneLabel[] = [];
  for (const [gap, text] of names) {
    const a = l.hosts[gap]!.rect;
    const b = l.hosts[gap + 1]!.rect;
    const spots: (Pt & { anchor: Anchor })[] = [];
    if (l.orientation === "wide") {
      const cx = (a.x + a.w + b.x) / 2;
      const rows = [...l.row.values()];
      const firstRow = rows.length ? Math.min(...rows) : a.y + a.h / 2;
      for (let y = firstRow - 56; y >= a.y + 20; y -= 6) spots.push({ x: cx, y, anchor: "middle" });
    } else {
      const lo = a.y + a.h + size + 4;
      const hi = b.y - 6;
      const mid = (lo + hi) / 2;
      for (let d = 0; d <= (hi - lo) / 2; d += 4)
        for (const y of d ? [mid - d, mid + d] : [mid])
          for (const [x, anchor] of [
            [l.width / 2, "middle"],
            [l.width - 12, "end"],
            [12, "start"],
          ] as const)
            spots.push({ x, y, anchor });
    }
    const rects = spots.map((p) => grow(textRect(p, text.length, size, p.anchor, false, true), 3));
    const i = freeSpot(
      rects.map((r) => (within(l, r) ? r : { ...r, x: -1e4 })),
      [...hard, ...out.map((z) => textRect(z, z.text.length, size, z.anchor, false, true))],
      soft,
      true,
    );
    // Not across a connection's line either: a name on a line reads as the line's.
    if (i !== null && within(l, rects[i]!) && soft.every((o) => overlapArea(rects[i]!, o) === 0)) out.push({ ...spots[i]!, text });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What goes where in a step

export interface MultiConnGeom {
  readonly a: Pt;
  readonly b: Pt;
  readonly arrow: string;
  readonly openedBy: Pt & { readonly anchor: Anchor };
  readonly label: Pt;
  readonly failAt: Pt;
  readonly far: HostId;
}

/** Tall: how far from the initiator's face the centre of "opened by" goes. */
const TALL_OPENED = 50;

/** A connection's line from its initiator's face to the far host's (or short of the node that drops its SYNs). */
export function multiConnGeometry(l: MultiLayout, c: Pick<ConnectionState, "id" | "initiator">, reached: boolean, drop: NodeId | null): MultiConnGeom {
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
  // Tall, both words just past where a packet rests against the initiator's pill (the middle of
  // the gap stays free for a packet in flight and the zone's name; the far end, for a drop).
  const openedBy = wideL ? { x: start + dir * 10, y: across - 22, anchor: (dir > 0 ? "start" : "end") as "start" | "end" } : { ...l.pt(start + dir * TALL_OPENED + 5, across), anchor: "middle" as const };
  const label = wideL ? { x: mid, y: across + l.fonts.small + 20 } : l.pt(start + dir * (TALL_OPENED + 17) + 5, across);
  // "✕ failed" in the middle, but on a phone clear below the purpose words (a short gap would put it on them).
  const failAlong = wideL ? mid : start + dir * Math.max(Math.abs(mid - start), TALL_OPENED + 17 + 5 + 34);
  return { a, b, arrow, openedBy, label, failAt: l.pt(failAlong, across), far };
}

/** "opened by server B →" and the purpose, as the two-host drawing words them. */
export function multiConnWords(l: MultiLayout, trace: Trace, c: ConnectionState, world: World) {
  const far = l.far.get(c.id) ?? c.initiator;
  const dir = towardOf(l, c.initiator, far);
  const who = hostName(trace.scenario, c.initiator);
  const openedBy = l.orientation === "wide" ? (dir > 0 ? `opened by ${who} →` : `← opened by ${who}`) : `opened by ${who} ${dir > 0 ? "↓" : "↑"}`;
  const transfer = c.transfer !== null ? world.transfers.find((t) => t.index === c.transfer) : undefined;
  const connecting = c.syns <= 1 ? " · connecting" : ` · SYN ×${c.syns}`;
  const phase = c.phase === "connecting" ? connecting : c.phase === "closing" ? " · closing" : c.phase === "failed" ? " · failed" : "";
  const what = c.purpose === "control" ? "control :21" : `data${transfer ? ` · ${transfer.command.split(" ")[0]}` : ""}`;
  return { openedBy, purpose: `${what}${phase}`, far };
}

/** A connection as drawn at a step: its geometry, its words, and where they go (kept inside the drawing). */
export interface ConnDraw {
  readonly c: ConnectionState;
  readonly g: MultiConnGeom;
  readonly words: ReturnType<typeof multiConnWords>;
  readonly opened: Pt & { readonly anchor: Anchor };
  readonly label: Pt & { readonly anchor: Anchor };
  readonly failed: (Pt & { readonly anchor: Anchor }) | null;
  /** Its sockets' pill centres (the ends it has reached). */
  readonly pills: readonly { readonly host: HostId; readonly at: Pt }[];
}

export const FAILED_TEXT = "✕ failed";

export function connDraw(l: MultiLayout, trace: Trace, world: World, c: ConnectionState): ConnDraw {
  const far = l.far.get(c.id) ?? c.initiator;
  const reached = !!c.sockets[far];
  const drop: NodeId | null = c.phase === "connecting" || c.phase === "failed" ? lastDrop(world, c.id) : null;
  const g = multiConnGeometry(l, c, reached, drop);
  const words = multiConnWords(l, trace, c, world);
  const size = l.fonts.small;
  const across = l.row.get(c.id) ?? 0;
  const pills = ([c.initiator, far] as HostId[]).flatMap((h) => (c.sockets[h] ? [{ host: h, at: pillAt(l, h, h === c.initiator ? far : c.initiator, across) }] : []));
  return {
    c,
    g,
    words,
    opened: fitText(l, g.openedBy, [...words.openedBy].length, size, g.openedBy.anchor),
    label: fitText(l, g.label, [...words.purpose].length, size, "middle"),
    failed: c.phase === "failed" ? fitText(l, { x: g.failAt.x, y: g.failAt.y + 8 }, FAILED_TEXT.length, l.fonts.title + 6, "middle") : null,
    pills,
  };
}

/** What a step draws, as boxes that a drop's words should keep off (`soft`: lines, which they may cross). */
export function stepTaken(l: MultiLayout, world: World, conns: readonly ConnDraw[], glyph: Rect | null): { hard: Rect[]; soft: Rect[] } {
  const size = l.fonts.small;
  const hard: Rect[] = [];
  const soft: Rect[] = [];
  const pillBox = (at: Pt, caption: boolean): Rect => {
    const w = l.pill.w;
    const h = l.pill.h + (caption ? size + 6 : 0);
    return { x: at.x - w / 2 - 2, y: at.y - l.pill.h / 2 - 2, w: w + 4, h: h + 4 };
  };
  for (const b of l.hosts) {
    hard.push(headerRect(b));
    const n = b.id === "relay" ? 0 : world.listeners.filter((x) => x.host === b.id).length;
    b.listeners.slice(0, n).forEach((p) => hard.push(pillBox(p, false)));
  }
  for (const b of l.barriers) {
    if (b.kind === "nat") hard.push(b.rect);
    else {
      soft.push(b.rect);
      hard.push(...barrierWordRects(l, b));
    }
  }
  for (const z of l.zones) hard.push(textRect(z, z.text.length, l.fonts.base, z.anchor, false, true));
  for (const d of conns) {
    soft.push(lineRect(d.g.a, d.g.b));
    hard.push(textRect(d.opened, [...d.words.openedBy].length, size, d.opened.anchor));
    hard.push(textRect(d.label, [...d.words.purpose].length, size, "middle"));
    if (d.failed) hard.push(textRect(d.failed, FAILED_TEXT.length, l.fonts.title + 6, "middle"));
    for (const p of d.pills) hard.push(pillBox(p.at, l.orientation === "wide"));
  }
  if (glyph) hard.push(glyph);
  return { hard, soft };
}

/**
 * Where a drop's words go: a box of w × h near its ✕ at `at` (above or under it, wide; beside
 * it, tall), on the first spot clear of what the step draws, inside the drawing above the notes.
 */
export function dropWordsBox(l: MultiLayout, at: Pt, w: number, h: number, taken: { hard: readonly Rect[]; soft: readonly Rect[] }): Rect {
  const r = DROP_RING;
  const xs = [at.x - w / 2, at.x - w + 2 * r, at.x - 2 * r];
  const beside = at.y - h / 2;
  const cands: Rect[] = [];
  const add = (x: number, y: number) => cands.push({ x: clamp(x, 4, l.width - w - 4), y: clamp(y, 4, l.notesTop - h - 4), w, h });
  if (l.orientation === "wide") {
    for (const y of [at.y - r - 10 - h, at.y - r - 32 - h, at.y + r + 8, at.y + r + 30, at.y + r + 52]) for (const x of xs) add(x, y);
    add(at.x + r + 8, beside);
    add(at.x - r - 8 - w, beside);
  } else {
    // Between the ✕ and the wall's words (a wall that drops has room for them there), else beside it.
    for (const y of [at.y + r + 6, at.y - r - 6 - h]) for (const x of [...xs, 4, l.width - w - 4]) add(x, y);
    for (const x of [at.x + r + 8, at.x - r - 8 - w]) add(x, beside);
    for (const y of [at.y - r - 30 - h, at.y + r + 30]) for (const x of [...xs, 4, l.width - w - 4]) add(x, y);
  }
  // Nearness first: the box is opaque, it may cover a line or a wall, not words.
  const i = freeSpot(cands, [...taken.hard, ringRect(at)]) ?? 0;
  return cands[i]!;
}

/** A packet's label as drawn, and its box: cut shorter than the two-host drawing's (the gaps are narrower). */
export function multiGlyph(l: MultiLayout, pkt: PacketScene): { before: string; text: string; w: number; h: number } {
  const { fonts } = l;
  const dir = towardOf(l, pkt.from, drawnTo(l, pkt));
  const cut = (s: string) => cutLabel(s, 18);
  const before = packetText(cut(pkt.label), dir, l.orientation);
  const text = packetText(cut(pkt.labelAfterNat), dir, l.orientation);
  const w = Math.ceil(textWidth(Math.max([...text].length, [...before].length), fonts.base, true) * 0.98 + 22);
  return { before, text, w, h: fonts.base + 16 };
}

/** The packet's box and trip. */
export function multiMotion(l: MultiLayout, pkt: PacketScene): Motion & { dropAt: Pt | null } {
  const g = multiGlyph(l, pkt);
  const trip = multiPacketTrip(l, pkt, g.w, g.h);
  return { start: trip.start, end: trip.end, via: null, before: g.before, text: g.text, w: g.w, h: g.h, dropAt: trip.dropAt };
}

/**
 * Where the step's packet travels: from its sender's face toward its receiver on its connection's
 * row — tall, moved across just enough that its box (w × h, with its ring) stays in the drawing.
 */
export function multiPacketTrip(l: MultiLayout, pkt: PacketScene, w: number, h: number): { start: Pt; end: Pt; dropAt: Pt | null } {
  const row = l.row.get(pkt.conn) ?? 0;
  const across = l.orientation === "tall" ? clamp(row, w / 2 + 8, l.width - w / 2 - 8) : clamp(row, h / 2 + 8, l.height - h / 2 - 8);
  const to = drawnTo(l, pkt);
  const dir = towardOf(l, pkt.from, to);
  const half = (l.orientation === "wide" ? w : h) / 2;
  const from = faceEdge(l, pkt.from, to) + dir * (half + 3);
  let end: number;
  let dropAt: Pt | null = null;
  if (pkt.fate === "delivered") end = faceEdge(l, to, pkt.from) - dir * (half + 3);
  else if (pkt.fate === "in-flight") end = (faceEdge(l, pkt.from, to) + faceEdge(l, to, pkt.from)) / 2;
  else {
    const at = stopAlongMulti(l, pkt.stopAt, pkt.from, to, DROP_RING + 1);
    dropAt = l.pt(at, row);
    end = at - dir * (DROP_RING + 8 + half);
  }
  return { start: l.pt(from, across), end: l.pt(end, across), dropAt };
}

/** The host a packet is drawn to: its receiver, or the relay when the receiver is behind it. */
export function drawnTo(l: MultiLayout, pkt: PacketScene): HostId {
  const far = l.far.get(pkt.conn);
  if (far && (far === pkt.to || far === "relay")) return far === pkt.from ? pkt.to : far;
  return pkt.to;
}
