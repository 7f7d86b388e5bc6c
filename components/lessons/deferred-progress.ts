"use client";
/**
 * The lesson player's stored progress with progress.ts loaded once the page is up, not in the
 * lesson page's first load. Nothing on screen changes: stored progress is browser-only, so the
 * static HTML and the hydrating render read none either way (useProgress's server snapshot), and
 * the visited marks and earlier answers appear as soon as the module has read the store.
 */
import { useSyncExternalStore } from "react";
import type { LessonProgress, LessonShape, Progress } from "./progress";

type ProgressModule = typeof import("./progress");

let progress: ProgressModule | null = null;
let loading: Promise<ProgressModule> | null = null;
const loadProgress = (): Promise<ProgressModule> => (loading ??= import("./progress").then((m) => (progress = m)));

const NONE: Progress = {};

/** progress.ts' store, subscribed to once it has loaded: the load itself is the first change. */
function subscribe(onChange: () => void): () => void {
  let live = true;
  let unsubscribe = () => {};
  void loadProgress().then((m) => {
    if (!live) return;
    unsubscribe = m.subscribeProgress(onChange);
    onChange();
  });
  return () => {
    live = false;
    unsubscribe();
  };
}

const read = (): Progress => progress?.readProgress() ?? NONE;

/** This lesson's stored progress, fitted to it (progressFor); undefined until it has been read. */
export function useLessonProgress(slug: string, shape: LessonShape): LessonProgress | undefined {
  const all = useSyncExternalStore(subscribe, read, () => NONE);
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
