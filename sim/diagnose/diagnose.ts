/**
 * `sim diagnose` (spec/scenario.md): a log in, causes out. The log is read (read-log.ts), its
 * evidence gathered (evidence.ts), the session rebuilt (rebuild.ts); each candidate setup
 * (candidates.ts) is simulated and scored by how well it reproduces the log (match.ts); causes are
 * ranked by that score and each one's fixes are simulated on its own rebuilt session (fixes.ts):
 * "verified" means the transfer completes there.
 *
 * Deterministic, in-process, and bounded: a dozen short simulations, each cut off by its
 * scenario's time limit.
 */
import { run } from "../simulate";
import { parseScenario } from "../scenario/validate";
import type { ScenarioInput } from "../scenario/schema";
import type { ClientSoftware, ServerSoftware } from "../software/names";
import type { Trace } from "../trace/trace";
import { candidatesOf } from "./candidates";
import { CAUSE_OUTCOMES, CAUSE_TITLES, checksOf, evidenceLines, explain, priorOf, type CauseId, type RealCheck } from "./causes";
import { evidenceOf, type DataOutcome, type Evidence } from "./evidence";
import { fixesFor, type FixSide } from "./fixes";
import type { LogEntryFrom, LogFormat, ParsedLog } from "./log-types";
import { signatureOf, similarity } from "./match";
import { rebuildOf, type Rebuild } from "./rebuild";
import { clientProfile } from "../software/profiles";
import { sessionLog } from "./session-log";

export interface DiagnosisFix {
  readonly side: FixSide;
  readonly software: string;
  readonly text: string;
  /** Simulated on the rebuilt session: the transfer completes. */
  readonly verified: boolean;
  /** The rebuilt session with this fix, when the lab can model it. */
  readonly scenario: ScenarioInput | null;
}

export interface DiagnosisCause {
  readonly id: CauseId;
  readonly title: string;
  readonly confidence: number;
  /** Line numbers of the log. */
  readonly evidence: readonly number[];
  readonly explanation: string;
  /** The setup that reproduces the log for this cause, in words; null where the lab has none. */
  readonly setup: string | null;
  readonly fixes: readonly DiagnosisFix[];
  readonly checks: readonly RealCheck[];
  /** The session that reproduces the log under this cause. */
  readonly scenario: ScenarioInput | null;
}

export interface Diagnosis {
  readonly format: LogFormat | null;
  readonly client: ClientSoftware | null;
  readonly server: ServerSoftware | null;
  readonly mode: "active" | "passive" | null;
  readonly extended: boolean | null;
  readonly tls: boolean | null;
  readonly transcript: ReadonlyArray<{ readonly line: number; readonly from: LogEntryFrom; readonly text: string }>;
  /** Where the data connection is seen to die in the log, and how. */
  readonly failure: { readonly line: number; readonly outcome: DataOutcome } | null;
  readonly causes: readonly DiagnosisCause[];
  /** The most likely cause's session: the log, rebuilt. */
  readonly scenario: ScenarioInput | null;
}

/** What a text with nothing FTP in it gets (spec/scenario.md): no format, no causes. */
export const NO_DIAGNOSIS: Diagnosis = { format: null, client: null, server: null, mode: null, extended: null, tls: null, transcript: [], failure: null, causes: [], scenario: null };

/** A cause needs this share of the log reproduced to be named at all. */
const MIN_SCORE = 0.5;
/** Scores are sharpened before they are shared out as confidences: 0.9 against 1.0 is a clear second. */
const SHARPNESS = 6;

/** Simulations by scenario, for one diagnosis: fixes share their changes (every firewall opens the same range). */
class Runs {
  private readonly cache = new Map<string, Trace | null>();
  trace(s: ScenarioInput): Trace | null {
    const key = JSON.stringify(s);
    if (!this.cache.has(key)) {
      const parsed = parseScenario(s);
      let trace: Trace | null = null;
      if (parsed.ok) {
        try {
          trace = run(parsed.scenario);
        } catch {
          trace = null;
        }
      }
      this.cache.set(key, trace);
    }
    return this.cache.get(key)!;
  }
}

const works = (t: Trace | null) => t !== null && t.result.login.result === "ok" && t.result.transfers.length > 0 && t.result.transfers.every((x) => x.result === "ok");

const maskPassword = (text: string) => text.replace(/^(\s*PASS\s+)\S.*$/i, "$1****");

