"use client";
/**
 * The lesson player's stored progress with progress.ts loaded once the page is up, not in the
 * lesson page's first load. Nothing on screen changes: stored progress is browser-only, so the
 * static HTML and the hydrating render read none either way (useProgress's server snapshot), and
 * the visited marks and earlier answers appear as soon as the module has read the store.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import type { LessonProgress, LessonShape, Progress } from "./progress";

type ProgressModule = typeof import("./progress");

let loading: Promise<ProgressModule> | null = null;
const loadProgress = (): Promise<ProgressModule> => (loading ??= import("./progress"));

const NONE: Progress = {};
const noSubscription = () => () => {};
const none = () => NONE;

/** This lesson's stored progress, fitted to it (progressFor); undefined until it has been read. */
export function useLessonProgress(slug: string, shape: LessonShape): LessonProgress | undefined {
  const [progress, setProgress] = useState<ProgressModule | null>(null);
  useEffect(() => {
    let live = true;
    void loadProgress().then((m) => live && setProgress(m));
    return () => {
      live = false;
    };
  }, []);
  const all = useSyncExternalStore(progress?.subscribeProgress ?? noSubscription, progress?.readProgress ?? none, none);
  return progress?.progressFor(all, slug, shape);
}

/** progress.ts' recordVisit, once the module is there. */
export function recordVisit(slug: string, step: number, steps: number): void {
  void loadProgress().then((m) => m.recordVisit(slug, step, steps));
}

/** progress.ts' recordPrediction, once the module is there. */
export function recordPrediction(slug: string, step: number, steps: number, correct: boolean): void {
  void loadProgress().then((m) => m.recordPrediction(slug, step, steps, correct));
}
