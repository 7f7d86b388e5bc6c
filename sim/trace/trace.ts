/**
 * The trace: what simulating a scenario gives, and the one thing every view, lesson, test and
 * the CLI read (spec/architecture.md, "The trace is the interface"). The events say what
 * happened in order; the result is derived from them (result.ts), never kept beside them.
 */
import type { Scenario } from "../scenario/schema";
import type { TraceEvent } from "./events";
import type { SessionResult } from "./result";

export const TRACE_VERSION = 1;

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  /** The scenario with every default filled in. */
  readonly scenario: Scenario;
  readonly events: readonly TraceEvent[];
  readonly result: SessionResult;
}
