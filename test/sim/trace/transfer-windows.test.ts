/**
 * Which transfer a data connection belongs to is read from the transfer windows alone
 * (sim/trace/transfers.ts: the events from `transfer-start` N to `transfer-end` N); the trace's
 * sockets carry no label. These check that reading against what the connections did: a data
 * connection's SYN and payload lie in its transfer's window, a completed transfer's bytes went
 * over exactly one data connection of its own, the control connection belongs to no transfer,
 * and the retries of one transfer (EPSV → PASV, EPRT → PORT) stay that transfer's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LESSONS, lessonBySlug } from "../../../lessons/catalog";
import { simulate, type Trace } from "../../../sim/index";
import { run } from "../../../sim/simulate";
import { connectionsOf } from "../../../sim/trace/connections";
import { socketTransfer, transferAt, transferWindows } from "../../../sim/trace/transfers";
import { scenarioArb } from "../arbitraries";
import { lab } from "../../harness/lab";
import { scenarioFiles } from "../../harness/scenario-files";

/** The event index of each data connection's first SYN, and of every segment it sent with payload. */
function dataSegments(trace: Trace): Map<number, { syn: number | null; payload: number[] }> {
  const out = new Map<number, { syn: number | null; payload: number[] }>();
  const conns = connectionsOf(trace.events);
  trace.events.forEach((e, i) => {
    if (e.type !== "send" || conns.get(e.packet.conn)?.purpose !== "data") return;
    const seen = out.get(e.packet.conn) ?? { syn: null, payload: [] };
    out.set(e.packet.conn, seen);
    if (seen.syn === null && e.packet.flags.includes("SYN") && !e.packet.flags.includes("ACK")) seen.syn = i;
    if (e.packet.payload.length > 0) seen.payload.push(i);
  });
  return out;
}

/** Every way the derived transfers disagree with what the connections did, in words. */
function mislabels(trace: Trace): string[] {
  const out: string[] = [];
  const { events } = trace;
  const conns = connectionsOf(events);
  const segments = dataSegments(trace);
  for (const c of conns.values()) {
    if (c.purpose === "control") {
      if (c.transfer !== null) out.push(`control connection ${c.id} labelled transfer ${c.transfer}`);
      continue;
    }
    // (A data listener may: a PASV or EPSV sent as a plain command opens one outside any transfer.)
    if (c.transfer === null) out.push(`data connection ${c.id} belongs to no transfer`);
    const seg = segments.get(c.id);
    if (seg?.syn != null && transferAt(events, seg.syn) !== c.transfer) out.push(`data connection ${c.id} (transfer ${c.transfer}): its SYN is in transfer ${transferAt(events, seg.syn)}'s window`);
    for (const i of seg?.payload ?? []) {
      if (transferAt(events, i) !== c.transfer) out.push(`data connection ${c.id} (transfer ${c.transfer}): payload at event ${i} is in transfer ${transferAt(events, i)}'s window`);
    }
  }
  for (const t of trace.result.transfers) {
    if (t.result !== "ok" || t.bytes === 0) continue;
    const carriers = [...conns.values()].filter((c) => c.transfer === t.index && (segments.get(c.id)?.payload.length ?? 0) > 0);
    // Through a relay, one transfer's bytes cross two connections: server ⇄ relay and relay ⇄ client.
    if (carriers.length !== (trace.scenario.server.relay ? 2 : 1)) out.push(`transfer ${t.index} (${t.command}) completed with ${t.bytes} bytes over ${carriers.length} data connections`);
  }
  return out;
}


/** The data connections of a trace as [transfer, who dialled] in order, and the data listeners' transfers. */
function dataLabels(trace: Trace) {
  const connections = [...connectionsOf(trace.events).values()].filter((c) => c.purpose === "data").map((c) => [c.transfer, c.initiator]);
  const listeners = trace.events.flatMap((e, i) => (e.type === "listen" && e.purpose === "data" ? [socketTransfer(trace.events, i)] : []));
  return { connections, listeners };
}

describe("transfer windows", () => {
  it("label every connection of every lesson scenario by what it did", () => {
    let completed = 0;
    for (const lesson of LESSONS) {
      for (const [name, scenario] of Object.entries(lesson.scenarios)) {
        const trace = run(scenario);
        completed += trace.result.transfers.filter((t) => t.result === "ok").length;
        expect(mislabels(trace), `${lesson.slug} / ${name}`).toEqual([]);
      }
    }
    expect(completed).toBeGreaterThan(10);
  });

  it("label every connection of test/scenarios, the reference cases and the real-network scenarios by what it did", () => {
    for (const file of scenarioFiles()) {
      expect(mislabels(lab(file).trace), file).toEqual([]);
    }
  });

  it("put the payload of every data connection of 300 random scenarios in its transfer's window", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const wrong = mislabels(simulate(input));
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
    expect(dataLabels(trace).connections).toEqual([
      [0, "server"],
      [1, "server"],
      [2, "server"],
    ]);
  });

  it("keep an EPRT refused then PORT in the one transfer: both listeners are the first transfer's", () => {
    const trace = simulate({ client: { mode: "active", extended: true }, server: { extended: false }, commands: ["LIST", "LIST"] });
    expect(trace.result.transfers.map((t) => [t.modeCommand, t.result])).toEqual([
      ["PORT", "ok"],
      ["PORT", "ok"],
    ]);
    expect(dataLabels(trace)).toEqual({
      connections: [
        [0, "server"],
        [1, "server"],
      ],
      listeners: [0, 0, 1],
    });
  });

  it("keep an EPSV whose data connection failed, then PASV, in the one transfer", () => {
    // The control-only firewall drops the EPSV connection; curl disables EPSV and tries PASV.
    const closed = lessonBySlug("server-firewall-passive-range")!.scenarios["closed"]!;
    const trace = run({ ...closed, commands: ["LIST", "LIST"] });
    expect(trace.events.some((e) => e.type === "note" && e.text.startsWith("Failed EPSV attempt"))).toBe(true);
    expect(dataLabels(trace)).toEqual({
      connections: [
        [0, "client"],
        [0, "client"],
        [1, "client"],
      ],
      listeners: [0, 0, 1],
    });
  });

  it("keep an EPSV refused then PASV in the one transfer", () => {
    const trace = simulate({ client: { mode: "passive", extended: true }, server: { extended: false }, commands: ["LIST", "LIST"] });
    expect(trace.result.transfers.map((t) => [t.modeCommand, t.result])).toEqual([
      ["PASV", "ok"],
      ["PASV", "ok"],
    ]);
    expect(dataLabels(trace).connections).toEqual([
      [0, "client"],
      [1, "client"],
    ]);
  });
});
