/**
 * tnftp (Debian's tnftp 20210827, NetBSD's ftp: the "BSD ftp" of macOS and the BSDs) as a
 * scenario's client: one `tnftp -d -v -n HOST` per command in the client namespace, its commands
 * on stdin (`user anonymous …`, the mode, the transfer, `bye`). -d echoes each command sent as
 * `---> CMD`; -v prints every reply line as the server wrote it ("227 Entering Passive Mode
 * (…)."; with -d the 227/229 line is printed twice). Everything goes to stdout, errors
 * ("ftp: Can't connect to `10.99.2.20:30012': Connection timed out") to stderr: both are merged in order.
 *
 * The scenario's client maps onto tnftp's commands: passive mode is tnftp's default `passive
 * auto` (EPSV, PASV after a refused EPSV, and active — EPRT — when the passive data connection
 * cannot be made; see CLIENTS.md); active is `passive off`;
 * extended false is `epsv4 off` (tnftp's default is on: EPSV/EPRT first on IPv4). tnftp has no
 * connect timeout of its own (the kernel's SYN retries decide: 134 s here), no switch for the
 * 227 address (it refuses one that is not the control connection's peer: "Passive mode address
 * mismatch."), no FTPS, and cannot announce another address. It waits 60 s for each reply, then
 * prints a 421 of its own and closes the connection (CLIENT_MADE_421: not read as a reply).
 */
import type { Scenario } from "../../../sim/scenario/schema";
import { serverHost } from "../curl";
import { announced, finish, jobFor, outerTimeoutMs, passiveTarget, spawnClient, type FtpEvent, type Job, type TimedTransfer } from "./common";
import { writeFileSync } from "node:fs";

export function tnftpScript(s: Scenario, op: string, remote: string, local: string): string {
  const c = s.client;
  const q = (p: string) => `"${p.replace(/"/g, "")}"`;
  const lines = ["user anonymous anon@"];
  if (c.mode === "active") lines.push("passive off");
  if (!c.extended) lines.push("epsv4 off");
  if (op === "LIST") lines.push(remote ? `ls ${q(remote)}` : "ls");
  else if (op === "RETR") lines.push(`get ${q(remote)} ${q(local)}`);
  else lines.push(`put ${q(local)} ${q(remote)}`);
  lines.push("bye");
  return lines.join("\n") + "\n";
}

/**
 * The 421 a classic client prints itself when it gives up on the control connection — no server
 * sent it. tnftp's getreply() waits 60 s for each reply (`quit_time` unset) and then prints
 * "421 Service not available, remote server timed out. Connection closed." (measured against
 * ProFTPD and Pure-FTPd, whose 425 comes only after the kernel's 134 s); on EOF both print
 * "421 Service not available, remote server has closed connection".
 */
export const CLIENT_MADE_421 = /^421 Service not available, (remote server timed out|user interrupt|remote server has closed connection)(\.\s+Connection closed\.)?\.?$/;

/**
 * `---> CMD` sent; a reply is a line "NNN text" (the last line of a multi-line reply); a listing
 * line never starts with three digits and a space. The client's own 421 is not a reply.
 */
export function classicEvents(log: string): FtpEvent[] {
  const events: FtpEvent[] = [];
  let lastReplyLine = "";
  for (const line of log.split("\n")) {
    // tnftp's prompts ("ftp> ") may precede a command on the same line.
    const sent = /---> (.*)$/.exec(line);
    if (sent) {
      events.push({ kind: "sent", text: sent[1]! });
      lastReplyLine = "";
      continue;
    }
    const got = /^(\d{3}) (.*)$/.exec(line);
    // tnftp -d prints the 227/229 line twice: one reply.
    if (got && line !== lastReplyLine && !CLIENT_MADE_421.test(line)) {
      events.push({ kind: "reply", code: Number(got[1]), text: line });
      lastReplyLine = line;
    }
  }
  return events;
}

/**
 * Where the data connection went: the announced PORT/EPRT address, or the passive target. Both
 * classic clients dial the 227 address only when it is the control connection's peer; otherwise
 * they print "Passive mode address mismatch." and attempt no data connection (null).
 */
export function classicDataEndpoint(log: string, controlHost: string): string | null {
  let ep: string | null = null;
  for (const e of classicEvents(log)) {
    if (e.kind === "sent") ep = announced(e.text) ?? ep;
    else ep = passiveTarget(e.text, controlHost, true) ?? ep;
  }
  return /^Passive mode address mismatch\.$/m.test(log) && !/^---> (PORT|EPRT|LPRT) /m.test(log.slice(log.lastIndexOf("Passive mode address mismatch."))) ? null : ep;
}

/** The listing lines of an `ls -l` style LIST in the log (the classic clients print it between 150 and 226). */
export const listingLines = (log: string) => log.split("\n").filter((l) => /^[-dlbcps][-rwxsStT]{9}/.test(l));

/** tnftp's and inetutils-ftp's complaints: "tnftp: Can't connect to …", "ftp: connect: …", "Passive mode address mismatch.", else "425 …". */
export function classicFailure(log: string): string | null {
  const lines = log.split("\n");
  // The program's own complaint first; else the last refusal after login.
  const own = lines.filter((l) => /^(ftp|tnftp|inetutils-ftp): /.test(l) || l === "Passive mode address mismatch." || CLIENT_MADE_421.test(l));
  if (own.length) return own[own.length - 1]!;
  const refusals = lines.slice(Math.max(0, lines.findIndex((l) => /^230 /.test(l)))).filter((l) => /^[45]\d\d /.test(l));
  return refusals.length ? refusals[refusals.length - 1]! : null;
}

/**
 * tnftp and inetutils ftp alike: the script on stdin, no connect timeout of their own (the
 * kernel's), the listing printed among the replies, the log read the same way.
 */
export async function runClassicClient(ns: string, argv: readonly string[], script: string, job: Job & { local: string }, command: string, host: string): Promise<TimedTransfer> {
  const run = await spawnClient(ns, [...argv], script, outerTimeoutMs(null) + 135_000);
  if (job.op === "LIST") writeFileSync(job.local, listingLines(run.text).join("\n"));
  return finish({
    command,
    op: job.op,
    run,
    job,
    events: classicEvents(run.text),
    dataEndpoint: classicDataEndpoint(run.text, host),
    failedNote: classicFailure,
    invocation: `${argv.join(" ")} <<'EOF'\n${script}EOF`,
  });
}

export async function runBsdFtp(ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string): Promise<TimedTransfer> {
  const prepared = jobFor(scenario, command, workDir, uploadDir, "tnftp", { tls: "tnftp has no FTPS", advertise: "tnftp announces only its own address" });
  if ("refused" in prepared) return prepared.refused;
  const { job } = prepared;
  const host = serverHost(scenario);
  return runClassicClient(ns, ["tnftp", "-d", "-v", "-n", host], tnftpScript(scenario, job.op, job.remote, job.local), job, command, host);
}

export const runCommand = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => runBsdFtp(ns, scenario, command, workDir, uploadDir);
