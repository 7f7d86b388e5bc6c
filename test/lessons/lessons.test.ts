/**
 * Every lesson against the simulator: it validates, each step's moment happens (in order, per
 * scenario), its narration's {placeholders} fill from its own trace, each step's stated
 * expectation is what the simulator does, and each prediction's stated answer is the simulator's
 * (lessons/lesson-check.ts, the check the catalog runs when the site builds). A lesson that
 * contradicts the simulator, or two lessons at one order, stop loading with the files named.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LESSONS, LESSON_FILES, catalogOf, loadLesson } from "../../lessons/catalog";
import { lessonProblems } from "../../lessons/lesson-check";
import { lessonScenarios } from "../../lessons/lesson-scenarios";
import { lessonTraces } from "../../lessons/lesson-traces";
import { applyToggle, TOGGLES, TOGGLE_NAMES } from "../../lessons/lesson-model";
import { KNOBS, knobApplies } from "../../sim/scenario/knobs";
import { parseScenario } from "../../sim/scenario/validate";
import { parseLesson, LessonError } from "../../lessons/schema";
import { LESSON_SCHEMA_FILE, lessonJsonSchemaText } from "../../lessons/json-schema";

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
  // The one definition of what a lesson must agree with (lessons/lesson-check.ts): the catalog
  // runs it when the site builds, so a lesson failing here has already stopped the import above;
  // this names each lesson in the report.
  for (const lesson of LESSONS) {
    it(`${lesson.slug} means what it says: its moments happen in order, its placeholders fill, its expectations, answers and knobs hold`, () => {
      expect(lessonProblems(lesson, lessonTraces(lesson))).toEqual([]);
    });
  }
});

describe("a lesson the simulator contradicts stops the build", () => {
  // active-mode: one scenario ("main"), PORT then LIST; step 3 predicts serverPort "20", step 8
  // expects transfer 0 ok with 226 and unlocks client.firewall.
  const load = (breakIt: (j: ReturnType<typeof good>) => void) => {
    const json = good();
    breakIt(json);
    return () => loadLesson("lessons/active-mode.json", JSON.stringify(json));
  };
  const problemsOf = (breakIt: (j: ReturnType<typeof good>) => void) => {
    const json = good();
    breakIt(json);
    const lesson = parseLesson("lessons/active-mode.json", json);
    return lessonProblems(lesson, lessonTraces(lesson));
  };

  it("loads the lesson untouched", () => {
    expect(load(() => {})).not.toThrow();
  });

  it("refuses a prediction asked once the screen already shows its answer", () => {
    // Step 3 asks which port the server's data connection comes from: at the server's SYN, the picture says 20.
    const late = problemsOf((j) => {
      j.steps[2].at = { syn: "data", by: "server" };
      j.steps[3].at = { syn: "data", by: "server" };
    });
    expect(late).toContainEqual(expect.stringMatching(/^step 3 \(".*"\)\.predict: at \{ syn: "data", by: "server" \} \(lab step \d+\) the screen already answers serverPort of transfer 0 \(from lab step \d+\): move the step's moment earlier$/));
    expect(problemsOf(() => {})).toEqual([]);
  });

  it("refuses a step at a moment that never happens, naming the file, the step as the player counts it, its title and the scenario", () => {
    const loading = load((j) => (j.steps[3].at = { command: "EPRT" }));
    expect(loading).toThrow('lesson lessons/active-mode.json is invalid:\n  step 4 ("PORT: where to connect"): at { command: "EPRT" } never happens in scenario "main" (its commands: USER, PASS, ');
    expect(loading).toThrow(/\(its commands: [A-Z, ]*\bPORT, [A-Z, ]*\bLIST\b[A-Z, ]*\)$/);
  });

  it("refuses a prediction whose answer is not what the simulator does", () => {
    expect(load((j) => (j.steps[2].predict.answer = "ephemeral"))).toThrow(
      /lessons\/active-mode\.json[\s\S]*step 3 \("The client listens"\)\.predict: the answer is "ephemeral" but the simulator says "20" \(serverPort of transfer 0\)/,
    );
  });

  it("refuses an expect the simulator does not do", () => {
    expect(load((j) => (j.steps[7].expect.result = "failed"))).toThrow('step 8 ("226: done").expect: transfer 0 result: the lesson says "failed", the simulator did "ok"');
  });

  it("refuses a placeholder that never fills", () => {
    expect(load((j) => (j.steps[0].text += " Then {pasvPort}."))).toThrow(/step 1 \("The control connection"\)\.text: \{pasvPort\} never fills in scenario "main" \(it has: [^)]*activePort/);
  });

  it("refuses a placeholder named like a property of every object ({constructor} is no fact)", () => {
    expect(load((j) => (j.steps[0].text += " {constructor} {toString}"))).toThrow(/step 1 \("The control connection"\)\.text: \{constructor\}, \{toString\} never fills/);
  });

  it("refuses steps whose moments go backwards", () => {
    expect(problemsOf((j) => (j.steps[4].at = { command: "USER" }))).toEqual(['step 5 ("The command goes on the control connection"): at { command: "USER" } happens before the moment of step 4 in scenario "main"']);
  });

  it("refuses a try-it knob that does not apply to the scenario", () => {
    // The client's NAT helper is a knob of a client behind a NAT; active-mode's client has none.
    expect(problemsOf((j) => (j.steps[7].tryIt.toggles = ["client.nat.ftpHelper"]))).toEqual(['step 8 ("226: done").tryIt: client.nat.ftpHelper does not apply to scenario "main"']);
  });

  it("names every problem of the lesson, not just the first", () => {
    const problems = problemsOf((j) => {
      j.steps[3].at = { command: "EPRT" };
      j.steps[2].predict.answer = "ephemeral";
    });
    expect(problems.map((p) => p.slice(0, 7))).toEqual(["step 3 ", "step 4 "]);
  });
});

describe("two lessons at one order", () => {
  const lesson = (slug: string, order: number) => ({ ...parseLesson(`lessons/${slug}.json`, { ...good(), slug, next: [] }), order });

  it("names both files (which one changed can't be known)", () => {
    expect(() => catalogOf([lesson("b-lesson", 3), lesson("a-lesson", 3), lesson("active-mode", 4)])).toThrow("lessons/a-lesson.json and lessons/b-lesson.json both have order 3");
  });

  it("names every file of every clash", () => {
    expect(() => catalogOf([lesson("c-lesson", 5), lesson("a-lesson", 3), lesson("b-lesson", 5), lesson("active-mode", 3), lesson("d-lesson", 5)])).toThrow(
      "lessons/a-lesson.json and lessons/active-mode.json both have order 3: give each lesson its own\nlessons/b-lesson.json, lessons/c-lesson.json and lessons/d-lesson.json all have order 5: give each lesson its own",
    );
  });

  it("sorts a catalog without clashes by order", () => {
    expect(catalogOf([lesson("b-lesson", 4), lesson("active-mode", 2)]).map((l) => l.slug)).toEqual(["active-mode", "b-lesson"]);
  });
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
    // Issue 16: a name Object.prototype has is no scenario of the lesson.
    [
      "a step naming a scenario called constructor",
      (j) => {
        j.scenarios = { a: j.scenario };
        delete j.scenario;
        j.steps[0]!.scenario = "constructor";
      },
      'no scenario named "constructor" (have: a)',
    ],
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
    // A try-it's knobs and a challenge's.
    expect(enums).toEqual([registryChoices, registryChoices]);
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
