/**
 * What the knob tests share: a knob the registry does not have (client.activePort, a real field
 * of the scenario) to show that one more entry is all a new knob takes, and fast-check settings
 * for any list of knobs, read from the entries alone.
 */
import fc from "fast-check";
import { KNOBS, defaultSettings, withSetting, type AnySettings, type ChoiceKnob, type Knob } from "../../../sim/scenario/knobs";

/** Not in the registry: the client's active-mode listening port (ephemeral, or the old BSD n+1). */
export const EXTRA_KNOB = {
  kind: "choice",
  path: "client.activePort",
  key: "activePort",
  param: "aport",
  section: "mode",
  label: "Active-mode listening port",
  term: "ephemeral-port",
  options: [
    { value: "ephemeral", label: "ephemeral (curl)" },
    { value: "n+1", label: "control port + 1 (old BSD ftp)" },
  ],
  default: "ephemeral",
  read: (s) => s.client.activePort,
  write: (s, v) => ({ ...s, client: { ...s.client, activePort: v as "ephemeral" | "n+1" } }),
} as const satisfies ChoiceKnob;

/** The registry with one more entry. */
export const WITH_EXTRA: readonly Knob[] = [...KNOBS, EXTRA_KNOB];

/** Any value a knob can take from the panel or a link. */
export function valueArb(k: Knob): fc.Arbitrary<unknown> {
  switch (k.kind) {
    case "choice":
      return fc.constantFrom(...k.options.map((o) => o.value));
    case "portRange":
      return fc.tuple(fc.integer({ min: k.min, max: k.max }), fc.integer({ min: k.min, max: k.max })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    case "list":
      return fc.array(fc.constantFrom(...k.options.map((o) => o.value)), { minLength: 1, maxLength: k.maxLength });
  }
}

/** Any settings of these knobs. */
export function settingsArb(knobs: readonly Knob[]): fc.Arbitrary<AnySettings> {
  return fc.tuple(...knobs.map(valueArb)).map((values) => knobs.reduce<AnySettings>((s, k, i) => withSetting(s, k, values[i] as never), defaultSettings(knobs)));
}

/** Settings where every knob applies: both hosts behind NAT. */
export function everythingApplies(knobs: readonly Knob[]): AnySettings {
  let s: AnySettings = defaultSettings(knobs);
  for (const k of knobs) if (k.kind === "choice" && k.path === "client.nat") s = withSetting(s, k, true);
  // A NAT router: the one setup every server knob applies to (its FTP helper).
  for (const k of knobs) if (k.kind === "choice" && k.path === "server.nat") s = withSetting(s, k, "home-router");
  return s;
}

export const choices = (knobs: readonly Knob[]): ChoiceKnob[] => knobs.filter((k): k is ChoiceKnob => k.kind === "choice");
