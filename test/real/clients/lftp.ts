/**
 * lftp (Debian's lftp 4.9.2) as a scenario's client: one `lftp -d -c SCRIPT` per command in the
 * client namespace. -d is lftp's debug output on stderr: `---> ` a command sent, `<--- ` a reply
 * line, `---- ` lftp's own notes ("Connecting data socket to (10.99.2.20) port 30004", "Address
 * returned by PASV seemed to be incorrect and has been fixed").
 *
 * The scenario's client maps onto lftp's settings: mode → ftp:passive-mode; extended →
 * ftp:prefer-epsv (lftp sends EPRT only for IPv6 data addresses, so an active IPv4 session always
 * says PORT); pasvAddress "ignore" → ftp:ignore-pasv-address (with "use", lftp's default
 * ftp:fix-pasv-address stays on: it replaces a private 227 address by the control host when the
 * control host is public); a connectTimeoutMs shorter than the kernel's → net:timeout (which
 * bounds the wait for a reply as well: left at lftp's 300 s otherwise, as the profile has it).
 * lftp retries a failed operation up to
 * net:max-retries 1000 times: after a refused PORT or EPSV it switches mode ("Switching passive
 * mode on/off") and succeeds on its second try 15 s later (net:reconnect-interval-base), after a
 * 425 or a data connect timeout it repeats the same thing forever. The driver sets max-retries 2:
 * the mode switch still happens and succeeds, the endless loops end after the second failure.
 * `programDefaults` (capture.ts) leaves lftp's own settings.
 */
import type { Scenario } from "../../../sim/scenario/schema";
import { KERNEL_CONNECT_TIMEOUT_MS } from "../../../sim/software/client-profile";
import { serverHost } from "../curl";
import { finish, outerTimeoutMs, prepareJob, seconds, spawnClient, unsupportedTransfer, type FtpEvent, type TimedTransfer } from "./common";

export interface DriverOptions {
  /** Leave the program's own timeouts and retries (capture.ts's ground truth); mode and EPSV are still the scenario's. */
  programDefaults?: boolean;
}

/** Whether the scenario asks for a connect timeout shorter than the kernel's (else lftp keeps its own net:timeout). */
const shorterTimeout = (s: Scenario) => s.client.connectTimeoutMs < KERNEL_CONNECT_TIMEOUT_MS;

/** lftp's -c script for one command. */
export function lftpScript(s: Scenario, op: string, remote: string, local: string, opts: DriverOptions = {}): string {
  const c = s.client;
  const q = (p: string) => `"${p.replace(/(["\\])/g, "\\$1")}"`;
  const set = [
    `set ftp:passive-mode ${c.mode === "passive" ? "on" : "off"}`,
    `set ftp:prefer-epsv ${c.extended ? "yes" : "no"}`,
    ...(c.pasvAddress === "ignore" ? ["set ftp:ignore-pasv-address yes"] : []),
    ...(c.advertise?.ip ? [`set ftp:port-ipv4 ${c.advertise.ip}`] : []),
    // net:timeout is lftp's connect and reply timeout at once (300 s). The profile's default
    // connect timeout is the kernel's (134.5 s, which ends a connect first) with replies awaited
    // 300 s: lftp as it comes. Only a shorter connectTimeoutMs is written, and then bounds the
    // wait for a reply too.
    ...(opts.programDefaults ? [] : [...(shorterTimeout(s) ? [`set net:timeout ${seconds(c.connectTimeoutMs)}`] : []), "set net:max-retries 2"]),
    // lftp never starts TLS for an anonymous login unless told (ftp:ssl-allow-anonymous, default no).
    ...(s.tls ? ["set ftp:ssl-allow-anonymous yes", "set ftp:ssl-force yes", "set ftp:ssl-protect-data yes", "set ssl:verify-certificate no"] : []),
  ];
  let action: string;
  if (op === "LIST") action = `ls ${remote ? `${q(remote)} ` : ""}> ${q(local)}`;
  else if (op === "RETR") action = `get ${q(remote)} -o ${q(local)}`;
  else action = `put ${q(local)} -o ${q(remote)}`;
  return [...set, `open ftp://${serverHost(s)}`, action].join("; ");
}

export function lftpEvents(log: string): FtpEvent[] {
  const events: FtpEvent[] = [];
  for (const line of log.split("\n")) {
    const sent = /^---> (.*)$/.exec(line);
    if (sent) events.push({ kind: "sent", text: sent[1]! });
    const got = /^<--- (\d{3})([ -])(.*)$/.exec(line);
    // A multi-line reply counts once, at its last line ("211 End").
    if (got && got[2] === " ") events.push({ kind: "reply", code: Number(got[1]), text: `${got[1]} ${got[3]}` });
  }
  return events;
}

/** The passive target lftp dialled (its own "Connecting data socket" note), or the address PORT/EPRT announced. */
export function lftpDataEndpoint(log: string): string | null {
  let ep: string | null = null;
  for (const line of log.split("\n")) {
    let m = /^---- Connecting data socket to \(([\d.]+)\) port (\d+)/.exec(line);
    if (m) ep = `${m[1]}:${m[2]}`;
    m = /^---> PORT (\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(line);
    if (m) ep = `${m[1]}.${m[2]}.${m[3]}.${m[4]}:${Number(m[5]) * 256 + Number(m[6])}`;
    m = /^---> EPRT \|1\|([\d.]+)\|(\d+)\|/.exec(line);
    if (m) ep = `${m[1]}:${m[2]}`;
  }
  return ep;
}

/** lftp's own complaint: "ls: Fatal error: max-retries exceeded", "get: Access failed: 550 ...". */
export function lftpFailure(log: string): string | null {
  const lines = log.split("\n").filter((l) => /^(ls|get|put|open|lftp|cls): /.test(l));
  return lines.length ? lines[lines.length - 1]! : null;
}

export async function runLftp(ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string, opts: DriverOptions = {}): Promise<TimedTransfer> {
  const job = prepareJob(scenario, command, workDir, uploadDir, "lftp");
  const op = (command.split(" ")[0] ?? "").toUpperCase();
  if (!job || !job.local) return unsupportedTransfer(command, op, "lftp");
  if (scenario.client.advertise?.port !== undefined) return { ...unsupportedTransfer(command, op, "lftp"), note: "lftp cannot announce a port of its choosing (client.advertise.port)" };
  const script = lftpScript(scenario, job.op, job.remote, job.local, opts);
  const argv = ["lftp", "-d", "-c", script];
  // Two tries (net:max-retries 2), each ended by the connect timeout or, with lftp's own 300 s
  // net:timeout, by the kernel's connect timeout or the server's verdict after it (~135 s).
  const timeout = opts.programDefaults ? 330_000 : shorterTimeout(scenario) ? outerTimeoutMs(scenario.client.connectTimeoutMs) : 300_000;
  const run = await spawnClient(ns, argv, null, timeout);
  return finish({
    command,
    op: job.op,
    run,
    job,
    events: lftpEvents(run.text),
    dataEndpoint: lftpDataEndpoint(run.text),
    failedNote: lftpFailure,
    invocation: `lftp -d -c '${script}'`,
  });
}

export const runCommand = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => runLftp(ns, scenario, command, workDir, uploadDir);
