/**
 * Every lesson against the simulator: it validates, each step's moment happens (in order, per
 * scenario), its narration's {placeholders} fill from its own trace, each step's stated
 * expectation is what the simulator does, and each prediction's stated answer is the simulator's.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LESSONS, LESSON_FILES, loadLesson } from "../../lessons/catalog";
import { factsOf, fill } from "../../lessons/facts";
import { lessonScenarios, scenarioNameOfStep } from "../../lessons/lesson-scenarios";
import { factValue, unmetExpectations, applyToggle, toggleValue, TOGGLES, TOGGLE_NAMES } from "../../lessons/lesson-model";
import { KNOBS, knobApplies } from "../../sim/scenario/knobs";
import { parseScenario } from "../../sim/scenario/validate";
import { parseLesson, LessonError } from "../../lessons/schema";
import { LESSON_SCHEMA_FILE, lessonJsonSchemaText } from "../../lessons/json-schema";
import { run } from "../../sim/simulate";
import type { Trace } from "../../sim/trace/trace";
import { timelineOf } from "../../sim/trace/steps";
import { findMoment } from "../../sim/trace/moments";

describe("the catalog", () => {
  it("lists every lesson file in lessons/, and only those", () => {
    const onDisk = readdirSync("lessons").filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")).map((f) => `lessons/${f}`).sort();
    expect([...LESSON_FILES].sort()).toEqual(onDisk);
  });

  it("has at least the fourteen lessons of the curriculum, in a unique order", () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(LESSONS.map((l) => l.order)).size).toBe(LESSONS.length);
    expect(new Set(LESSONS.map((l) => l.slug)).size).toBe(LESSONS.length);
  });
});

describe("every lesson", () => {
  for (const lesson of LESSONS) {
    describe(lesson.slug, () => {
      const scenarios = lessonScenarios(lesson);
      const traces = new Map<string, Trace>(Object.entries(scenarios).map(([name, s]) => [name, run(s)]));
      const traceOfStep = (i: number) => traces.get(scenarioNameOfStep(lesson, i))!;

      it("points every step at a moment that happens, in order within each scenario", () => {
        const last = new Map<string, number>();
        lesson.steps.forEach((s, i) => {
          const name = scenarioNameOfStep(lesson, i);
          const trace = traces.get(name)!;
          const at = findMoment(trace, timelineOf(trace.events), s.at);
          expect(at, `step ${i + 1} "${s.title}" (${JSON.stringify(s.at)}) in scenario ${name}`).not.toBeNull();
          expect(at!, `step ${i + 1} "${s.title}" comes before the previous step of ${name}`).toBeGreaterThanOrEqual(last.get(name) ?? 0);
          last.set(name, at!);
        });
      });

      it("fills every {placeholder} of its narration from its own trace", () => {
        lesson.steps.forEach((s, i) => {
          const facts = factsOf(traceOfStep(i));
          for (const text of [s.text, s.predict?.question ?? "", s.predict?.why ?? "", s.tryIt?.lookFor ?? ""]) {
            expect(fill(text, facts), `step ${i + 1}`).not.toMatch(/\{[a-zA-Z0-9]+\}/);
          }
        });
      });

      it("states outcomes the simulator agrees with", () => {
        lesson.steps.forEach((s, i) => {
          if (s.expect) expect(unmetExpectations(traceOfStep(i), s.expect), `step ${i + 1} "${s.title}"`).toEqual([]);
        });
      });

      it("asks predictions whose stated answer is what the simulator does", () => {
        const predictions = lesson.steps.flatMap((s, i) => (s.predict ? [[s.predict, i] as const] : []));
        expect(predictions.length).toBeGreaterThan(0);
        for (const [p, i] of predictions) {
          expect(factValue(traceOfStep(i), p.about.fact, p.about.transfer), `step ${i + 1}: ${p.question}`).toEqual(p.answer);
        }
      });

      it("unlocks knobs that apply to its scenario and change something", () => {
        lesson.steps.forEach((s, i) => {
          if (!s.tryIt) return;
          const scenario = scenarios[scenarioNameOfStep(lesson, i)]!;
          for (const name of s.tryIt.toggles) {
            const toggle = TOGGLES[name] as { applies?: (x: typeof scenario) => boolean; options: readonly { value: unknown }[] };
            expect(toggle.applies?.(scenario) ?? true, `step ${i + 1}: ${name} does not apply`).toBe(true);
            const other = toggle.options.find((o) => o.value !== toggleValue(scenario, name));
            expect(other, `step ${i + 1}: ${name} has another value`).toBeDefined();
            expect(applyToggle(scenario, name, other!.value as never), `step ${i + 1}: ${name}`).not.toEqual(scenario);
          }
        });
      });

      it("links only to lessons that exist", () => {
        for (const slug of lesson.next) expect(LESSONS.map((l) => l.slug)).toContain(slug);
      });
    });
  }
});

describe("a broken lesson file", () => {
  const good = () => JSON.parse(readFileSync("lessons/active-mode.json", "utf8"));

  it("stops the build naming the file when it is not JSON", () => {
    expect(() => loadLesson("lessons/oops.json", '{ "slug": "oops", ')).toThrow(/lessons\/oops\.json[\s\S]*not valid JSON/);
  });

  it("stops the build when the slug and the file name differ", () => {
    expect(() => loadLesson("lessons/other-name.json", JSON.stringify(good()))).toThrow(/lessons\/other-name\.json[\s\S]*slug: "active-mode" must match the file name \("other-name"\)/);
  });

  it("names the file and every bad field", () => {
    const json = good();
    json.steps[1].at = { reply: "two hundred" };
    json.level = "expert";
    let error: unknown;
    try {
      parseLesson("lessons/broken.json", json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LessonError);
    expect(String(error)).toContain("lessons/broken.json");
    expect(String(error)).toContain("level:");
    expect(String(error)).toContain("steps[1].at");
  });

  interface StepJson {
    scenario?: string;
    predict?: { answer: unknown };
    tryIt?: { toggles: string[] };
  }
  interface LessonJson {
    scenario?: unknown;
    scenarios?: unknown;
    steps: StepJson[];
  }
  const breakers: Array<[string, (j: LessonJson) => void, string]> = [
    ["no predict step", (j) => j.steps.forEach((s) => delete s.predict), "at least one predict step"],
    ["no try-it step", (j) => j.steps.forEach((s) => delete s.tryIt), "tryIt step"],
    ["an answer that is not a choice", (j) => (j.steps.find((s) => s.predict)!.predict!.answer = "maybe"), "answer must be the value of one of the choices"],
    ["an unknown knob", (j) => (j.steps.find((s) => s.tryIt)!.tryIt!.toggles = ["client.colour"]), "expected a knob"],
    ["a step naming a scenario the lesson lacks", (j) => (j.steps[0]!.scenario = "nowhere"), "only a lesson with scenarios can name one"],
    ["both scenario and scenarios", (j) => (j.scenarios = { a: j.scenario }), "exactly one of scenario or scenarios"],
  ];
  it.each(breakers)("refuses %s", (_what, breakIt, message) => {
    const json = good();
    breakIt(json);
    expect(() => parseLesson("lessons/broken.json", json)).toThrow(message);
  });
});

describe("the lesson JSON Schema for authors' editors", () => {
  it("is the one generated from the zod schema (npm run schema rewrites it)", () => {
    expect(readFileSync(LESSON_SCHEMA_FILE, "utf8")).toBe(lessonJsonSchemaText());
  });

  it("describes a lesson's fields, the knobs and the facts, and every lesson file points at it", () => {
    const schema = JSON.parse(lessonJsonSchemaText());
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["slug", "title", "goal", "level", "minutes", "concepts", "scenario", "scenarios", "steps", "summary", "next"]));
    const text = JSON.stringify(schema);
    for (const knob of ["client.mode", "server.firewall", "server.nat.ftpHelper"]) expect(text).toContain(knob);
    for (const fact of ["initiator", "serverPort", "droppedBy"]) expect(text).toContain(fact);
    for (const file of LESSON_FILES) expect(JSON.parse(readFileSync(file, "utf8")).$schema, file).toBe("./lesson.schema.json");
  });
});

describe("the try-it knobs are the registry's", () => {
  const registryChoices = KNOBS.filter((k) => k.kind === "choice").map((k) => k.path);

  it("names every choice of sim/scenario/knobs.ts, and only those, in the zod schema and the JSON Schema", () => {
    expect(TOGGLE_NAMES).toEqual(registryChoices);
    const schema = JSON.parse(lessonJsonSchemaText());
    const enums: string[][] = [];
    JSON.stringify(schema, (key, value) => {
      if (key === "toggles") enums.push(value.items.enum);
      return value;
    });
    expect(enums).toEqual([registryChoices]);
    const json = good();
    json.steps.find((s: { tryIt?: unknown }) => s.tryIt).tryIt.toggles = [registryChoices.at(-1)];
    expect(() => parseLesson("lessons/active-mode.json", json)).not.toThrow();
  });

  it("unlocks only registry knobs in every lesson", () => {
    for (const lesson of LESSONS) for (const s of lesson.steps) for (const name of s.tryIt?.toggles ?? []) expect(registryChoices, `${lesson.slug}: ${name}`).toContain(name);
  });

  it("gives a valid scenario for every option of every knob, on every lesson scenario where it applies", () => {
    for (const lesson of LESSONS) {
      for (const [name, scenario] of Object.entries(lessonScenarios(lesson))) {
        for (const knob of TOGGLE_NAMES.map((n) => TOGGLES[n])) {
          if (!knobApplies(knob, scenario)) continue;
          for (const o of knob.options) {
            const r = parseScenario(applyToggle(scenario, knob.path, o.value));
            expect(r.ok ? [] : r.errors, `${lesson.slug}/${name}: ${knob.path} = ${String(o.value)}`).toEqual([]);
          }
        }
      }
    }
  });
});

function good() {
  return JSON.parse(readFileSync("lessons/active-mode.json", "utf8"));
}
