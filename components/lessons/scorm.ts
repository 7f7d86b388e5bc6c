/**
 * A lesson inside an LMS (the SCORM 1.2 package of `npm run export -- <slug> --scorm`): the
 * lesson player tells the LMS's SCORM runtime how far the learner got, the score (predictions
 * right and challenges met at the first try, of all the lesson's predictions and challenges) and
 * completion (the last step reached), and keeps what it needs to resume in cmi.suspend_data. Only a packaged lesson talks
 * to an LMS: the package's page marks <html data-package="scorm">; on the site nothing here runs.
 *
 * The runtime is found as ADL's SCORM 1.2 RTE says (§3.3.6.1): an object `API` on this window's
 * parents (up to 7 levels), then on the opener's. Every value read from the LMS is checked
 * (suspend data is ours, but an LMS hands back whatever it stored); a runtime that throws or
 * answers "false" never breaks the lesson: it only stops being told.
 */

/** The SCORM 1.2 runtime's functions (RTE §3.4), as an LMS exposes them on `window.API`. */
export interface Scorm12Api {
  LMSInitialize(arg: ""): string;
  LMSFinish(arg: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ""): string;
  LMSGetLastError(): string;
}

const isApi = (v: unknown): v is Scorm12Api =>
  typeof v === "object" && v !== null && ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].every((f) => typeof (v as Record<string, unknown>)[f] === "function");

/** ADL's search: this window and its parents, then the opener and its parents. */
export function findScormApi(start: Window): Scorm12Api | null {
  const search = (w: Window | null): Scorm12Api | null => {
    for (let depth = 0; w && depth <= 7; depth++) {
      try {
        const api = (w as unknown as { API?: unknown }).API;
        if (isApi(api)) return api;
      } catch {
        return null; // a cross-origin parent: the runtime cannot be there
      }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  return search(start) ?? search(start.opener as Window | null);
}

/** What a packaged lesson keeps between visits: the step on screen, the furthest reached, first answers and checks. */
export interface LessonSuspend {
  /** Lesson step on screen, 0-based. */
  readonly step: number;
  readonly furthest: number;
  /** Each predict step's first answer and each challenge's first check: right (true) or not. */
  readonly first: Readonly<Record<string, boolean>>;
}

/** SCORM 1.2 allows cmi.suspend_data 4,096 characters (RTE §3.4.4). */
export const SUSPEND_LIMIT = 4096;

export function writeSuspend(s: LessonSuspend): string {
  const first = Object.entries(s.first).map(([k, v]) => `${k}${v ? "+" : "-"}`).join(",");
  return `v1;${s.step};${s.furthest};${first}`;
}

/** The suspend data for a lesson of `steps` steps, or null when it is not ours or does not fit. */
export function readSuspend(text: string, steps: number, scoredSteps: readonly number[]): LessonSuspend | null {
  if (text.length > SUSPEND_LIMIT) return null;
  const m = /^v1;(\d{1,3});(\d{1,3});((?:\d{1,3}[+-])(?:,\d{1,3}[+-])*)?$/.exec(text);
  if (!m) return null;
  const step = Number(m[1]);
  const furthest = Number(m[2]);
  if (step >= steps || furthest >= steps || step > furthest) return null;
  const asks = new Set(scoredSteps);
  const first: Record<string, boolean> = {};
  for (const part of m[3] ? m[3].split(",") : []) {
    const k = Number(part.slice(0, -1));
    if (asks.has(k)) first[String(k)] = part.endsWith("+");
  }
  return { step, furthest, first };
}

/** The score: the scored steps right on the first try, of all of them, 0–100 (RTE's cmi.core.score.raw). */
export function scoreOf(first: Readonly<Record<string, boolean>>, scoredSteps: readonly number[]): number {
  if (scoredSteps.length === 0) return 100;
  const right = scoredSteps.filter((i) => first[String(i)] === true).length;
  return Math.round((100 * right) / scoredSteps.length);
}

export interface ScormLesson {
  readonly steps: number;
  /** The steps a score counts: predictions and challenges. */
  readonly scoredSteps: readonly number[];
}

/** A packaged lesson's line to its LMS: told each step on screen and each first answer. */
export interface ScormClient {
  step(index: number): void;
  answer(step: number, correct: boolean): void;
}

/**
 * Starts reporting to the LMS that `win` finds (null when there is none, or it refuses to start).
 * `resume` is called at once with the step to resume at (and the first answers already given)
 * when the LMS has this lesson's suspend data. Finishes the attempt when the page goes away.
 */
export function startScorm(win: Window, lesson: ScormLesson, resume: (s: LessonSuspend) => void): ScormClient | null {
  const api = findScormApi(win);
  if (!api) return null;
  try {
    if (String(api.LMSInitialize("")) !== "true") return null;
  } catch {
    return null;
  }
  const stored = readSuspend(safeGet(api, "cmi.suspend_data"), lesson.steps, lesson.scoredSteps);
  const session = { api, state: stored ?? { step: 0, furthest: 0, first: {} } };
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    // RTE §3.4.4 cmi.core.exit: "suspend" keeps the attempt open for the next visit.
    safeSet(api, "cmi.core.exit", session.state.furthest === lesson.steps - 1 ? "" : "suspend");
    try {
      api.LMSCommit("");
      api.LMSFinish("");
    } catch {
      /* the LMS is gone: nothing more to tell it */
    }
  };
  // Once per page: a SCORM runtime cannot be initialised again after LMSFinish.
  win.addEventListener("pagehide", finish);
  if (stored) resume(stored);
  else report(session, lesson);
  return {
    step(index) {
      if (finished) return;
      session.state = { ...session.state, step: index, furthest: Math.max(session.state.furthest, index) };
      report(session, lesson);
    },
    answer(step, correct) {
      if (finished || String(step) in session.state.first) return;
      session.state = { ...session.state, first: { ...session.state.first, [String(step)]: correct } };
      report(session, lesson);
    },
  };
}

function safeGet(api: Scorm12Api, element: string): string {
  try {
    const v = api.LMSGetValue(element);
    return typeof v === "string" ? v : "";
  } catch {
    return "";
  }
}

function safeSet(api: Scorm12Api, element: string, value: string): void {
  try {
    api.LMSSetValue(element, value);
  } catch {
    /* a runtime that refuses a value: the lesson goes on */
  }
}

/** Where the learner is, the score so far, completion, and the suspend data; then a commit. */
function report(s: { api: Scorm12Api; state: LessonSuspend }, lesson: ScormLesson): void {
  const { api, state } = s;
  safeSet(api, "cmi.core.lesson_location", String(state.step + 1));
  safeSet(api, "cmi.suspend_data", writeSuspend(state));
  safeSet(api, "cmi.core.score.min", "0");
  safeSet(api, "cmi.core.score.max", "100");
  safeSet(api, "cmi.core.score.raw", String(scoreOf(state.first, lesson.scoredSteps)));
  safeSet(api, "cmi.core.lesson_status", state.furthest === lesson.steps - 1 ? "completed" : "incomplete");
  try {
    api.LMSCommit("");
  } catch {
    /* the next report commits again */
  }
}
