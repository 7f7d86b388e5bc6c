/**
 * A try-it or challenge step's setup in a lesson link: the knobs the step unlocks, written as the
 * playground writes them (`mode=passive&sfw=1`), only where the learner's setup differs from the
 * lesson's. A learner shares "my setup at step 10"; an instructor links a challenge already half
 * solved. Loaded with the try-it box (never on a lesson's first paint).
 *
 * On arrival, a knob parameter is read only for a knob the linked step unlocks: a link cannot
 * hand a lesson a setup the lesson never offers. Anything else a knob parameter says is named in
 * a notice and ignored; the lesson's own setup stands.
 */
import { KNOBS } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { TOGGLES, applyToggle, toggleValue, type ToggleName, type ToggleOption } from "../../lessons/lesson-model";
import { decodeKnob, encodeChoice } from "../lab/setup-model";

/** The step's knobs where `current` differs from `original`, as URL parameters (registry order). */
export function triedSetupParams(toggles: readonly ToggleName[], original: Scenario, current: Scenario): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of orderedToggles(toggles)) {
    const value = toggleValue(current, name);
    if (value !== toggleValue(original, name)) params.set(TOGGLES[name].param, encodeChoice(value));
  }
  return params;
}

export interface TriedSetup {
  /** The lesson's setup with the linked knobs applied, or null when the link changes nothing. */
  readonly scenario: Scenario | null;
  readonly notices: readonly string[];
}

/** A lesson link's knob parameters, read against lesson step `stepNumber` (1-based) and its unlocked knobs. */
export function triedSetupFromParams(search: URLSearchParams, toggles: readonly ToggleName[], original: Scenario, stepNumber: number): TriedSetup {
  const notices: string[] = [];
  const unlocked = new Set<string>(toggles);
  let scenario = original;
  for (const knob of KNOBS) {
    const text = search.get(knob.param);
    if (text === null) continue;
    const shown = `${knob.param}=${text.length > 24 ? `${text.slice(0, 24)}…` : text}`;
    if (knob.kind !== "choice" || !unlocked.has(knob.path)) {
      notices.push(`Ignored ${shown}: lesson step ${stepNumber} does not unlock the knob “${knob.label}”.`);
      continue;
    }
    const decoded = decodeKnob(knob, text);
    if (!decoded.ok) {
      notices.push(`Ignored ${shown}: expected ${decoded.expected}.`);
      continue;
    }
    scenario = applyToggle(scenario, knob.path as ToggleName, decoded.value as ToggleOption["value"]);
  }
  return { scenario: changedAny(toggles, original, scenario) ? scenario : null, notices };
}

function changedAny(toggles: readonly ToggleName[], original: Scenario, current: Scenario): boolean {
  return toggles.some((name) => toggleValue(current, name) !== toggleValue(original, name));
}

/** The registry's order, so the same setup is always the same link. */
function orderedToggles(toggles: readonly ToggleName[]): ToggleName[] {
  return (Object.keys(TOGGLES) as ToggleName[]).filter((name) => toggles.includes(name));
}
