/**
 * A "make it work" challenge: a lesson step whose setup is broken, the knobs the learner may
 * touch, and a goal the simulator checks — what the session must do (expectations on its
 * transfers, as a step's `expect`) and what the setup must not be (a knob value the goal rules
 * out, such as a server firewall open to everything). Pure: the player runs the simulator and
 * hands the trace here; the lesson check proves each challenge broken as given and solvable with
 * its knobs.
 */
import { unmetExpectations, toggleValue, applyToggle, TOGGLES, type Expectation, type ToggleName, type ToggleOption } from "./lesson-model";
import type { Scenario } from "../sim/scenario/schema";
import type { Trace } from "../sim/trace/trace";

export interface ChallengeGoal {
  /** What the session must do: every expectation met. */
  readonly expect: readonly Expectation[];
  /** Knob values the goal rules out, with why ("a firewall that accepts everything protects nothing"). */
  readonly forbid?: ReadonlyArray<{ readonly knob: ToggleName; readonly values: ReadonlyArray<ToggleOption["value"]>; readonly why: string }>;
}

export interface Challenge {
  readonly task: string;
  readonly toggles: readonly ToggleName[];
  readonly goal: ChallengeGoal;
  /** Said once the goal is met. */
  readonly solved: string;
}

/** Each way the setup and its session miss the goal, in words; empty when the goal is met. */
export function unmetGoal(scenario: Scenario, trace: Trace, goal: ChallengeGoal): string[] {
  const out: string[] = [];
  for (const f of goal.forbid ?? []) {
    const value = toggleValue(scenario, f.knob);
    if (f.values.includes(value)) {
      const label = TOGGLES[f.knob].options.find((o) => o.value === value)?.label ?? JSON.stringify(value);
      out.push(`${TOGGLES[f.knob].label}: not “${label}”, ${f.why}`);
    }
  }
  for (const e of goal.expect) out.push(...unmetExpectations(trace, e).map(plainWords));
  return out;
}

/** "transfer 0 result: the lesson says "ok", the simulator did "failed"" → words for a learner. */
function plainWords(unmet: string): string {
  const m = /^transfer (\d+) (\w+): the lesson says (.+), the simulator did (.+)$/.exec(unmet);
  if (!m) return unmet;
  const [, transfer, fact, wanted, got] = m;
  // JSON as a learner reads it: "ok" → ok, null → none.
  const word = (json: string) => (json === "null" ? "none" : json.replace(/^"(.*)"$/, "$1"));
  return `Transfer ${Number(transfer) + 1}: ${fact} should be ${word(wanted!)}, and it is ${word(got!)}.`;
}

/** Every setup the learner can reach with the challenge's knobs (the given one among them). */
export function reachableSetups(scenario: Scenario, toggles: readonly ToggleName[]): Scenario[] {
  let setups: Scenario[] = [scenario];
  for (const name of toggles) {
    const next: Scenario[] = [];
    for (const s of setups) for (const o of TOGGLES[name].options) next.push(applyToggle(s, name, o.value));
    setups = next;
  }
  return setups;
}

/**
 * What a lesson's challenges must be: broken as given (the goal unmet in the step's own setup),
 * every knob one that applies, and solvable — some setup the knobs reach meets the goal. `simulate`
 * runs a setup (the catalog passes the simulator; this module simulates nothing itself).
 */
export function challengeProblems(
  steps: ReadonlyArray<{ readonly title: string; readonly challenge?: Challenge }>,
  setupOf: (index: number) => { scenario: Scenario; trace: Trace },
  simulate: (s: Scenario) => Trace,
): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    if (!s.challenge) return;
    const step = `step ${i + 1} (${JSON.stringify(s.title)}).challenge`;
    const { scenario, trace } = setupOf(i);
    for (const name of s.challenge.toggles) {
      if (!(TOGGLES[name].applies?.(scenario) ?? true)) out.push(`${step}: ${name} does not apply to the step's setup`);
    }
    if (unmetGoal(scenario, trace, s.challenge.goal).length === 0) out.push(`${step}: the goal is already met by the step's setup: nothing to fix`);
    const solutions = reachableSetups(scenario, s.challenge.toggles).filter((setup) => unmetGoal(setup, simulate(setup), s.challenge!.goal).length === 0);
    if (solutions.length === 0) out.push(`${step}: no setting of ${s.challenge.toggles.join(", ")} meets the goal`);
  });
  return out;
}
