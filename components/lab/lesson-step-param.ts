/**
 * A lesson link's `?step=N`: the lesson step to open, counted from 1 as the player says it
 * ("Lesson step N of M"). Anything else — 0, past the end, not a whole number — opens the first
 * step and says why, as the playground and the embed do for their clamped values.
 */
export interface LessonStepParam {
  /** 0-based index of the lesson step to open. */
  readonly index: number;
  readonly notice: string | null;
}

export function lessonStepParam(search: URLSearchParams, total: number): LessonStepParam {
  const raw = search.get("step");
  if (raw === null) return { index: 0, notice: null };
  const n = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= total) return { index: n - 1, notice: null };
  // The value is the reader's own URL, but say it as text only, and short.
  const shown = raw.length > 12 ? `${raw.slice(0, 12)}…` : raw;
  return { index: 0, notice: `step=${shown} is not a step of this lesson (1–${total}): showing step 1.` };
}
