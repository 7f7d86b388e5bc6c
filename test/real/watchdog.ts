/**
 * A detached shell that outlives us: if this node process dies without cleaning up (SIGKILL,
 * e.g. from tsx's signal relay, or a crash), it kills the vsftpd we started (its process group,
 * recorded in WORK/vsftpd.pgid, and whatever is left in our namespaces: a curl, vsftpd sessions), deletes the case's
 * namespaces and its work directory. On the normal path we stop it by its pid.
 */
import { spawn } from "node:child_process";
import { namesFor } from "./namespaces";

export function startWatchdog(id: string, workDir: string): { stop(): void } {
  const n = namesFor(id);
  return startWatchdogFor([n.client, n.router, n.server], workDir);
}

/** The same for any namespaces (test/real/multi-host/): every WORK/*.pgid names a process group to kill. */
export function startWatchdogFor(namespaces: readonly string[], workDir: string): { stop(): void } {
  for (const ns of namespaces) if (!/^[A-Za-z0-9_-]+$/.test(ns)) throw new Error(`bad namespace name ${ns}`);
  const all = namespaces.join(" ");
  const script = `
trap '' INT TERM HUP
while kill -0 ${process.pid} 2>/dev/null; do sleep 0.2; done
for f in '${workDir}'/*.pgid; do pg=$(cat "$f" 2>/dev/null); [ -n "$pg" ] && kill -KILL -"$pg" 2>/dev/null; done
for ns in ${all}; do for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done; done
for ns in ${all}; do ip netns del "$ns" 2>/dev/null; done
rm -rf '${workDir}'
`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return {
    stop() {
      try {
        if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    },
  };
}
