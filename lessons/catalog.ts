/**
 * Every lesson, validated when the site builds (a broken file stops the build with the file and
 * the field named). Add a lesson: write lessons/<slug>.json and list it here.
 */
import activeMode from "./active-mode.json";
import passiveMode from "./passive-mode.json";
import { parseLesson, type Lesson } from "./schema";

const FILES: ReadonlyArray<readonly [string, unknown]> = [
  ["lessons/active-mode.json", activeMode],
  ["lessons/passive-mode.json", passiveMode],
];

export const LESSONS: readonly Lesson[] = FILES.map(([file, json]) => parseLesson(file, json)).sort((a, b) => a.order - b.order);

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((l) => l.slug === slug);
}
