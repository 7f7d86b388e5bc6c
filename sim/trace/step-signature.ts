/**
 * What a step does, in a few comparable words, so two traces of nearly the same setup can be
 * laid side by side: "the learner's setup first differs from the lesson's here". A signature
 * names who sends what to whom and where it ends (a command by its verb, a reply by its code, a
 * segment by its flags, ciphertext as such; delivered, dropped by which node, lost), a listener,
 * a timeout, a decision, an outcome. It leaves out ports and times: the same exchange on another
 * ephemeral port is the same step.
 */
import { describeFlags } from "../net/packet";
import { connectionsOf } from "./connections";
import type { TraceEvent } from "./events";
import { fateKind } from "./labels";
import type { Step, Timeline } from "./steps";
import { transferWindow } from "./transfers";

export function stepSignature(events: readonly TraceEvent[], step: Step): string {
  const e = events[step.event]!;
  if (step.kind === "packet" && e.type === "send") {
    const j = step.packet!;
    const p = e.packet;
    const purpose = connectionsOf(events).get(p.conn)?.purpose ?? "control";
    const command = j.command === null ? null : events[j.command];
    const reply = j.reply === null ? null : events[j.reply];
    const what =
      command?.type === "command"
        ? command.line.split(" ")[0]!.toUpperCase()
        : reply?.type === "reply"
          ? String(reply.code)
          : p.encrypted
            ? "TLS"
            : describeFlags(p);
    const fate = j.fate === null ? null : events[j.fate];
    const end = fate?.type === "drop" || fate?.type === "deliver" ? fate : null;
    return `${purpose} ${e.node}→${p.dst.ip} ${what}${p.attempt > 0 ? " retry" : ""} ${fateKind(end)}${end ? `@${end.node}` : ""}`;
  }
  switch (e.type) {
    case "listen":
      return `listen ${e.host} ${e.purpose}`;
    case "unlisten":
      return `unlisten ${e.host}`;
    case "timeout":
      return `timeout ${e.host} ${e.what}`;
    case "note":
      return `note ${e.host} ${e.text}`;
    case "login":
      return `login ${e.result} ${e.reply}`;
    case "transfer-end":
      return `transfer-end ${e.index} ${e.result} ${e.reply}`;
    default:
      return e.type;
  }
}

/** The steps of transfer `index`, from the step its window opens in to the step of its end (or the trace's). */
export function transferSteps(events: readonly TraceEvent[], timeline: Timeline, index: number): readonly Step[] {
  const w = transferWindow(events, index);
  if (!w) return [];
  const first = timeline.stepOfEvent[w.start]!;
  const last = w.end === null ? timeline.steps.length - 1 : timeline.stepOfEvent[w.end]!;
  return timeline.steps.slice(first, last + 1);
}

/** The signatures of transfer `index`'s steps, in order. */
export function transferSignatures(events: readonly TraceEvent[], timeline: Timeline, index: number): string[] {
  return transferSteps(events, timeline, index).map((s) => stepSignature(events, s));
}
