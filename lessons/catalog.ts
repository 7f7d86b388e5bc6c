/**
 * Every lesson: each lessons/*.json file (but the generated lesson.schema.json), read and
 * validated when the site builds — a broken file stops the build with the file and the field
 * named. Server side only (it reads the folder): pages pass lessons to the views as props.
 * Add a lesson: write lessons/<slug>.json; nothing to register.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
  return lesson;
}

function loadAll(): Lesson[] {
  const lessons = LESSON_FILES.map((file) => loadLesson(file, readFileSync(join(process.cwd(), file), "utf8")));
  const byOrder = new Map<number, string>();
  for (const l of lessons) {
    const twin = byOrder.get(l.order);
    if (twin) throw new LessonError(`lessons/${l.slug}.json`, [`order: ${l.order} is also the order of ${twin}`]);
    byOrder.set(l.order, l.slug);
  }
  for (const l of lessons) {
    for (const [i, slug] of l.next.entries()) {
      if (!lessons.some((o) => o.slug === slug)) throw new LessonError(`lessons/${l.slug}.json`, [`next[${i}]: no lesson "${slug}"`]);
    }
  }
  return lessons.sort((a, b) => a.order - b.order);
}

export const LESSONS: readonly Lesson[] = loadAll();

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((l) => l.slug === slug);
}
