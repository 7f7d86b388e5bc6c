/**
 * Where everything goes, computed once per trace and size: the hosts, their walls and NAT
 * routers along one axis ("along", client → server) and the connections in rows across it.
 * Wide: client left, server right, connections as horizontal rows. Tall (a phone): client on
 * top, server below, connections as vertical columns. Text is measured by estimate (monospace
 * and sans widths), and the notes' band is sized for the busiest step so nothing jumps.
 */
import { hostConfig } from "../../sim/scenario/hosts";
import type { Trace } from "../../sim/trace/trace";
import type { HostId, RouterId } from "../../sim/trace/events";
import { middleName } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import { wrap } from "../text-wrap";
import { firstFree } from "./label-slots";
import { hostOfRouter } from "../../sim/net/hosts";
import { firewallName, HOSTS, isOpenFirewall, notesAt, ROUTERS, type Note, type NoteSide, type TraceIndex } from "./model";

/**
 * Evenly spaced positions for n items across [a, b], with `padding` steps at each end: d3's
 * scalePoint (align 0.5), written out so the network view does not pull d3-scale's continuous
 * scales (and their colour interpolators) into every page.
 */
export function pointScale(n: number, [a, b]: readonly [number, number], padding = 0): (i: number) => number {
  const step = (b - a) / Math.max(1, n - 1 + padding * 2);
  const start = a + (b - a - step * (n - 1)) * 0.5;
  return (i) => start + step * i;
}

export type Orientation = "wide" | "tall";

/** Narrower than this (CSS px), the view stacks client above server. */
export const TALL_BELOW = 560;

/** The orientation asked for, or by the container's width ("auto"; wide until it is measured). */
export function chooseOrientation(requested: "auto" | Orientation | undefined, width: number | null): Orientation {
  return requested && requested !== "auto" ? requested : width !== null && width < TALL_BELOW ? "tall" : "wide";
}

/** The width to lay out for: the container's, or before it is measured a default per orientation. */
export function layoutWidthFor(orientation: Orientation, width: number | null): number {
  return width ?? (orientation === "wide" ? 1100 : 390);
}

export interface Pt {
  readonly x: number;
  readonly y: number;
}
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Fonts {
  readonly title: number;
  readonly base: number;
  readonly small: number;
  readonly mono: number;
}

export interface HostBox {
  readonly rect: Rect;
  readonly title: Pt;
  readonly ip: Pt;
  readonly role: Pt;
  /** Each listening socket's row: the pill's left end and centre line. */
  readonly listeners: readonly Pt[];
  /** The socket pill on the host's edge, per lane: its centre. */
  readonly pill: (lane: number) => Pt;
  /** The along-axis coordinate where a connection leaves the pill. */
  readonly edge: number;
}

export interface WallBox {
  readonly rect: Rect;
  readonly label: Pt;
  readonly anchor: "start" | "end";
  /** Where "✕ 2 dropped here" goes. */
  readonly count: Pt;
  /** Where the verdict on the current packet ("✓ accepted by rule 1") goes. */
  readonly decision: Pt & { readonly anchor: "start" | "end" };
}

export interface NatBox {
  readonly rect: Rect;
  readonly lines: readonly Pt[];
  readonly anchor: "start" | "middle";
  /** "public" and "private" side tags. */
  readonly publicTag: Pt;
  readonly privateTag: Pt;
  readonly publicFace: number;
  readonly privateFace: number;
  readonly center: number;
}

export interface PlacedNote extends Note {
  readonly rect: Rect;
  readonly wrapped: readonly string[];
  readonly titleLines: readonly string[];
}

/** What every network drawing has, two hosts (Layout) or three (multi-layout.ts). */
export interface Drawing {
  readonly orientation: Orientation;
  readonly width: number;
  readonly height: number;
  readonly fonts: Fonts;
  /** Width of one monospace character at fonts.mono. */
  readonly charW: number;
  readonly pill: { readonly w: number; readonly h: number; readonly twoLine: boolean };
}

/** What a socket pill needs of a drawing. */
export type PillLayout = Pick<Drawing, "fonts" | "charW" | "pill">;

