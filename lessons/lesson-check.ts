/**
 * What a valid lesson still has to agree with: its own traces. The schema (schema.ts) checks a
 * lesson's shape; this checks that it means something — each step's moment happens (in order,
 * per scenario), its {placeholders} fill, its `expect` and its prediction's `answer` are what the
 * simulator does, a prediction is asked before the trace shows its answer (reveal.ts), its try-it
 * knobs apply and change the scenario. The catalog runs it on every
 * lesson when the site builds (a lesson that fails stops the build), the tests on every file.
 * Pure: it reads the traces it is given and simulates nothing.
 *
 * Each problem is one line naming the step as the lesson player does ("Lesson step N", counted
 * from 1) with its title: `step 4 ("The data connection"): at { command: "EPRT" } never happens
 * in scenario "main"`.
 */
import type { Moment } from "../sim/trace/moments";
import type { Scenario } from "../sim/scenario/schema";
import type { Trace } from "../sim/trace/trace";
import type { BOXES } from "./schema";
import { HOST_NAMES, hostOfRouter, isRouterId } from "../sim/net/hosts";
import { hostConfig, hostsOf } from "../sim/scenario/hosts";
import { factsOf, fill } from "./facts";
import { applyToggle, factValue, toggleValue, TOGGLES, unmetExpectations, type Expectation, type FactKind, type FactValue, type Toggle, type ToggleName } from "./lesson-model";
import { lessonScenarios, scenarioNameOfStep } from "./lesson-scenarios";
import { revealStep } from "./reveal";
import { findMoment } from "../sim/trace/moments";
import { timelineOf, type Timeline } from "../sim/trace/steps";

/** The fields of a parsed lesson this reads (schema.ts's Lesson has them all). */
export interface CheckedLesson {
  readonly scenario?: Scenario;
  readonly scenarios?: Readonly<Record<string, Scenario>>;
  readonly steps: ReadonlyArray<{
    readonly at: Moment;
    readonly title: string;
    readonly text: string;
    readonly scenario?: string;
    readonly expect?: Expectation;
    readonly predict?: { readonly question: string; readonly why: string; readonly about: { readonly fact: FactKind; readonly transfer: number }; readonly answer: FactValue };
    readonly tryIt?: { readonly toggles: readonly ToggleName[]; readonly lookFor: string };
    readonly boxes?: (typeof BOXES)[number];
    readonly compare?: string;
    readonly console?: { readonly task: string; readonly start?: readonly string[] };
  }>;
}

/** A moment as an author writes it, unquoted keys: { command: "EPRT" }, { reply: 227, nth: 2 }. */
export function formatMoment(m: Moment): string {
  return `{ ${Object.entries(m)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")} }`;
}

const PLACEHOLDER = /\{[a-zA-Z0-9]+\}/g;

/**
 * Every way the lesson disagrees with its traces (one simulated trace per scenario, by name, as
 * lesson-traces.ts gives them), in step order; empty when it means what it says.
 */
