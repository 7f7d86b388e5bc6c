"use client";
/**
 * The lessons, in order, with level, time and concepts, and this learner's progress: not started,
 * how far they got, done; how many predictions they got right. Progress lives in this browser
 * (progress.ts) and can be reset.
 */
import Link from "next/link";
import { useState } from "react";
import { resetProgress, useProgress, type LessonProgress } from "./progress";
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
}

function status(card: LessonCard, p: LessonProgress | undefined): { label: string; state: "new" | "started" | "done" } {
  if (!p) return { label: "Not started", state: "new" };
  if (p.furthest >= card.steps - 1) return { label: "Done", state: "done" };
  return { label: `Step ${p.furthest + 1} of ${card.steps}`, state: "started" };
}

export function LessonIndex({ lessons }: { lessons: readonly LessonCard[] }) {
  const progress = useProgress();
  const [confirming, setConfirming] = useState(false);
  const started = lessons.filter((l) => progress[l.slug]).length;
  const done = lessons.filter((l) => status(l, progress[l.slug]).state === "done").length;
  const answered = lessons.flatMap((l) => Object.values(progress[l.slug]?.predictions ?? {}));
  return (
    <>
      <div className={styles.overall} aria-live="polite">
        <p>
          {started === 0
            ? `${lessons.length} lessons, about ${lessons.reduce((n, l) => n + l.minutes, 0)} minutes in all. Your progress is kept in this browser only.`
            : `${done} of ${lessons.length} lessons done; ${answered.filter(Boolean).length} of ${answered.length} predictions right.`}
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
        {lessons.map((l) => {
          const p = progress[l.slug];
          const s = status(l, p);
          const right = Object.values(p?.predictions ?? {}).filter(Boolean).length;
          const tried = Object.keys(p?.predictions ?? {}).length;
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
