/**
 * What the client drivers share (test/real/clients/*.ts): the contract of test/real/curl.ts's
 * runCommand, the checks of what a command should have produced (the listing names every file,
 * the download matches, the upload arrived), a process runner that keeps the client's own log in
 * the order it was written with each line's time, and the readers that turn a protocol exchange
 * (sent commands, received replies) into RealTransfer's last reply.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../sim/scenario/schema";
import type { RealTransfer } from "../curl";

export type { RealTransfer };

/** The driver contract: one client process per scenario command, in the client namespace. */
export type ClientRunner = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => Promise<RealTransfer>;

/** A RealTransfer with the client's log lines timed from the process start (for capture.ts). */
export interface TimedTransfer extends RealTransfer {
  lines: TimedLine[];
  /** The exact program invocation and the script fed to it. */
  invocation: string;
}

export interface TimedLine {
  ms: number;
  line: string;
}

/** What STOR uploads when the scenario's client names no text for the file (as curl.ts). */
export const DEFAULT_UPLOAD = "uploaded by the real-network check\n";

export interface Job {
  op: string;
  arg: string;
  /** Where LIST output or a download goes; the local file an upload reads. */
  local: string | null;
  /** The remote path of an upload (upload/<name>), of a download, or the listed folder. */
  remote: string;
  check: () => string | null;
}

/** Parse a scenario command and prepare its local files and its end-to-end check, or null when unsupported. */
export function prepareJob(scenario: Scenario, command: string, workDir: string, uploadDir: string, tag: string): Job | null {
  const [opRaw, ...rest] = command.split(" ");
  const op = (opRaw ?? "").toUpperCase();
  const arg = rest.join(" ");
  const safe = arg.replace(/[^A-Za-z0-9._-]/g, "_");
  const stamp = `${tag}-${Date.now()}`;
  if (op === "LIST") {
    const local = join(workDir, `list-${stamp}.txt`);
    return {
      op,
      arg,
      local,
      remote: arg,
      check: () => {
        const text = existsSync(local) ? readFileSync(local, "utf8") : "";
        const missing = Object.keys(scenario.files).filter((n) => !text.includes(n));
        return missing.length ? `listing lacks ${missing.join(", ")}` : null;
      },
    };
  }
  if (op === "RETR" && arg) {
    const local = join(workDir, `retr-${stamp}-${safe}`);
    return {
      op,
      arg,
      local,
      remote: arg,
      check: () => {
        const want = scenario.files[arg];
        if (want === undefined) return null;
        const got = existsSync(local) ? readFileSync(local, "utf8") : null;
        return got === want ? null : "download differs from the server's file";
      },
    };
  }
  if (op === "STOR" && arg) {
    const local = join(workDir, `stor-${stamp}-${safe}`);
    const text = scenario.client.files[arg] ?? DEFAULT_UPLOAD;
    writeFileSync(local, text);
    return {
      op,
      arg,
      local,
      remote: `upload/${arg}`,
      check: () => {
        const dest = join(uploadDir, arg);
        return existsSync(dest) && readFileSync(dest, "utf8") === text ? null : "upload did not arrive intact";
      },
    };
  }
  return null;
}

export function unsupportedTransfer(command: string, op: string, who: string): TimedTransfer {
  return { command, op, result: "unsupported", lastReply: null, dataEndpoint: null, exitCode: null, durationMs: 0, log: "", note: `${op} is not driven through ${who} yet`, lines: [], invocation: "" };
}

/** Why a driver cannot run a scenario the program itself cannot (FTPS, an announced address other than its own). */
export interface DriverLimits {
  readonly tls: string;
  readonly advertise: string;
}

/**
 * Every driver's start: the job for the command, or the transfer marked unsupported — a command
 * it does not drive, or a scenario beyond the program (`limits`) — with the reason.
 */
export function jobFor(scenario: Scenario, command: string, workDir: string, uploadDir: string, who: string, limits: DriverLimits): { job: Job & { local: string } } | { refused: TimedTransfer } {
  const job = prepareJob(scenario, command, workDir, uploadDir, who);
  const op = (command.split(" ")[0] ?? "").toUpperCase();
  if (!job || !job.local) return { refused: unsupportedTransfer(command, op, who) };
  if (scenario.tls) return { refused: { ...unsupportedTransfer(command, op, who), note: limits.tls } };
  if (scenario.client.advertise) return { refused: { ...unsupportedTransfer(command, op, who), note: limits.advertise } };
  return { job: { ...job, local: job.local } };
}

export interface Spawned {
  code: number | null;
  /** stdout and stderr merged, in the order written. */
  text: string;
  lines: TimedLine[];
  durationMs: number;
  timedOut: boolean;
}

/**
 * Run `argv` in namespace `ns` with `input` on stdin, stdout and stderr merged into one pipe
 * (`2>&1`, line-buffered through stdbuf so the order is the program's), each line timed; SIGKILL
 * after timeoutMs. The process is its own group so the kill takes its children (lftp forks none
 * here, but a shell might).
 */
