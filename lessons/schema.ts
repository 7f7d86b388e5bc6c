/**
 * What a lesson file holds, checked when the site builds: a broken lesson fails the build with
 * the file and the field named. Lessons point at moments of their trace, never at event indices.
 * Authors get completion from lessons/lesson.schema.json (generated from this file: npm run schema).
 *
 * A lesson runs one scenario (`scenario`) or several by name (`scenarios`, each step naming the
 * one it shows). A step may state what the simulator must have done by then (`expect`, checked by
 * the tests), ask the learner to predict (`predict`: the answer is read from the trace and must
 * match the one the author states), unlock one or two knobs (`tryIt`), or open the transcript
 * panel on the session as the client program logs it (`transcript`).
 */
import { z } from "zod";
import { scenarioSchema } from "../sim/scenario/schema";
import { momentSchema } from "../sim/trace/moment-schema";
import { HOST_IDS } from "../sim/net/hosts";
import { formatPath } from "../sim/scenario/validate";
import { FACT_KINDS, TOGGLE_NAMES, type ToggleName } from "./lesson-model";
import { MAIN } from "./lesson-scenarios";

/** Drawings a step can show beside the lab. */
const FIGURES = ["sftp-one-connection", "server-to-server"] as const;

/** The transcript panel's tabs a step can open: the lab's transcript, or the session as the client program logs it. */
const TRANSCRIPT_TABS = ["transcript", "program"] as const;
/** The boxes "What each box knows" can open on: a host, or the NAT router in front of it. */
export const BOXES = ["client", "client-nat", "server-nat", "server", "relay", "server-b"] as const;
export type TranscriptTab = (typeof TRANSCRIPT_TABS)[number];

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, { error: "expected a short lower-case name such as blocked" });
const answerValue = z.union([z.string().min(1).max(40), z.number().int(), z.null()]);

/** Which fact of a transfer a prediction or an expectation is about (see lesson-model.ts). */
const factSchema = z.strictObject({
  fact: z.enum(FACT_KINDS, { error: `expected one of ${FACT_KINDS.join(", ")}` }),
  /** 0-based position in the scenario's commands; default 0. */
  transfer: z.number().int().min(0).max(19).default(0),
});

const expectSchema = z
  .strictObject({
    transfer: z.number().int().min(0).max(19).default(0),
    result: z.enum(["ok", "failed"]).optional(),
    reply: z.number().int().min(100).max(599).nullable().optional(),
    lastReply: z.number().int().min(100).max(599).nullable().optional(),
    modeReply: z.number().int().min(100).max(599).nullable().optional(),
    initiator: z.enum(HOST_IDS).nullable().optional(),
    serverPort: z.string().min(1).max(20).nullable().optional(),
    droppedBy: z.string().min(1).max(20).nullable().optional(),
  })
  .refine((e) => Object.keys(e).some((k) => k !== "transfer"), { error: "expected at least one of result, reply, lastReply, modeReply, initiator, serverPort, droppedBy" });

const predictSchema = z
  .strictObject({
    question: z.string().min(1).max(200),
    about: factSchema,
    choices: z
      .array(z.strictObject({ label: z.string().min(1).max(80), value: answerValue }))
      .min(2)
      .max(5),
    /** The value the author expects; the tests check the simulator agrees. */
    answer: answerValue,
    /** Told after the learner answers, right or wrong. */
    why: z.string().min(1).max(600),
  })
  .refine((p) => p.choices.some((c) => c.value === p.answer), { error: "answer must be the value of one of the choices" })
  .refine((p) => new Set(p.choices.map((c) => JSON.stringify(c.value))).size === p.choices.length, { error: "choices must have distinct values" });

/** The knobs a try-it step unlocks, by scenario path: the registry's choices (sim/scenario/knobs.ts). */
const tryItSchema = z.strictObject({
  toggles: z
    .array(z.enum(TOGGLE_NAMES as [ToggleName, ...ToggleName[]], { error: `expected a knob: ${TOGGLE_NAMES.join(", ")}` }))
    .min(1)
    .max(2),
  lookFor: z.string().min(1).max(400),
});

const knobName = z.enum(TOGGLE_NAMES as [ToggleName, ...ToggleName[]], { error: `expected a knob: ${TOGGLE_NAMES.join(", ")}` });

/** A "make it work" step (challenge.ts): a broken setup, the knobs the learner may touch, the goal the simulator checks. */
const challengeSchema = z.strictObject({
  task: z.string().min(1).max(300),
  toggles: z.array(knobName).min(1).max(3),
  goal: z.strictObject({
    expect: z.array(expectSchema).min(1).max(4),
    forbid: z
      .array(
        z.strictObject({
          knob: knobName,
          values: z.array(z.union([z.string().max(60), z.number(), z.boolean(), z.null()])).min(1).max(5),
          why: z.string().min(1).max(200),
        }),
      )
      .max(3)
      .optional(),
  }),
  solved: z.string().min(1).max(400),
});

