/**
 * A lesson stands alone: it does not lean on a source the learner was never shown. The first
 * lessons once said "as in the Rumpus session" and "Rumpus's overview" — a sample session from a
 * commercial server's manual that no lesson introduces. Every sentence a learner reads (titles,
 * texts, questions, choices, look-fors, summaries) is checked here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const FILES = readdirSync("lessons").filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"));

/** Every string in a lesson file, with where it is. */
function strings(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === "string") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

describe("lessons stand alone", () => {
  it.each(FILES)("%s names no source it never introduces", (file) => {
    const json: unknown = JSON.parse(readFileSync(`lessons/${file}`, "utf8"));
    const leaning = strings(json, "").filter(([, s]) => /\bRumpus\b/i.test(s));
    expect(leaning.map(([p, s]) => `${p}: ${s.slice(0, 80)}`)).toEqual([]);
  });
});