export function diagnoseLog(log: ParsedLog): Diagnosis {
  const evidence = evidenceOf(log);
  const r = rebuildOf(log, evidence);
  // Nothing failed: no cause to name (the failure, null, says so).
  if (nothingFailed(evidence)) return report(log, evidence, r, []);

  const runs = new Runs();
  const logSig = signatureOf(evidence);

  // The best-reproducing setup of each cause.
  const best = new Map<CauseId, { score: number; setup: string | null; scenario: ScenarioInput | null }>();
  for (const c of standIns(r).flatMap(candidatesOf)) {
    const trace = runs.trace(c.scenario);
    if (trace === null) continue;
    // A server's log is compared with the client's view: what it cannot show (the client's words) is simply not weighed.
    const simSig = signatureOf(evidenceOf(sessionLog(trace, log.side === "wire" ? "wire" : "client")));
    if (!CAUSE_OUTCOMES[c.cause].includes(simSig.outcome)) continue;
    const score = similarity(logSig, simSig, r.clientKnown);
    const was = best.get(c.cause);
    if (!was || score > was.score) best.set(c.cause, { score, setup: c.setup, scenario: c.scenario });
  }
  // vsftpd's "425 Security: Bad IP connecting." says it in words; the lab has no two-address client to replay it.
  if (evidence.failing?.outcome === "foreign-refused") best.set("passive-foreign-address-refused", { score: 0.95, setup: null, scenario: null });

  const top = Math.max(0, ...[...best.values()].map((b) => b.score));
  const failed = evidence.failing !== null && evidence.failing.outcome !== "ok";
  if (failed) best.set("unknown", { score: Math.max(0.3, 1 - top), setup: null, scenario: null });

  const weighted = [...best.entries()]
    .filter(([, b]) => b.score >= MIN_SCORE || b.scenario === null)
    .map(([id, b]) => ({ id, ...b, weight: priorOf(id, r) * b.score ** SHARPNESS }))
    .filter((c) => c.weight > 0);
  const total = weighted.reduce((sum, c) => sum + c.weight, 0);
  const ranked = weighted
    .map((c) => ({ ...c, confidence: total > 0 ? Math.round((c.weight / total) * 100) / 100 : 0 }))
    .filter((c) => c.confidence >= 0.01)
    .sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id));

  const host = hostOf(log, r);
  return report(log, evidence, r, ranked.map((c) => causeOf(c.id, c.confidence, c.setup, c.scenario, evidence, r, runs, host)));
}

/**
 * The rebuilt session for each client program that may have written the other end of a log
 * that does not name it (a server's log, a capture): curl, and FileZilla, the most common
 * client of all, which sends its transfer command before its data connection is up.
 */
function standIns(r: Rebuild): Rebuild[] {
  if (r.clientKnown) return [r];
  const filezilla = clientProfile("filezilla");
  const canDo = filezilla.modes.includes(r.mode) && !r.extended;
  return canDo ? [r, { ...r, client: "filezilla" }] : [r];
}

/** Every data connection worked (or none was tried) and the login went through. */
function nothingFailed(e: Evidence): boolean {
  if (e.login.ok === false || e.sessionEnd !== null) return false;
  return e.attempts.every((a) => a.outcome === "ok" || (a.outcome === "not-network" && e.failing !== a));
}

/** The host the person connects to, as they would type it: the log's name, unless masked. */
const hostOf = (log: ParsedLog, r: Rebuild) =>
  log.control.host && !/[x*]{2,}/i.test(log.control.host) && !/\s/.test(log.control.host) ? log.control.host : r.serverIpKnown ? r.serverIp : "your-server";

function report(log: ParsedLog, evidence: Evidence, r: Rebuild, causes: DiagnosisCause[]): Diagnosis {
  return {
    format: log.format,
    client: log.client,
    server: log.server,
    mode: evidence.failing ? r.mode : null,
    extended: evidence.failing ? r.extended : null,
    tls: evidence.tls.on,
    transcript: log.entries.map((e) => ({ line: e.line, from: e.from, text: e.from === "client" ? maskPassword(e.text) : e.text })),
    failure: evidence.failing && evidence.failing.outcome !== "ok" ? { line: evidence.failing.failureLine, outcome: evidence.failing.outcome } : null,
    causes,
    scenario: causes.find((c) => c.scenario !== null)?.scenario ?? null,
  };
}

function causeOf(id: CauseId, confidence: number, setup: string | null, scenario: ScenarioInput | null, e: Evidence, r: Rebuild, runs: Runs, host: string): DiagnosisCause {
  const fixes = fixesFor(id, r, scenario ?? {}).map((f): DiagnosisFix => {
    const fixed = f.apply && scenario ? f.apply(scenario) : null;
    return { side: f.side, software: f.software, text: f.text, verified: fixed !== null && works(runs.trace(fixed)), scenario: fixed };
  });
  return {
    id,
    title: CAUSE_TITLES[id],
    confidence,
    evidence: evidenceLines(id, e),
    explanation: explain(id, e, r),
    setup,
    fixes,
    checks: checksOf(id, r, host),
    scenario,
  };
}
