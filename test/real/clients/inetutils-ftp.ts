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
import { writeFileSync } from "node:fs";
import type { Scenario } from "../../../sim/scenario/schema";
import { serverHost } from "../curl";
import { classicDataEndpoint, classicEvents, classicFailure, listingLines } from "./bsd-ftp";
import { finish, outerTimeoutMs, prepareJob, spawnClient, unsupportedTransfer, type TimedTransfer } from "./common";

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
  const job = prepareJob(scenario, command, workDir, uploadDir, "inetutils");
  const op = (command.split(" ")[0] ?? "").toUpperCase();
  if (!job || !job.local) return unsupportedTransfer(command, op, "inetutils-ftp");
  if (scenario.tls) return { ...unsupportedTransfer(command, op, "inetutils-ftp"), note: "inetutils ftp has no FTPS" };
  if (scenario.client.advertise) return { ...unsupportedTransfer(command, op, "inetutils-ftp"), note: "inetutils ftp announces only its own address" };
  const host = serverHost(scenario);
  const script = inetutilsScript(scenario, job.op, job.remote, job.local);
  const argv = ["inetutils-ftp", "-d", "-v", "-n", ...(scenario.client.mode === "passive" ? ["-p"] : []), host];
  const run = await spawnClient(ns, argv, script, outerTimeoutMs(null) + 135_000);
  if (job.op === "LIST") writeFileSync(job.local, listingLines(run.text).join("\n"));
  const events = classicEvents(run.text);
  return finish({
    command,
    op: job.op,
    run,
    job,
    events,
    dataEndpoint: classicDataEndpoint(run.text, host),
    failedNote: classicFailure,
    invocation: `${argv.join(" ")} <<'EOF'\n${script}EOF`,
  });
}

export const runCommand = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => runInetutilsFtp(ns, scenario, command, workDir, uploadDir);
