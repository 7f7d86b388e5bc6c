/**
 * `diagnose p95` (issue 13): from the pasted text to ranked causes with every fix checked, over
 * the corpus of real and written logs (test/real/fixtures/software/clients, test/fixtures/logs),
 * after one warm-up pass. Goal: ≤ 300 ms on this 2-core machine.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { diagnose } from "../../sim/diagnose";
import { readLog } from "../../sim/diagnose/read-log";

const CORPUS_DIRS = ["test/real/fixtures/software/clients", "test/fixtures/logs"];

function corpusFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(corpusFiles(path));
    else if (!/\.(md|json)$/.test(name)) out.push(path);
  }
  return out;
}

/** Reading a 1 MB paste (the lftp log of the corpus, repeated) and detecting 1 MB of noise: the readers' own cost. */
export function readTimes(): { realMs: number; noiseMs: number } {
  const one = readFileSync("test/real/fixtures/software/clients/lftp--server-control-only-passive.log", "utf8");
  const real = one.repeat(Math.ceil(1_000_000 / one.length));
  const noise = Array.from({ length: 1_000_000 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789 .,:;<>*-'\"\t\n"[(i * 2654435761) % 47]).join("");
  const time = (f: () => void) => {
    f();
    const started = performance.now();
    f();
    return performance.now() - started;
  };
  return { realMs: time(() => readLog(real)), noiseMs: time(() => readLog(noise)) };
}

export function diagnoseTimes(): { logs: number; p50: number; p95: number; max: number } {
  const logs = CORPUS_DIRS.flatMap((d) => corpusFiles(d)).map((f) => new Uint8Array(readFileSync(f)));
  for (const log of logs) diagnose(log);
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const log of logs) {
      const started = performance.now();
      diagnose(log);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { logs: logs.length, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}
