/**
 * The `sim` command (spec/scenario.md): `npm run --silent sim -- [--json] [--trace] FILE|SLUG...`.
 * Every input is read and validated before anything runs: one invalid scenario means exit 2,
 * its errors on stderr, nothing on stdout. A valid one exits 0 whatever its transfers did.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseScenario } from "../scenario/validate";
import { run } from "../simulate";
import { formatText } from "./format";
import type { Scenario } from "../scenario/schema";

const USAGE = "usage: npm run --silent sim -- [--json] [--trace] FILE.json|LESSON-SLUG ...";

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

function load(arg: string): { ok: true; value: Loaded } | { ok: false; errors: string[] } {
  const path = locate(arg);
  if (!path) return { ok: false, errors: [`${arg}: no such file or lesson`] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    return { ok: false, errors: [`${arg}: not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  // A lesson file carries its scenario under "scenario".
  const candidate = json && typeof json === "object" && "scenario" in json && path.includes("lessons") ? (json as { scenario: unknown }).scenario : json;
  const parsed = parseScenario(candidate);
  return parsed.ok ? { ok: true, value: { name: arg, scenario: parsed.scenario } } : { ok: false, errors: parsed.errors.map((e) => `${arg}: ${e}`) };
}

export function main(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
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
  for (const l of loaded) {
    if (!l.ok) continue;
    let trace;
    try {
      trace = run(l.value.scenario);
    } catch (e) {
      // A valid scenario the simulator cannot run is our bug, not the user's: say so plainly.
      return { code: 1, stdout: "", stderr: `${l.value.name}: internal error in the simulator: ${e instanceof Error ? e.message : String(e)}\n` };
    }
    if (flags.has("--json")) {
      out.push(JSON.stringify({ file: l.value.name, title: l.value.scenario.title ?? null, ...trace.result, ...(flags.has("--trace") ? { events: trace.events } : {}) }));
    } else {
      out.push(formatText(l.value.name, trace));
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
