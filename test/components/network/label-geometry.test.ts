/** Where the words go inside the pieces (components/network/label-geometry.ts), without a DOM. */
import { describe, expect, it } from "vitest";
import { badgeAfter, listenerRow, natLaneLabelAt, noteLines, pillGeometry, privateBadge, wallLabel } from "../../../components/network/label-geometry";
import { textWidth } from "../../../components/network/layout";
import { notesAt } from "../../../components/network/model";
import { ALL, CLI_FW_PORT, CLIENT_NAT_HELPER, network, OPEN_PASV, ORIENTATIONS } from "./network-lab";

describe("pillGeometry", () => {
  it("one line: centres ip:port in the pill, the port after the colon, its chip around it", () => {
    const layout = network(OPEN_PASV).layout("wide");
    const at = { x: 300, y: 200 };
    const g = pillGeometry(layout, at, "10.99.1.2", "21", false);
    const { charW } = layout;
    expect(g.two).toBe(false);
    expect(g.colon).toBeNull();
    expect(g.box.x + g.box.w / 2).toBe(at.x);
    expect(g.box.y + g.box.h / 2).toBe(at.y);
    // "10.99.1.2:21" is 12 characters, centred on at.x; the port starts after "10.99.1.2:".
    expect(g.ip.x + (12 * charW) / 2).toBeCloseTo(at.x, 9);
    expect(g.port.x - g.ip.x).toBeCloseTo(10 * charW, 9);
    expect(g.port.y).toBe(g.ip.y);
    expect(g.chip.x).toBeLessThan(g.port.x);
    expect(g.chip.x + g.chip.w).toBeGreaterThan(g.port.x + 2 * charW);
    expect(g.chip.y).toBeLessThan(g.port.y - layout.fonts.mono * 0.7);
    expect(g.chip.y + g.chip.h).toBeGreaterThan(g.port.y);
    // The caption under the pill.
    expect(g.caption.y).toBeGreaterThan(g.box.y + g.box.h);
  });

  it("two lines (narrow lanes): the address above, :port below, both inside the pill", () => {
    const layout = { ...network(OPEN_PASV).layout("tall") };
    const two = { ...layout, pill: { ...layout.pill, twoLine: true, h: 40 } };
    const at = { x: 100, y: 300 };
    const g = pillGeometry(two, at, "192.168.100.200", "50000", false);
    expect(g.two).toBe(true);
    expect(g.box.h).toBe(40);
    expect(g.ip.x).toBe(at.x);
    expect(g.ip.y).toBeLessThan(g.port.y);
    expect(g.ip.y).toBeGreaterThan(g.box.y);
    expect(g.port.y).toBeLessThan(g.box.y + g.box.h);
    expect(g.colon!.y).toBe(g.port.y);
    expect(g.port.x - g.colon!.x).toBeCloseTo(two.charW, 9);
    // ":50000" is centred.
    expect(g.colon!.x + (6 * two.charW) / 2).toBeCloseTo(at.x, 9);
    // A listener's pill keeps to one line.
    expect(pillGeometry(two, at, "192.168.100.200", "50000", true).two).toBe(false);
    expect(pillGeometry(two, at, "192.168.100.200", "50000", true).box.h).toBe(32);
  });

  it("takes a width of its own when given one", () => {
    const layout = network(OPEN_PASV).layout("tall");
    expect(pillGeometry(layout, { x: 50, y: 50 }, "1.2.3.4", "21", true, 77).box).toMatchObject({ x: 50 - 77 / 2, w: 77 });
  });
});

describe("listenerRow", () => {
  it("wide: the pill against the host's edge and its words under it, aligned to that edge", () => {
    const layout = network(OPEN_PASV).layout("wide");
    for (const h of ["client", "server"] as const) {
      const at = { x: 40, y: 120 };
      const r = listenerRow(layout, h, at, "10.99.1.2:21");
      expect(r.pill).toEqual({ x: at.x + layout.pill.w / 2, y: at.y });
      expect(r.pillWidth).toBeUndefined();
      expect(r.text.y).toBeGreaterThan(at.y + layout.pill.h / 2);
      expect(r.text.anchor).toBe(h === "client" ? "end" : "start");
      expect(r.text.x).toBe(h === "client" ? at.x + layout.pill.w : at.x);
    }
  });

  it("tall: a pill as wide as the socket, its words 8 after it on the same line", () => {
    const layout = network(OPEN_PASV).layout("tall");
    const at = { x: 20, y: 120 };
    const r = listenerRow(layout, "server", at, "10.99.2.2:21");
    expect(r.pillWidth).toBe(textWidth(12, layout.fonts.mono, true) + 16);
    expect(r.pill.x - r.pillWidth! / 2).toBe(at.x);
    expect(r.text.x).toBe(r.pill.x + r.pillWidth! / 2 + 8);
    expect(r.text.anchor).toBeUndefined();
    expect(Math.abs(r.text.y - at.y)).toBeLessThan(layout.fonts.small / 2);
  });
});

