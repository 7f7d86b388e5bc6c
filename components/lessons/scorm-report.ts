"use client";
/**
 * The lesson player's side of a SCORM package (scorm.ts): on a packaged page only
 * (<html data-package="scorm">, scripts/scorm-package.ts), the runtime client is loaded and told
 * each step on screen and each first answer; anywhere else this does nothing and loads nothing.
 */
import { useCallback, useEffect, useRef } from "react";
import type { LessonSuspend, ScormClient, ScormLesson } from "./scorm";

export function useScormReport(lesson: ScormLesson, current: number, resume: (s: LessonSuspend) => void): (step: number, correct: boolean) => void {
  const client = useRef<ScormClient | null>(null);
  const latest = useRef({ lesson, current, resume });
  useEffect(() => {
    latest.current = { lesson, current, resume };
  });
  useEffect(() => {
    if (document.documentElement.dataset.package !== "scorm") return;
    let live = true;
    void import("./scorm").then(({ startScorm }) => {
      if (!live) return;
      const { lesson: shape, resume: onResume } = latest.current;
      client.current = startScorm(window, shape, onResume);
      // Where the learner is now (a resume moves on from here).
      client.current?.step(latest.current.current);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    client.current?.step(current);
  }, [current]);
  return useCallback((step: number, correct: boolean) => client.current?.answer(step, correct), []);
}
