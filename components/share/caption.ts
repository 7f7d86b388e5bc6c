/**
 * The caption of an exported step, from the trace itself (not from what happens to be on
 * screen): the step's explanation, its control-connection line, and where it stands.
 */
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import { narrate } from "../explain/narrate";
import { KIND_LABEL, transcriptEntries } from "../transcript/lines";
import type { Caption } from "./export-image";

export function captionOf(trace: Trace, timeline: Timeline, step: number, title: string): Caption {
  const n = narrate(trace, timeline, step);
  const line = transcriptEntries(trace, timeline).find((e) => e.step === step);
  return {
    title: n.title,
    text: n.text,
    transcript: line ? `${KIND_LABEL[line.kind]} ${line.text}` : null,
    footer: `${title} · step ${step + 1} of ${timeline.steps.length} · FTP Modes Lab`,
  };
}
