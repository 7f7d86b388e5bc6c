/**
 * Records the trace of every scenario the project knows, one JSON file each, so a change that
 * must not change behaviour can be proved not to: record before, record after, compare.
 *
 *   npm run --silent traces -- record DIR     every lesson scenario, test/scenarios, the reference
 *                                              cases, test/real/scenarios, and 400 seeded random
 *                                              scenarios (test/sim/arbitraries.ts, seed 20261205)
 *   npm run --silent traces -- compare A B    lists every file that differs, with the first
 *                                              differing JSON path; exit 1 when any does
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { LESSONS } from "../lessons/catalog";
import { simulate } from "../sim/index";
import { run } from "../sim/simulate";
import { scenarioFiles } from "../test/harness/scenario-files";
import { scenarioArb, asJson } from "../test/sim/arbitraries";

const RANDOM_SEED = 20261205;
const RANDOM_COUNT = 400;

/** Each case: a name (a file name when written) and a function giving what to record. */
function cases(): Array<[string, () => unknown]> {
  const out: Array<[string, () => unknown]> = [];
  for (const lesson of LESSONS) {
    for (const [name, scenario] of Object.entries(lesson.scenarios)) out.push([`lesson--${lesson.slug}--${name}`, () => run(scenario)]);
  }
  for (const file of scenarioFiles()) {
    const name = relative(".", file).replace(/\.json$/, "").replaceAll("/", "--");
    out.push([name, () => simulate(JSON.parse(readFileSync(file, "utf8")))]);
  }
  const randoms = fc.sample(scenarioArb(), { seed: RANDOM_SEED, numRuns: RANDOM_COUNT });
  randoms.forEach((input, i) => out.push([`random--${String(i).padStart(3, "0")}`, () => simulate(asJson(input))]));
  return out;
}

function record(dir: string): void {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const [name, make] of cases()) {
    let value: unknown;
    try {
      value = make();
    } catch (e) {
      value = { error: String(e) };
    }
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(value, null, 1) + "\n");
    n++;
  }
  console.log(`recorded ${n} traces in ${dir}`);
}

/** The first JSON path where two values differ, or null when they are the same. */
function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return path;
  if (a === null || typeof a !== "object") return Object.is(a, b) ? null : path;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.join() !== kb.join()) return `${path} (keys ${ka.join(",")} vs ${kb.join(",")})`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function compare(a: string, b: string): number {
  const names = new Set([...readdirSync(a), ...readdirSync(b)]);
  let same = 0;
  const differ: string[] = [];
  for (const name of [...names].sort()) {
    const pa = join(a, name);
    const pb = join(b, name);
    if (!existsSync(pa) || !existsSync(pb)) {
      differ.push(`${name}: only in ${existsSync(pa) ? a : b}`);
      continue;
    }
    const ta = readFileSync(pa, "utf8");
    const tb = readFileSync(pb, "utf8");
    if (ta === tb) same++;
    else differ.push(`${name}: ${firstDifference(JSON.parse(ta), JSON.parse(tb)) ?? "same JSON, other bytes"}`);
  }
  for (const line of differ) console.log(line);
  console.log(`${same} identical, ${differ.length} differ`);
  return differ.length === 0 ? 0 : 1;
}

const [verb, ...args] = process.argv.slice(2);
if (verb === "record" && args.length === 1) record(args[0]!);
else if (verb === "compare" && args.length === 2) process.exitCode = compare(args[0]!, args[1]!);
else {
  console.error("usage: npm run --silent traces -- record DIR | compare DIR_A DIR_B");
  process.exitCode = 2;
}
