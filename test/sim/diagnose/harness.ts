/**
 * Helpers for the diagnosis tests: a log written as a person reads one ("> PASV", "< 227 …",
 * "* Connection timed out"), a simulated session as the log it would leave, and one assertion
 * for what a diagnosis must say first.
 */
import { expect } from "vitest";
import { parseScenario } from "../../../sim/scenario/validate";
import type { ScenarioInput } from "../../../sim/scenario/schema";
import { run } from "../../../sim/simulate";
import type { Trace } from "../../../sim/trace/trace";
import type { Diagnosis } from "../../../sim/diagnose/diagnose";
import type { CauseId } from "../../../sim/diagnose/causes";
import type { ParsedLog } from "../../../sim/diagnose/log-types";
import { sessionLog } from "../../../sim/diagnose/session-log";

export { writtenLog } from "./written-log";

export function simulated(input: ScenarioInput): Trace {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return run(parsed.scenario);
}

/** The simulated session as the log its client would leave. */
export const logOfSession = (input: ScenarioInput): ParsedLog => sessionLog(simulated(input));

export function expectFirstCause(d: Diagnosis, id: CauseId): void {
  expect(d.causes.map((c) => `${c.id} ${c.confidence}`)[0]).toMatch(new RegExp(`^${id} `));
}