export interface Layout extends Drawing {
  readonly lanes: readonly number[];
  readonly hosts: Record<HostId, HostBox>;
  readonly walls: Partial<Record<HostId, WallBox>>;
  /** Where "no firewall" is written when a host has none. */
  readonly noWall: Partial<Record<HostId, Pt>>;
  readonly nats: Partial<Record<RouterId, NatBox>>;
  readonly mid: number;
  readonly zoneLabel: Pt & { readonly text: string; readonly anchor: "middle" | "start" };
  /** The along coordinate of the face of each host's wall toward the network (the host edge when it has no wall). */
  readonly wallFace: Record<HostId, number>;
  readonly notesTop: number;
  /** A point in (along, across) coordinates → SVG coordinates. */
  readonly pt: (along: number, across: number) => Pt;
  readonly placeNotes: (notes: readonly Note[]) => PlacedNote[];
  /** Sign of the along axis from `h` toward the other host. */
  readonly toward: (h: HostId) => 1 | -1;
}

const MONO_EM = 0.6;
const SANS_EM = 0.56;

export const textWidth = (chars: number, size: number, mono = false) => chars * size * (mono ? MONO_EM : SANS_EM);

/** Where a line of text is anchored on its x: its start, its middle or its end (SVG's text-anchor). */
export type Anchor = "start" | "middle" | "end";

/** The box of `chars` characters of text at `size` whose baseline starts, centres or ends at `at`. */
export function textBox(at: Pt, chars: number, size: number, anchor: Anchor = "start", mono = false): Rect {
  const w = textWidth(chars, size, mono);
  const x = anchor === "start" ? at.x : anchor === "middle" ? at.x - w / 2 : at.x - w;
  return { x, y: at.y - size * 0.92, w, h: size * 1.18 };
}

interface Ctx {
  trace: Trace;
  timeline: Timeline;
  index: TraceIndex;
}

/** Every step's notes, once per trace: the band below is sized for the busiest step. */
function allNotes(ctx: Ctx): Note[][] {
  const out: Note[][] = [];
  for (let s = 0; s < ctx.timeline.steps.length; s++) out.push(notesAt(ctx.trace, ctx.timeline, ctx.index, s));
  return out;
}

export function notePlacer(fonts: Fonts, slots: Record<NoteSide, Rect>, stacked: boolean) {
  const lineH = Math.round(fonts.small * 1.35);
  const titleH = Math.round(fonts.base * 1.5);
  const pad = 8;
  const maxChars = (w: number, size = fonts.small) => Math.max(12, Math.floor((w - 2 * pad - 4) / (size * SANS_EM)));
  const titleLineH = Math.round(fonts.base * 1.25);
  return (notes: readonly Note[]): PlacedNote[] => {
    const y: Record<NoteSide, number> = { client: slots.client.y, network: slots.network.y, server: slots.server.y };
    let shared = slots.client.y;
    const order: NoteSide[] = ["client", "network", "server"];
    const sorted = stacked ? [...notes].sort((a, b) => order.indexOf(a.side) - order.indexOf(b.side)) : notes;
    return sorted.map((n) => {
      const slot = slots[n.side];
      const wrapped = n.lines.flatMap((l) => wrap(l, maxChars(slot.w)));
      // Titles are bold: a little wider than the estimate.
      const titleLines = wrap(n.title, Math.floor(maxChars(slot.w, fonts.base) * 0.92));
      const h = pad + titleH + (titleLines.length - 1) * titleLineH + wrapped.length * lineH + pad;
      const top = stacked ? shared : y[n.side];
      if (stacked) shared += h + 6;
      else y[n.side] += h + 6;
      return { ...n, wrapped, titleLines, rect: { x: slot.x, y: top, w: slot.w, h } };
    });
  };
}

export function bandHeight(placer: (n: readonly Note[]) => PlacedNote[], notes: Note[][], top: number): number {
  let max = 0;
  for (const ns of notes) for (const p of placer(ns)) max = Math.max(max, p.rect.y + p.rect.h - top);
  return max;
}

const clampNum = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function computeLayout(trace: Trace, timeline: Timeline, index: TraceIndex, orientation: Orientation, width: number): Layout {
  const ctx = { trace, timeline, index };
  return orientation === "wide" ? wideLayout(ctx, width) : tallLayout(ctx, clampNum(width, 340, 799));
}

function hasWall(trace: Trace, h: HostId) {
  return !isOpenFirewall(hostConfig(trace.scenario, h).firewall);
}

// ---------------------------------------------------------------------------------------------

/** The widest a wide drawing gets (in user units); wider containers scale it up. */
const WIDE_MAX = 1180;

