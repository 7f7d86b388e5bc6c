/**
 * The shape of a recorded real run, checked when the site builds and when the tests run (never
 * in the browser: this module imports zod). A broken fixture stops the build naming the file and
 * the field, as a broken lesson does.
 */
import { z } from "zod";
import { formatPath, parseScenario } from "../sim/scenario/validate";
import type { Scenario } from "../sim/scenario/schema";
import type { RealRun } from "./real-run";

const logLineSchema = z.strictObject({
  kind: z.enum(["sent", "received", "note", "data"]),
  text: z.string().max(2000),
});

const transferSchema = z.strictObject({
  command: z.string().min(1).max(256),
  result: z.enum(["ok", "failed"]),
  lastReply: z.number().int().min(100).max(599).nullable(),
  dataEndpoint: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/, { error: "expected ip:port such as 10.99.2.20:30026" })
    .nullable(),
  durationMs: z.number().min(0),
  log: z.array(logLineSchema).max(2000),
});

const realRunSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "expected a lower-case name such as passive-mode" }),
  title: z.string().min(1).max(200),
  recorded: z.strictObject({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date such as 2026-11-23" }),
    server: z.string().min(1).max(80),
    client: z.string().min(1).max(80),
    kernel: z.string().min(1).max(80),
    curlMode: z.string().min(1).max(80),
  }),
  // Checked below with parseScenario, whose messages name the scenario's own fields.
  scenario: z.unknown(),
  transfers: z.array(transferSchema).min(1).max(32),
}) satisfies z.ZodType<RealRun>;

export class RealRunError extends Error {
  constructor(file: string, issues: readonly string[]) {
    super(`real run ${file} is invalid:\n${issues.map((i) => `  ${i}`).join("\n")}`);
    this.name = "RealRunError";
  }
}

/** The fixture, checked, with its scenario normalized (every default filled in). */
export function parseRealRun(file: string, input: unknown): { run: RealRun; scenario: Scenario } {
  const r = realRunSchema.safeParse(input);
  if (!r.success) throw new RealRunError(file, r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  const s = parseScenario(r.data.scenario);
  if (!s.ok) throw new RealRunError(file, s.errors.map((e) => `scenario.${e}`));
  const expected = file.replace(/^.*\//, "").replace(/\.json$/, "");
  if (r.data.name !== expected) throw new RealRunError(file, [`name: expected "${expected}", the file's name`]);
  return { run: r.data, scenario: s.scenario };
}
