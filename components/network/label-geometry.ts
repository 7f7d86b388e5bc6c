/**
 * Where the words go inside the pieces layout.ts placed: an ip:port socket pill's text and its
 * well-known-port chip, a listening socket's row, the "private" badge after an address, a wall's
 * label (shortened when the verdict needs its row), a NAT router's public socket on a lane and a
 * note's lines. Text is measured by the same estimate as layout.ts. Pure: the pieces draw these.
 */
import { hostConfig } from "../../sim/scenario/hosts";
import type { HostId } from "../../sim/trace/events";
import type { Trace } from "../../sim/trace/trace";
import { dropCountAt } from "./drop-geometry";
import { textBox, textWidth, type Fonts, type Layout, type PillLayout, type NatBox, type PlacedNote, type Pt, type Rect } from "./layout";
import { firewallName, HOSTS, ROUTERS } from "./model";

export interface PillGeom {
  /** Two lines (address above, :port below) or one. */
  readonly two: boolean;
  readonly box: Rect;
  /** The address's text: one line, its left end (":" follows in the same text); two, its centre. */
  readonly ip: Pt;
  /** Two lines: the ":" before the port. */
  readonly colon: Pt | null;
  readonly port: Pt;
  /** The chip behind a well-known port. */
  readonly chip: Rect;
  /** Under the pill (its font is fonts.small - 1). */
  readonly caption: Pt;
}

/** A socket pill centred at `at`; `width` overrides the layout's pill width (a tall listener row). */
export function pillGeometry(layout: PillLayout, at: Pt, ip: string, port: string, oneLine: boolean, width?: number): PillGeom {
  const { fonts, charW } = layout;
  const two = layout.pill.twoLine && !oneLine;
  const h = two ? layout.pill.h : Math.min(layout.pill.h, 32);
  const w = width ?? layout.pill.w;
  const box = { x: at.x - w / 2, y: at.y - h / 2, w, h };
  const caption = { x: at.x, y: at.y + h / 2 + fonts.small + 1 };
  const chipW = port.length * charW + 6;
  if (!two) {
    const baseY = at.y + fonts.mono * 0.36;
    const total = (ip.length + 1 + port.length) * charW;
    const x0 = at.x - total / 2;
    const px = x0 + (ip.length + 1) * charW;
    return { two, box, ip: { x: x0, y: baseY }, colon: null, port: { x: px, y: baseY }, chip: { x: px - 3, y: at.y - fonts.mono * 0.72, w: chipW, h: fonts.mono * 1.44 }, caption };
  }
  const y1 = at.y - fonts.mono * 0.55 + fonts.mono * 0.36;
  const y2 = at.y + fonts.mono * 0.65 + fonts.mono * 0.36;
  const pw = (port.length + 1) * charW;
  const px = at.x - pw / 2 + charW;
  return { two, box, ip: { x: at.x, y: y1 }, colon: { x: at.x - pw / 2, y: y2 }, port: { x: px, y: y2 }, chip: { x: px - 3, y: y2 - fonts.mono * 1.08, w: chipW, h: fonts.mono * 1.44 }, caption };
}

export interface ListenerRowGeom {
  /** The pill's centre, and its width when it is not the layout's. */
  readonly pill: Pt;
  readonly pillWidth: number | undefined;
  /** "listening · well-known" beside (tall) or under (wide) the pill. */
  readonly text: Pt & { readonly anchor: "start" | "end" | undefined; readonly size: number };
}

/**
 * A listening socket's row on host `h`, `at` from layout.hosts[h].listeners: wide, a pill as wide
 * as the connected ones against the host's edge with its words under it; tall, a pill as wide as
 * `socketText` and its words after it.
 */
export function listenerRow(layout: Layout, h: HostId, at: Pt, socketText: string): ListenerRowGeom {
  const { fonts } = layout;
  if (layout.orientation === "wide") {
    return {
      pill: { x: at.x + layout.pill.w / 2, y: at.y },
      pillWidth: undefined,
      text: { x: h === "client" ? at.x + layout.pill.w : at.x, y: at.y + layout.pill.h / 2 + fonts.small + 2, anchor: h === "client" ? "end" : "start", size: fonts.small - 1 },
    };
  }
  const w = textWidth(socketText.length, fonts.mono, true) + 16;
  return { pill: { x: at.x + w / 2, y: at.y }, pillWidth: w, text: { x: at.x + w + 8, y: at.y + fonts.small * 0.36, anchor: undefined, size: fonts.small } };
}

/** The "private" badge whose left end is at x, on the baseline y of text of `size`. */
export function privateBadge(x: number, y: number, size: number): { readonly rect: Rect; readonly text: Pt } {
  const w = textWidth(7, size) + 12;
  return { rect: { x, y: y - size + 1, w, h: size + 6 }, text: { x: x + w / 2, y } };
}

