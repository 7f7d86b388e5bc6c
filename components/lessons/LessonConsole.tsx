"use client";
/**
 * A lesson step that hands the learner the console ("now ask for passive mode yourself and read
 * the port"): the step's task, and the console over the step's own setup with the console as the
 * client. Each line sent is simulated here, in the browser (the simulator loads with this box),
 * and handed to the player, which shows its trace and lands on the line's packet.
 */
import { useState } from "react";
import type { Moment } from "../../sim/trace/moments";
import type { Scenario } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import type { Lab } from "../lab/use-lab";
import type { ExplainStep } from "../lab/Explanation";
import { Console } from "../console/Console";
import { consoleScenario } from "../console/console-history";
import styles from "./TryIt.module.css";

export interface LessonConsoleProps {
  readonly task: string;
  /** The lines typed for the learner before they start (the login). */
  readonly start: readonly string[];
  /** The step's setup, as the lesson has it. */
  readonly base: Scenario;
  /** The lab on screen: its trace is the console's once the learner has sent a line. */
  readonly lab: Lab;
  /** A line has run: its session's trace (its scenario is the lab's to show) and the moment of the line's packet. */
  readonly onRun: (trace: Trace, at: Moment, explain: ExplainStep) => void;
}

/** The n-th line's packet, by what it says: its verb, counted among the lines before it. */
function momentOf(lines: readonly string[], index: number): Moment {
  const verb = (line: string) => line.split(" ")[0]!.toUpperCase();
  const nth = lines.slice(0, index + 1).filter((l) => verb(l) === verb(lines[index]!)).length;
  return { command: verb(lines[index]!), nth };
}

export function LessonConsole({ task, start, base, lab, onRun }: LessonConsoleProps) {
  const [history, setHistory] = useState<readonly string[]>(start);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The lab shows the console's session once a line has run; until then the lesson's own.
  const ours = lab.trace.scenario.client.software === "console";
  const send = (line: string) => {
    const lines = [...history, line];
    setHistory(lines);
    setBusy(true);
    // The narration comes with the simulator: the lesson's was drawn on the server, for its own setups only.
    void Promise.all([import("../../sim/simulate"), import("../explain/explanation")])
      .then(([{ run }, { explanationAt }]) => {
        const scenario = consoleScenario(base, lines);
        onRun(run(scenario), momentOf(lines, lines.length - 1), (l) => explanationAt(l.trace, l.timeline, l.step));
        setError(null);
      })
      .catch((e: unknown) => setError(`That line could not run: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBusy(false));
  };
  return (
    <section className={styles.tryIt} aria-label="Your console">
      <p className={styles.badge}>Your console</p>
      <p className={styles.lookFor}>
        <strong>Task:</strong> {task}
      </p>
      <Console trace={ours ? lab.trace : null} timeline={ours ? lab.timeline : null} step={lab.step} history={history} onSend={send} onJump={lab.goTo} busy={busy} error={error} />
    </section>
  );
}
