/**
 * What leaves the diagnose page in a link: the rebuilt session, never the pasted log (it may
 * hold names, addresses and passwords the learner did not mean to share).
 *   - "Open in the playground": the session as the playground's knobs (sim/scenario/knobs.ts),
 *     each read from the scenario; what no knob can say (a firewall written as rules, the log's
 *     addresses) is listed, so the learner knows what the playground changed.
 *   - "Share this diagnosis": /diagnose#session=…&fix=…&cause=… — the scenarios as base64url
 *     JSON in the fragment, which a browser never sends to a server.
 */
import { DEFAULT_SETUP, setupToParams, type Setup } from "../lab/setup-model";
import { KNOBS, knobApplies, withSetting, type Knob } from "../../sim/scenario/knobs";
import type { Scenario, ScenarioInput } from "../../sim/scenario/schema";
import { CAUSE_IDS, type CauseId } from "../../sim/diagnose/causes";

/** The playground's URL for a scenario, and the knobs it could not carry. */
export function playgroundLink(scenario: Scenario): { href: string; lost: string[] } {
  let setup: Setup = DEFAULT_SETUP;
  const lost: string[] = [];
  for (const k of KNOBS as readonly Knob[]) {
    if (!knobApplies(k, scenario)) continue;
    if (k.kind === "choice") {
      const v = k.read(scenario);
      if (k.options.some((o) => o.value === v)) setup = withSetting(setup, k, v);
      else lost.push(k.label);
    } else if (k.kind === "portRange") {
      const v = k.read(scenario);
      if (v !== null && v[0] >= k.min && v[1] <= k.max && v[0] <= v[1]) setup = withSetting(setup, k, v);
      else if (v !== null) lost.push(k.label);
    } else {
      const v = k.read(scenario);
      if (v !== null && v.length > 0 && v.length <= k.maxLength) setup = withSetting(setup, k, v);
      else lost.push(k.label);
    }
  }
  const query = setupToParams(setup, null).toString();
  return { href: `/playground${query ? `?${query}` : ""}`, lost };
}

// ---------- the shared link ----------

/** A link's scenario is at most this long (JSON): a rebuilt session is well under 2 KB. */
const MAX_SCENARIO_JSON = 20_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length > MAX_SCENARIO_JSON * 2) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export interface SharedDiagnosis {
  readonly session: ScenarioInput;
  readonly fix: ScenarioInput | null;
  readonly cause: CauseId | null;
}

/** The fragment of a diagnosis link (without the #). */
export function shareFragment(d: SharedDiagnosis): string {
  const p = new URLSearchParams();
  p.set("session", toBase64Url(JSON.stringify(d.session)));
  if (d.fix) p.set("fix", toBase64Url(JSON.stringify(d.fix)));
  if (d.cause) p.set("cause", d.cause);
  return p.toString();
}

function scenarioParam(text: string | null): ScenarioInput | null | undefined {
  if (text === null) return undefined;
  const json = fromBase64Url(text);
  if (json === null || json.length > MAX_SCENARIO_JSON) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as ScenarioInput) : null;
  } catch {
    return null;
  }
}

/**
 * A link's fragment read back: the shared diagnosis, null when it has no session, or a notice
 * when it is malformed. The scenarios are only shapes here: the worker validates them (an
 * invalid one simulates to nothing and the page says so).
 */
export function readShareFragment(hash: string): { shared: SharedDiagnosis | null; notice: string | null } {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const session = scenarioParam(p.get("session"));
  if (session === undefined) return { shared: null, notice: null };
  if (session === null) return { shared: null, notice: "The link's session could not be read: it may have been cut short. Paste the log again to rebuild it." };
  const fix = scenarioParam(p.get("fix"));
  const causeText = p.get("cause");
  const cause = causeText !== null && (CAUSE_IDS as readonly string[]).includes(causeText) ? (causeText as CauseId) : null;
  return {
    shared: { session, fix: fix ?? null, cause },
    notice: fix === null ? "The link's fixed session could not be read; the broken one is shown." : null,
  };
}
