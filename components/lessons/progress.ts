"use client";
/**
 * A learner's progress, kept in this browser only (localStorage): which lessons they opened, how
 * far they got, and which predictions they got right. Whatever is stored is read defensively:
 * anything malformed (an old format, a hand edit) counts as no progress, never as an error.
 * Only what is ours is kept: a lesson's furthest step an integer within its steps, predictions
 * only for its steps, booleans; unknown keys, junk and a store over MAX_STORED characters are
 * dropped, and a write writes back only what was kept. progressFor then fits a lesson's progress
 * to the lesson as it is now (its steps, the steps that ask). Hand-written, not zod: this module
 * is in the lessons index page's bundle, which has no zod.
 */
import { useSyncExternalStore } from "react";

const KEY = "ftp-lab-progress-v1";

/** A stored string longer than this is not read at all (ours is a few hundred characters). */
export const MAX_STORED = 64 * 1024;
/** Lessons kept, and steps a lesson may have. */
const MAX_LESSONS = 50;
const MAX_STEPS = 100;
const SLUG = /^[a-z0-9-]{1,60}$/;
/** A step index as a key: canonical digits only ("2", never "02" or "2.0"). */
const STEP_KEY = /^(0|[1-9]\d{0,2})$/;

export interface LessonProgress {
  /** Furthest lesson step reached (0-based). */
  readonly furthest: number;
  readonly steps: number;
  /** Prediction outcome by lesson step index. */
  readonly predictions: Readonly<Record<string, boolean>>;
}

export type Progress = Readonly<Record<string, LessonProgress>>;

/** A lesson as it is now: how many steps, and (when known) which of them ask for a prediction. */
export interface LessonShape {
  readonly steps: number;
  readonly predictSteps?: readonly number[];
}

const EMPTY: Progress = {};

const plain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStepCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_STEPS;
const isStepOf = (i: unknown, steps: number): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < steps;

/** Only the fields we write, each checked; null when the lesson's own numbers are not sane. */
function cleanLesson(v: unknown): LessonProgress | null {
  if (!plain(v)) return null;
  const { furthest, steps, predictions } = v;
  if (!isStepCount(steps) || !isStepOf(furthest, steps)) return null;
  const kept: Record<string, boolean> = {};
  if (plain(predictions)) {
    for (const [k, x] of Object.entries(predictions)) {
      if (STEP_KEY.test(k) && Number(k) < steps && typeof x === "boolean") kept[k] = x;
    }
  }
  return { furthest, steps, predictions: kept };
}

/** Keeps the lessons that are sane, the last MAX_LESSONS of them, and nothing else. */
function clean(v: unknown): Progress {
  if (!plain(v)) return EMPTY;
  const kept: [string, LessonProgress][] = [];
  for (const [slug, p] of Object.entries(v)) {
    if (!SLUG.test(slug)) continue;
    const lesson = cleanLesson(p);
    if (lesson) kept.push([slug, lesson]);
  }
  return kept.length === 0 ? EMPTY : Object.fromEntries(kept.slice(-MAX_LESSONS));
}

export function parseProgress(raw: string | null): Progress {
  if (!raw || raw.length > MAX_STORED) return EMPTY;
  try {
    return clean(JSON.parse(raw));
  } catch {
    return EMPTY;
  }
}

/**
 * A lesson's progress fitted to the lesson as it is now: the furthest step within its steps,
 * predictions only for steps it has (and, when `predictSteps` is given, that ask).
 */
export function progressFor(all: Progress, slug: string, shape: LessonShape): LessonProgress | undefined {
  const p = all[slug];
  if (!p || !isStepCount(shape.steps)) return undefined;
  const asks = shape.predictSteps ? new Set(shape.predictSteps) : null;
  const predictions = Object.fromEntries(Object.entries(p.predictions).filter(([k]) => Number(k) < shape.steps && (!asks || asks.has(Number(k)))));
  return { furthest: Math.min(p.furthest, shape.steps - 1), steps: shape.steps, predictions };
}

const listeners = new Set<() => void>();
let cache: { raw: string | null; value: Progress } = { raw: null, value: EMPTY };

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode): progress simply is not kept
  }
}

export function readProgress(): Progress {
  const raw = storage()?.getItem(KEY) ?? null;
  if (raw !== cache.raw) cache = { raw, value: parseProgress(raw) };
  return cache.value;
}

/** Writes only what survives the same checks as a read (never junk read earlier). */
function write(next: Progress): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(clean(next)));
  } catch {
    /* quota or disabled storage: keep going without saving */
  }
  for (const l of listeners) l();
}

export function recordVisit(slug: string, step: number, steps: number): void {
  if (!SLUG.test(slug) || !isStepCount(steps) || !isStepOf(step, steps)) return;
  const all = readProgress();
  const before = all[slug];
  if (before && before.furthest >= step && before.steps === steps) return;
  // A lesson that changed length since keeps what still fits (write drops the rest).
  write({ ...all, [slug]: { furthest: Math.min(steps - 1, Math.max(step, before?.furthest ?? 0)), steps, predictions: before?.predictions ?? {} } });
}

export function recordPrediction(slug: string, step: number, steps: number, correct: boolean): void {
  if (!SLUG.test(slug) || !isStepCount(steps) || !isStepOf(step, steps) || typeof correct !== "boolean") return;
  const all = readProgress();
  const stored = all[slug];
  // A lesson that changed length since keeps what still fits (write drops the rest).
  const before = stored ? { ...stored, furthest: Math.min(stored.furthest, steps - 1), steps } : { furthest: step, steps, predictions: {} };
  write({ ...all, [slug]: { ...before, predictions: { ...before.predictions, [String(step)]: correct } } });
}

export function resetProgress(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    /* nothing to reset */
  }
  for (const l of listeners) l();
}

export function subscribeProgress(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/** The stored progress; empty during the static render and until the browser has read it. */
export function useProgress(): Progress {
  return useSyncExternalStore(subscribeProgress, readProgress, () => EMPTY);
}
