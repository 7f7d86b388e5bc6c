/**
 * The JSON Schema lesson files point at ("$schema": "./lesson.schema.json"), generated from the
 * zod schema so the two cannot drift (a test compares it with the committed file). Editors then
 * complete and check lesson files; what JSON Schema cannot say (a prediction's answer must be
 * one of its choices, a step's scenario must exist) the build checks with the zod schema.
 */
import { z } from "zod";
import { lessonSchema } from "./schema";

export const LESSON_SCHEMA_FILE = "lessons/lesson.schema.json";

export function lessonJsonSchemaText(): string {
  const schema = z.toJSONSchema(lessonSchema, { io: "input", unrepresentable: "any" });
  const full = {
    ...schema,
    $id: "https://ftp-modes-lab.invalid/lesson.schema.json",
    title: "FTP Modes Lab lesson",
    description: "A lesson: a scenario (or several by name), steps that point at moments of its trace, at least one prediction and one try-it step, a summary.",
  };
  return `${JSON.stringify(full, null, 2)}\n`;
}
