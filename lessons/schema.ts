/**
 * What a lesson file holds, checked when the site builds: a broken lesson fails the build with
 * the file and the field named. Lessons point at moments of their trace, never at event indices.
 */
import { z } from "zod";
import { scenarioSchema } from "../sim/scenario/schema";
import { momentSchema } from "../sim/trace/moment-schema";
import { formatPath } from "../sim/scenario/validate";

export const lessonStepSchema = z.strictObject({
  at: momentSchema,
  title: z.string().min(1).max(80),
  /** Narration; {placeholders} are filled with the numbers of this trace (see facts.ts). */
  text: z.string().min(1).max(800),
});

export const lessonSchema = z.strictObject({
  $schema: z.string().optional(),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: "expected a lower-case slug such as active-mode" }),
  order: z.number().int().min(1).max(99),
  title: z.string().min(1).max(80),
  goal: z.string().min(1).max(200),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  minutes: z.number().int().min(1).max(60),
  concepts: z.array(z.string().min(1).max(40)).min(1).max(10),
  scenario: scenarioSchema,
  steps: z.array(lessonStepSchema).min(2).max(30),
  summary: z.string().min(1).max(800),
  next: z.array(z.string()).max(5).default([]),
});

export type Lesson = z.output<typeof lessonSchema>;

export class LessonError extends Error {
  constructor(file: string, issues: string[]) {
    super(`lesson ${file} is invalid:\n${issues.map((i) => `  ${i}`).join("\n")}`);
    this.name = "LessonError";
  }
}

export function parseLesson(file: string, input: unknown): Lesson {
  const r = lessonSchema.safeParse(input);
  if (!r.success) throw new LessonError(file, r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  return r.data;
}