function wideLayout(ctx: Ctx, containerWidth: number): Layout {
  const { trace, index } = ctx;
  const fonts: Fonts = { title: 20, base: 16, small: 14, mono: 15 };
  const charW = fonts.mono * MONO_EM;
  const m = 12;
  const top = 8;
  const pillW = Math.ceil(Math.max(index.socketChars.client, index.socketChars.server, 13) * charW + 24);
  const pillH = 32;
  const hostW = Math.max(186, pillW + 20);
  const nats = ROUTERS.filter((r) => hostConfig(trace.scenario, hostOfRouter(r)).nat);
  // As narrow as the content allows (so a narrow panel draws it near 1:1), as wide as WIDE_MAX.
  const natMin = 166;
  const middleMin = nats.length === 2 ? 2 * (natMin + 24) + 100 : nats.length === 1 ? natMin + 2 * 24 + 230 : 270;
  const gap = 18;
  const wallW = 16;
  const W = clampNum(containerWidth, Math.ceil(2 * (m + hostW + gap + wallW) + middleMin), Math.max(WIDE_MAX, Math.ceil(2 * (m + hostW + gap + wallW) + middleMin)));
  const maxL = Math.max(index.maxListeners.client, index.maxListeners.server);
  const listenTop = top + 100;
  const listenRow = 54;
  const laneTop = Math.max(listenTop + maxL * listenRow - 8, nats.length ? top + 180 : top + 84) + 44;
  // Room between two lanes for a drop's words between one's purpose and the next one's "opened by".
  const laneGap = 94;
  const lanes = pointScale(index.lanes, [laneTop, laneTop + laneGap * (index.lanes - 1)]);
  const laneYs = Array.from({ length: index.lanes }, (_, i) => lanes(i));
  const lanesBottom = (laneYs[laneYs.length - 1] ?? laneTop) + pillH / 2 + 24;
  const boxBottom = lanesBottom + 8;

  // Two hosts here: a session with more is drawn by multi-layout.ts.
  const boxX = { client: m, server: W - m - hostW } as Record<HostId, number>;
  const edge = { client: m + hostW - 8, server: W - m - hostW + 8 } as Record<HostId, number>;
  const hosts = {} as Record<HostId, HostBox>;
  for (const h of HOSTS) {
    const x = boxX[h];
    const pillCx = h === "client" ? edge.client - pillW / 2 : edge.server + pillW / 2;
    hosts[h] = {
      rect: { x, y: top, w: hostW, h: boxBottom - top },
      title: { x: x + 14, y: top + 30 },
      ip: { x: x + 14, y: top + 58 },
      role: { x: x + 14, y: top + 82 },
      listeners: Array.from({ length: maxL }, (_, i) => ({ x: h === "client" ? edge.client - pillW : edge.server, y: listenTop + i * listenRow + pillH / 2 })),
      pill: (lane) => ({ x: pillCx, y: laneYs[lane] ?? laneTop }),
      edge: edge[h],
    };
  }

  const walls: Partial<Record<HostId, WallBox>> = {};
  const noWall: Partial<Record<HostId, Pt>> = {};
  const wallFace = {} as Record<HostId, number>;
  // Two long wall labels that would meet in the middle: the server's goes a row lower.
  const labelW = (h: HostId) => Math.max(textWidth(`${h} firewall:`.length, fonts.base), textWidth(firewallName(hostConfig(trace.scenario, h).firewall).length, fonts.base, true));
  // A host without a wall says "no firewall" there instead, which the other label can meet too.
  const noWallW = textWidth("no firewall".length, fonts.small);
  const wordsW = (h: HostId) => (hasWall(trace, h) ? labelW(h) : noWallW);
  const clash = (hasWall(trace, "client") || hasWall(trace, "server")) && m + hostW + gap + wordsW("client") + 16 > W - m - hostW - gap - wordsW("server");
  for (const h of HOSTS) {
    const wx = h === "client" ? m + hostW + gap : W - m - hostW - gap - wallW;
    wallFace[h] = h === "client" ? wx + wallW : wx;
    if (hasWall(trace, h)) {
      walls[h] = {
        rect: { x: wx, y: laneTop - 48, w: wallW, h: lanesBottom - (laneTop - 48) },
        label: { x: h === "client" ? wx : wx + wallW, y: top + 28 + (clash && h === "server" && !nats.length ? 44 : 0) },
        anchor: h === "client" ? "start" : "end",
        count: { x: h === "client" ? wx : wx + wallW, y: lanesBottom + 20 },
        decision: { x: h === "client" ? wx : wx + wallW, y: top + 68 + (clash && h === "server" && !nats.length ? 44 : 0), anchor: h === "client" ? "start" : "end" },
      };
    } else {
      noWall[h] = { x: h === "client" ? wx : wx + wallW, y: top + 28 + (clash && h === "server" && !nats.length ? 44 : 0) };
      wallFace[h] = edge[h];
    }
  }

  const A = m + hostW + gap + wallW;
  const B = W - A;
  const L = B - A;
  const natW = clampNum(Math.round(L * 0.3), natMin, 184);
  const natBoxes: Partial<Record<RouterId, NatBox>> = {};
  for (const r of nats) {
    const h = hostOfRouter(r);
    const cx = h === "client" ? A + 24 + natW / 2 + L * 0.03 : B - 24 - natW / 2 - L * 0.03;
    const x = cx - natW / 2;
    const y = top + 78;
    const dir = h === "client" ? 1 : -1;
    natBoxes[r] = {
      rect: { x, y, w: natW, h: lanesBottom - y },
      lines: [0, 1, 2, 3].map((i) => ({ x: cx, y: y + 24 + i * 19 })),
      anchor: "middle",
      publicTag: { x: cx + (dir * natW) / 2 - dir * 8, y: y + 24 + 4 * 19 },
      privateTag: { x: cx - (dir * natW) / 2 + dir * 8, y: y + 24 + 4 * 19 },
      publicFace: cx + (dir * natW) / 2,
      privateFace: cx - (dir * natW) / 2,
      center: cx,
    };
  }
  const mid = W / 2;
  // The zone's name, mid-drawing: with routers on the walls' label row, without over the first
  // lane — unless a wall's label (or "no firewall") or a router (a narrow drawing) is there; then
  // the first free row of the others (with routers, at last under the hosts).
  const zoneName = middleName(ctx.trace.scenario);
  const zoneW = textWidth(zoneName.length, fonts.base) + 16;
  const taken: Rect[] = [];
  for (const h of HOSTS) {
    const at = walls[h]?.label ?? noWall[h];
    if (!at) continue;
    const w = wordsW(h);
    taken.push({ x: h === "client" ? at.x : at.x - w, y: at.y - fonts.base, w, h: walls[h] ? 2 * fonts.base + 8 : fonts.base + 4 });
  }
  for (const r of nats) {
    // A router's words ("public 203.0.113.5") may run a little past its box.
    const box = natBoxes[r]!.rect;
    taken.push({ x: box.x - 12, y: box.y, w: box.w + 24, h: box.h });
  }
  const rows = nats.length ? [top + 28, top + 66, laneTop - 56, boxBottom + 20] : [laneTop - 56, top + 28, top + 72];
  const zoneBoxes = rows.map((y) => ({ x: mid - zoneW / 2, y: y - fonts.base, w: zoneW, h: fonts.base + 4 }));
  const zoneY = rows[firstFree(zoneBoxes, taken, { x: 0, y: 0, w: W, h: boxBottom + 40 }, 2)]!;
  const notesTop = boxBottom + 40;
  const slotGap = 10;
  const third = (W - 2 * m - 2 * slotGap) / 3;
  const slots: Record<NoteSide, Rect> = {
    client: { x: m, y: notesTop, w: third, h: 0 },
    network: { x: m + third + slotGap, y: notesTop, w: third, h: 0 },
    server: { x: m + 2 * (third + slotGap), y: notesTop, w: third, h: 0 },
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
    lanes: laneYs,
    hosts,
    walls,
    noWall,
    nats: natBoxes,
    mid,
    zoneLabel: { x: mid, y: zoneY, text: zoneName, anchor: "middle" },
    wallFace,
    notesTop,
    pt: (along, across) => ({ x: along, y: across }),
    placeNotes,
    toward: (h) => (h === "client" ? 1 : -1),
  };
}

