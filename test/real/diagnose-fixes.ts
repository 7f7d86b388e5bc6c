/**
 * The fixes `sim diagnose` calls checked, checked again on the real network: for every real client
 * log of the corpus (test/real/fixtures/software/clients), the most likely cause's verified fixes
 * whose session Linux can run (Debian's clients and servers, netfilter, a NAT router) are written
 * as scenarios to test/real/scenarios/diagnose/, one per distinct session, for verify:real to run
 * like any other. A fix the lab calls verified must then complete for real too.
 *
 *   npx tsx test/real/diagnose-fixes.ts [--check]
 *
 * With --check, writes nothing and exits 1 when the folder is not what the corpus gives now
 * (test/real/harness.test.ts runs it, so a change to the diagnosis cannot leave it stale).
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diagnose } from "../../sim/diagnose";
import { parseScenario } from "../../sim/scenario/validate";
import { unsupported } from "./case";

const CORPUS = "test/real/fixtures/software/clients";
export const FIX_SCENARIOS = "test/real/scenarios/diagnose";

/** The scenario files the corpus gives now, by file name, as their text. */
export function fixScenarioFiles(root = "."): Map<string, string> {
  const files = new Map<string, string>();
  const seen = new Set<string>();
  const logs = readdirSync(join(root, CORPUS)).filter((f) => f.endsWith(".log") && !f.includes("--driver")).sort();
  for (const log of logs) {
    const d = diagnose(new Uint8Array(readFileSync(join(root, CORPUS, log))));
    const cause = d.causes[0];
    if (!cause || d.failure === null) continue;
    for (const fix of cause.fixes) {
      if (!fix.verified || fix.scenario === null) continue;
      const parsed = parseScenario(fix.scenario);
      if (!parsed.ok || unsupported(parsed.scenario) !== null) continue;
      const key = JSON.stringify({ ...fix.scenario, title: undefined });
      if (seen.has(key)) continue;
      seen.add(key);
      const name = `${log.replace(/\.log$/, "")}--${fix.software}.json`;
      const title = `${log}: ${cause.id}, fixed on the ${fix.side} (${fix.software})`;
      files.set(name, `${JSON.stringify({ ...fix.scenario, title }, null, 2)}\n`);
    }
  }
  return files;
}

const invokedDirectly = process.argv[1] !== undefined && /diagnose-fixes\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const want = fixScenarioFiles();
  const have = new Map(readdirSync(FIX_SCENARIOS).filter((f) => f.endsWith(".json")).map((f) => [f, readFileSync(join(FIX_SCENARIOS, f), "utf8")]));
  if (process.argv.includes("--check")) {
    const stale = [...want].filter(([f, t]) => have.get(f) !== t).map(([f]) => f).concat([...have.keys()].filter((f) => !want.has(f)));
    if (stale.length > 0) console.error(`stale: ${stale.join(", ")}\nrun: npx tsx test/real/diagnose-fixes.ts`);
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    for (const f of have.keys()) if (!want.has(f)) rmSync(join(FIX_SCENARIOS, f));
    for (const [f, text] of want) writeFileSync(join(FIX_SCENARIOS, f), text);
    console.log(`${want.size} fix scenarios in ${FIX_SCENARIOS}`);
  }
}
