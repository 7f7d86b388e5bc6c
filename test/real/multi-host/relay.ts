/**
 * A TCP relay with mapped ports, as SAP Cloud Connector or a port-forwarding box does it: in the
 * relay namespace one socat per mapped port listens on the virtual address and opens, per
 * connection, a new connection to the same port on the real server (from the relay's own
 * server-side address). A port that is not mapped has no listener: the relay's kernel answers
 * RST, unless a firewall on the relay drops it first (`dropUnmapped`).
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { nsRun, sleep } from "../sh";

export interface Relay {
  ports: number[];
  /** The socat command line of one mapping, with PORT for the port. */
  invocation: string;
  ruleset: string | null;
  stop(): void;
}

const socatArgs = (virtualIp: string, serverIp: string, port: number | string) => [
  "socat",
  `TCP4-LISTEN:${port},bind=${virtualIp},reuseaddr,fork`,
  `TCP4:${serverIp}:${port}`,
];

/** The relay's input filter: its mapped ports accepted, anything else new to it dropped. */
export function dropUnmappedRuleset(ports: readonly number[]): string {
  return `table inet ftpmfilter {
\tchain input {
\t\ttype filter hook input priority filter; policy drop;
\t\tiif "lo" accept
\t\tct state established,related accept
\t\ttcp dport { ${ports.join(", ")} } accept
\t}
}
`;
}

export async function startRelay(ns: string, workDir: string, virtualIp: string, serverIp: string, ports: readonly number[], dropUnmapped: boolean): Promise<Relay> {
  const ruleset = dropUnmapped ? dropUnmappedRuleset(ports) : null;
  if (ruleset) await nsRun(ns, "nft", ["-f", "-"], { input: ruleset });
  const pids: number[] = [];
  const stop = () => {
    for (const pid of pids) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  try {
    for (const port of ports) {
      const p = spawn("ip", ["netns", "exec", ns, ...socatArgs(virtualIp, serverIp, port)], { detached: true, stdio: "ignore" });
      if (p.pid === undefined) throw new Error("could not spawn socat");
      pids.push(p.pid);
      writeFileSync(join(workDir, `socat-${port}.pgid`), String(p.pid));
    }
    const until = Date.now() + 5000;
    for (;;) {
      const out = (await nsRun(ns, "ss", ["-Hltn"], { allowFail: true })).stdout;
      if (ports.every((port) => out.includes(`${virtualIp}:${port} `))) break;
      if (Date.now() > until) throw new Error(`socat did not listen on ${virtualIp}:{${ports.join(",")}} within 5 s`);
      await sleep(25);
    }
  } catch (e) {
    stop();
    throw e;
  }
  return { ports: [...ports], invocation: socatArgs(virtualIp, serverIp, "PORT").join(" "), ruleset, stop };
}
