/**
 * Every lesson: each lessons/*.json file (but the generated lesson.schema.json), read and
 * validated when the site builds — a broken file stops the build with the file and the field
 * named — and checked against its own simulated traces (lesson-check.ts): a step whose moment
 * never happens, a placeholder that never fills, an `expect` or a prediction's `answer` the
 * simulator contradicts stop the build too. The traces are simulated once (lesson-traces.ts
 * keeps them) and are the ones the pages show. Server side only (it reads the folder): pages
 * pass lessons to the views as props. Add a lesson: write lessons/<slug>.json; nothing to register.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lessonProblems } from "./lesson-check";
import { lessonTraces } from "./lesson-traces";
import { challengeProblems } from "./challenge";
import { lessonStepIn } from "./lesson-scenarios";
import { run } from "../sim/simulate";
import { LessonError, parseLesson, type Lesson } from "./schema";

const DIR = join(process.cwd(), "lessons");

export const LESSON_FILES: readonly string[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
  .sort()
  .map((f) => `lessons/${f}`);

export function loadLesson(file: string, text: string): Lesson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LessonError(file, [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const lesson = parseLesson(file, json);
  const expected = file.replace(/^.*\//, "").replace(/\.json$/, "");
  if (lesson.slug !== expected) throw new LessonError(file, [`slug: "${lesson.slug}" must match the file name ("${expected}")`]);
  const traces = lessonTraces(lesson);
  const problems = [
    ...lessonProblems(lesson, traces),
    ...challengeProblems(
      lesson.steps,
      (i) => {
        const { trace } = lessonStepIn(lesson, traces, i);
        return { scenario: trace.scenario, trace };
      },
      run,
    ),
  ];
  if (problems.length > 0) throw new LessonError(file, problems);
  return lesson;
}

/** Two lessons or more at one `order`: which of them changed can't be known, so it names them all. */
export class LessonOrderError extends Error {
  constructor(clashes: string[]) {
    super(clashes.join("\n"));
    this.name = "LessonOrderError";
  }
}

/** The loaded lessons as one catalog, in order: each has its own `order` and links only to lessons that exist. */
export function catalogOf(lessons: readonly Lesson[]): Lesson[] {
  const fileOf = (l: Lesson) => `lessons/${l.slug}.json`;
  const byOrder = new Map<number, Lesson[]>();
  for (const l of lessons) byOrder.set(l.order, [...(byOrder.get(l.order) ?? []), l]);
  const clashes = [...byOrder]
    .filter(([, ls]) => ls.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([order, ls]) => {
      const files = ls.map(fileOf).sort();
      return `${files.slice(0, -1).join(", ")} and ${files.at(-1)} ${files.length === 2 ? "both" : "all"} have order ${order}: give each lesson its own`;
    });
  if (clashes.length > 0) throw new LessonOrderError(clashes);
  for (const l of lessons) {
    for (const [i, slug] of l.next.entries()) {
      if (!lessons.some((o) => o.slug === slug)) throw new LessonError(fileOf(l), [`next[${i}]: no lesson "${slug}"`]);
    }
  }
  return [...lessons].sort((a, b) => a.order - b.order);
}

export const LESSONS: readonly Lesson[] = catalogOf(LESSON_FILES.map((file) => loadLesson(file, readFileSync(join(process.cwd(), file), "utf8"))));

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((l) => l.slug === slug);
}
