/**
 * Process helpers for the real-network harness. Everything that runs while cases are in flight is
 * asynchronous (so several cases set up at once); `runSync` is kept for the exit paths (signal
 * handlers, the `exit` event) where Node cannot wait for a promise.
 */
import { spawn, spawnSync } from "node:child_process";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  allowFail?: boolean;
  timeoutMs?: number;
  /** The working directory (apt-get download writes there). */
  cwd?: string;
}

function failure(cmd: string, args: readonly string[], res: RunResult): Error {
  return new Error(`${cmd} ${args.join(" ")} failed (${res.code}): ${res.stderr.trim() || res.stdout.trim()}`);
}

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout!.on("data", (d) => (stdout += String(d)));
    p.stderr!.on("data", (d) => (stderr += String(d)));
    const timer = setTimeout(() => p.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    p.on("error", (e) => {
      clearTimeout(timer);
      const res = { code: -1, stdout, stderr: stderr || String(e) };
      if (opts.allowFail) resolve(res);
      else reject(failure(cmd, args, res));
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      const res = { code: code ?? -1, stdout, stderr };
      if (res.code !== 0 && !opts.allowFail) reject(failure(cmd, args, res));
      else resolve(res);
    });
    if (p.stdin) {
      p.stdin.on("error", () => {}); // a command that exits without reading its input: its exit code says the rest
      p.stdin.end(opts.input);
    }
  });
}

/** Run inside a network namespace. */
export function nsRun(ns: string, cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return run("ip", ["netns", "exec", ns, cmd, ...args], opts);
}

/** Blocking variant for cleanup on exit paths only. */
export function runSync(cmd: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(cmd, args, { input: opts.input, encoding: "utf8", timeout: opts.timeoutMs ?? 60_000 });
  const res = { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? (r.error ? String(r.error) : "") };
  if (res.code !== 0 && !opts.allowFail) throw failure(cmd, args, res);
  return res;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
