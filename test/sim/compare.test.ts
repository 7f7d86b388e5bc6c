/**
 * Two setups side by side (sim/trace/compare.ts): the steps of A and B pair by moment — the same
 * command, the same data connection — and the first row where the setups make the session go
 * differently is named in one sentence. Every expectation is read from the traces themselves
 * (moments, fates, firewall checks), not copied from a run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run, toScenario, type EventOf, type Trace } from "../../sim/index";
import { KNOBS, applySettings, defaultSettings, withSetting, type AnySettings, type Knob, type KnobValue } from "../../sim/scenario/knobs";
import { alignTraces, firstDivergence, partnerStep, type Alignment } from "../../sim/trace/compare";
import { findMoment, type Moment } from "../../sim/trace/moments";
import { stepSignature } from "../../sim/trace/step-signature";
import { timelineOf, type Timeline } from "../../sim/trace/steps";
import { scenario } from "../harness/scenario";

interface Side {
  readonly trace: Trace;
  readonly timeline: Timeline;
  /** The step of a moment; throws when the trace never gets there. */
  at(moment: Moment): number;
}

function sideOf(trace: Trace): Side {
  const timeline = timelineOf(trace.events);
  return {
    trace,
    timeline,
    at(moment) {
      const s = findMoment(trace, timeline, moment);
      if (s === null) throw new Error(`never reaches ${JSON.stringify(moment)}`);
      return s;
    },
  };
}

const side = (overrides: Record<string, unknown>): Side => sideOf(run(toScenario(scenario(overrides))));

function compare(a: Side, b: Side) {
  const alignment = alignTraces(a.trace, a.timeline, b.trace, b.timeline);
  return { alignment, divergence: firstDivergence(a.trace, a.timeline, b.trace, b.timeline, alignment) };
}

/** B's step in the row of A's step `s` (null: a gap). */
const partnerInRow = (al: Alignment, s: number) => al.rows[al.rowOfA[s]!]!.b;

const sendAt = (x: Side, step: number) => x.trace.events[x.timeline.steps[step]!.event] as EventOf<"send">;
const fateAt = (x: Side, step: number) => x.trace.events[x.timeline.steps[step]!.packet!.fate!]!;

/** The sentence's two halves, "A: …" and "B: …". */
function halves(sentence: string): [string, string] {
  expect(sentence).toMatch(/^A: .+; B: .+\.$/);
  const cut = sentence.indexOf("; B: ");
  return [sentence.slice(0, cut), sentence.slice(cut + 2)];
}

/** Each side's steps appear exactly once, in order, and the maps point at their rows. */
function expectWellFormed(al: Alignment, a: Side, b: Side): void {
  const as = al.rows.map((r) => r.a).filter((s) => s !== null);
  const bs = al.rows.map((r) => r.b).filter((s) => s !== null);
  expect(as).toEqual(a.timeline.steps.map((s) => s.index));
  expect(bs).toEqual(b.timeline.steps.map((s) => s.index));
  expect(al.rows.every((r) => r.a !== null || r.b !== null)).toBe(true);
  al.rowOfA.forEach((row, s) => expect(al.rows[row]!.a).toBe(s));
  al.rowOfB.forEach((row, s) => expect(al.rows[row]!.b).toBe(s));
}

