"use client";
/**
 * A learner's progress, kept in this browser only (localStorage): which lessons they opened, how
 * far they got, and which predictions they got right. Whatever is stored is read defensively:
 * anything malformed (an old format, a hand edit) counts as no progress, never as an error.
 */
import { useSyncExternalStore } from "react";

const KEY = "ftp-lab-progress-v1";

export interface LessonProgress {
  /** Furthest lesson step reached (0-based). */
  readonly furthest: number;
  readonly steps: number;
  /** Prediction outcome by lesson step index. */
  readonly predictions: Readonly<Record<string, boolean>>;
}

export type Progress = Readonly<Record<string, LessonProgress>>;

const EMPTY: Progress = {};

function isLessonProgress(v: unknown): v is LessonProgress {
  if (!v || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return (
    Number.isInteger(p.furthest) &&
    Number.isInteger(p.steps) &&
    typeof p.predictions === "object" &&
    p.predictions !== null &&
    Object.values(p.predictions).every((x) => typeof x === "boolean")
  );
}

export function parseProgress(raw: string | null): Progress {
  if (!raw) return EMPTY;
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== "object" || Array.isArray(v)) return EMPTY;
    return Object.fromEntries(Object.entries(v).filter(([slug, p]) => /^[a-z0-9-]{1,60}$/.test(slug) && isLessonProgress(p)));
  } catch {
    return EMPTY;
  }
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

function write(next: Progress): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(next));
  } catch {
    /* quota or disabled storage: keep going without saving */
  }
  for (const l of listeners) l();
}

export function recordVisit(slug: string, step: number, steps: number): void {
  const all = readProgress();
  const before = all[slug];
  if (before && before.furthest >= step && before.steps === steps) return;
  write({ ...all, [slug]: { furthest: Math.max(step, before?.furthest ?? 0), steps, predictions: before?.predictions ?? {} } });
}

export function recordPrediction(slug: string, step: number, steps: number, correct: boolean): void {
  const all = readProgress();
  const before = all[slug] ?? { furthest: step, steps, predictions: {} };
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

function subscribe(onChange: () => void): () => void {
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
  return useSyncExternalStore(subscribe, readProgress, () => EMPTY);
}
