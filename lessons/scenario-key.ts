/**
 * A normalized scenario's canonical form, to tell whether a recorded real run is a run of the
 * scenario on screen. Two scenarios with every default filled in (parseScenario's output) are the
 * same setup exactly when their keys are equal. The title is left out: it names the setup, it
 * does not change it. No zod here: the playground computes keys in the browser.
 */
import type { Scenario } from "../sim/scenario/schema";

/** JSON with object keys sorted at every depth (arrays keep their order: commands do matter). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      // An absent optional field and one set to undefined are the same scenario.
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function scenarioKey(scenario: Scenario): string {
  return canonical({ ...scenario, title: undefined });
}
