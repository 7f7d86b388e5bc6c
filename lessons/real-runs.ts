/**
 * Every recorded real run (lessons/real-runs/*.json, written by test/real/), checked when the
 * site builds and when the tests run, and found by the scenario they ran. Add a recording: list
 * it here and in real-run-loaders.ts (a test checks both lists against the folder).
 *
 * This module imports zod (to check the fixtures and normalize their scenarios): use it from
 * server components and tests only. The browser gets a run as a prop (a lesson) or through
 * realRunKeys() and real-run-loaders.ts (the playground).
 */
import activeMode from "./real-runs/active-mode.json";
import passiveMode from "./real-runs/passive-mode.json";
import clientNatActive from "./real-runs/client-nat--active.json";
import clientStatefulActive from "./real-runs/client-stateful--active.json";
import serverControlOnlyPasv from "./real-runs/server-control-only--pasv.json";
import tlsClientHelperActive from "./real-runs/tls-client-helper--active.json";
import type { Scenario } from "../sim/scenario/schema";
import type { RealRun } from "./real-run";
import { parseRealRun } from "./real-run-schema";
import { scenarioKey } from "./scenario-key";

const FILES: ReadonlyArray<readonly [string, unknown]> = [
  ["lessons/real-runs/active-mode.json", activeMode],
  ["lessons/real-runs/passive-mode.json", passiveMode],
  ["lessons/real-runs/client-nat--active.json", clientNatActive],
  ["lessons/real-runs/client-stateful--active.json", clientStatefulActive],
  ["lessons/real-runs/server-control-only--pasv.json", serverControlOnlyPasv],
  ["lessons/real-runs/tls-client-helper--active.json", tlsClientHelperActive],
];

export interface IndexedRealRun {
  readonly file: string;
  readonly run: RealRun;
  /** scenarioKey of the fixture's scenario, normalized. */
  readonly key: string;
}

export const REAL_RUNS: readonly IndexedRealRun[] = FILES.map(([file, json]) => {
  const { run, scenario } = parseRealRun(file, json);
  return { file, run, key: scenarioKey(scenario) };
});

// Two recordings of one scenario would make "the" real run ambiguous: refuse at build time.
for (const [i, a] of REAL_RUNS.entries()) {
  const twin = REAL_RUNS.slice(i + 1).find((b) => b.key === a.key);
  if (twin) throw new Error(`real runs ${a.file} and ${twin.file} record the same scenario`);
}

/** The real run recorded for this normalized scenario (parseScenario's output), or null. */
export function realRunFor(scenario: Scenario): RealRun | null {
  const key = scenarioKey(scenario);
  return REAL_RUNS.find((r) => r.key === key)?.run ?? null;
}

/**
 * scenarioKey → run name for every recording: the table the playground receives from its page
 * at build time, so it can match scenarios in the browser without zod or the fixtures.
 */
export function realRunKeys(): Record<string, string> {
  return Object.fromEntries(REAL_RUNS.map((r) => [r.key, r.run.name]));
}
