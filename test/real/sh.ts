/** Tiny process helpers for the real-network harness: run a command, throw with its stderr on failure. */
import { spawnSync } from "node:child_process";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: readonly string[], opts: { input?: string; allowFail?: boolean; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(cmd, args, { input: opts.input, encoding: "utf8", timeout: opts.timeoutMs ?? 60_000 });
  const res = { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? (r.error ? String(r.error) : "") };
  if (res.code !== 0 && !opts.allowFail) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${res.code}): ${res.stderr.trim() || res.stdout.trim()}`);
  }
  return res;
}

/** Run inside a network namespace. */
export function nsRun(ns: string, cmd: string, args: readonly string[], opts: Parameters<typeof run>[2] = {}): RunResult {
  return run("ip", ["netns", "exec", ns, cmd, ...args], opts);
}