export function spawnClient(ns: string, argv: readonly string[], input: string | null, timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve) => {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
    const t0 = Date.now();
    const p = spawn("ip", ["netns", "exec", ns, "sh", "-c", `exec stdbuf -oL -eL ${quoted} 2>&1`], { detached: true, stdio: [input === null ? "ignore" : "pipe", "pipe", "ignore"] });
    let text = "";
    let pending = "";
    const lines: TimedLine[] = [];
    p.stdout!.on("data", (d) => {
      const s = String(d);
      text += s;
      pending += s;
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      const ms = Date.now() - t0;
      for (const line of parts) lines.push({ ms, line });
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (p.pid !== undefined) process.kill(-p.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }, timeoutMs);
    const done = (code: number | null) => {
      clearTimeout(timer);
      if (pending) lines.push({ ms: Date.now() - t0, line: pending });
      resolve({ code, text, lines, durationMs: Date.now() - t0, timedOut });
    };
    p.on("error", () => done(-1));
    p.on("close", (code) => done(code));
    if (p.stdin) {
      p.stdin.on("error", () => {});
      // The script is written at once; a client reads its next command only when the last is done.
      p.stdin.end(input ?? "");
    }
  });
}

/** One protocol event read from a client's log. */
export type FtpEvent = { kind: "sent"; text: string } | { kind: "reply"; code: number; text: string };

const TRANSFER = /^(LIST|NLST|MLSD|RETR|STOR|STOU|APPE)\b/i;

/**
 * The last reply the client saw for the transfer, in curl.ts's sense (curl sends nothing after
 * it): the replies to the last transfer command up to the client's next command (the reply
 * before it when it got none); when the transfer command was never sent (the passive data
 * connection failed first), the last reply before the client's QUIT or the end of the log.
 */
export function lastReplyOfEvents(events: readonly FtpEvent[]): number | null {
  let lastTransfer = -1;
  events.forEach((e, i) => {
    if (e.kind === "sent" && TRANSFER.test(e.text)) lastTransfer = i;
  });
  let last: number | null = null;
  if (lastTransfer >= 0) {
    for (let i = lastTransfer + 1; i < events.length; i++) {
      const e = events[i]!;
      if (e.kind === "sent") break;
      last = e.code;
    }
    if (last !== null) return last;
    // Unanswered (lftp sends LIST, then ABOR when its PORT was refused): the reply before it.
    for (let i = lastTransfer - 1; i >= 0 && last === null; i--) {
      const e = events[i]!;
      if (e.kind === "reply") last = e.code;
    }
    return last;
  }
  for (const e of events) {
    if (e.kind === "sent" && /^QUIT\b/i.test(e.text)) break;
    if (e.kind === "reply") last = e.code;
  }
  return last;
}

/** a,b,c,d,p1,p2 → "a.b.c.d:port" */
export function hostPort(six: string): { ip: string; port: number } | null {
  const m = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(six);
  if (!m) return null;
  return { ip: `${m[1]}.${m[2]}.${m[3]}.${m[4]}`, port: Number(m[5]) * 256 + Number(m[6]) };
}

/** The address PORT or EPRT announced, "ip:port", or null. */
export function announced(cmd: string): string | null {
  const port = /^PORT\s+([\d,]+)/i.exec(cmd);
  if (port) {
    const hp = hostPort(port[1]!);
    return hp ? `${hp.ip}:${hp.port}` : null;
  }
  const eprt = /^EPRT\s+\|1\|([\d.]+)\|(\d+)\|/i.exec(cmd);
  return eprt ? `${eprt[1]}:${eprt[2]}` : null;
}

/** The passive target from a 227/229 reply, with the client's rule for the 227 address. */
export function passiveTarget(reply: string, controlHost: string, use227Address: boolean): string | null {
  const epsv = /^229 .*\(\|\|\|(\d+)\|\)/.exec(reply);
  if (epsv) return `${controlHost}:${epsv[1]}`;
  if (/^227 /.test(reply)) {
    const hp = hostPort(reply.slice(4));
    if (!hp) return null;
    return `${use227Address ? hp.ip : controlHost}:${hp.port}`;
  }
  return null;
}

/** Seconds for a client option, at least 1. */
export const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * How long to let a client run before killing it: its own connect timeout twice over (a passive
 * attempt and a fallback), plus the server's reply time, within [20 s, 320 s]. Clients without a
 * connect timeout of their own wait for the kernel (about 130 s with tcp_syn_retries=6).
 */
export function outerTimeoutMs(connectMs: number | null): number {
  const kernel = 135_000;
  const each = connectMs ?? kernel;
  return Math.min(320_000, Math.max(20_000, 2 * each + 15_000));
}

/** Assemble the RealTransfer from a finished run. */
export function finish(args: {
  command: string;
  op: string;
  run: Spawned;
  job: Job;
  events: FtpEvent[];
  dataEndpoint: string | null;
  failedNote: (text: string) => string | null;
  invocation: string;
  okExit?: (run: Spawned) => boolean;
}): TimedTransfer {
  const { run, job } = args;
  const exitedOk = args.okExit ? args.okExit(run) : run.code === 0;
  let result: RealTransfer["result"] = exitedOk && !run.timedOut ? "ok" : "failed";
  let note: string | undefined;
  // Some clients exit 0 after a failed transfer: the bytes on disk decide.
  const problem = job.check();
  if (problem) {
    result = "failed";
    note = problem;
  }
  if (result === "failed") {
    const own = args.failedNote(run.text);
    note = run.timedOut ? `killed after ${Math.round(run.durationMs / 1000)} s${own ? ` (${own})` : ""}` : (own ?? note ?? `exit ${run.code}`);
  }
  return {
    command: args.command,
    op: args.op,
    result,
    lastReply: lastReplyOfEvents(args.events),
    dataEndpoint: args.dataEndpoint,
    exitCode: run.code,
    durationMs: run.durationMs,
    log: run.text,
    note,
    lines: run.lines,
    invocation: args.invocation,
  };
}
