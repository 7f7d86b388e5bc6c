/**
 * The three-host network view's layout (components/network/multi-layout.ts): a server-to-server
 * transfer and a relay in front of the server, wide and tall. Where the relay's firewall stands,
 * that everything drawn stays inside the drawing, that the zones' names keep off the rest, and
 * that the drawing is no taller than what it holds.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "@/sim/index";
import { FXP_ALLOWED, relayed } from "../../harness/multi-host-fixtures";
import { timelineOf } from "@/sim/trace/steps";
import { worldAt } from "@/sim/trace/world";
import { lessonBySlug } from "@/lessons/catalog";
import { lessonTraces } from "@/lessons/lesson-traces";
import type { Orientation, Rect } from "@/components/network/layout";
import { indexTrace, isVisible, notesAt, packetScene } from "@/components/network/model";
import {
  barrierWordRects,
  computeMultiLayout,
  connDraw,
  dropWordsBox,
  glyphRect,
  multiMotion,
  stepTaken,
  textRect,
  within,
  type MultiLayout,
} from "@/components/network/multi-layout";
import { overlapArea } from "@/components/network/label-slots";

const lessonRuns = (slug: string): [string, Trace][] => Object.entries(lessonTraces(lessonBySlug(slug)!)).map(([name, t]) => [`${slug}/${name}`, t]);

const RELAYS: [string, Trace][] = [
  ...lessonRuns("relay-connector"),
  ["relay, unmapped port dropped by its firewall", simulate(relayed({ unmapped: "drop" }, { passivePorts: [40004, 40004] }, { connectTimeoutMs: 5000 }))],
  ["relay, unmapped port reset", simulate(relayed({}, { passivePorts: [40004, 40004] }))],
];
const FXPS: [string, Trace][] = [
  ...lessonRuns("server-to-server"),
  ["fxp, A's firewall drops B's SYN", simulate({ ...FXP_ALLOWED, server: { ...FXP_ALLOWED.server, firewall: "control-only", connectTimeoutMs: 5000, acceptTimeoutMs: 5000 }, fxp: { ...FXP_ALLOWED.fxp!, server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral", connectTimeoutMs: 5000 } } })],
  ["fxp, B behind a NAT router", simulate({ ...FXP_ALLOWED, server: { passivePorts: [40000, 40009] }, fxp: { ...FXP_ALLOWED.fxp!, server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral", nat: { publicIp: "198.51.100.30", forward: [21] } } } })],
];
const SIZES: [Orientation, number][] = [
  ["wide", 1100],
  ["wide", 800],
  ["tall", 390],
  ["tall", 340],
];

function layoutOf(trace: Trace, o: Orientation, width: number) {
  const timeline = timelineOf(trace.events);
  const index = indexTrace(trace, timeline);
  return { timeline, index, l: computeMultiLayout(trace, timeline, index, o, width) };
}

const hits = (a: Rect, b: Rect) => overlapArea(a, b) > 0;

describe("the relay's firewall", () => {
  it.each(RELAYS)("%s: a wall only when it drops (else the kernel's RST, no firewall), on the relay's face toward the client, between the two boxes", (_, trace) => {
    for (const [o, w] of SIZES) {
      const { l } = layoutOf(trace, o, w);
      const walls = l.barriers.filter((b) => b.kind === "wall" && b.host === "relay");
      const drops = trace.scenario.server.relay?.unmapped === "drop";
      expect(walls, `${o} ${w}`).toHaveLength(drops ? 1 : 0);
      if (!drops) continue;
      const wall = walls[0]!;
      expect(wall.toward).toBe(-1);
      const client = l.hosts.find((h) => h.id === "client")!.rect;
      const relay = l.hosts.find((h) => h.id === "relay")!.rect;
      if (o === "wide") {
        expect(wall.rect.x).toBeGreaterThanOrEqual(client.x + client.w);
        expect(wall.rect.x + wall.rect.w).toBeLessThanOrEqual(relay.x);
      } else {
        expect(wall.rect.y).toBeGreaterThanOrEqual(client.y + client.h);
        expect(wall.rect.y + wall.rect.h).toBeLessThanOrEqual(relay.y);
      }
    }
  });

  it("stops a SYN it drops on the client's side of the wall, clear of the wall's words", () => {
    const trace = RELAYS.find(([n]) => n.includes("dropped by its firewall"))![1];
    for (const [o, w] of SIZES) {
      const { l, timeline, index } = layoutOf(trace, o, w);
      const wall = l.barriers.find((b) => b.kind === "wall" && b.host === "relay")!;
      const dropped = timeline.steps.map((_, s) => packetScene(trace, timeline, index, s)).filter((p) => p?.drop?.node === "relay");
      expect(dropped.length).toBeGreaterThan(0);
      for (const p of dropped) {
        const m = multiMotion(l, p!);
        const along = (pt: { x: number; y: number }) => (o === "wide" ? pt.x : pt.y);
        expect(along(m.dropAt!)).toBeLessThan(wall.outer);
        expect(along(m.end)).toBeLessThan(along(m.dropAt!));
        for (const r of barrierWordRects(l, wall)) expect(hits(glyphRect(m.end, m.w, m.h), r), `${o} ${w} glyph over the wall's words`).toBe(false);
      }
    }
  });
});

describe.each([...RELAYS, ...FXPS])("%s", (_, trace) => {
  it.each(SIZES)("%s at %i: hosts, barriers, zones, packets and drops stay inside the drawing", (o, width) => {
    const { l, timeline, index } = layoutOf(trace, o, width);
    const inside = (r: Rect, what: string) => expect(within(l, r), `${what} ${JSON.stringify(r)} in ${l.width}×${l.height}`).toBe(true);
    for (const h of l.hosts) inside(h.rect, h.id);
    for (const b of l.barriers) {
      inside(b.rect, `${b.host} ${b.kind}`);
      for (const r of barrierWordRects(l, b)) inside(r, `${b.host} wall words`);
    }
    for (const z of l.zones) inside(textRect(z, z.text.length, l.fonts.base, z.anchor, false, true), z.text);
    for (let step = 0; step < timeline.steps.length; step++) {
      const pkt = packetScene(trace, timeline, index, step);
      if (!pkt) continue;
      const m = multiMotion(l, pkt);
      inside(glyphRect(m.start, m.w, m.h), `step ${step} packet start`);
      inside(glyphRect(m.end, m.w, m.h), `step ${step} packet "${m.text}"`);
      if (m.dropAt) {
        inside({ x: m.dropAt.x - 14, y: m.dropAt.y - 14, w: 28, h: 28 }, `step ${step} ✕`);
        const world = worldAt(trace.events, timeline, step);
        const conns = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step)).map((c) => connDraw(l, trace, world, c));
        const box = dropWordsBox(l, m.dropAt, 200, 26, stepTaken(l, world, conns, glyphRect(m.end, m.w, m.h)));
        inside(box, `step ${step} drop words`);
        expect(box.y + box.h).toBeLessThanOrEqual(l.notesTop);
      }
    }
  });

  it.each(SIZES)("%s at %i: the zones' names keep off the hosts, walls, captions and every resting packet", (o, width) => {
    const { l, timeline, index } = layoutOf(trace, o, width);
    const zones = l.zones.map((z) => textRect(z, z.text.length, l.fonts.base, z.anchor, false, true));
    const taken: Rect[] = [...l.hosts.map((h) => h.rect), ...l.barriers.flatMap((b) => [b.rect, ...barrierWordRects(l, b)])];
    for (let step = 0; step < timeline.steps.length; step++) {
      const pkt = packetScene(trace, timeline, index, step);
      if (pkt) {
        const m = multiMotion(l, pkt);
        taken.push(glyphRect(m.end, m.w, m.h));
      }
      const world = worldAt(trace.events, timeline, step);
      for (const c of world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step))) {
        const d = connDraw(l, trace, world, c);
        taken.push(textRect(d.opened, [...d.words.openedBy].length, l.fonts.small, d.opened.anchor), textRect(d.label, [...d.words.purpose].length, l.fonts.small, "middle"));
      }
    }
    for (const z of zones) for (const t of taken) expect(hits(z, t), `zone ${JSON.stringify(z)} meets ${JSON.stringify(t)}`).toBe(false);
  });

  it.each(SIZES)("%s at %i: no taller than its hosts and the notes it ever shows", (o, width) => {
    const { l, timeline, index } = layoutOf(trace, o, width);
    let bottom = Math.max(...l.hosts.map((h) => h.rect.y + h.rect.h), ...l.barriers.map((b) => b.rect.y + b.rect.h + 20));
    for (let step = 0; step < timeline.steps.length; step++) for (const n of l.placeNotes(notesAt(trace, timeline, index, step))) bottom = Math.max(bottom, n.rect.y + n.rect.h);
    expect(l.height).toBeGreaterThanOrEqual(bottom);
    expect(l.height - bottom).toBeLessThanOrEqual(16);
  });
});

/** A tall drawing's packet on the left column, label longer than that column is wide. */
it("keeps every packet label on a phone whole, inside the drawing, focus ring included", () => {
  for (const [name, trace] of [...lessonRuns("server-to-server"), ...lessonRuns("relay-connector")]) {
    const { l, timeline, index } = layoutOf(trace, "tall", 340);
    for (let s = 0; s < timeline.steps.length; s++) {
      const p = packetScene(trace, timeline, index, s);
      if (!p) continue;
      const m = multiMotion(l as MultiLayout, p);
      expect(m.end.x - m.w / 2 - 6, `${name} step ${s + 1}`).toBeGreaterThanOrEqual(0);
      expect(m.end.x + m.w / 2 + 6, `${name} step ${s + 1}`).toBeLessThanOrEqual(l.width);
    }
  }
});
