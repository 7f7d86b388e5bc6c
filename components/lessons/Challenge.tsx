"use client";
/**
 * A "make it work" step (lessons/challenge.ts): the step's broken setup, the knobs the learner may
 * touch (the try-it's own), the goal, and a check the simulator answers — solved, or each way the
 * session and the setup still miss the goal. The check reads the trace of the setup on screen;
 * the first check of the step is the one a score counts (onChecked).
 */
import { useState } from "react";
import { unmetGoal, type Challenge as ChallengeData } from "../../lessons/challenge";
import type { Scenario } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import { TryIt } from "./TryIt";
import styles from "./TryIt.module.css";

export interface ChallengeProps {
  readonly challenge: ChallengeData;
  /** The step's own (broken) setup, the one on screen now, and its trace (null while it is simulated). */
  readonly original: Scenario;
  readonly current: Scenario;
  readonly trace: Trace | null;
  readonly onChange: (scenario: Scenario) => void;
  readonly onChecked: (solved: boolean) => void;
}

export function Challenge({ challenge, original, current, trace, onChange, onChecked }: ChallengeProps) {
  const [result, setResult] = useState<{ setup: Scenario; unmet: readonly string[] } | null>(null);
  // A verdict is about the setup it checked: another setup on screen has none yet.
  const shown = result && result.setup === current ? result : null;
  const check = () => {
    if (!trace) return;
    const unmet = unmetGoal(current, trace, challenge.goal);
    setResult({ setup: current, unmet });
    onChecked(unmet.length === 0);
  };
  return (
    <TryIt
      badge="Make it work"
      lookForLabel="Goal:"
      lookFor={challenge.task}
      toggles={challenge.toggles}
      original={original}
      current={current}
      busy={trace === null}
      onChange={onChange}
    >
      <p>
        <button type="button" className="primary" onClick={check} disabled={trace === null}>
          Check my setup
        </button>
      </p>
      <div className={styles.verdict} role="status" aria-label="Check result">
        {shown &&
          (shown.unmet.length === 0 ? (
            <p>
              <strong>Solved.</strong> {challenge.solved}
            </p>
          ) : (
            <>
              <p>
                <strong>Not yet.</strong> {shown.unmet.length === 1 ? "One thing still misses the goal:" : "These still miss the goal:"}
              </p>
              <ul>
                {shown.unmet.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            </>
          ))}
      </div>
    </TryIt>
  );
}
