/**
 * The reference fixtures (test/fixtures/reference, copied from shared/reference: tests must not
 * depend on ../shared): the 25 measured cases (5 firewall set-ups × 5 curl modes), what
 * expected.json and outcomes.tsv say real vsftpd and curl did, and each case simulated.
 *
 * Why here: reference.test.ts holds the simulator to these measurements, and other tests borrow a
 * case or the reference's passive range. A case is simulated through lab(), so a trace is made
 * once per test file whichever harness asks for it.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Endpoint, Trace } from "@/sim/index";
import { lab } from "./lab";

// From the repository root, as lab() takes paths.
const REFERENCE = "test/fixtures/reference";
// Under jsdom the global URL is the browser's, so the path is joined, not resolved as a URL.
const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..", REFERENCE);

export const VERBS = ["LIST", "RETR", "STOR"] as const;
export type Verb = (typeof VERBS)[number];

/** The five curl invocations of the reference (README: "Modes (curl flags)"). */
export type ReferenceMode = "epsv" | "pasv" | "pasv-noskip" | "eprt" | "port";

/** The reference server's passive range (vsftpd pasv_min_port / pasv_max_port). */
export const REFERENCE_PASSIVE_RANGE: readonly [number, number] = [30000, 30049];

export interface ExpectedTransfer {
  readonly result: "ok" | "failed";
  readonly lastReply: number;
  /** Active mode only: the server's data source port. */
  readonly serverDataPort?: number;
}

export interface ExpectedCase {
  readonly mode: "active" | "passive";
  readonly transfers: Readonly<Record<Verb, ExpectedTransfer>>;
}

export interface OutcomeRow {
  readonly scenario: string;
  readonly op: Verb;
  readonly mode: ReferenceMode;
  readonly outcome: "ok" | "fail";
  readonly lastReply: number;
  /** The data endpoint used or attempted: the client's socket in active mode, the server's in passive. */
  readonly dataEndpoint: Endpoint;
}

function readFixture(file: string): string {
  return readFileSync(join(FIXTURE_DIR, file), "utf8");
}

/** A case file as written (scenario JSON, not yet validated). */
export function loadCase(name: string): unknown {
  return JSON.parse(readFixture(`${name}.json`));
}

/** Simulates a reference case (once per test file: traces are deterministic, and lab() keeps them). */
export function simulateCase(name: string): Trace {
  return lab(`${REFERENCE}/${name}.json`).trace;
}

let expectedCache: Record<string, ExpectedCase> | null = null;

export function expectedCases(): Readonly<Record<string, ExpectedCase>> {
  expectedCache ??= JSON.parse(readFixture("expected.json")) as Record<string, ExpectedCase>;
  return expectedCache;
}

/** "cli-fw-helper--pasv-noskip" → { scenario: "cli-fw-helper", mode: "pasv-noskip" }. */
export function splitCaseName(name: string): { scenario: string; mode: ReferenceMode } {
  const at = name.lastIndexOf("--");
  if (at < 0) throw new Error(`not a reference case name: ${name}`);
  return { scenario: name.slice(0, at), mode: name.slice(at + 2) as ReferenceMode };
}

let outcomeCache: OutcomeRow[] | null = null;

export function outcomeRows(): readonly OutcomeRow[] {
  if (outcomeCache) return outcomeCache;
  const [header, ...lines] = readFixture("outcomes.tsv").trim().split("\n");
  expect(header?.split("\t")).toEqual(["scenario", "op", "mode", "outcome", "last_reply", "data_endpoint"]);
  outcomeCache = lines.map((line) => {
    const [scenario, op, mode, outcome, lastReply, endpoint] = line.split("\t") as [string, Verb, ReferenceMode, "ok" | "fail", string, string];
    const [ip, port] = endpoint.split(":") as [string, string];
    return { scenario, op, mode, outcome, lastReply: Number(lastReply), dataEndpoint: { ip, port: Number(port) } };
  });
  return outcomeCache;
}

export function outcomeFor(caseName: string, verb: Verb): OutcomeRow {
  const { scenario, mode } = splitCaseName(caseName);
  const row = outcomeRows().find((r) => r.scenario === scenario && r.mode === mode && r.op === verb);
  if (!row) throw new Error(`outcomes.tsv has no row for ${scenario} ${verb} ${mode}`);
  return row;
}
