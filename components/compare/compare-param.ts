/**
 * A comparison in a URL: `compare=` holds setup B as the knobs where it differs from A, written
 * the way the playground writes knobs (`?mode=active&compare=mode%3Dpassive` is active mode beside
 * passive). B is A's link with those knobs changed, so what a link leaves to the chosen programs'
 * defaults reads the same on both sides. A `compare=` that names no knob, or only unknown ones, is
 * said in a notice and the page shows A alone; nothing in it can break the page.
 */
import { KNOBS, knobWords, settingOf, type AnySettings, type Knob } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { boundNotices } from "../lab/notices";
import { paramsToSetup, setupDiffParams, setupToParams, type Setup } from "../lab/setup-model";

export { COMPARE_PARAM } from "./compare-key";

/** B as `compare=`'s value: the knobs where it differs from A. Empty when they are the same setup. */
export function compareValue(a: Setup, b: Setup): string {
  return setupDiffParams(a, b).toString();
}

export interface ParsedCompare {
  /** Setup B, or null when the URL asks for no comparison (or one that cannot be read). */
  readonly setup: Setup | null;
  readonly notices: readonly string[];
}

/** `compare=`'s value read against setup A (the page's own knobs). */
export function parseCompare(value: string | null, a: Setup): ParsedCompare {
  if (value === null) return { setup: null, notices: [] };
  // A hand-written value's "+" (stateful+ftp-helper) is a plus, not a space: no knob's value has spaces.
  const given = new URLSearchParams(value.replace(/\+/g, "%2B"));
  const known = [...given.keys()].filter((key) => KNOBS.some((k) => k.param === key));
  if (known.length === 0) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return { setup: null, notices: [`Ignored compare=${shown}: expected the knobs setup B changes, such as compare=mode%3Dpassive.`] };
  }
  // A's own link, with B's changes written over it.
  const merged = setupToParams(a, null);
  for (const [key, text] of given) merged.set(key, text);
  const parsed = paramsToSetup(merged);
  const notices = parsed.notices.map((n) => `In compare=: ${n}`);
  return { setup: parsed.setup, notices: boundNotices(notices) };
}

/** What tells the two sides apart, per side: "Client mode: active (PORT)", one line per knob that differs. */
export function sideWords(a: Setup, b: Setup, scenarioA: Scenario, scenarioB: Scenario): { a: string; b: string } {
  const differ = KNOBS.filter((k) => setupDiffParams(a, b, [k]).size > 0);
  if (differ.length === 0) return { a: "the same setup", b: "the same setup" };
  return {
    a: differ.map((k) => valueWords(k, a, scenarioA)).join("; "),
    b: differ.map((k) => valueWords(k, b, scenarioB)).join("; "),
  };
}

function valueWords(k: Knob, s: AnySettings, scenario: Scenario): string {
  const v = settingOf(k, s);
  const label = knobWords(k, scenario).label;
  switch (k.kind) {
    case "choice": {
      const option = k.options.find((o) => o.value === v);
      return `${label}: ${option ? option.label : String(v)}`;
    }
    case "portRange": {
      const [low, high] = v as readonly [number, number];
      return `${label}: ${low}–${high}`;
    }
    case "list":
      return `${label}: ${(v as readonly string[]).join(", ")}`;
  }
}