describe("active beside passive", () => {
  const a = side({ client: { mode: "active" }, commands: ["LIST"] });
  const b = side({ client: { mode: "passive" }, commands: ["LIST"] });
  const { alignment, divergence } = compare(a, b);

  it("first differs at the mode command: PORT in A, PASV in B, in one row", () => {
    expect(divergence).not.toBeNull();
    expect(divergence!.stepA).toBe(a.at({ command: "PORT" }));
    expect(divergence!.stepB).toBe(b.at({ command: "PASV" }));
    const [inA, inB] = halves(divergence!.sentence);
    expect(inA).toMatch(/client sends PORT \d+,\d+,\d+,\d+,\d+,\d+/);
    expect(inB).toMatch(/client sends PASV/);
    // Everything before it is the same on both sides.
    for (const r of alignment.rows.slice(0, divergence!.row)) {
      if (r.a !== null && r.b !== null) expect(stepSignature(a.trace.events, a.timeline.steps[r.a]!)).toBe(stepSignature(b.trace.events, b.timeline.steps[r.b]!));
    }
  });

  it("pairs the data connection although the other end dials it", () => {
    const synA = a.at({ syn: "data" });
    const synB = b.at({ syn: "data" });
    expect(partnerInRow(alignment, synA)).toBe(synB);
    expect(sendAt(a, synA).node).toBe("server");
    expect(sendAt(b, synB).node).toBe("client");
    // The SYN-ACK and the dialler's ACK that follow each pair too.
    expect(partnerInRow(alignment, synA + 1)).toBe(synB + 1);
    expect(partnerInRow(alignment, synA + 2)).toBe(synB + 2);
    expect(sendAt(a, synA + 2).node).toBe("server");
    expect(sendAt(b, synB + 2).node).toBe("client");
    // And with the sides swapped: passive's data connection comes before its TYPE and LIST, active's after, yet they pair.
    const back = alignTraces(b.trace, b.timeline, a.trace, a.timeline);
    for (let k = 0; k < 3; k++) expect(back.rows[back.rowOfA[synB + k]!]!.b).toBe(synA + k);
  });

  it("pairs each reply with the answer to the same command: PORT's 200 beside the 227, then 150 and 226", () => {
    expect(partnerInRow(alignment, a.at({ reply: 200 }))).toBe(b.at({ reply: 227 }));
    expect(partnerInRow(alignment, a.at({ reply: 150 }))).toBe(b.at({ reply: 150 }));
    expect(partnerInRow(alignment, a.at({ reply: 226 }))).toBe(b.at({ reply: 226 }));
    expect(partnerInRow(alignment, a.at({ transferEnd: 0 }))).toBe(b.at({ transferEnd: 0 }));
  });

  it("lets a view at a step only one side has find the other side's last step before it", () => {
    // A's listener opens before its PORT; B has nothing there and shows the step before (the 257).
    const listenA = a.at({ listen: "client" });
    expect(partnerInRow(alignment, listenA)).toBeNull();
    expect(partnerStep(alignment, "a", listenA)).toBe(b.at({ command: "PASV" }) - 1);
    // B's listener opens after its PASV: A shows its PORT.
    const listenB = b.at({ listen: "server" });
    expect(alignment.rows[alignment.rowOfB[listenB]!]!.a).toBeNull();
    expect(partnerStep(alignment, "b", listenB)).toBe(a.at({ command: "PORT" }));
    // A paired step's partner is its pair.
    expect(partnerStep(alignment, "b", b.at({ command: "PASV" }))).toBe(a.at({ command: "PORT" }));
  });

  it("keeps every step of each side once, in order", () => expectWellFormed(alignment, a, b));
});

