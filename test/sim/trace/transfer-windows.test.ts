/**
 * TEMPORARY PROOF — ADAPT WHEN THE `transfer` FIELD OF `connect`/`listen` EVENTS GOES.
 *
 * Which transfer a data connection or data listener belongs to is now read from the transfer
 * windows (sim/trace/transfers.ts: the events from `transfer-start` N to `transfer-end` N), not
 * from the `transfer` field the simulator still writes on `connect` and `listen` events (via
 * SessionLabels in sim/ftp/data-channel.ts). Until that field is removed, this checks the two
 * agree on every connect and listen event of every lesson scenario, every scenario file and a
 * few hundred random scenarios. When the field goes, keep the scenarios and check instead that
 * every data connection's derived transfer is the window it opened in (or drop this file).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../../lessons/catalog";
import { simulate, type Trace } from "../../../sim/index";
import { run } from "../../../sim/simulate";
import { connectionsOf } from "../../../sim/trace/connections";
import { socketTransfer, transferWindows } from "../../../sim/trace/transfers";
import { scenarioArb } from "../arbitraries";

/** The field being retired, read without naming it in the event types. */
const recordedTransfer = (e: object): number | null | undefined => (e as { transfer?: number | null }).transfer;

/** Every connect/listen event whose derived transfer differs from the recorded one, in words. */
function disagreements(trace: Trace): string[] {
  const out: string[] = [];
  const conns = connectionsOf(trace.events);
  trace.events.forEach((e, i) => {
    if (e.type !== "connect" && e.type !== "listen") return;
    const recorded = recordedTransfer(e);
    const derived = socketTransfer(trace.events, i);
    if (derived !== recorded) out.push(`event ${i} (${e.type} ${e.purpose}): derived ${derived}, recorded ${recorded}`);
    if (e.type === "connect" && conns.get(e.conn)?.transfer !== recorded) out.push(`connection ${e.conn}: record says ${conns.get(e.conn)?.transfer}, recorded ${recorded}`);
  });
  return out;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith(".json") && name !== "expected.json" ? [path] : [];
    });
}

describe("transfer windows (temporary proof against the connect/listen `transfer` field)", () => {
  it("label every data socket of every lesson scenario as the trace's field does", () => {
    let sockets = 0;
    for (const lesson of LESSONS) {
      for (const [name, scenario] of Object.entries(lesson.scenarios)) {
        const trace = run(scenario);
        sockets += trace.events.filter((e) => e.type === "connect" || e.type === "listen").length;
        expect(disagreements(trace), `${lesson.slug} / ${name}`).toEqual([]);
      }
    }
    expect(sockets).toBeGreaterThan(100);
  });

  it("label every data socket of test/scenarios, the reference cases and the real-network scenarios", () => {
    for (const file of ["test/scenarios", "test/fixtures/reference", "test/real/scenarios"].flatMap(jsonFiles)) {
      expect(disagreements(simulate(JSON.parse(readFileSync(file, "utf8")))), file).toEqual([]);
    }
  });

  it("label every data socket of 300 random scenarios", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const trace = simulate(input);
        const wrong = disagreements(trace);
        if (wrong.length > 0) throw new Error(wrong.join("\n"));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it("give each started transfer one window, in order, closed by its transfer-end", () => {
    const trace = simulate({ client: { mode: "active" }, commands: ["LIST", "RETR hello.txt", "LIST"] });
    const windows = transferWindows(trace.events);
    expect(windows.map((w) => [w.index, w.command])).toEqual([
      [0, "LIST"],
      [1, "RETR hello.txt"],
      [2, "LIST"],
    ]);
    for (const w of windows) {
      expect(trace.events[w.start]).toMatchObject({ type: "transfer-start", index: w.index });
      expect(trace.events[w.end!]).toMatchObject({ type: "transfer-end", index: w.index });
    }
    const data = [...connectionsOf(trace.events).values()].filter((c) => c.purpose === "data");
    expect(data.map((c) => c.transfer)).toEqual([0, 1, 2]);
  });
});
