/**
 * A console session (sim/software/console.ts) line by line: each typed line with the command event
 * that sent it, the reply events that answer it (a 1yz and its final reply), and the steps where
 * they are. The console sends its lines in order, each after the final reply to the last, and
 * stops at the first it cannot send: the n-th command event is the n-th line, and the replies
 * between two commands answer the first of them (the greeting comes before any).
 *
 * Because one more line never changes the trace before the console turns to it
 * (console-machine.ts), an exchange's steps are the same in the trace with one more line: a view
 * that re-simulates can go on from `lastStep` of the line that was last before.
 */
import type { TraceEvent } from "./events";
import type { Timeline } from "./steps";

export interface TypedExchange {
  /** Position of the line in scenario.commands (the console's history). */
  readonly index: number;
  readonly line: string;
  /** Its command event (index into the trace's events); null: never sent (after QUIT, or the control connection was lost). */
  readonly command: number | null;
  /** The reply events that answer it, in order. */
  readonly replies: readonly number[];
  /** The step of the packet that carried it; null when never sent. */
  readonly step: number | null;
  /** The step of its last reply so far; null while it has none. */
  readonly lastStep: number | null;
}

export function typedExchanges(events: readonly TraceEvent[], timeline: Timeline, lines: readonly string[]): TypedExchange[] {
  const commands: number[] = [];
  const replies: number[][] = [];
  events.forEach((e, i) => {
    if (e.type === "command") {
      commands.push(i);
      replies.push([]);
    } else if (e.type === "reply" && replies.length > 0) replies[replies.length - 1]!.push(i);
  });
  return lines.map((line, index) => {
    const command = commands[index] ?? null;
    const answers = replies[index] ?? [];
    const last = answers[answers.length - 1];
    return {
      index,
      line,
      command,
      replies: answers,
      step: command === null ? null : (timeline.stepOfEvent[command] ?? null),
      lastStep: last === undefined ? null : (timeline.stepOfEvent[last] ?? null),
    };
  });
}
