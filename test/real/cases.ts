/**
 * The cases a real run checks: every scenario file under test/real/scenarios/ (any depth), and
 * every scenario inside every lesson file (a lesson carries one or more "scenario" objects).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseScenario } from "../../sim/scenario/validate";
import type { Scenario } from "../../sim/scenario/schema";

export interface RealCase {
  /** Stable, readable: the file's path under its folder without .json, "#n" for a lesson's n-th scenario. */
  name: string;
  file: string;
  scenario: Scenario;
  /** As written in the file, for recording. */
  raw: unknown;
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (entry.endsWith(".json")) out.push(path);
  }
  return out;
}

/** Every object under a "scenario" key or in a "scenarios" map, in document order. */
export function scenariosIn(json: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k === "scenario" && child && typeof child === "object" && !Array.isArray(child)) found.push(child);
        else if (k === "scenarios" && child && typeof child === "object" && !Array.isArray(child)) found.push(...Object.values(child));
        else walk(child);
      }
    }
  };
  walk(json);
  return found;
}

function parsed(file: string, name: string, raw: unknown): RealCase {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(`${file}: invalid scenario (${name}): ${r.errors.join("; ")}`);
  return { name, file, scenario: r.scenario, raw };
}

/** A scenario file, or a lesson file (an object with a "scenario" somewhere inside and a "slug"). */
export function casesFromFile(file: string, base: string): RealCase[] {
  const json: unknown = JSON.parse(readFileSync(file, "utf8"));
  const rel = relative(base, file).replace(/\.json$/, "");
  const isLesson = json !== null && typeof json === "object" && "slug" in json;
  if (!isLesson) return [parsed(file, rel, json)];
  const inner = scenariosIn(json);
  return inner.map((raw, i) => parsed(file, inner.length === 1 ? `lesson/${rel}` : `lesson/${rel}#${i + 1}`, raw));
}

export function discoverCases(root: string): RealCase[] {
  const scenarios = join(root, "test/real/scenarios");
  const lessons = join(root, "lessons");
  const lessonFiles = readdirSync(lessons)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
    .sort()
    .map((f) => join(lessons, f));
  return [...jsonFiles(scenarios).flatMap((f) => casesFromFile(f, scenarios)), ...lessonFiles.flatMap((f) => casesFromFile(f, lessons))];
}
