/**
 * What a lesson can ask about a trace and which knobs it can hand the learner, without zod (the
 * lesson player runs in the browser). The schema (schema.ts) validates lesson files against
 * these lists; the tests and the player both grade predictions with `factValue`, so the answer a
 * learner is told is always what the simulator did. The knobs are the registry's
 * (sim/scenario/knobs.ts): a new entry there is a knob a try-it step may name.
 */
import { KNOBS, type ChoiceKnob, type ChoiceKnobPath, type KnobEntry, type KnobOption } from "../sim/scenario/knobs";
import type { Scenario } from "../sim/scenario/schema";
import type { Trace } from "../sim/trace/trace";
import { dataShapeOf } from "../sim/trace/data-shape";
import type { HostId } from "../sim/trace/events";

export const FACT_KINDS = ["result", "reply", "lastReply", "modeReply", "initiator", "serverPort", "droppedBy"] as const;
export type FactKind = (typeof FACT_KINDS)[number];
export type FactValue = string | number | null;

/**
 * The value of a fact of transfer `index`:
 *   result — "ok" | "failed"; reply — the final reply (null when the client gave up first);
 *   lastReply — the last reply the client saw; modeReply — the reply to PORT/PASV/EPRT/EPSV;
 *   initiator — who opened or tried to open the data connection ("client", "server", "server-b" in a server-to-server transfer, or null);
 *   serverPort — the server's side of it: "20", "passive range", "ephemeral" or "port N";
 *   droppedBy — who dropped the first packet lost during the transfer (client, server,
 *   client-nat, server-nat, network) or null.
 */
export function factValue(trace: Trace, fact: FactKind, index: number): FactValue {
  const t = trace.result.transfers[index];
  if (!t) return null;
  switch (fact) {
    case "result":
      return t.result;
    case "reply":
      return t.reply;
    case "lastReply":
      return t.lastReply;
    case "modeReply":
      return t.modeReply;
    case "initiator":
      return dataShapeOf(t, trace.scenario)?.initiator ?? null;
    case "serverPort":
      return dataShapeOf(t, trace.scenario)?.serverPort ?? null;
    case "droppedBy":
      return firstDropDuring(trace, index);
  }
}

function firstDropDuring(trace: Trace, index: number): string | null {
  let inside = false;
  for (const e of trace.events) {
    if (e.type === "transfer-start" && e.index === index) inside = true;
    else if (e.type === "transfer-end" && e.index === index) return null;
    else if (inside && e.type === "drop") return e.node;
  }
  return null;
}

export interface Expectation {
  transfer: number;
  result?: "ok" | "failed";
  reply?: number | null;
  lastReply?: number | null;
  modeReply?: number | null;
  initiator?: HostId | null;
  serverPort?: string | null;
  droppedBy?: string | null;
}

/** Each way the trace differs from what a step states, in words; empty when it agrees. */
export function unmetExpectations(trace: Trace, e: Expectation): string[] {
  const out: string[] = [];
  for (const key of ["result", "reply", "lastReply", "modeReply", "initiator", "serverPort", "droppedBy"] as const) {
    if (e[key] === undefined) continue;
    const actual = factValue(trace, key, e.transfer);
    if (actual !== e[key]) out.push(`transfer ${e.transfer} ${key}: the lesson says ${JSON.stringify(e[key])}, the simulator did ${JSON.stringify(actual)}`);
  }
  return out;
}

// ---------- the knobs a "try it" step can unlock ----------
// Every one-of-a-few knob of the registry (sim/scenario/knobs.ts), by its scenario path: the
// same label and options as in the playground's setup panel.

export type ToggleName = ChoiceKnobPath;
export type ToggleOption = KnobOption;
export type Toggle = ChoiceKnob;

type ChoiceEntry = Extract<KnobEntry, { kind: "choice" }>;

/** The try-it knobs by name (their scenario path), in the registry's order. */
export const TOGGLES = Object.fromEntries(KNOBS.filter((k) => k.kind === "choice").map((k) => [k.path, k])) as {
  readonly [P in ToggleName]: Extract<ChoiceEntry, { path: P }>;
};
export const TOGGLE_NAMES = Object.keys(TOGGLES) as ToggleName[];

/** The scenario's current value of a knob, as one of its option values where it is one. */
export function toggleValue(s: Scenario, name: ToggleName): ToggleOption["value"] {
  return (TOGGLES[name] as Toggle).read(s);
}

/** The scenario with one knob set; an option value not offered by the knob leaves it unchanged. */
export function applyToggle(s: Scenario, name: ToggleName, value: ToggleOption["value"]): Scenario {
  const knob: Toggle = TOGGLES[name];
  return knob.options.some((o) => o.value === value) ? knob.write(s, value) : s;
}
