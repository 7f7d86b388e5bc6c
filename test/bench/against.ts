/**
 * `npm run bench:against -- <commit>`: this tree's simulator against an earlier commit's, in one
 * process. The two run the bench session in alternating batches, so the host's swings (±45 % from
 * one run to the next on this machine) hit both alike, and their ratio is read batch by batch.
 * Prints the two rates, the median of the paired ratios, and whether both gave the same trace.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { run, type Scenario, type Trace } from "../../sim/index";
import { line, median } from "./report";
import { BENCH_SESSION } from "./sim-profile";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BATCHES = 40;
const PER_BATCH = 150;
const WARM_UP = 1500;

type Run = (scenario: Scenario) => Trace;

/** The commit's sim/ in a directory inside the checkout (so `xstate` resolves to the same node_modules). */
function extract(commit: string): string {
  const dir = path.join(ROOT, "node_modules", ".bench-against", commit);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", commit, "sim"], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  return dir;
}

async function main(): Promise<void> {
  const given = process.argv[2];
  if (!given) {
    console.error("usage: npm run bench:against -- <commit>   (a commit, tag or branch of this repository)");
    process.exit(2);
  }
  let commit: string;
  try {
    commit = execFileSync("git", ["rev-parse", "--verify", `${given}^{commit}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    console.error(`bench:against: "${given}" names no commit of this repository`);
    process.exit(2);
  }
  const dir = extract(commit);
  try {
    const earlier = (await import(pathToFileURL(path.join(dir, "sim", "index.ts")).href)) as { run?: Run };
    if (typeof earlier.run !== "function") throw new Error(`${commit.slice(0, 7)}'s sim/index.ts exports no run()`);
    const before: Run = earlier.run;
    const session = BENCH_SESSION;
    const sameTrace = JSON.stringify(run({ ...session, seed: 7 })) === JSON.stringify(before({ ...session, seed: 7 }));
    for (let i = 0; i < WARM_UP; i++) {
      run({ ...session, seed: i + 1 });
      before({ ...session, seed: i + 1 });
    }
    const us = { now: [] as number[], before: [] as number[] };
    const batch = (f: Run): number => {
      const started = performance.now();
      for (let i = 0; i < PER_BATCH; i++) f({ ...session, seed: i + 1 });
      return ((performance.now() - started) / PER_BATCH) * 1000;
    };
    for (let b = 0; b < BATCHES; b++) {
      // ABBA: neither goes first every time.
      if (b % 2) {
        us.now.push(batch(run));
        us.before.push(batch(before));
      } else {
        us.before.push(batch(before));
        us.now.push(batch(run));
      }
    }
    const short = commit.slice(0, 7);
    line(`sessions/s, this tree (beside ${short}, one thread)`, Math.round(1e6 / median(us.now)));
    line(`sessions/s, ${short} (beside this tree, one thread)`, Math.round(1e6 / median(us.before)));
    line(`speed-up over ${short} (median of ${BATCHES} paired batches)`, median(us.before.map((b, i) => b / us.now[i]!)).toFixed(2), "x");
    line(`same trace as ${short}`, sameTrace ? "yes" : "no");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
