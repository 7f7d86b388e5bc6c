import { describe, expect, it } from "vitest";
import { isVisible, notesAt, packetScene, portKind } from "../../../components/network/model";
import { wrap } from "../../../components/text-wrap";
import { computeLayout } from "../../../components/network/layout";
import { computeGeometry } from "../../../components/sequence/geometry";
import { packetDetails } from "../../../components/inspector/journey";
import { lab } from "../../harness/lab";
import { network } from "./network-lab";

describe("network view model", () => {
  it("puts the control connection in lane 0 and never two visible connections in one lane", () => {
    const open = network("test/fixtures/reference/open--port.json");
    const { index } = open;
    expect(index.conns.get(1)?.purpose).toBe("control");
    expect(index.conns.get(1)?.lane).toBe(0);
    for (const { step, world } of open.everyStep()) {
      const lanes = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step)).map((c) => index.conns.get(c.id)?.lane);
      expect(new Set(lanes).size).toBe(lanes.length);
      for (const l of lanes) expect(l).toBeLessThan(index.lanes);
    }
  });

  it("knows where each packet ends", () => {
    const { trace, timeline, index, scenes } = network("test/scenarios/server-nat-pasv-private.json");
    const lost = scenes.find((p) => p.fate === "lost");
    expect(lost?.stopAt).toBe("network");
    expect(lost?.dropText).toBe("✕ lost: private address");
    // Both sides show public addresses, so the middle is the internet, in the words as on the zone.
    expect(lost?.description).toMatch(/lost on the internet$/);
    expect(computeLayout(trace, timeline, index, "wide", 1100).zoneLabel.text).toBe("internet");
  });

  it("classifies ports", () => {
    const { trace } = lab("test/scenarios/reject-vs-drop.json");
    expect(portKind(21, "server", trace)).toBe("control");
    expect(portKind(20, "server", trace)).toBe("active-data");
    expect(portKind(3005, "server", trace)).toBe("passive-range");
    expect(portKind(40123, "client", trace)).toBe("ephemeral");
  });

  it("names a timeout", () => {
    const { trace, timeline, index, stepOf } = network("test/fixtures/reference/cli-fw--port.json");
    const step = stepOf({ timeout: "server" });
    const notes = notesAt(trace, timeline, index, step);
    expect(notes[0]?.title).toBe("✕ server gives up");
    expect(notes[0]?.lines[0]).toMatch(/^connecting to 10\.99\.1\.2:\d+ after 3\.0 s$/);
  });

  it("sizes the notes' band for the busiest step", () => {
    const { trace, timeline, index } = network("test/scenarios/server-nat-helper.json");
    for (const o of ["wide", "tall"] as const) {
      const layout = computeLayout(trace, timeline, index, o, o === "wide" ? 1100 : 390);
      for (let step = 0; step < timeline.steps.length; step++) {
        for (const n of layout.placeNotes(notesAt(trace, timeline, index, step))) {
          expect(n.rect.y + n.rect.h).toBeLessThanOrEqual(layout.height);
          expect(n.rect.x + n.rect.w).toBeLessThanOrEqual(layout.width);
        }
      }
    }
  });

  it("wraps text to a width", () => {
    expect(wrap("expects 10.99.2.2 → 10.99.1.2:40123 soon", 20)).toEqual(["expects 10.99.2.2 →", "10.99.1.2:40123 soon"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("labels every packet as the sequence diagram does, and reads its connection as the inspector does", () => {
    const { trace: t, timeline: tl, index } = network({ client: { mode: "active", firewall: "stateful+ftp-helper", nat: { publicIp: "198.51.100.7", ftpHelper: true } }, server: { ip: "203.0.113.5" }, tls: false, commands: ["LIST", "RETR hello.txt"] });
    const geometry = computeGeometry(t, tl, 4000);
    let packets = 0;
    for (const s of tl.steps) {
      const scene = packetScene(t, tl, index, s.index);
      if (!scene) continue;
      packets++;
      const row = geometry.rows[s.index]!.item;
      expect(row.type === "arrow" ? row.fullLabel : null).toBe(scene.label);
      expect(packetDetails(t, tl, scene.id)?.purpose).toBe(scene.purpose);
    }
    expect(packets).toBeGreaterThan(30);
  });
});
