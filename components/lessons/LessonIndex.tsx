"use client";
/**
 * The lessons, in order, with level, time and concepts, and this learner's progress: not started,
 * how far they got, done; how many predictions they got right. Progress lives in this browser
 * (progress.ts) and can be reset.
 */
import Link from "next/link";
import { useState } from "react";
import { progressFor, resetProgress, useProgress, type LessonProgress, type Progress } from "./progress";
import styles from "./LessonIndex.module.css";

export interface LessonCard {
  readonly slug: string;
  readonly order: number;
  readonly title: string;
  readonly goal: string;
  readonly level: string;
  readonly minutes: number;
  readonly concepts: readonly string[];
  readonly steps: number;
  readonly predictions: number;
  /** The 0-based steps that ask for a prediction; without it, any step's answer counts, up to `predictions`. */
  readonly predictSteps?: readonly number[];
}

/** This card's progress, fitted to the lesson (steps, predictions) so stored numbers cannot overstate it. */
function progressOf(card: LessonCard, all: Progress): { p: LessonProgress | undefined; right: number; tried: number } {
  const p = progressFor(all, card.slug, card);
  const answers = Object.values(p?.predictions ?? {});
  const cap = Math.max(0, card.predictions);
  return { p, right: Math.min(cap, answers.filter(Boolean).length), tried: Math.min(cap, answers.length) };
}

function status(card: LessonCard, p: LessonProgress | undefined): { label: string; state: "new" | "started" | "done" } {
  if (!p) return { label: "Not started", state: "new" };
  if (p.furthest >= card.steps - 1) return { label: "Done", state: "done" };
  return { label: `Step ${p.furthest + 1} of ${card.steps}`, state: "started" };
}

export function LessonIndex({ lessons }: { lessons: readonly LessonCard[] }) {
  const stored = useProgress();
  const [confirming, setConfirming] = useState(false);
  const progress = lessons.map((l) => progressOf(l, stored));
  const started = progress.filter((x) => x.p).length;
  const done = lessons.filter((l, i) => status(l, progress[i]!.p).state === "done").length;
  const right = progress.reduce((n, x) => n + x.right, 0);
  const tried = progress.reduce((n, x) => n + x.tried, 0);
  return (
    <>
      <div className={styles.overall} aria-live="polite">
        <p>
          {started === 0
            ? `${lessons.length} lessons, about ${lessons.reduce((n, l) => n + l.minutes, 0)} minutes in all. Your progress is kept in this browser only.`
            : `${done} of ${lessons.length} lessons done; ${right} of ${tried} predictions right.`}
        </p>
        {started > 0 &&
          (confirming ? (
            <span className={styles.confirm}>
              Forget all progress?{" "}
              <button
                type="button"
                onClick={() => {
                  resetProgress();
                  setConfirming(false);
                }}
              >
                Yes, reset
              </button>{" "}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Reset my progress
            </button>
          ))}
      </div>
      <ol className={styles.list}>
        {lessons.map((l, i) => {
          const { p, right, tried } = progress[i]!;
          const s = status(l, p);
          return (
            <li key={l.slug} className={styles.item} data-state={s.state}>
              <span className={styles.number} aria-hidden="true">
                {s.state === "done" ? "✓" : l.order}
              </span>
              <div className={styles.body}>
                <h2 className={styles.title}>
                  <Link href={`/lessons/${l.slug}`}>{l.title}</Link>
                </h2>
                <p className={styles.goal}>{l.goal}</p>
                <p className={styles.meta}>
                  <span>{l.level}</span> · <span>{l.minutes} min</span> · <span>{l.concepts.join(", ")}</span>
                </p>
                <p className={styles.progress}>
                  <span className={styles.state}>{s.label}</span>
                  {tried > 0 && (
                    <span>
                      {" "}
                      · {right} of {l.predictions} prediction{l.predictions === 1 ? "" : "s"} right
                    </span>
                  )}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