describe("a stateful client firewall without and with its FTP helper, active mode", () => {
  const a = side({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
  const b = side({ client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: ["LIST"] });
  const { alignment, divergence } = compare(a, b);

  it("first differs at the server's data SYN: dropped in A, let in as related in B", () => {
    const synA = a.at({ syn: "data", by: "server" });
    const synB = b.at({ syn: "data", by: "server" });
    // What the traces say happened to it.
    const dropped = fateAt(a, synA);
    const let_in = fateAt(b, synB);
    expect(dropped.type === "drop" && dropped.check?.firewall).toBe("client");
    expect(let_in.type === "deliver" && let_in.check.ctState).toBe("related");

    expect(divergence).toMatchObject({ stepA: synA, stepB: synB, row: alignment.rowOfA[synA] });
    const [inA, inB] = halves(divergence!.sentence);
    expect(inA).toMatch(/SYN/);
    expect(inA).toMatch(/dropped by the client firewall/);
    expect(inA).toContain(dropped.type === "drop" ? dropped.check!.ruleText : "?");
    expect(inB).toMatch(/related/);
    expect(inB).toMatch(/client firewall/);
    expect(inB).toMatch(/FTP helper read the PORT/);
    expect(inB).not.toMatch(/dropped/);
  });

  it("shows A's retried SYN against nothing, and pairs the two outcomes", () => {
    const retries = a.timeline.steps.filter((s) => s.kind === "packet" && sendAt(a, s.index).packet.attempt > 0);
    expect(retries.length).toBeGreaterThan(0);
    for (const s of retries) expect(partnerInRow(alignment, s.index)).toBeNull();
    expect(partnerInRow(alignment, a.at({ transferEnd: 0 }))).toBe(b.at({ transferEnd: 0 }));
    expect(a.trace.result.transfers[0]!.result).toBe("failed");
    expect(b.trace.result.transfers[0]!.result).toBe("ok");
  });

  it("names the same row the other way round", () => {
    const back = compare(b, a).divergence!;
    expect([back.stepA, back.stepB]).toEqual([divergence!.stepB, divergence!.stepA]);
    expect(halves(back.sentence)[0]).toMatch(/related/);
  });

  it("keeps every step of each side once, in order", () => expectWellFormed(alignment, a, b));
});

describe("TLS off beside on", () => {
  const a = side({ commands: ["LIST"] });
  const b = side({ commands: ["LIST"], tls: true });
  const { alignment, divergence } = compare(a, b);

  it("first differs at B's AUTH TLS, which A has no counterpart for", () => {
    expect(divergence).toMatchObject({ stepA: null, stepB: b.at({ command: "AUTH" }) });
    const [inA, inB] = halves(divergence!.sentence);
    expect(inB).toMatch(/client sends AUTH TLS/);
    // A's half says what A does next instead: its USER.
    expect(inA).toMatch(/nothing here/);
    expect(inA).toMatch(/USER/);
  });

  it("leaves B's TLS handshake and PBSZ/PROT unpaired, and pairs the rest of the session", () => {
    for (const verb of ["AUTH", "PBSZ", "PROT"]) expect(alignment.rows[alignment.rowOfB[b.at({ command: verb })]!]!.a).toBeNull();
    // The handshake's records: unencrypted payloads on the control connection that carry no command or reply.
    const records = b.timeline.steps.filter((s) => s.kind === "packet" && s.packet!.command === null && s.packet!.reply === null && sendAt(b, s.index).packet.payload.length > 0 && sendAt(b, s.index).packet.conn === sendAt(b, 1).packet.conn);
    expect(records.length).toBeGreaterThan(0);
    for (const s of records) expect(alignment.rows[alignment.rowOfB[s.index]!]!.a).toBeNull();
    for (const m of [{ command: "USER" }, { command: "PASS" }, { command: "PASV" }, { syn: "data" }, { reply: 226 }, { transferEnd: 0 }] as Moment[]) {
      expect(partnerInRow(alignment, a.at(m)), JSON.stringify(m)).toBe(b.at(m));
    }
  });

  it("keeps every step of each side once, in order", () => expectWellFormed(alignment, a, b));
});

describe("the same setup twice", () => {
  const input = { client: { mode: "active", firewall: "stateful" }, commands: ["LIST", "RETR hello.txt"] };
  const a = side(input);
  const b = side(input);

  it("pairs every step with itself and has no divergence", () => {
    const { alignment, divergence } = compare(a, b);
    expect(divergence).toBeNull();
    expect(alignment.rows).toEqual(a.timeline.steps.map((s) => ({ a: s.index, b: s.index })));
  });

  it("a reseeded run (other ephemeral ports) is still the same session", () => {
    const other = side({ ...input, seed: 7 });
    expect(sendAt(other, other.at({ syn: "data" })).packet.dst.port).not.toBe(sendAt(a, a.at({ syn: "data" })).packet.dst.port);
    expect(compare(a, other).divergence).toBeNull();
  });
});

describe("two client programs", () => {
  const a = side({ client: { software: "curl", mode: "passive" }, commands: ["LIST"] });
  const b = side({ client: { software: "lftp", mode: "passive" }, commands: ["LIST"] });
  const { alignment, divergence } = compare(a, b);
  const verbs = (x: Side) => x.trace.events.filter((e): e is EventOf<"command"> => e.type === "command").map((c) => c.line.split(" ")[0]);

  it("first differs at the first command only one program sends", () => {
    const va = verbs(a);
    const vb = verbs(b);
    const k = va.findIndex((v, i) => v !== vb[i]);
    expect(k).toBeGreaterThanOrEqual(0);
    // The program that sends an extra command there: its step is the divergence, alone in its row.
    const extraInB = !va.includes(vb[k]!);
    const extra = extraInB ? b.at({ command: vb[k]! }) : a.at({ command: va[k]! });
    expect(extraInB ? divergence!.stepB : divergence!.stepA).toBe(extra);
    expect(extraInB ? divergence!.stepA : divergence!.stepB).toBeNull();
    expect(halves(divergence!.sentence)[extraInB ? 1 : 0]).toContain(`client sends ${extraInB ? vb[k] : va[k]}`);
  });

  it("pairs the login and the transfer all the same", () => {
    for (const m of [{ command: "USER" }, { reply: 230 }, { syn: "data" }, { transferEnd: 0 }] as Moment[]) expect(partnerInRow(alignment, a.at(m)), JSON.stringify(m)).toBe(b.at(m));
    expectWellFormed(alignment, a, b);
  });
});

describe("pasv_address unset beside set, server behind a NAT router", () => {
  const nat = { publicIp: "203.0.113.10", forward: [21, [30000, 30049]], ftpHelper: false };
  const a = side({ client: { mode: "passive", pasvAddress: "use" }, server: { nat }, commands: ["LIST"] });
  const b = side({ client: { mode: "passive", pasvAddress: "use" }, server: { nat, passiveAddress: "203.0.113.10" }, commands: ["LIST"] });

  it("first differs at the 227: the address it carries", () => {
    const { divergence } = compare(a, b);
    expect(divergence).toMatchObject({ stepA: a.at({ reply: 227 }), stepB: b.at({ reply: 227 }) });
    const [inA, inB] = halves(divergence!.sentence);
    expect(inA).toContain("10,99,2,2,");
    expect(inB).toContain("203,0,113,10,");
  });
});

// ---------- properties over a handful of knob combinations ----------

const knob = (key: string): Knob => KNOBS.find((k) => "key" in k && k.key === key)!;
const CHOICES: readonly (readonly [string, readonly KnobValue[]])[] = [
  ["clientSoftware", ["curl", "lftp", "filezilla"]],
  ["mode", ["active", "passive"]],
  ["clientFirewall", ["open", "stateful", "stateful+ftp-helper"]],
  ["tls", [false, true]],
];
const settingsArb = fc.tuple(...CHOICES.map(([, values]) => fc.constantFrom(...values))).map((values) => {
  let s: AnySettings = defaultSettings(KNOBS);
  values.forEach((v, i) => (s = withSetting(s, knob(CHOICES[i]![0]), v)));
  return s;
});
const base = toScenario(scenario());
const runs = new Map<string, Side>();
function sideFor(settings: AnySettings): Side {
  const key = JSON.stringify(settings);
  let found = runs.get(key);
  if (!found) runs.set(key, (found = sideOf(run(applySettings(base, settings, KNOBS)))));
  return found;
}

describe("any two setups", () => {
  it("keep every step of each side once, in order; a setup beside itself pairs one to one", () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, (x, y) => {
        const a = sideFor(x);
        const b = sideFor(y);
        expectWellFormed(alignTraces(a.trace, a.timeline, b.trace, b.timeline), a, b);
        const self = compare(a, a);
        expect(self.divergence).toBeNull();
        expect(self.alignment.rows.every((r) => r.a === r.b)).toBe(true);
      }),
      { numRuns: 25, seed: 959 },
    );
  });

  it("differ nowhere before the divergence, and diverge whenever a transfer ends differently", () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, (x, y) => {
        const a = sideFor(x);
        const b = sideFor(y);
        const { alignment, divergence } = compare(a, b);
        const upTo = divergence?.row ?? alignment.rows.length;
        for (const r of alignment.rows.slice(0, upTo)) {
          if (r.a !== null && r.b !== null) expect(stepSignature(a.trace.events, a.timeline.steps[r.a]!)).toBe(stepSignature(b.trace.events, b.timeline.steps[r.b]!));
          else {
            // Only a data listener or a bare control ACK may stand alone before the divergence.
            const [x0, s] = r.a !== null ? [a, r.a] : [b, r.b!];
            const e = x0.trace.events[x0.timeline.steps[s]!.event]!;
            expect(e.type === "listen" || e.type === "unlisten" || (e.type === "send" && e.packet.payload.length === 0 && e.packet.flags.join() === "ACK")).toBe(true);
          }
        }
        const outcomes = (t: Trace) => t.result.transfers.map((t) => `${t.command} ${t.result}`);
        if (outcomes(a.trace).join() !== outcomes(b.trace).join()) expect(divergence).not.toBeNull();
        // A transfer both sides end, differently: the divergence comes at its end at the latest.
        for (const end of a.trace.events.filter((e): e is EventOf<"transfer-end"> => e.type === "transfer-end")) {
          const other = b.trace.result.transfers.find((t) => t.index === end.index);
          if (other && other.result !== end.result) expect(divergence!.row).toBeLessThanOrEqual(alignment.rowOfA[a.at({ transferEnd: end.index })]!);
        }
        if (divergence) expect(divergence.sentence).toMatch(/^A: .+; B: .+\.$/);
      }),
      { numRuns: 25, seed: 2428 },
    );
  });
});
