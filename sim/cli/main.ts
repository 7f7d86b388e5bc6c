/**
 * The `sim` command (spec/scenario.md): `npm run --silent sim -- [--json] [--trace] FILE|SLUG...`,
 * and `sim diagnose` (diagnose-command.ts).
 * Every input is read and validated before anything runs: one invalid scenario means exit 2,
 * its errors on stderr, nothing on stdout. A valid one exits 0 whatever its transfers did.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseJsonText } from "../scenario/json-text";
import { parseScenario } from "../scenario/validate";
import { run } from "../simulate";
import { diagnoseCommand } from "./diagnose-command";
import { formatText } from "./format";
import { readScenarioFile } from "./scenario-file";
import type { Scenario } from "../scenario/schema";

const USAGE = "usage: npm run --silent sim -- [--json] [--trace] FILE.json|LESSON-SLUG ...\n       npm run --silent sim -- diagnose [--json] LOG-FILE ...";

interface Loaded {
  name: string;
  scenario: Scenario;
}

/** A lesson slug resolves to lessons/<slug>.json: the lesson's scenario, or the file itself. */
function locate(arg: string): string | null {
  if (existsSync(arg)) return arg;
  if (/^[a-z0-9][a-z0-9-]*$/.test(arg)) {
    const lesson = resolve(process.cwd(), "lessons", `${arg}.json`);
    if (existsSync(lesson)) return lesson;
  }
  return null;
}

/** The scenarios a lesson file holds: its "scenario", or each of its named "scenarios" (as slug#name). */
function lessonScenarios(arg: string, json: object): Array<[string, unknown]> | null {
  if ("scenarios" in json && json.scenarios && typeof json.scenarios === "object" && !Array.isArray(json.scenarios)) {
    return Object.entries(json.scenarios).map(([name, s]) => [`${arg}#${name}`, s]);
  }
  if ("scenario" in json) return [[arg, (json as { scenario: unknown }).scenario]];
  return null;
}

function load(arg: string): { ok: true; values: Loaded[] } | { ok: false; errors: string[] } {
  const path = locate(arg);
  if (!path) return { ok: false, errors: [`${arg}: no such file or lesson`] };
  const file = readScenarioFile(path, arg);
  if (!file.ok) return { ok: false, errors: [file.error] };
  const parsed = parseJsonText(file.text);
  if (!parsed.ok) return { ok: false, errors: [`${arg}: ${parsed.error}`] };
  const json = parsed.value;
  const inLesson = json && typeof json === "object" && path.includes("lessons") ? lessonScenarios(arg, json) : null;
  const candidates: Array<[string, unknown]> = inLesson ?? [[arg, json]];
  const values: Loaded[] = [];
  const errors: string[] = [];
  for (const [name, candidate] of candidates) {
    const parsed = parseScenario(candidate);
    if (parsed.ok) values.push({ name, scenario: parsed.scenario });
    else errors.push(...parsed.errors.map((e) => `${name}: ${e}`));
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

export function main(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  if (argv[0] === "diagnose") return diagnoseCommand(argv.slice(1));
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const files = argv.filter((a) => !a.startsWith("--"));
  const unknown = [...flags].filter((f) => f !== "--json" && f !== "--trace");
  if (unknown.length > 0 || files.length === 0) {
    return { code: 2, stdout: "", stderr: `${unknown.map((f) => `unknown option ${f}\n`).join("")}${USAGE}\n` };
  }
  const loaded = files.map(load);
  const errors = loaded.flatMap((l) => (l.ok ? [] : l.errors));
  if (errors.length > 0) return { code: 2, stdout: "", stderr: `${errors.join("\n")}\n` };

  const out: string[] = [];
  for (const value of loaded.flatMap((l) => (l.ok ? l.values : []))) {
    let trace;
    try {
      trace = run(value.scenario);
    } catch (e) {
      // A valid scenario the simulator cannot run is our bug, not the user's: say so plainly.
      return { code: 1, stdout: "", stderr: `${value.name}: internal error in the simulator: ${e instanceof Error ? e.message : String(e)}\n` };
    }
    if (flags.has("--json")) {
      out.push(JSON.stringify({ file: value.name, title: value.scenario.title ?? null, ...trace.result, ...(flags.has("--trace") ? { events: trace.events } : {}) }));
    } else {
      out.push(formatText(value.name, trace));
    }
  }
  return { code: 0, stdout: `${out.join(flags.has("--json") ? "\n" : "\n\n")}\n`, stderr: "" };
}

const invokedDirectly = process.argv[1] !== undefined && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const { code, stdout, stderr } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