const lessonStepSchema = z.strictObject({
  at: momentSchema,
  title: z.string().min(1).max(80),
  /** Narration; {placeholders} are filled with the numbers of this trace (see facts.ts). */
  text: z.string().min(1).max(800),
  /** The scenario this step shows, by name (lessons with `scenarios`); default: the previous step's. */
  scenario: name.optional(),
  expect: expectSchema.optional(),
  predict: predictSchema.optional(),
  tryIt: tryItSchema.optional(),
  /**
   * The console handed to the learner (components/console): a `task` in words, and the lines
   * already typed for them (`start`, e.g. the login), run in the step's setup with the console as
   * the client; each line the learner sends is simulated in the browser and plays on the lab.
   */
  console: z
    .strictObject({
      task: z.string().min(1).max(300),
      start: z.array(z.string().min(1).max(256).regex(/^[\x20-\x7e]+$/, { error: "expected printable ASCII" })).max(8).optional(),
    })
    .optional(),
  challenge: challengeSchema.optional(),
  /** A drawing shown with the step, for what the simulator does not run (see components/lessons/figures). */
  figure: z.enum(FIGURES, { error: `expected one of ${FIGURES.join(", ")}` }).optional(),
  /**
   * The transcript panel's tab the step opens ("program": the log as the client program prints
   * it, for a step that quotes it); unset, the panel stays on the tab the learner left it on.
   */
  transcript: z.enum(TRANSCRIPT_TABS, { error: `expected one of ${TRANSCRIPT_TABS.join(", ")}` }).optional(),
  /** The box "What each box knows" shows at this step (its sockets, conntrack table, mappings), scrolled into view. */
  boxes: z.enum(BOXES, { error: `expected one of ${BOXES.join(", ")}` }).optional(),
  /**
   * Another of the lesson's setups (`scenarios`), shown beside this step's, the two stepping
   * together by moment from this step's moment, the first difference marked (components/compare).
   */
  compare: name.optional(),
});

export const lessonSchema = z
  .strictObject({
    $schema: z.string().optional(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: "expected a lower-case slug such as active-mode" }),
    order: z.number().int().min(1).max(99),
    title: z.string().min(1).max(80),
    goal: z.string().min(1).max(200),
    level: z.enum(["beginner", "intermediate", "advanced"]),
    minutes: z.number().int().min(1).max(60),
    concepts: z.array(z.string().min(1).max(40)).min(1).max(10),
    scenario: scenarioSchema.optional(),
    scenarios: z.record(name, scenarioSchema).optional(),
    steps: z.array(lessonStepSchema).min(2).max(30),
    summary: z.string().min(1).max(800),
    next: z.array(z.string()).max(5).default([]),
  })
  .superRefine((l, ctx) => {
    if ((l.scenario === undefined) === (l.scenarios === undefined)) {
      ctx.addIssue({ code: "custom", path: ["scenario"], message: "expected exactly one of scenario or scenarios" });
      return;
    }
    const names = l.scenarios ? Object.keys(l.scenarios) : [];
    if (l.scenarios && names.length === 0) ctx.addIssue({ code: "custom", path: ["scenarios"], message: "expected at least one scenario" });
    l.steps.forEach((s, i) => {
      if (s.scenario !== undefined && !l.scenarios) ctx.addIssue({ code: "custom", path: ["steps", i, "scenario"], message: "only a lesson with scenarios can name one" });
      if (s.scenario !== undefined && l.scenarios && !Object.hasOwn(l.scenarios, s.scenario)) {
        ctx.addIssue({ code: "custom", path: ["steps", i, "scenario"], message: `no scenario named "${s.scenario}" (have: ${names.join(", ")})` });
      }
    });
    if (!l.steps.some((s) => s.predict)) ctx.addIssue({ code: "custom", path: ["steps"], message: "expected at least one predict step" });
    if (!l.steps.some((s) => s.tryIt)) ctx.addIssue({ code: "custom", path: ["steps"], message: "expected a tryIt step" });
  })
  // Parsed, every lesson has its scenarios by name ("main" for a single one) and `scenario`, the first.
  .transform((l) => {
    const scenarios = l.scenarios ?? { [MAIN]: l.scenario! };
    return { ...l, scenarios, scenario: Object.values(scenarios)[0]! };
  });

export type Lesson = z.output<typeof lessonSchema>;
export type LessonStep = Lesson["steps"][number];
export type Prediction = NonNullable<LessonStep["predict"]>;

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