// ---------------------------------------------------------------------------------------------

function tallLayout(ctx: Ctx, W: number): Layout {
  const { trace, index } = ctx;
  const fonts: Fonts = { title: 18, base: 14, small: 13, mono: 13 };
  const charW = fonts.mono * MONO_EM;
  const m = 8;
  const n = index.lanes;
  const laneW = (W - 2 * m) / n;
  const lanes = pointScale(n, [m, W - m], 0.5);
  const laneXs = Array.from({ length: n }, (_, i) => lanes(i));
  const chars = Math.max(index.socketChars.client, index.socketChars.server, 13);
  const oneLine = chars * charW + 16;
  const twoLine = oneLine > laneW - 8;
  const pillW = twoLine ? Math.ceil(Math.min(laneW - 6, 15 * charW + 14)) : Math.ceil(oneLine);
  const pillH = twoLine ? 40 : 28;
  const maxL = { client: index.maxListeners.client, server: index.maxListeners.server };
  const listenRow = 34;

  let y = 8;
  // Client box: header, listeners, then the socket pills along its bottom edge.
  const cTop = y;
  const cListen = cTop + 88;
  const cPillCy = cListen + maxL.client * listenRow + 8 + pillH / 2;
  const cBottom = cPillCy + pillH / 2 + 8;
  y = cBottom;
  const walls: Partial<Record<HostId, WallBox>> = {};
  const noWall: Partial<Record<HostId, Pt>> = {};
  const wallFace = {} as Record<HostId, number>;
  const natBoxes: Partial<Record<RouterId, NatBox>> = {};
  const wallH = 14;
  // Three rows of words, the row of the public sockets it gave (label-geometry.ts), then its side tag.
  const natH = 112;
  // A wall's label sits between it and its host; the count of its drops at the row's right end.
  const placeWall = (h: HostId, at: number) => {
    const labelY = h === "client" ? at - 8 : at + wallH + 18;
    if (hasWall(trace, h)) {
      walls[h] = {
        rect: { x: m, y: at, w: W - 2 * m, h: wallH },
        label: { x: m + 4, y: labelY },
        anchor: "start",
        count: { x: W - m - 4, y: labelY },
        // The verdict shares the label's row (the count of drops gives way to it).
        decision: { x: W - m - 4, y: labelY, anchor: "end" },
      };
      wallFace[h] = h === "client" ? at + wallH : at;
    } else {
      noWall[h] = { x: m + 4, y: labelY };
    }
  };
  const placeNat = (r: RouterId, at: number) => {
    const h = hostOfRouter(r);
    natBoxes[r] = {
      rect: { x: m, y: at, w: W - 2 * m, h: natH },
      lines: [0, 1, 2, 3].map((i) => ({ x: m + 10, y: at + 22 + i * 19 })),
      anchor: "start",
      publicTag: { x: W - m - 8, y: h === "client" ? at + natH - 8 : at + 16 },
      privateTag: { x: W - m - 8, y: h === "client" ? at + 16 : at + natH - 8 },
      publicFace: h === "client" ? at + natH : at,
      privateFace: h === "client" ? at : at + natH,
      center: at + natH / 2,
    };
  };
  // Between a host and its wall: room for a packet at the socket, then the wall's label.
  y += 52;
  placeWall("client", y);
  if (!walls.client) wallFace.client = y;
  y += wallH + 16;
  if (trace.scenario.client.nat) {
    placeNat("client-nat", y);
    y += natH + 14;
  }
  const zoneTop = y;
  const zoneH = 190;
  y += zoneH;
  const mid = zoneTop + zoneH / 2;
  if (trace.scenario.server.nat) {
    placeNat("server-nat", y);
    y += natH + 14;
  }
  y += 2;
  placeWall("server", y);
  if (!walls.server) wallFace.server = y + wallH;
  y += wallH + 52;
  const sTop = y;
  const sPillCy = sTop + 8 + pillH / 2;
  const sHeader = sPillCy + pillH / 2 + 8;
  const sListen = sHeader + 86;
  const sBottom = sListen + maxL.server * listenRow + 6;

  const hosts = {
    client: {
      rect: { x: m, y: cTop, w: W - 2 * m, h: cBottom - cTop },
      title: { x: m + 12, y: cTop + 28 },
      ip: { x: m + 12, y: cTop + 52 },
      role: { x: m + 12, y: cTop + 74 },
      listeners: Array.from({ length: maxL.client }, (_, i) => ({ x: m + 12, y: cListen + i * listenRow + 14 })),
      pill: (lane) => ({ x: laneXs[lane] ?? W / 2, y: cPillCy }),
      edge: cPillCy + pillH / 2,
    },
    server: {
      rect: { x: m, y: sTop, w: W - 2 * m, h: sBottom - sTop },
      title: { x: m + 12, y: sHeader + 22 },
      ip: { x: m + 12, y: sHeader + 46 },
      role: { x: m + 12, y: sHeader + 68 },
      listeners: Array.from({ length: maxL.server }, (_, i) => ({ x: m + 12, y: sListen + i * listenRow + 14 })),
      pill: (lane) => ({ x: laneXs[lane] ?? W / 2, y: sPillCy }),
      edge: sPillCy - pillH / 2,
    },
  } as Partial<Record<HostId, HostBox>> as Record<HostId, HostBox>;
  const notesTop = sBottom + 20;
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
    lanes: laneXs,
    hosts,
    walls,
    noWall,
    nats: natBoxes,
    mid,
    zoneLabel: { x: m + 4, y: mid - 44, text: middleName(ctx.trace.scenario), anchor: "start" },
    wallFace,
    notesTop,
    pt: (along, across) => ({ x: across, y: along }),
    placeNotes,
    toward: (h) => (h === "client" ? 1 : -1),
  };
}