/** Where the badge after a host's address goes: 8 past the address (monospace at fonts.mono). */
export function badgeAfter(ipAt: Pt, ip: string, fonts: Fonts): Pt {
  return { x: ipAt.x + textWidth(ip.length, fonts.mono, true) + 8, y: ipAt.y };
}

/**
 * A wall's label and drop count, tall: the verdict (`decision`) shares the label's row, so the
 * label gives up its kind (`full` → `short`) when both don't fit, and the count gives way to the
 * verdict or to a label that leaves it no room. Wide: the full label, and the count when any.
 * Gives the name to write and the number of `drops` to show (null: no count).
 */
export function wallLabel(layout: Layout, wallWidth: number, full: string, short: string, decision: string | null, drops: number): { readonly name: string; readonly count: number | null } {
  const { fonts } = layout;
  const wide = layout.orientation === "wide";
  const room = wallWidth - 24 - (decision ? textWidth(decision.length + 1, fonts.small) : 0);
  const name = wide || textWidth(full.length, fonts.base) <= room ? full : short;
  const shown = !wide && decision ? 0 : drops;
  const fits = wide || textWidth(name.length, fonts.base) + textWidth(12, fonts.small) + 24 < wallWidth;
  return { name, count: shown > 0 && fits ? shown : null };
}

/**
 * A NAT router's public socket for the connection on the lane at `across`: wide, just above the
 * lane inside the router; tall, on the router's last row, when the lanes are far enough apart
 * for `text` (else null).
 */
export function natLaneLabelAt(layout: Layout, nat: NatBox, across: number, text: string): (Pt & { readonly size: number }) | null {
  if (layout.orientation === "wide") return { x: nat.center, y: across - 10, size: layout.fonts.small - 1 };
  if (layout.lanes.length === 1 || Math.abs((layout.lanes[1] ?? 0) - (layout.lanes[0] ?? 0)) > textWidth(text.length, 12, true) + 6) {
    return { x: across, y: nat.lines[3]?.y ?? nat.rect.y + nat.rect.h - 22, size: 12 };
  }
  return null;
}

export interface NoteLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** A placed note's title lines (fonts.base) and body lines (fonts.small), 10 in from its left edge. */
export function noteLines(fonts: Fonts, note: PlacedNote): { readonly title: readonly NoteLine[]; readonly body: readonly NoteLine[] } {
  const { rect } = note;
  const lineH = Math.round(fonts.small * 1.35);
  const titleLineH = Math.round(fonts.base * 1.25);
  const titleY = rect.y + 8 + fonts.base * 1.05;
  const bodyY = titleY + (note.titleLines.length - 1) * titleLineH;
  return {
    title: note.titleLines.map((text, i) => ({ text, x: rect.x + 10, y: titleY + i * titleLineH })),
    body: note.wrapped.map((text, i) => ({ text, x: rect.x + 10, y: bodyY + 6 + (i + 1) * lineH })),
  };
}

/**
 * The boxes of the words that are always in the drawing — each wall's label (or "no firewall"),
 * the zone's name, a router's or the network's count of drops — for the words placed per step
 * (a drop's) to keep clear of. Estimated as layout.ts estimates text.
 */
export function fixedLabelBoxes(layout: Layout, trace: Trace): Rect[] {
  const { fonts } = layout;
  const wide = layout.orientation === "wide";
  const out: Rect[] = [];
  for (const h of HOSTS) {
    const wall = layout.walls[h];
    if (wall) {
      const kind = firewallName(hostConfig(trace.scenario, h).firewall);
      const w = wide ? Math.max(textWidth(`${h} firewall:`.length, fonts.base), textWidth(kind.length, fonts.base, true)) : textWidth(`${h} firewall: ${kind}`.length, fonts.base);
      // Wide, two rows ("client firewall:" over its kind); tall, one.
      const row = textBox(wall.label, 0, fonts.base);
      out.push({ x: wall.anchor === "start" || !wide ? wall.label.x : wall.label.x - w, y: row.y, w, h: wide ? 2 * fonts.base + 8 : row.h });
    }
    const none = layout.noWall[h];
    if (none) out.push(textBox(none, "no firewall".length, fonts.small, wide && h === "server" ? "end" : "start"));
  }
  const z = layout.zoneLabel;
  out.push(textBox(z, z.text.length, fonts.base, z.anchor));
  for (const node of [...ROUTERS, "network" as const]) {
    const p = dropCountAt(layout, node);
    if (p) out.push(textBox(p, "✕ 99 dropped".length, fonts.small, p.anchor));
  }
  return out;
}
