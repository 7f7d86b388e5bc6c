/**
 * `npm run fuzz [-- --seed N] [--time SECONDS] [--only NAME] [--path P] [--per-run-ms MS] [--json FILE]`:
 * the lab's input surfaces under random and hostile input for a bounded time (default 45 s of
 * properties, about a minute in all), see test/fuzz/surfaces.ts for what is tried and what
 * counts as a failure. Prints the seed first; a failure prints fast-check's counterexample
 * (shrunk), its seed and path, and the command that replays it. Per surface:
 * "fuzz simulator: N tried, M failed" (M: properties that failed). Exit 1 on any failure.
 *
 * --seed N       the run's seed (default: random; FUZZ_SEED also sets it). Property i uses N + i.
 * --only NAME    only the properties whose name starts with NAME ("simulator", "url/embed"…).
 * --path P       replay fast-check's counterexample path (with --seed and --only).
 * FUZZ_SIM=FILE  fuzz another copy of the simulator (e.g. an older commit's sim/index.ts).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { fuzzProperties, type FuzzProperty, type SimModule } from "../test/fuzz/surfaces";

interface Args {
  seed: number;
  seconds: number;
  only: string | null;
  path: string | null;
  perRunMs: number;
  json: string | null;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${name} needs a number, not ${JSON.stringify(v)}`);
    return n;
  };
  const envSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : NaN;
  return {
    seed: Math.trunc(num("--seed", Number.isFinite(envSeed) ? envSeed : Math.floor(Math.random() * 2 ** 31))) | 0,
    seconds: num("--time", 45),
    only: get("--only") ?? null,
    path: get("--path") ?? null,
    perRunMs: num("--per-run-ms", 5000),
    json: get("--json") ?? null,
  };
}

interface Outcome {
  name: string;
  surface: string;
  seed: number;
  tried: number;
  failed: boolean;
  seconds: number;
  path?: string;
  error?: string;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length - n} more characters)` : s);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log(`fuzz: seed ${args.seed} (replay: npm run fuzz -- --seed ${args.seed}); ${args.seconds}s of properties, ${args.perRunMs} ms per simulate() run`);
  const simPath = process.env.FUZZ_SIM ? path.resolve(process.env.FUZZ_SIM) : "../sim/index";
  if (process.env.FUZZ_SIM) console.log(`fuzz: simulator from ${simPath}`);
  const sim = (await import(simPath)) as SimModule;
  const all = fuzzProperties(sim, { perRunMs: args.perRunMs });
  const chosen = all.map((p, i) => ({ p, seed: (args.seed + i) | 0 })).filter(({ p }) => !args.only || p.name.startsWith(args.only));
  if (chosen.length === 0) {
    console.error(`fuzz: no property matches --only ${args.only}: ${all.map((p) => p.name).join(", ")}`);
    return 2;
  }
  const totalWeight = chosen.reduce((s, { p }) => s + p.weight, 0);
  const outcomes: Outcome[] = [];
  for (const { p, seed } of chosen) {
    outcomes.push(runOne(p, seed, (args.seconds * 1000 * p.weight) / totalWeight, args));
  }

  const surfaces = [...new Set(outcomes.map((o) => o.surface))];
  console.log("");
  for (const s of surfaces) {
    const os = outcomes.filter((o) => o.surface === s);
    const tried = os.reduce((n, o) => n + o.tried, 0);
    const failed = os.filter((o) => o.failed).length;
    console.log(`fuzz ${s}: ${tried} tried, ${failed} failed (${os.length} properties)`);
  }
  const failedAll = outcomes.filter((o) => o.failed);
  const secs = (performance.now() - started) / 1000;
  console.log(`fuzz: ${outcomes.length - failedAll.length} properties passed, ${failedAll.length} failed in ${secs.toFixed(1)}s (seed ${args.seed})`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ seed: args.seed, seconds: secs, properties: outcomes }, null, 2)}\n`);
  return failedAll.length === 0 ? 0 : 1;
}

function runOne(p: FuzzProperty, seed: number, budgetMs: number, args: Args): Outcome {
  const t0 = performance.now();
  const details = fc.check(p.property, {
    seed,
    numRuns: args.path ? 100 : 1_000_000_000,
    interruptAfterTimeLimit: Math.max(200, Math.round(budgetMs)),
    ...(args.path ? { path: args.path } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  const tried = details.numRuns;
  const ran = p.surface === "simulator" ? ` (${p.stats.ran} simulated, the rest rejected as invalid input)` : "";
  const out: Outcome = { name: p.name, surface: p.surface, seed, tried, failed: details.failed, seconds: Math.round(seconds * 10) / 10 };
  if (!details.failed) {
    console.log(`  ok   ${p.name}: ${tried} tried${ran} in ${seconds.toFixed(1)}s`);
    return out;
  }
  out.path = details.counterexamplePath ?? undefined;
  const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  out.error = clip(err, 1000);
  let example: string;
  try {
    example = fc.stringify(details.counterexample?.[0]);
  } catch {
    example = String(details.counterexample?.[0]);
  }
  console.log(`  FAIL ${p.name}: after ${tried} tried, ${details.numShrinks} shrinks, in ${seconds.toFixed(1)}s`);
  console.log(`       error: ${clip(err, 600)}`);
  console.log(`       input: ${clip(example, 1500)}`);
  console.log(`       seed ${seed}, path ${details.counterexamplePath}`);
  console.log(`       replay: npm run fuzz -- --seed ${args.seed} --only ${p.name} --path ${details.counterexamplePath}`);
  return out;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`fuzz: ${(e as Error).stack ?? e}`);
    process.exitCode = 2;
  },
);
