"use client";
/**
 * A prediction: before the lab shows what happens, the learner picks an answer; then they are told
 * whether the simulator agrees and why. The correct value is read from the trace (lesson-model's
 * factValue), so the feedback is always what the lab is about to show. Until the learner answers
 * or skips, the lab holds at this step (lab-controller.ts's hold): "Skip the question" is the one
 * way on without answering, and it says the answer as a wrong one would.
 */
import { useId, useState } from "react";
import type { FactValue } from "../../lessons/lesson-model";
import styles from "./Predict.module.css";

export interface PredictProps {
  readonly question: string;
  readonly choices: ReadonlyArray<{ readonly label: string; readonly value: FactValue }>;
  /** What the simulator did. */
  readonly truth: FactValue;
  readonly why: string;
  /** An earlier answer of this learner (from their progress), to show instead of asking again. */
  readonly previous?: boolean;
  readonly onAnswer: (correct: boolean) => void;
  /** The learner moves on without answering. */
  readonly onSkip?: () => void;
}

export function Predict({ question, choices, truth, why, previous, onAnswer, onSkip }: PredictProps) {
  const id = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const [skipped, setSkipped] = useState(false);
  const correctChoice = choices.find((c) => c.value === truth);
  const right = picked !== null && choices[picked]?.value === truth;

  const skip = () => {
    setSkipped(true);
    setPicked(null);
    setChecked(true);
    onSkip?.();
  };

  const check = (e: React.FormEvent) => {
    e.preventDefault();
    if (picked === null) return;
    setChecked(true);
    onAnswer(right);
  };

  return (
    <form className={styles.predict} onSubmit={check} aria-labelledby={`${id}-q`}>
      <p className={styles.badge} aria-hidden="true">
        Predict
      </p>
      <fieldset className={styles.fieldset} disabled={checked}>
        <legend id={`${id}-q`} className={styles.question}>
          {question}
        </legend>
        {choices.map((c, i) => {
          const isTruth = checked && c.value === truth;
          const isWrongPick = checked && picked === i && !right;
          return (
            <label key={i} className={`${styles.choice} ${isTruth ? styles.truth : ""} ${isWrongPick ? styles.wrong : ""}`}>
              <input type="radio" name={`${id}-choice`} checked={picked === i} onChange={() => setPicked(i)} />
              <span className={styles.choiceText}>
                {c.label}
                {isTruth && <span className={styles.mark}>✓ what happens</span>}
                {isWrongPick && <span className={styles.mark}>✗ your answer</span>}
              </span>
            </label>
          );
        })}
      </fieldset>
      {!checked && (
        <div className={styles.actions}>
          <button type="submit" className="primary" disabled={picked === null}>
            Check my answer
          </button>
          {onSkip && (
            <button type="button" className={styles.skip} onClick={skip}>
              Skip the question
            </button>
          )}
          {previous !== undefined && <span className={styles.previous}>Last time you answered this {previous ? "right" : "wrong"}.</span>}
        </div>
      )}
      <div aria-live="polite" className={styles.feedback}>
        {checked && (
          <>
            {skipped ? (
              <p>
                <strong>Skipped.</strong> It is: {correctChoice?.label ?? String(truth)}.
              </p>
            ) : (
              <p className={right ? styles.right : styles.notQuite}>
                <strong>{right ? "Right." : "Not quite."}</strong> {right ? "" : `It is: ${correctChoice?.label ?? String(truth)}.`}
              </p>
            )}
            <p>{why}</p>
            <p className={styles.hint}>Continue to see it happen.</p>
          </>
        )}
      </div>
    </form>
  );
}
