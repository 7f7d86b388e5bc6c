/**
 * An FTP server daemon inside the server namespace, in the foreground and in its own process
 * group, so stop() kills exactly what we started (and any session process it forked that left
 * the group). Shared by vsftpd, ProFTPD and Pure-FTPd.
 */
import { spawn } from "node:child_process";
import { killAllIn } from "../namespaces";
import { nsRun, runSync, sleep } from "../sh";

export interface Daemon {
  pid: number;
  stop(): void;
}

/** Starts `argv` in namespace `ns` and waits until something listens on ip:21. */
export async function startDaemon(ns: string, name: string, argv: readonly string[], ip: string, timeoutMs = 5000): Promise<Daemon> {
  let output = "";
  // `ip netns exec` execs the command, so proc.pid is the daemon's (or its wrapper's); detached: its own group.
  const proc = spawn("ip", ["netns", "exec", ns, ...argv], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  proc.stdout?.on("data", (d) => (output += String(d)));
  proc.stderr?.on("data", (d) => (output += String(d)));
  const pid = proc.pid;
  if (pid === undefined) throw new Error(`could not spawn ${name}`);
  const stop = () => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
    // Give the kernel a moment to take the group down; anything still running in the server
    // namespace was forked by this daemon: kill those too.
    for (let i = 0; i < 20 && runSync("ip", ["netns", "pids", ns], { allowFail: true }).stdout.trim() !== ""; i++) {
      runSync("sleep", ["0.05"], { allowFail: true });
    }
    killAllIn(ns);
  };
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode} before listening`);
      const out = (await nsRun(ns, "ss", ["-Hltn"], { allowFail: true })).stdout;
      if (out.includes(`${ip}:21 `)) break;
      if (Date.now() > until) throw new Error(`${name} did not start listening on port 21 within ${timeoutMs / 1000} s`);
      await sleep(25);
    }
  } catch (e) {
    stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}${output ? `: ${output.trim()}` : ""}`);
  }
  return { pid, stop };
}