describe("privateBadge and badgeAfter", () => {
  it("puts the badge 8 after the address, its word centred in a box around the baseline", () => {
    const layout = network(OPEN_PASV).layout("wide");
    const at = badgeAfter({ x: 26, y: 66 }, "10.99.1.10", layout.fonts);
    expect(at).toEqual({ x: 26 + textWidth(10, layout.fonts.mono, true) + 8, y: 66 });
    const b = privateBadge(at.x, at.y, 13);
    expect(b.rect.x).toBe(at.x);
    expect(b.text.x).toBeCloseTo(b.rect.x + b.rect.w / 2, 9);
    expect(b.rect.w).toBeGreaterThan(textWidth(7, 13));
    expect(b.rect.y).toBeLessThan(at.y - 13 / 2);
    expect(b.rect.y + b.rect.h).toBeGreaterThan(at.y);
  });
});

describe("wallLabel", () => {
  const full = "server firewall: only 21 + passive range";
  it("wide: the full name, and the count of drops when there are any", () => {
    const layout = network(OPEN_PASV).layout("wide");
    expect(wallLabel(layout, 16, full, "server firewall", "✕ policy", 3)).toEqual({ name: full, count: 3 });
    expect(wallLabel(layout, 16, full, "server firewall", null, 0)).toEqual({ name: full, count: null });
  });

  it("tall: gives up the kind when the verdict needs the room, and the count gives way to the verdict", () => {
    const layout = network(OPEN_PASV).layout("tall");
    const w = layout.width - 16;
    expect(textWidth(full.length, layout.fonts.base)).toBeLessThan(w - 24);
    expect(wallLabel(layout, w, full, "server firewall", null, 0)).toEqual({ name: full, count: null });
    expect(wallLabel(layout, w, full, "server firewall", "✓ rule 1 of the server firewall", 2)).toEqual({ name: "server firewall", count: null });
    expect(wallLabel(layout, w, "server firewall: open", "server firewall", null, 2)).toEqual({ name: "server firewall: open", count: 2 });
    // The full name leaves no room for "✕ 2 dropped": no count.
    expect(wallLabel(layout, w, full, "server firewall", null, 2).count).toBeNull();
  });
});

describe("natLaneLabelAt", () => {
  it("wide: centred in the router, just above the lane", () => {
    const layout = network(CLIENT_NAT_HELPER).layout("wide");
    const nat = layout.nats["client-nat"]!;
    const at = natLaneLabelAt(layout, nat, layout.lanes[0]!, "203.0.113.5:40000")!;
    expect(at.x).toBe(nat.center);
    expect(at.y).toBeLessThan(layout.lanes[0]!);
    expect(at.y).toBeGreaterThan(layout.lanes[0]! - 20);
  });

  it("tall: on the lane's column at the router's last row, only when the lanes are far enough apart", () => {
    const layout = network(CLIENT_NAT_HELPER).layout("tall");
    const nat = layout.nats["client-nat"]!;
    const text = "203.0.113.5:40000";
    const gap = Math.abs(layout.lanes[1]! - layout.lanes[0]!);
    const at = natLaneLabelAt(layout, nat, layout.lanes[1]!, text);
    if (gap > textWidth(text.length, 12, true) + 6) expect(at).toEqual({ x: layout.lanes[1], y: nat.lines[3]!.y, size: 12 });
    else expect(at).toBeNull();
    const narrow = { ...layout, lanes: [100, 150] };
    expect(natLaneLabelAt(narrow, nat, 150, text)).toBeNull();
    const one = { ...layout, lanes: [195] };
    expect(natLaneLabelAt(one, nat, 195, text)).toMatchObject({ x: 195 });
  });
});

describe("noteLines", () => {
  for (const o of ORIENTATIONS) {
    it(`${o}: writes a note's title lines then its body lines downward, inside its box`, () => {
      let n = 0;
      for (const path of [...ALL, CLI_FW_PORT]) {
        const s = network(path);
        const layout = s.layout(o);
        for (let step = 0; step < s.timeline.steps.length; step++) {
          for (const note of layout.placeNotes(notesAt(s.trace, s.timeline, s.index, step))) {
            const { title, body } = noteLines(layout.fonts, note);
            const ys = [...title, ...body].map((l) => l.y);
            expect(ys).toEqual([...ys].sort((a, b) => a - b));
            expect(new Set(ys).size).toBe(ys.length);
            expect(ys[0]! - layout.fonts.base).toBeGreaterThanOrEqual(note.rect.y);
            expect(ys[ys.length - 1]).toBeLessThanOrEqual(note.rect.y + note.rect.h);
            for (const l of [...title, ...body]) expect(l.x).toBe(note.rect.x + 10);
            expect(title.map((l) => l.text)).toEqual(note.titleLines);
            expect(body.map((l) => l.text)).toEqual(note.wrapped);
            n++;
          }
        }
      }
      expect(n).toBeGreaterThan(10);
    });
  }
});
