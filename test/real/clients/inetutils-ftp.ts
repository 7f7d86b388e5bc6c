/**
 * GNU inetutils ftp (Debian's inetutils-ftp 2.4) as a scenario's client: one `inetutils-ftp -d -v
 * -n [-p] HOST` per command in the client namespace, its commands on stdin. -d echoes each command
 * sent as `---> CMD`; -v prints every reply line as the server wrote it. Its replies and notes go
 * to stdout, its errors ("ftp: connect: Connection timed out") to stderr: both merged in order.
 *
 * inetutils ftp starts in active mode (PORT) and sends no TYPE of its own (ASCII: a download
 * warns "WARNING! 1 bare linefeeds received in ASCII mode" and an upload gains CRs), so the
 * driver says `binary` before RETR and STOR, as its users are taught to. Passive is its -p switch;
 * extended is its `epsv4` toggle (off by default: PASV/PORT on IPv4). It refuses a 227 that names
 * another address than the control connection's peer ("Passive mode address mismatch.", then
 * ABOR), whatever the scenario's pasvAddress says. No connect timeout of its own (the kernel's),
 * no FTPS, no other address to announce.
 */
import type { Scenario } from "../../../sim/scenario/schema";
import { serverHost } from "../curl";
import { runClassicClient } from "./bsd-ftp";
import { jobFor, type TimedTransfer } from "./common";

export function inetutilsScript(s: Scenario, op: string, remote: string, local: string): string {
  const q = (p: string) => `"${p.replace(/"/g, "")}"`;
  const lines = ["user anonymous anon@"];
  if (s.client.extended) lines.push("epsv4");
  if (op === "LIST") lines.push(remote ? `ls ${q(remote)}` : "ls");
  else if (op === "RETR") lines.push("binary", `get ${q(remote)} ${q(local)}`);
  else lines.push("binary", `put ${q(local)} ${q(remote)}`);
  lines.push("bye");
  return lines.join("\n") + "\n";
}

export async function runInetutilsFtp(ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string): Promise<TimedTransfer> {
  const prepared = jobFor(scenario, command, workDir, uploadDir, "inetutils-ftp", { tls: "inetutils ftp has no FTPS", advertise: "inetutils ftp announces only its own address" });
  if ("refused" in prepared) return prepared.refused;
  const { job } = prepared;
  const host = serverHost(scenario);
  const argv = ["inetutils-ftp", "-d", "-v", "-n", ...(scenario.client.mode === "passive" ? ["-p"] : []), host];
  return runClassicClient(ns, argv, inetutilsScript(scenario, job.op, job.remote, job.local), job, command, host);
}

export const runCommand = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => runInetutilsFtp(ns, scenario, command, workDir, uploadDir);