export function lessonProblems(lesson: CheckedLesson, traces: Readonly<Record<string, Trace>>): string[] {
  const out: string[] = [];
  const scenarios = lessonScenarios(lesson);
  const last = new Map<string, { at: number; step: number }>();
  const timelines = new Map<string, Timeline>();
  lesson.steps.forEach((s, i) => {
    const step = `step ${i + 1} (${JSON.stringify(s.title)})`;
    const name = scenarioNameOfStep(lesson, i);
    const trace = traces[name];
    if (!trace) {
      out.push(`${step}: no trace of scenario "${name}"`);
      return;
    }
    const timeline = timelines.get(name) ?? timelineOf(trace.events);
    timelines.set(name, timeline);
    const at = findMoment(trace, timeline, s.at);

    // The moment: it happens, and not before the previous step's moment of the same scenario.
    if (at === null) out.push(`${step}: at ${formatMoment(s.at)} never happens in scenario "${name}"${whatHappened(trace, s.at)}`);
    else {
      const before = last.get(name);
      if (before && at < before.at) out.push(`${step}: at ${formatMoment(s.at)} happens before the moment of step ${before.step + 1} in scenario "${name}"`);
      last.set(name, { at, step: i });
    }

    // The narration's placeholders.
    const facts = factsOf(trace);
    const texts: Array<[string, string | undefined]> = [
      ["text", s.text],
      ["predict.question", s.predict?.question],
      ["predict.why", s.predict?.why],
      ["tryIt.lookFor", s.tryIt?.lookFor],
      ["console.task", s.console?.task],
    ];
    for (const [field, text] of texts) {
      const unfilled = [...new Set(fill(text ?? "", facts).match(PLACEHOLDER) ?? [])];
      if (unfilled.length > 0) out.push(`${step}.${field}: ${unfilled.join(", ")} never fills in scenario "${name}" (it has: ${Object.keys(facts).filter((k) => facts[k] !== "").sort().join(", ")})`);
    }

    // What the step states the simulator did.
    if (s.expect) for (const unmet of unmetExpectations(trace, s.expect)) out.push(`${step}.expect: ${unmet}`);
    if (s.predict) {
      const { fact, transfer } = s.predict.about;
      const actual = factValue(trace, fact, transfer);
      if (actual !== s.predict.answer) out.push(`${step}.predict: the answer is ${JSON.stringify(s.predict.answer)} but the simulator says ${JSON.stringify(actual)} (${fact} of transfer ${transfer})`);
      // Asked at or after the step that shows the answer, the question tests nothing.
      const reveal = revealStep(trace, timeline, fact, transfer);
      if (at !== null && reveal !== null && at >= reveal) out.push(`${step}.predict: at ${formatMoment(s.at)} (lab step ${at + 1}) the screen already answers ${fact} of transfer ${transfer} (from lab step ${reveal + 1}): move the step's moment earlier`);
    }

    // The setup it shows beside its own: another of the lesson's, and no question to give away.
    if (s.compare !== undefined) {
      if (!traces[s.compare]) out.push(`${step}.compare: no scenario "${s.compare}" (the lesson has: ${Object.keys(traces).join(", ")})`);
      else if (s.compare === name) out.push(`${step}.compare: "${s.compare}" is the step's own scenario: name another`);
      if (s.predict) out.push(`${step}.compare: a prediction step cannot show the other setup (it would answer the question)`);
    }

    // The box it opens "What each box knows" on is in the picture: a host of the session, a router only where there is one.
    if (s.boxes) {
      const host = isRouterId(s.boxes) ? hostOfRouter(s.boxes) : s.boxes;
      if (!hostsOf(trace.scenario).includes(host)) out.push(`${step}.boxes: scenario "${name}" has no ${HOST_NAMES[host]}`);
      else if (isRouterId(s.boxes) && hostConfig(trace.scenario, host).nat === null) out.push(`${step}.boxes: scenario "${name}" has no NAT in front of the ${HOST_NAMES[host]}`);
    }

    // The knobs it unlocks: each applies to the scenario and another of its values changes it.
    const scenario = scenarios[name];
    for (const toggle of s.tryIt?.toggles ?? []) {
      if (!scenario) break;
      const knob: Toggle = TOGGLES[toggle];
      if (!(knob.applies?.(scenario) ?? true)) {
        out.push(`${step}.tryIt: ${toggle} does not apply to scenario "${name}"`);
        continue;
      }
      const other = knob.options.find((o) => o.value !== toggleValue(scenario, toggle));
      if (!other) out.push(`${step}.tryIt: ${toggle} has no other value than the scenario's`);
      else if (sameValue(applyToggle(scenario, toggle, other.value), scenario)) out.push(`${step}.tryIt: setting ${toggle} to ${JSON.stringify(other.value)} changes nothing in scenario "${name}"`);
    }
  });
  return out;
}

/** For a command or reply that never comes: the ones that did, in order, so the author sees what to point at. */
function whatHappened(trace: Trace, m: Moment): string {
  const seen = (xs: string[]) => (xs.length === 0 ? "none" : xs.length > 16 ? `${xs.slice(0, 16).join(", ")}…` : xs.join(", "));
  if ("command" in m) return ` (its commands: ${seen(trace.events.flatMap((e) => (e.type === "command" ? [e.line.split(" ")[0]!.toUpperCase()] : [])))})`;
  if ("reply" in m) return ` (its replies: ${seen(trace.events.flatMap((e) => (e.type === "reply" ? [String(e.code)] : [])))})`;
  return "";
}

/** Deep equality of plain data, a missing field the same as an undefined one. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}
