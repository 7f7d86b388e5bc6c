/**
 * A host's `setup` message on a playground embed, applied to the setup on screen: only the
 * knobs it names change (a deck that sends { sfw: "strict" } keeps the NAT it set before), and
 * each value is checked alone — a bad one is refused with its own notice while the others apply.
 * Each value is decoded by the playground's own URL reading (paramsToSetup), so a message and a
 * link accept exactly the same values.
 */
import { KNOBS, settingOf, withSetting } from "../../sim/scenario/knobs";
import { paramsToSetup, type Setup } from "../lab/setup-model";
import { boundNotices, unknownParameters } from "../lab/notices";
import { EMBED_KEYS } from "./embed-params";

export interface MergedSetup {
  readonly setup: Setup;
  /** The message's `step` (0-based), to land on in the new session; null when it named none. */
  readonly step: number | null;
  readonly notices: string[];
  /** Whether any knob took a new value (a new session is simulated only then). */
  readonly changed: boolean;
}

export function mergeSetup(current: Setup, params: Readonly<Record<string, string>>): MergedSetup {
  let setup = current;
  let step: number | null = null;
  const notices: string[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const knob = KNOBS.find((k) => k.param === key);
    if (!knob && key !== "step") {
      // The embed's own parameters (views, theme…) belong to the URL, not to a session.
      if (!(EMBED_KEYS as readonly string[]).includes(key)) unknown.push(key);
      continue;
    }
    // Read alone, so one bad value cannot take the rest of the message with it.
    const one = paramsToSetup(new URLSearchParams([[key, value]]), EMBED_KEYS);
    if (one.notices.length) {
      notices.push(...one.notices);
      continue;
    }
    if (knob) setup = withSetting(setup, knob, settingOf(knob, one.setup));
    else step = one.step;
  }
  notices.push(...unknownParameters(unknown));
  const changed = KNOBS.some((k) => JSON.stringify(settingOf(k, setup)) !== JSON.stringify(settingOf(k, current)));
  return { setup, step, notices: boundNotices(notices), changed };
}
