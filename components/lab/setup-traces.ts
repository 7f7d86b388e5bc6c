"use client";
/**
 * The playground's sessions by setup: a knob turned back (a firewall on, then off again, the
 * comparison a learner makes most) finds its session simulated already, so that frame is only
 * the picture's. Simulating ahead the setups one knob away was measured too and dropped: ~45 ms
 * of idle work a knob for a click task a millisecond or two cheaper.
 */
import { useMemo, useState } from "react";
import type { AnySettings } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { run } from "../../sim/simulate";
import type { Trace } from "../../sim/trace/trace";

/** How many sessions are kept: the way back through the last few dozen setups. */
const KEPT = 32;

/** Sessions by setup, the least recently used forgotten first. */
export class SetupTraces {
  private readonly traces = new Map<string, Trace>();
  constructor(private readonly kept = KEPT) {}

  /** A setup's key: its settings (a flat record whose fields keep their order). */
  static key(setup: AnySettings): string {
    return JSON.stringify(setup);
  }

  get(key: string): Trace | undefined {
    const trace = this.traces.get(key);
    if (trace) {
      // A Map keeps insertion order: the used one moves to the end, the oldest stays first.
      this.traces.delete(key);
      this.traces.set(key, trace);
    }
    return trace;
  }

  put(key: string, trace: Trace): Trace {
    this.traces.delete(key);
    this.traces.set(key, trace);
    while (this.traces.size > this.kept) this.traces.delete(this.traces.keys().next().value!);
    return trace;
  }

  get size(): number {
    return this.traces.size;
  }
}

/**
 * The trace of `scenario`, the scenario `setup` makes: kept by setup. `cached` false (the
 * console's typed lines are part of the scenario, not of the setup): simulated every time.
 */
export function useSetupTrace(setup: AnySettings, scenario: Scenario, cached = true): Trace {
  // One store per playground, made once; what it holds never drives a render by itself.
  const [traces] = useState(() => new SetupTraces());
  return useMemo(() => {
    if (!cached) return run(scenario);
    const key = SetupTraces.key(setup);
    return traces.get(key) ?? traces.put(key, run(scenario));
  }, [traces, setup, scenario, cached]);
}
