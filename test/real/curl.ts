/**
 * One curl process per command, inside the client namespace, with the flags of
 * shared/reference/README.md for the scenario's mode; the outcome is read from curl's -v log.
 */
import { writeFileSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../sim/scenario/schema";
import { runFtplib } from "./ftplib-driver";
import { nsRun } from "./sh";

export type ModeName = "epsv" | "pasv" | "pasv-noskip" | "eprt" | "port";

export interface RealTransfer {
  command: string;
  op: string;
  result: "ok" | "failed" | "unsupported";
  lastReply: number | null;
  dataEndpoint: string | null;
  exitCode: number | null;
  durationMs: number;
  log: string;
  note?: string;
  /** The program's command line and its stdin script (the drivers of test/real/clients/). */
  invocation?: string;
}

export function modeOf(s: Scenario): ModeName {
  const c = s.client;
  if (c.mode === "active") return c.extended ? "eprt" : "port";
  if (c.extended) return "epsv";
  return c.pasvAddress === "use" ? "pasv-noskip" : "pasv";
}

export function modeFlags(s: Scenario): string[] {
  const c = s.client;
  // Explicit FTPS (RFC 4217): AUTH, then PBSZ 0 / PROT P; the certificate is made on the spot, so -k.
  const tls = s.tls ? ["--ssl-reqd", "-k"] : [];
  if (c.mode === "active") return [...tls, ...(c.extended ? ["-P", c.ip] : ["-P", c.ip, "--disable-eprt"])];
  const flags = [...tls, ...(c.extended ? [] : ["--disable-epsv"])];
  if (c.pasvAddress === "use") flags.push("--no-ftp-skip-pasv-ip");
  return flags;
}

/** The address the client dials for the control connection: the server NAT's public one if any. */
export const serverHost = (s: Scenario) => s.server.nat?.publicIp ?? s.server.ip;

/** Who speaks for the client: curl, or Python's ftplib where curl cannot (an advertised address). */
export const driverOf = (s: Scenario): "curl" | "ftplib" => (s.client.advertise ? "ftplib" : "curl");

const DEFAULT_UPLOAD = "uploaded by the real-network check\n";

/** The last reply code curl received (`< NNN ...` lines of -v). */
export function lastReplyOf(log: string): number | null {
  let last: number | null = null;
  for (const m of log.matchAll(/^< (\d{3})[ -]/gm)) last = Number(m[1]);
  return last;
}

/** Where the data connection went or was to go: the passive target curl tried, or the address it announced in PORT/EPRT. */
export function dataEndpointOf(log: string): string | null {
  let ep: string | null = null;
  for (const line of log.split("\n")) {
    let m = /^> PORT (\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(line);
    if (m) ep = `${m[1]}.${m[2]}.${m[3]}.${m[4]}:${Number(m[5]) * 256 + Number(m[6])}`;
    m = /^> EPRT \|1\|([\d.]+)\|(\d+)\|/.exec(line);
    if (m) ep = `${m[1]}:${m[2]}`;
    m = /^\* Connecting to \S+ \(([\d.]+)\) port (\d+)/.exec(line);
    if (m) ep = `${m[1]}:${m[2]}`;
  }
  return ep;
}

export async function runCommand(ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string): Promise<RealTransfer> {
  const [opRaw, ...rest] = command.split(" ");
  const op = (opRaw ?? "").toUpperCase();
  const arg = rest.join(" ");
  const base = `ftp://${serverHost(scenario)}`;
  const common = ["-sS", "-v", "--connect-timeout", String(Math.max(1, Math.ceil(scenario.client.connectTimeoutMs / 1000))), "--max-time", "12", ...modeFlags(scenario)];
  let args: string[];
  let check: (() => string | null) | null = null;
  const safe = arg.replace(/[^A-Za-z0-9._-]/g, "_");
  if (op === "LIST") {
    const out = join(workDir, `list-${Date.now()}.txt`);
    args = [...common, "-o", out, `${base}/${arg ? `${encodeURI(arg)}/` : ""}`];
    check = () => {
      const names = Object.keys(scenario.files);
      const text = existsSync(out) ? readFileSync(out, "utf8") : "";
      const missing = names.filter((n) => !text.includes(n));
      return missing.length ? `listing lacks ${missing.join(", ")}` : null;
    };
  } else if (op === "RETR" && arg) {
    const out = join(workDir, `retr-${safe}`);
    args = [...common, "-o", out, `${base}/${encodeURIComponent(arg)}`];
    check = () => {
      const want = scenario.files[arg];
      if (want === undefined) return null;
      const got = existsSync(out) ? readFileSync(out, "utf8") : null;
      return got === want ? null : "download differs from the server's file";
    };
  } else if (op === "STOR" && arg) {
    const local = join(workDir, `stor-${safe}`);
    const text = scenario.client.files[arg] ?? DEFAULT_UPLOAD;
    writeFileSync(local, text);
    args = [...common, "-T", local, `${base}/upload/${encodeURIComponent(arg)}`];
    check = () => {
      const dest = join(uploadDir, arg);
      return existsSync(dest) && readFileSync(dest, "utf8") === text ? null : "upload did not arrive intact";
    };
  } else {
    return { command, op, result: "unsupported", lastReply: null, dataEndpoint: null, exitCode: null, durationMs: 0, log: "", note: `${op} is not driven through curl yet` };
  }
  const t0 = Date.now();
  const { code, stderr } =
    driverOf(scenario) === "ftplib"
      ? await runFtplib(ns, scenario, serverHost(scenario), op === "LIST" ? "LIST" : `${op} ${op === "STOR" ? `upload/${arg}` : arg}`, scenario.client.files[arg] ?? DEFAULT_UPLOAD)
      : await nsRun(ns, "curl", args, { allowFail: true, timeoutMs: 20_000 });
  const durationMs = Date.now() - t0;
  let result: RealTransfer["result"] = code === 0 ? "ok" : "failed";
  let note: string | undefined;
  if (result === "ok" && check) {
    const problem = check();
    if (problem) {
      result = "failed";
      note = problem;
    }
  }
  if (result === "failed" && !note) {
    // The server's refusal says more than curl's own last remark (often an unrelated inet_ntop note).
    const refusals = [...stderr.matchAll(/^< ([45]\d\d .*)$/gm)];
    const m = /^curl: \(\d+\) (Failed to connect.*|Connection time-out.*)$/m.exec(stderr) ?? /^\* failed: .*$/m.exec(stderr);
    note = refusals.length ? `server replied "${refusals[refusals.length - 1]![1]}"` : m ? m[0] : `${driverOf(scenario)} exit ${code}`;
  }
  return { command, op, result, lastReply: lastReplyOf(stderr), dataEndpoint: dataEndpointOf(stderr), exitCode: code, durationMs, log: stderr, note };
}
