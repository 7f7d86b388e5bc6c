/**
 * The session as the scenario's client program would print it: `curl -v`'s `* > <`, `lftp -d`'s
 * `---> <--- ----`, tnftp's and GNU inetutils ftp's `-d -v` console, Python ftplib's
 * `*cmd* *put* *get* *resp*`, FileZilla's `Status:/Command:/Response:/Error:` message log,
 * WinSCP's `. > <` session log and Windows ftp.exe's console. The transcript panel shows it
 * beside the lab's own transcript ("As lftp logs it").
 *
 * Derived from the trace alone, deterministically (no wall clock: WinSCP's timestamps count the
 * simulated time from a fixed epoch). Every line names the trace event it comes from, so a view
 * shows the log up to the playback position. What the lab does not model (lftp's LIST and ABOR
 * on a dead active attempt, curl's internal bookkeeping lines) is not invented; what a program
 * prints from what the trace does hold (tnftp's "Connected to …", the bytes-received lines, the
 * listing a console client prints) is.
 *
 * Where each format comes from (each renderer below cites its lines):
 * - curl 7.88.1 `-v`: the reference transcripts (../shared/reference/transcripts/*.curl.txt, mirrored
 *   in test/fixtures/reference) and lib/ftp.c's failf() texts.
 * - lftp 4.9.2 `-d`, tnftp 20210827 `-d -v`, GNU inetutils ftp 2.4 `-d -v`, Python 3.11 ftplib
 *   `set_debuglevel(2)`: recorded logs in test/real/fixtures/software/clients/ (CLIENTS.md).
 * - FileZilla 3.62, WinSCP and Windows ftp.exe: not run here; from their source, documentation and
 *   published user logs (test/real/fixtures/software/DOCUMENTED.md §1–3). The view says so.
 *
 * Passwords: each program's own masking — lftp, tnftp and inetutils print `PASS XXXX`
 * (lftp ftpclass.cc SendCmd2, tnftp/BSD ftp.c command()), ftplib, FileZilla and WinSCP one `*` per
 * character (ftplib.FTP.sanitize, FileZilla ftpcontrolsocket.cpp, WinSCP
 * CFtpControlSocket::ShowStatus), ftp.exe echoes no command at all. curl `-v` prints the password
 * as sent (lib/pingpong.c Curl_pp_vsendf hands the whole line to Curl_debug): the lab still never
 * puts a password on screen, so that line reads `PASS ****` and is marked `redacted`.
 */
import type { Endpoint } from "../net/addresses";
import { connectionsOf } from "../trace/connections";
import type { HostId, ModeCommand, TraceEvent } from "../trace/events";
import type { Trace } from "../trace/trace";
import type { ClientProfile, LogStyle } from "./client-profile";
import { clientProfile } from "./profiles";
import { noteRole, type NoteRole } from "./client-notes";

/**
 * sent: a command as the program echoes it; received: a reply line; data: what arrived on a data
 * connection and the program prints (a listing on a console client); note: the program's own
 * remark; error: its complaint or failure.
 */
export type ProgramLogKind = "sent" | "received" | "data" | "note" | "error";

export interface ProgramLogLine {
  readonly text: string;
  /** The trace event the line comes from (index into trace.events): its step is when it appears. */
  readonly event: number;
  /** That event's virtual time, ms. */
  readonly t: number;
  readonly kind: ProgramLogKind;
  /** The program prints a password on this line (curl -v); the lab shows it masked. */
  readonly redacted?: true;
}

export interface ProgramLogOptions {
  /**
   * FileZilla's message log: "detailed" (the context menu's "Show detailed log", every
   * Command:/Response: line) or "abbreviated", FileZilla's default since 3.10: Command and
   * Response lines are dropped when a Status line follows, and shown only before an Error
   * (src/engine/engineprivate.cpp AddLogNotification; DOCUMENTED.md §1). Default "detailed".
   */
  readonly filezilla?: "detailed" | "abbreviated";
}

/** How the log is obtained from the real program, for a caption: "lftp -d (its debug log, on stderr)". */
export const LOG_SOURCE: Readonly<Record<LogStyle, string>> = {
  curl: "curl -v (stderr)",
  lftp: "lftp -d (its debug log, on stderr)",
  "bsd-ftp": "tnftp -d -v (the console)",
  "inetutils-ftp": "inetutils-ftp -d -v (the console)",
  ftplib: "ftp.set_debuglevel(2) (stdout)",
  filezilla: 'the message log, with "Show detailed log"',
  winscp: "the session log file",
  "windows-ftp": "the console (ftp.exe without -d)",
  console: "the lines typed at the console, and what came back",
};

/** The log of the trace's client program, line by line. */
export function programLog(trace: Trace, options: ProgramLogOptions = {}): ProgramLogLine[] {
  const profile = clientProfile(trace.scenario.client.software);
  const session = readSession(trace, profile);
  const lines = RENDERERS[profile.log](session);
  return profile.log === "filezilla" && options.filezilla === "abbreviated" ? abbreviateFileZilla(lines) : lines;
}

// ---------------------------------------------------------------------------------------------
// The session, read once into moments every renderer understands.

interface TransferInfo {
  readonly index: number;
  /** The transfer command as the scenario wrote it: "RETR hello.txt". */
  readonly command: string;
  readonly verb: string;
  /** Its argument ("hello.txt"), "" for none. */
  readonly arg: string;
}

/** Why the client's own data connect failed. */
type ConnectFailure = "timeout" | "refused" | "reset";

type Moment =
  | { readonly k: "control-connect"; readonly i: number; readonly to: Endpoint; readonly first: boolean }
  | { readonly k: "control-open"; readonly i: number; readonly remote: Endpoint }
  | { readonly k: "control-closed"; readonly i: number }
  | { readonly k: "command"; readonly i: number; readonly line: string; readonly verb: string }
  /** `to`: the verb of the command it answers (null: the greeting). */
  | { readonly k: "reply"; readonly i: number; readonly code: number; readonly lines: readonly string[]; readonly to: string | null }
  | { readonly k: "note"; readonly i: number; readonly text: string; readonly role: NoteRole }
  | { readonly k: "tls"; readonly i: number; readonly phase: "start" | "secure" }
  | { readonly k: "login"; readonly i: number; readonly ok: boolean; readonly reply: string | null }
  | { readonly k: "transfer-start"; readonly i: number; readonly transfer: TransferInfo }
  | {
      readonly k: "transfer-end";
      readonly i: number;
      readonly transfer: TransferInfo;
      readonly ok: boolean;
      readonly reply: number | null;
      /** The last reply the client saw, its lines. */
      readonly replyLines: readonly string[];
      /** Whether the transfer command got its 150 (or 125) first. */
      readonly started: boolean;
      readonly modeCommand: ModeCommand | null;
      readonly modeReply: number | null;
      readonly connectFailure: ConnectFailure | null;
      readonly bytes: number;
      /** The data connection's life (open to close), ms; null without one. */
      readonly dataMs: number | null;
    }
  /** The client dials a data connection (passive mode). */
  | { readonly k: "data-connect"; readonly i: number; readonly to: Endpoint; readonly transfer: TransferInfo | null }
  /** The client's end of a data connection is open; `initiator` "server" in active mode. */
  | { readonly k: "data-open"; readonly i: number; readonly remote: Endpoint; readonly initiator: HostId; readonly transfer: TransferInfo | null }
  | { readonly k: "data-in"; readonly i: number; readonly payload: string; readonly transfer: TransferInfo | null }
  | { readonly k: "data-out"; readonly i: number; readonly bytes: number; readonly transfer: TransferInfo | null }
  /** The client's end of an open data connection closed. */
  | { readonly k: "data-closed"; readonly i: number; readonly orderly: boolean; readonly transfer: TransferInfo | null }
  /** The client's data connect failed: its own timeout, the kernel's, or a refusal. */
  | { readonly k: "data-failed"; readonly i: number; readonly to: Endpoint; readonly reason: ConnectFailure; readonly waitedMs: number; readonly transfer: TransferInfo | null }
  /** Active mode: the client stopped waiting for the server's connection. */
  | { readonly k: "accept-timeout"; readonly i: number; readonly waitedMs: number }
  /** The client closed its active-mode listener. */
  | { readonly k: "unlisten"; readonly i: number }
  | { readonly k: "end"; readonly i: number };

interface Session {
  readonly trace: Trace;
  readonly profile: ClientProfile;
  readonly moments: readonly Moment[];
  /** The control connection's server address as the client dialled it. */
  readonly controlHost: string;
  readonly lastEvent: number;
}

function transferOf(command: string, index: number): TransferInfo {
  const space = command.indexOf(" ");
  const verb = (space < 0 ? command : command.slice(0, space)).toUpperCase();
  return { index, command, verb, arg: space < 0 ? "" : command.slice(space + 1) };
}

function lineSplit(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const verbOf = (line: string) => (line.split(" ")[0] ?? "").toUpperCase();

/** The lab's own remark on the client (sim/ftp/client-host.ts), not the program's: left out of its log. */
const isLabRemark = (text: string) => /^could not send \S+: the control connection is closed$/.test(text);

function readSession(trace: Trace, profile: ClientProfile): Session {
  const events = trace.events;
  const conns = connectionsOf(events);
  const moments: Moment[] = [];
  const transfers = new Map<number, TransferInfo>();
  const transferOfConn = (conn: number): TransferInfo | null => {
    const x = conns.get(conn)?.transfer;
    return x === null || x === undefined ? null : (transfers.get(x) ?? null);
  };
  const purposeOf = (conn: number) => conns.get(conn)?.purpose;
  const lastCommand = new Map<number, string>();
  let lastReply: { code: number; lines: string[] } | null = null;
  let firstControl = true;
  let controlHost = trace.scenario.server.ip;
  /** Client data connections: when they opened, whether they did, whether a timeout ended them. */
  const dataOpened = new Map<number, number>();
  const dataTimedOut = new Set<number>();
  const dataLife = new Map<number, number>();
  const startedTransfers = new Set<number>();
  const connectFailures = new Map<number, ConnectFailure>();

  events.forEach((e: TraceEvent, i) => {
    switch (e.type) {
      case "connect": {
        if (e.host !== "client") break;
        if (e.purpose === "control") {
          if (firstControl) controlHost = e.to.ip;
          moments.push({ k: "control-connect", i, to: e.to, first: firstControl });
          firstControl = false;
        } else moments.push({ k: "data-connect", i, to: e.to, transfer: transferOfConn(e.conn) });
        break;
      }
      case "established": {
        if (e.host !== "client") break;
        if (e.purpose === "control") moments.push({ k: "control-open", i, remote: e.remote });
        else {
          dataOpened.set(e.conn, e.t);
          moments.push({ k: "data-open", i, remote: e.remote, initiator: conns.get(e.conn)?.initiator ?? "client", transfer: transferOfConn(e.conn) });
        }
        break;
      }
      case "closed": {
        if (e.host !== "client") break;
        if (e.purpose === "control") {
          moments.push({ k: "control-closed", i });
          break;
        }
        const opened = dataOpened.get(e.conn);
        const transfer = transferOfConn(e.conn);
        if (opened !== undefined) {
          if (transfer) dataLife.set(transfer.index, e.t - opened);
          moments.push({ k: "data-closed", i, orderly: e.reason === "fin", transfer });
        } else if (!dataTimedOut.has(e.conn) && conns.get(e.conn)?.initiator === "client" && (e.reason === "timeout" || e.reason === "refused" || e.reason === "reset")) {
          // The kernel gave up (timeout) or the far end refused: no timer of the program's own.
          const info = conns.get(e.conn)!;
          const connectAt = events.findIndex((x) => x.type === "connect" && x.conn === e.conn);
          const reason: ConnectFailure = e.reason;
          if (transfer) connectFailures.set(transfer.index, reason);
          moments.push({ k: "data-failed", i, to: info.to, reason, waitedMs: e.t - (events[connectAt]?.t ?? e.t), transfer });
        }
        break;
      }
      case "timeout": {
        if (e.host !== "client") break;
        if (e.what === "accept") {
          moments.push({ k: "accept-timeout", i, waitedMs: e.t - e.since });
          break;
        }
        if (e.conn === null || purposeOf(e.conn) !== "data") break;
        dataTimedOut.add(e.conn);
        const transfer = transferOfConn(e.conn);
        if (transfer) connectFailures.set(transfer.index, "timeout");
        moments.push({ k: "data-failed", i, to: e.socket, reason: "timeout", waitedMs: e.t - e.since, transfer });
        break;
      }
      case "unlisten":
        if (e.host === "client") moments.push({ k: "unlisten", i });
        break;
      case "deliver": {
        if (e.node !== "client" || e.packet.payload.length === 0 || purposeOf(e.packet.conn) !== "data") break;
        if (e.packet.encrypted) break;
        moments.push({ k: "data-in", i, payload: e.packet.payload, transfer: transferOfConn(e.packet.conn) });
        break;
      }
      case "send": {
        if (e.node !== "client" || e.packet.payload.length === 0 || e.packet.attempt > 0 || purposeOf(e.packet.conn) !== "data") break;
        moments.push({ k: "data-out", i, bytes: e.packet.payload.length, transfer: transferOfConn(e.packet.conn) });
        break;
      }
      case "command": {
        const verb = verbOf(e.line);
        lastCommand.set(e.conn, verb);
        moments.push({ k: "command", i, line: e.line, verb });
        break;
      }
      case "reply": {
        const lines = lineSplit(e.text);
        lastReply = { code: e.code, lines };
        if (e.code === 150 || e.code === 125) {
          const open = [...transfers.values()].at(-1);
          if (open) startedTransfers.add(open.index);
        }
        moments.push({ k: "reply", i, code: e.code, lines, to: lastCommand.get(e.conn) ?? null });
        break;
      }
      case "note": {
        if (e.host !== "client" || isLabRemark(e.text)) break;
        moments.push({ k: "note", i, text: e.text, role: noteRole(e.text, profile) });
        break;
      }
      case "tls":
        if (e.host === "client" && purposeOf(e.conn) === "control") moments.push({ k: "tls", i, phase: e.phase });
        break;
      case "login":
        moments.push({ k: "login", i, ok: e.result === "ok", reply: e.result === "failed" && lastReply ? lastReply.lines.join("\n") : null });
        break;
      case "transfer-start": {
        const transfer = transferOf(e.command, e.index);
        transfers.set(e.index, transfer);
        moments.push({ k: "transfer-start", i, transfer });
        break;
      }
      case "transfer-end": {
        const transfer = transfers.get(e.index) ?? transferOf(e.command, e.index);
        moments.push({
          k: "transfer-end",
          i,
          transfer,
          ok: e.result === "ok",
          reply: e.reply,
          replyLines: lastReply?.lines ?? [],
          started: startedTransfers.has(e.index),
          modeCommand: e.modeCommand,
          modeReply: e.modeReply,
          connectFailure: connectFailures.get(e.index) ?? null,
          bytes: e.bytes,
          dataMs: dataLife.get(e.index) ?? null,
        });
        break;
      }
      case "session-end":
        moments.push({ k: "end", i });
        break;
      default:
        break;
    }
  });
  return { trace, profile, moments, controlHost, lastEvent: events.length - 1 };
}

/** Collects lines, each stamped with its event's time. */
class Out {
  readonly lines: ProgramLogLine[] = [];
  constructor(private readonly events: readonly TraceEvent[]) {}
  add(i: number, kind: ProgramLogKind, text: string, redacted = false): void {
    const line: ProgramLogLine = { text, event: i, t: this.events[i]?.t ?? 0, kind };
    this.lines.push(redacted ? { ...line, redacted: true } : line);
  }
}

const isDownload = (t: TransferInfo | null) => t !== null && (t.verb === "LIST" || t.verb === "NLST" || t.verb === "RETR" || t.verb === "MLSD");
const isUpload = (t: TransferInfo | null) => t !== null && (t.verb === "STOR" || t.verb === "APPE" || t.verb === "STOU");
const isListing = (t: TransferInfo | null) => t !== null && (t.verb === "LIST" || t.verb === "NLST" || t.verb === "MLSD");
/** The path in a 257 reply: `257 "/" is the current directory` → "/". */
const pwdPath = (line: string) => /^257[ -]"((?:[^"]|"")*)"/.exec(line)?.[1]?.replace(/""/g, '"') ?? null;
/** The file size a 150 reply announces (vsftpd: "… for hello.txt (12 bytes)."). */
const announcedSize = (line: string) => /\((\d+) bytes\)/.exec(line)?.[1] ?? null;
/** The address of a 227 reply: "10.99.2.20". */
const pasvIp = (line: string) => {
  const m = /(\d+),(\d+),(\d+),(\d+),\d+,\d+/.exec(line);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : null;
};
/** The data lines a console client prints for a listing: the payload's lines, without CRs. */
const listingLines = (payload: string) => lineSplit(payload).filter((l, n, all) => !(l === "" && n === all.length - 1));
/** A command as a console client echoes it after its prompt, the password masked its way. */
const echoed = (m: { readonly line: string; readonly verb: string }, prompt: string, mask: string) => (m.verb === "PASS" ? `${prompt}PASS ${mask}` : `${prompt}${m.line}`);
const errnoText: Record<ConnectFailure, string> = { timeout: "Connection timed out", refused: "Connection refused", reset: "Connection reset by peer" };

// ---------------------------------------------------------------------------------------------
// curl 7.88.1 -v. `*   Trying ip:21...`, `* Connected to ip (ip) port 21 (#0)`, `> CMD`, `< reply`,
// `* Entry path is '/'`, `* Connect data stream passively|actively`, `* Skip … re-use … instead`,
// `* Connecting to ip (ip) port N`, `* Maxdownload = -1`, `* Getting file with size: N`,
// `{ [N bytes data]` / `} [N bytes data]`, `* We are completely uploaded and fine`, `* RETR response: 425`,
// `* Failed to connect to ip port 21 after N ms: Couldn't connect to server`, `* Closing connection 0`,
// `curl: (28) …`: the reference transcripts (open--LIST-epsv, open--RETR-pasv, open--STOR-epsv,
// open--LIST-port, cli-fw--LIST-eprt, srv-fw-21--LIST-epsv). The data connection's "Connected to"
// names the control connection (port 21, #0): curl 7.88 does, as recorded. The failf() texts and
// exit codes of the other failures are lib/ftp.c's (7.88): "Failed to do PORT" (30), "Bad PASV/EPSV
// response: %03d" (13), "Failed FTP upload: %0d" (25), "server did not report OK, got %d" (18),
// "Accept timeout occurred while waiting server connect" (12), "Access denied: %03d" (67),
// "server response timeout" (28, lib/pingpong.c). Left out: curl's internal lines ("ftp_perform
// ends with SECONDARY", "sa_addr inet_ntop() failed", "Remembering we are in dir").

function renderCurl(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  const ignore227 = s.trace.scenario.client.pasvAddress === "ignore";
  let failure: { code: number; text: string } | null = null;
  const fail = (i: number, code: number, text: string) => {
    out.add(i, "error", `* ${text}`);
    failure ??= { code, text };
  };
  let connectedHost = s.controlHost;
  let quitSent = false;
  let size: string | null = null;
  for (const m of s.moments) {
    switch (m.k) {
      case "control-connect":
        connectedHost = m.to.ip;
        out.add(m.i, "note", `*   Trying ${m.to.ip}:${m.to.port}...`);
        break;
      case "control-open":
        out.add(m.i, "note", `* Connected to ${connectedHost} (${connectedHost}) port ${m.remote.port} (#0)`);
        break;
      case "command":
        if (m.verb === "QUIT") quitSent = true;
        if (m.verb === "PASS") out.add(m.i, "sent", "> PASS ****", true);
        else out.add(m.i, "sent", `> ${m.line}`);
        if (m.verb === "PASV" || m.verb === "EPSV") out.add(m.i, "note", "* Connect data stream passively");
        break;
      case "reply": {
        for (const l of m.lines) out.add(m.i, "received", `< ${l}`);
        const first = m.lines[0] ?? "";
        if (m.to === "PWD" && m.code === 257) {
          const p = pwdPath(first);
          if (p !== null) out.add(m.i, "note", `* Entry path is '${p}'`);
        }
        if ((m.to === "PORT" || m.to === "EPRT") && m.code >= 200 && m.code < 300) out.add(m.i, "note", "* Connect data stream actively");
        if (m.to === "PASV" && m.code === 227 && ignore227) {
          const ip = pasvIp(first);
          if (ip) out.add(m.i, "note", `* Skip ${ip} for data connection, re-use ${s.controlHost} instead`);
        }
        if (m.to === "SIZE" && m.code === 213) size = first.slice(4).trim();
        if (m.code === 150 && (m.to === "LIST" || m.to === "NLST" || m.to === "RETR")) {
          out.add(m.i, "note", "* Maxdownload = -1");
          const n = announcedSize(first) ?? (m.to === "RETR" ? size : null);
          if (m.to === "RETR" && n !== null) out.add(m.i, "note", `* Getting file with size: ${n}`);
        }
        break;
      }
      case "note":
        if (m.role === "epsv-off") out.add(m.i, "note", "* Failed EPSV attempt. Disabling EPSV");
        else if (m.role === "eprt-off") out.add(m.i, "note", "* disabling EPRT usage");
        else if (m.role === "silence") fail(m.i, 28, "server response timeout");
        else out.add(m.i, "note", `* ${m.text}`);
        break;
      case "data-connect":
        out.add(m.i, "note", `* Connecting to ${m.to.ip} (${m.to.ip}) port ${m.to.port}`);
        out.add(m.i, "note", `*   Trying ${m.to.ip}:${m.to.port}...`);
        break;
      case "data-open":
        if (m.initiator === "client") out.add(m.i, "note", `* Connected to ${s.controlHost} (${s.controlHost}) port 21 (#0)`);
        else out.add(m.i, "note", "* Connection accepted from server");
        break;
      case "data-in":
        out.add(m.i, "data", `{ [${m.payload.length} bytes data]`);
        break;
      case "data-out":
        out.add(m.i, "data", `} [${m.bytes} bytes data]`);
        break;
      case "data-closed":
        if (isUpload(m.transfer) && m.orderly) out.add(m.i, "note", "* We are completely uploaded and fine");
        break;
      case "data-failed":
        fail(m.i, m.reason === "timeout" ? 28 : 7, `Failed to connect to ${s.controlHost} port 21 after ${m.waitedMs} ms: Couldn't connect to server`);
        break;
      case "accept-timeout":
        fail(m.i, 12, "Accept timeout occurred while waiting server connect");
        break;
      case "login":
        if (!m.ok) fail(m.i, 67, `Access denied: ${(m.reply ?? "530").slice(0, 3)}`);
        break;
      case "transfer-end": {
        size = null;
        if (m.ok || m.connectFailure !== null || m.reply === null) break;
        const code = String(m.reply).padStart(3, "0");
        if (m.modeReply !== null && m.modeReply >= 400 && (m.modeCommand === "PORT" || m.modeCommand === "EPRT")) fail(m.i, 30, "Failed to do PORT");
        else if (m.modeReply !== null && m.modeReply >= 400) fail(m.i, 13, `Bad PASV/EPSV response: ${m.modeReply}`);
        else if (isUpload(m.transfer)) fail(m.i, 25, `Failed FTP upload: ${m.reply}`);
        else if (m.started) fail(m.i, 18, `server did not report OK, got ${m.reply}`);
        else fail(m.i, m.transfer.verb === "RETR" && m.reply === 550 ? 78 : 19, `RETR response: ${code}`);
        break;
      }
      case "control-closed":
        out.add(m.i, "note", quitSent ? "* Closing connection 0" : `* Connection #0 to host ${s.controlHost} left intact`);
        break;
      case "end": {
        const f = failure as { code: number; text: string } | null;
        if (f) out.add(m.i, "error", `curl: (${f.code}) ${f.text}`);
        break;
      }
      default:
        break;
    }
  }
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// lftp 4.9.2 -d (stderr): `---> ` sent, `<--- ` every reply line (continuations keep their leading
// space: `<---  EPRT`), `---- ` its notes, `**** ` its errors, `ls: Fatal error: …` the command's
// complaint. Every line below is word for word from test/real/fixtures/software/clients/lftp--*.log:
// the resolver lines and "Connecting to X (X) port 21" (every log), "Connecting data socket to (X)
// port N" / "Data connection established" / "Got EOF on data connection" / "Closing data socket"
// (lftp--open-passive.log), "Accepted data connection from (X) port 20" (lftp--open-active.log),
// "Switching passive mode on" and "Closing aborted data socket" (lftp--client-nat-active.log),
// "Address returned by PASV seemed to be incorrect and has been fixed"
// (lftp--server-nat-private-227.log), "**** Timeout - reconnecting" and "ls: Fatal error: max-retries
// exceeded" (…--driver.log), "**** Data socket error (Connection timed out) - reconnecting"
// (lftp--server-control-only-passive.log). The lab's lftp gives up after the first failure as
// `net:max-retries` does, so the "reconnecting" is followed by the fatal error, as the driver logs
// show on their last try. "Access failed: … (file)" for a refused transfer command and "Login
// failed" are lftp's wording for those (ftpclass.cc), not recorded here. Not modelled, so not
// printed: the LIST and ABOR lftp sends on a dead active attempt before it reconnects.

/** lftp's command for a transfer verb: the `ls` of "ls: Fatal error". */
const LFTP_COMMAND: Record<string, string> = { LIST: "ls", NLST: "nlist", RETR: "get", STOR: "put", APPE: "put" };

function renderLftp(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  let refusedAnnouncement = false;
  let abortedListener = false;
  let lastCommandName = "ls";
  for (const m of s.moments) {
    switch (m.k) {
      case "control-connect":
        if (m.first) {
          out.add(m.i, "note", "---- Resolving host address...");
          out.add(m.i, "note", "---- IPv6 is not supported or configured");
          out.add(m.i, "note", `---- 1 address found: ${m.to.ip}`);
        }
        out.add(m.i, "note", `---- Connecting to ${m.to.ip} (${m.to.ip}) port ${m.to.port}`);
        break;
      case "command":
        out.add(m.i, "sent", echoed(m, "---> ", "XXXX"));
        break;
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", `<--- ${l}`);
        refusedAnnouncement = (m.to === "PORT" || m.to === "EPRT") && m.code >= 500;
        // lftp closes its listener after the server's 425 (lftp--client-stateful-active--driver.log).
        if (m.code === 425) out.add(m.i, "note", "---- Closing data socket");
        break;
      case "note":
        if (m.role === "silence") out.add(m.i, "error", `**** ${m.text}`);
        else out.add(m.i, "note", `---- ${m.text}`);
        break;
      case "data-connect":
        out.add(m.i, "note", `---- Connecting data socket to (${m.to.ip}) port ${m.to.port}`);
        break;
      case "data-open":
        if (m.initiator === "client") out.add(m.i, "note", "---- Data connection established");
        else out.add(m.i, "note", `---- Accepted data connection from (${m.remote.ip}) port ${m.remote.port}`);
        break;
      case "data-closed":
        if (isDownload(m.transfer) && m.orderly) out.add(m.i, "note", "---- Got EOF on data connection");
        out.add(m.i, "note", "---- Closing data socket");
        break;
      case "data-failed":
        out.add(m.i, "error", `**** Data socket error (${errnoText[m.reason]}) - reconnecting`);
        break;
      case "unlisten":
        // After a refused PORT the listener stays until lftp aborts the attempt and closes the control connection.
        if (refusedAnnouncement) abortedListener = true;
        break;
      case "control-closed":
        if (abortedListener) out.add(m.i, "note", "---- Closing aborted data socket");
        abortedListener = false;
        out.add(m.i, "note", "---- Closing control socket");
        break;
      case "transfer-start":
        lastCommandName = LFTP_COMMAND[m.transfer.verb] ?? m.transfer.verb.toLowerCase();
        break;
      case "login":
        if (!m.ok) out.add(m.i, "error", `${lastCommandName}: Login failed: ${(m.reply ?? "").split("\n")[0]}`);
        break;
      case "transfer-end": {
        if (m.ok) break;
        const name = LFTP_COMMAND[m.transfer.verb] ?? m.transfer.verb.toLowerCase();
        const last = m.replyLines.join(" ");
        const refusedCommand = m.reply !== null && m.reply >= 500 && (m.modeReply === null || m.modeReply < 400);
        if (refusedCommand) out.add(m.i, "error", `${name}: Access failed: ${last}${m.transfer.arg ? ` (${m.transfer.arg})` : ""}`);
        else out.add(m.i, "error", `${name}: Fatal error: max-retries exceeded${m.reply !== null && m.reply >= 500 ? ` (${last})` : ""}`);
        break;
      }
      default:
        break;
    }
  }
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// tnftp 20210827 -d -v (bsd-ftp) and GNU inetutils ftp 2.4 -d -v: replies verbatim, `---> CMD` for
// what it sends (`PASS XXXX`), its notes bare. From test/real/fixtures/software/clients:
// tnftp: "Connected to X.", "Remote system type is UNIX.", "Using binary mode to transfer files.",
// the features[…] lines after FEAT, "Passive mode: off; fallback to active mode: off." (its
// `passive off`), "EPSV/EPRT on IPv4 off." (`epsv4 off`), "local: F remote: F" before get/put,
// "disabling epsv4 for this connection", "Passive mode address mismatch.", a 229 and an EPRT's 200
// printed twice (the -d echo of the reply it parsed: bsd-ftp--open-passive.log,
// bsd-ftp--open-active--retr.log; a 227 or PORT's 200 once), the listing on stdout,
// "12 bytes received in 00:00 (25.86 KiB/s)", "tnftp: Can't connect to `X:N': Connection timed out"
// (bsd-ftp--server-control-only-passive.log), "tnftp: Can't bind for data connection: Address
// already in use" after the last refused announcement (bsd-ftp--client-nat-active.log).
// inetutils: "Connected to X.", "Use of EPRT/EPSV for IPv4: on." (`epsv4`), "Passive mode address
// mismatch.", "ftp: connect: Connection timed out", "inetutils-ftp: bind: Address already in use"
// (inetutils-ftp--client-nat-active.log), "12 bytes received in 0.000181 seconds (64.7 kbytes/s)".
// "Login failed." is both programs' words for a refused login (BSD ftp's login()), not recorded here.

/** tnftp's transfer time: mm:ss (ptransfer() in progressbar.c). */
function mmss(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** C's %.<p>g: inetutils prints its seconds with %g and its rate with %.3g. */
export function formatG(x: number, precision = 6): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(x)));
  const p = Math.max(1, precision);
  if (exp < -4 || exp >= p) {
    const [mant, e] = x.toExponential(p - 1).split("e");
    const m = mant!.includes(".") ? mant!.replace(/\.?0+$/, "") : mant!;
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, p - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

const FEATURES = ["FEAT", "MDTM", "MLST", "REST STREAM", "SIZE", "TVFS"] as const;

function renderConsoleFtp(s: Session, program: "bsd-ftp" | "inetutils-ftp"): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  const bsd = program === "bsd-ftp";
  const scenario = s.trace.scenario;
  const name = bsd ? "tnftp" : "inetutils-ftp";
  let settingsSaid = false;
  for (const m of s.moments) {
    switch (m.k) {
      case "control-open":
        out.add(m.i, "note", `Connected to ${s.controlHost}.`);
        break;
      case "command":
        out.add(m.i, "sent", echoed(m, "---> ", "XXXX"));
        break;
      case "reply": {
        const twice = bsd && (m.code === 229 || (m.to === "EPRT" && m.code === 200));
        for (const l of m.lines) out.add(m.i, "received", l);
        if (twice) for (const l of m.lines) out.add(m.i, "received", l);
        const first = m.lines[0] ?? "";
        if (bsd && m.to === "SYST" && m.code === 215) {
          const type = /^215 (\S+)/.exec(first)?.[1] ?? "UNKNOWN";
          out.add(m.i, "note", `Remote system type is ${type}.`);
          if (/^215 UNIX Type: L8/.test(first)) out.add(m.i, "note", "Using binary mode to transfer files.");
        }
        if (bsd && m.to === "FEAT" && m.code === 211) {
          const listed = new Set(m.lines.slice(1, -1).map((l) => l.trim().toUpperCase()));
          for (const f of FEATURES) {
            const on = f === "FEAT" || listed.has(f) || (f === "MLST" && [...listed].some((l) => l.startsWith("MLST")));
            out.add(m.i, "note", `features[FEAT_${f.replace(" ", "_")}] = ${on ? 1 : 0}`);
          }
        }
        break;
      }
      case "note":
        if (m.role === "silence") out.add(m.i, "error", m.text);
        else out.add(m.i, "note", m.text);
        break;
      case "transfer-start": {
        if (!settingsSaid) {
          settingsSaid = true;
          // What the user's settings commands answered before the first transfer (the fixtures' runs).
          const defaults = s.profile.defaults;
          if (bsd && scenario.client.mode !== defaults.mode && scenario.client.mode === "active") out.add(m.i, "note", "Passive mode: off; fallback to active mode: off.");
          if (bsd && scenario.client.extended !== defaults.extended && !scenario.client.extended) out.add(m.i, "note", "EPSV/EPRT on IPv4 off.");
          if (!bsd && scenario.client.extended !== defaults.extended && scenario.client.extended) out.add(m.i, "note", "Use of EPRT/EPSV for IPv4: on.");
        }
        const file = m.transfer.arg;
        if (bsd && file && (m.transfer.verb === "RETR" || isUpload(m.transfer))) {
          const base = file.split("/").at(-1) ?? file;
          out.add(m.i, "note", `local: ${base} remote: ${file}`);
        }
        break;
      }
      case "data-in":
        if (isListing(m.transfer)) for (const l of listingLines(m.payload)) out.add(m.i, "data", l);
        break;
      case "data-failed":
        if (bsd) out.add(m.i, "error", `tnftp: Can't connect to \`${m.to.ip}:${m.to.port}': ${errnoText[m.reason]}`);
        else out.add(m.i, "error", `ftp: connect: ${errnoText[m.reason]}`);
        break;
      case "login":
        if (!m.ok) out.add(m.i, "error", "Login failed.");
        break;
      case "transfer-end": {
        if (!m.ok) {
          if (m.modeReply !== null && m.modeReply >= 500 && (m.modeCommand === "PORT" || m.modeCommand === "EPRT")) {
            out.add(m.i, "error", bsd ? `${name}: Can't bind for data connection: Address already in use` : `${name}: bind: Address already in use`);
          }
          break;
        }
        if (isListing(m.transfer)) break;
        const ms = Math.max(1, m.dataMs ?? 1);
        const dir = isUpload(m.transfer) ? "sent" : "received";
        if (bsd) out.add(m.i, "note", `${m.bytes} bytes ${dir} in ${mmss(ms)} (${(m.bytes / 1024 / (ms / 1000)).toFixed(2)} KiB/s)`);
        else out.add(m.i, "note", `${m.bytes} bytes ${dir} in ${formatG(ms / 1000)} seconds (${formatG(m.bytes / 1024 / (ms / 1000), 3)} kbytes/s)`);
        break;
      }
      default:
        break;
    }
  }
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// Python 3.11 ftplib, set_debuglevel(2): `*cmd* 'PASV'` (putcmd), `*put* 'PASV\r\n'` (putline),
// `*get* '227 …\n'` per line read (getline: the file is read in text mode, so \r\n arrives as \n),
// `*resp* '…'` the whole reply (getresp; multi-line joined with \n). Each is repr() of the
// sanitize()d string: PASS shows one * per character. A failure is an exception; its last line as
// Python prints it: `ftplib.error_temp: 425 …` (4xx), `ftplib.error_perm: 500 …` (5xx),
// `TimeoutError: [Errno 110] Connection timed out` (a connect the kernel gave up), word for word from
// ftplib--client-stateful-active.log, ftplib--client-nat-active.log, CLIENTS.md. The traceback's
// frames above it are left out, and so are the lines the recording script printed itself. The
// lab's script calls quit() after the exception (the QUIT that follows in the trace).

/** Python's repr() of a str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let body = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") body += "\\\\";
    else if (ch === quote) body += `\\${quote}`;
    else if (ch === "\n") body += "\\n";
    else if (ch === "\r") body += "\\r";
    else if (ch === "\t") body += "\\t";
    else if (c < 0x20 || c === 0x7f) body += `\\x${c.toString(16).padStart(2, "0")}`;
    else body += ch;
  }
  return `${quote}${body}${quote}`;
}

/** ftplib.FTP.sanitize: a PASS line keeps its length, as stars. */
function pySanitize(line: string): string {
  if (/^pass /i.test(line)) {
    const bare = line.replace(/[\r\n]+$/, "");
    return line.slice(0, 5) + "*".repeat(bare.length - 5) + line.slice(bare.length);
  }
  return line;
}

function renderFtplib(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  for (const m of s.moments) {
    switch (m.k) {
      case "command":
        out.add(m.i, "sent", `*cmd* ${pyRepr(pySanitize(m.line))}`);
        out.add(m.i, "sent", `*put* ${pyRepr(pySanitize(`${m.line}\r\n`))}`);
        break;
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", `*get* ${pyRepr(`${l}\n`)}`);
        out.add(m.i, "received", `*resp* ${pyRepr(m.lines.join("\n"))}`);
        break;
      case "note":
        // ftplib has no words of its own but its exceptions (messages.silence is one).
        out.add(m.i, "error", m.text);
        break;
      case "login":
        if (!m.ok && m.reply) out.add(m.i, "error", `ftplib.${m.reply.startsWith("4") ? "error_temp" : "error_perm"}: ${m.reply}`);
        break;
      case "transfer-end": {
        if (m.ok) break;
        if (m.connectFailure === "timeout") out.add(m.i, "error", "TimeoutError: [Errno 110] Connection timed out");
        else if (m.connectFailure === "refused") out.add(m.i, "error", "ConnectionRefusedError: [Errno 111] Connection refused");
        else if (m.reply !== null && m.reply >= 400) {
          const cls = m.reply < 500 ? "error_temp" : "error_perm";
          out.add(m.i, "error", `ftplib.${cls}: ${m.replyLines.join("\n")}`);
        } else if (m.reply !== null && m.reply < 400 && m.reply >= 100 && !m.started) out.add(m.i, "error", `ftplib.error_reply: ${m.replyLines.join("\n")}`);
        break;
      }
      default:
        break;
    }
  }
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// FileZilla 3.62's message log, detailed ("Show detailed log"): `Status:\t`, `Command:\t`,
// `Response:\t`, `Error:\t` (src/interface/StatusView.cpp; the tab after the prefix as in the user
// logs of DOCUMENTED.md §1). Status texts: "Connecting to X:21...", "Connection established, waiting
// for welcome message...", "Plain FTP is insecure. Please switch to FTP over TLS." (plain FTP
// chosen), "Initializing TLS...", "TLS connection established.", "Logged in", "Retrieving directory
// listing...", the unroutable-227 remark, `Directory listing of "/" successful`, "Starting download
// of /F", "File transfer successful, transferred N bytes in S second(s)", "Disconnected from
// server"; Errors: "Connection timed out after 20 seconds of inactivity", "The data connection could
// not be established: ETIMEDOUT - Connection attempt timed out" (libfilezilla socket_errors.cpp),
// "Failed to retrieve directory listing", "File transfer failed" (controlsocket.cpp). PASS shows one
// * per character (ftpcontrolsocket.cpp). The fallback to the other mode is silent.
// Abbreviated (FileZilla's default): see abbreviateFileZilla.

const FZ_LOGIN_VERBS = new Set(["USER", "PASS", "ACCT", "AUTH", "SYST", "FEAT", "CLNT", "OPTS", "PBSZ", "PROT"]);
const FZ_ERRNO: Record<ConnectFailure, string> = {
  timeout: "ETIMEDOUT - Connection attempt timed out",
  refused: "ECONNREFUSED - Connection refused by server",
  reset: "ECONNRESET - Connection reset by peer",
};

const seconds = (ms: number) => {
  const n = Math.max(1, Math.round(ms / 1000));
  return `${n} ${n === 1 ? "second" : "seconds"}`;
};
/** "1,234 bytes", as FileZilla's size format writes a byte count (thousands separated, no unit prefix). */
const bytesWord = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} ${n === 1 ? "byte" : "bytes"}`;

function renderFileZilla(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  const status = (i: number, text: string) => out.add(i, "note", `Status:\t${text}`);
  const error = (i: number, text: string) => out.add(i, "error", `Error:\t${text}`);
  const tls = s.trace.scenario.tls;
  let greeted = false;
  let loggedIn = false;
  let saidLoggedIn = false;
  let cwd = "/";
  const announced = new Set<number>();
  const ms = s.moments;
  const opStatus = (t: TransferInfo) => {
    if (isListing(t)) return "Retrieving directory listing...";
    const path = t.arg.startsWith("/") ? t.arg : `${cwd.replace(/\/$/, "")}/${t.arg}`;
    return t.verb === "RETR" ? `Starting download of ${path}` : `Starting upload of ${t.arg}`;
  };
  /** The transfer whose operation begins with this PWD (FileZilla's list and transfer ops ask PWD first). */
  const opOfPwd = (at: number): TransferInfo | null => {
    for (let j = at + 1; j < ms.length; j++) {
      const n = ms[j]!;
      if (n.k === "transfer-start") return n.transfer;
      if (n.k === "command") return null;
    }
    return null;
  };
  ms.forEach((m, at) => {
    switch (m.k) {
      case "control-connect":
        greeted = false;
        status(m.i, `Connecting to ${m.to.ip}:${m.to.port}...`);
        break;
      case "control-open":
        status(m.i, "Connection established, waiting for welcome message...");
        break;
      case "tls":
        status(m.i, m.phase === "start" ? "Initializing TLS..." : "TLS connection established.");
        break;
      case "command": {
        if (loggedIn && !saidLoggedIn && !FZ_LOGIN_VERBS.has(m.verb)) {
          saidLoggedIn = true;
          status(m.i, "Logged in");
        }
        if (m.verb === "PWD") {
          const t = opOfPwd(at);
          if (t && !announced.has(t.index)) {
            announced.add(t.index);
            status(m.i, opStatus(t));
          }
        }
        out.add(m.i, "sent", `Command:\t${m.verb === "PASS" ? `PASS ${"*".repeat(Math.max(0, m.line.length - 5))}` : m.line}`);
        break;
      }
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", `Response:\t${l}`);
        if (!greeted && m.to === null) {
          greeted = true;
          if (!tls) status(m.i, "Plain FTP is insecure. Please switch to FTP over TLS.");
        }
        if (m.to === "PWD" && m.code === 257) cwd = pwdPath(m.lines[0] ?? "") ?? cwd;
        break;
      case "login":
        if (m.ok) loggedIn = true;
        else error(m.i, "Critical error: Could not connect to server");
        break;
      case "note":
        if (m.role === "silence") error(m.i, m.text);
        else status(m.i, m.text);
        break;
      case "transfer-start":
        if (!saidLoggedIn && loggedIn) {
          saidLoggedIn = true;
          status(m.i, "Logged in");
        }
        if (!announced.has(m.transfer.index)) {
          announced.add(m.transfer.index);
          status(m.i, opStatus(m.transfer));
        }
        break;
      case "data-failed":
        error(m.i, `The data connection could not be established: ${FZ_ERRNO[m.reason]}`);
        break;
      case "transfer-end":
        if (m.ok) status(m.i, isListing(m.transfer) ? `Directory listing of "${cwd}" successful` : `File transfer successful, transferred ${bytesWord(m.bytes)} in ${seconds(m.dataMs ?? 0)}`);
        else error(m.i, isListing(m.transfer) ? "Failed to retrieve directory listing" : "File transfer failed");
        break;
      case "control-closed":
        status(m.i, "Disconnected from server");
        break;
      default:
        break;
    }
  });
  return out.lines;
}

/**
 * FileZilla's default, abbreviated message log (since 3.10.0-beta1): Command and Response lines
 * wait in a queue; a Status line drops them, an Error line prints them first
 * (src/engine/engineprivate.cpp AddLogNotification, DOCUMENTED.md §1 and the user logs there).
 */
export function abbreviateFileZilla(lines: readonly ProgramLogLine[]): ProgramLogLine[] {
  const shown: ProgramLogLine[] = [];
  let queued: ProgramLogLine[] = [];
  for (const l of lines) {
    if (l.text.startsWith("Command:\t") || l.text.startsWith("Response:\t")) queued.push(l);
    else if (l.text.startsWith("Error:\t")) {
      shown.push(...queued, l);
      queued = [];
    } else {
      queued = [];
      shown.push(l);
    }
  }
  return shown;
}

// ---------------------------------------------------------------------------------------------
// WinSCP's session log (file): a mark, a timestamp "yyyy-mm-dd hh:nn:ss.zzz" and the text; `>` a
// command sent, `<` a reply line, `.` a message (source/core/SessionInfo.cpp LogLineMarks,
// DoAddToSelf; the Far-NetBox log in DOCUMENTED.md §2). Messages: "Connecting to %s ...",
// "Connected with %s. Waiting for welcome message...", "Retrieving directory listing...",
// "Directory listing successful", "Could not retrieve directory listing", "Starting download of %s",
// "Download successful", "Starting upload of %s", "Upload successful", "Transfer channel can't be
// opened. Reason: %s", "Timeout detected." "(data connection)", "Disconnected from server"
// (source/resource/TextsFileZilla.rc); "Connecting to ip:port ..." and "Data connection closed" for
// the data connection and PASS masked with one * per character (Far-NetBox log;
// CFtpControlSocket::ShowStatus). The reason for a failed connect is Windows' text for WSAETIMEDOUT
// or WSAECONNREFUSED. Timestamps: the simulated time counted from a fixed epoch, 2026-12-05
// 20:31:00.000 (the day the lab's real sessions were recorded), so the log is the same every run.

const WINSCP_EPOCH_MS = Date.UTC(2026, 11, 5, 20, 31, 0, 0);
const WSA_TEXT: Record<ConnectFailure, string> = {
  timeout:
    "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.",
  refused: "No connection could be made because the target machine actively refused it.",
  reset: "An existing connection was forcibly closed by the remote host.",
};

export function winscpTimestamp(t: number): string {
  return new Date(WINSCP_EPOCH_MS + t).toISOString().replace("T", " ").replace("Z", "");
}

function renderWinScp(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  const ts = (i: number) => winscpTimestamp(s.trace.events[i]?.t ?? 0);
  const msg = (i: number, text: string, kind: ProgramLogKind = "note") => out.add(i, kind, `. ${ts(i)} ${text}`);
  let cwd = "/";
  for (const m of s.moments) {
    switch (m.k) {
      case "control-connect":
        msg(m.i, `Connecting to ${m.to.ip}${m.to.port === 21 ? "" : `:${m.to.port}`} ...`);
        break;
      case "control-open":
        msg(m.i, `Connected with ${s.controlHost}. Waiting for welcome message...`);
        break;
      case "command":
        out.add(m.i, "sent", `> ${ts(m.i)} ${m.verb === "PASS" ? `PASS ${"*".repeat(Math.max(0, m.line.length - 5))}` : m.line}`);
        break;
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", `< ${ts(m.i)} ${l}`);
        if (m.to === "PWD" && m.code === 257) cwd = pwdPath(m.lines[0] ?? "") ?? cwd;
        break;
      case "note":
        msg(m.i, m.text, m.role === "silence" ? "error" : "note");
        break;
      case "transfer-start": {
        const t = m.transfer;
        const path = t.arg.startsWith("/") ? t.arg : `${cwd.replace(/\/$/, "")}/${t.arg}`;
        msg(m.i, isListing(t) ? "Retrieving directory listing..." : t.verb === "RETR" ? `Starting download of ${path}` : `Starting upload of ${t.arg}`);
        break;
      }
      case "data-connect":
        msg(m.i, `Connecting to ${m.to.ip}:${m.to.port} ...`);
        break;
      case "data-closed":
        msg(m.i, "Data connection closed");
        break;
      case "data-failed":
        msg(m.i, `Transfer channel can't be opened. Reason: ${WSA_TEXT[m.reason]}`, "error");
        break;
      case "accept-timeout":
        msg(m.i, "Timeout detected. (data connection)", "error");
        break;
      case "transfer-end":
        if (m.ok) msg(m.i, isListing(m.transfer) ? "Directory listing successful" : m.transfer.verb === "RETR" ? "Download successful" : "Upload successful");
        else if (isListing(m.transfer)) msg(m.i, "Could not retrieve directory listing", "error");
        break;
      case "control-closed":
        msg(m.i, "Disconnected from server");
        break;
      default:
        break;
    }
  }
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// Windows ftp.exe's console, without -d (DOCUMENTED.md §3): it echoes no command; it prints
// "Connected to X.", every reply line verbatim, its prompts "User (X:(none)): " and "Password:",
// what the user types at "ftp> " (dir, get, put, binary, bye: the lab's scenario as typed), a
// listing's lines and, after a transfer, "ftp: N bytes received in S.SSSeconds K.KKKbytes/sec."
// (dummies.com's session; the format string itself is unconfirmed: the lab prints the seconds with
// two decimals and the rate as bytes per millisecond, which the recorded "45 bytes sent in
// 0.00Seconds 22.50Kbytes/sec." fits).

const FTP_EXE_COMMAND: Record<string, string> = { LIST: "dir", NLST: "ls", RETR: "get", STOR: "put", APPE: "append" };

function renderWindowsFtp(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  const user = s.trace.scenario.client.login?.name ?? s.trace.scenario.user.name;
  /** The TYPE I a transfer sends because the user said `binary` before `get`: shown before the transfer's own line. */
  const binaryOf = (at: number): number | null => {
    for (let j = at + 1; j < s.moments.length; j++) {
      const n = s.moments[j]!;
      if (n.k === "transfer-start" || n.k === "transfer-end") return null;
      if (n.k === "command") return /^TYPE I$/i.test(n.line) ? n.i : null;
    }
    return null;
  };
  const typedBinary = new Set<number>();
  s.moments.forEach((m, at) => {
    switch (m.k) {
      case "control-open":
        out.add(m.i, "note", `Connected to ${s.controlHost}.`);
        break;
      case "command":
        // Only what the user typed shows: the login prompts, and `binary` for a file transfer's TYPE I.
        if (m.verb === "USER") out.add(m.i, "note", `User (${s.controlHost}:(none)): ${user}`);
        else if (m.verb === "PASS") out.add(m.i, "note", "Password:");
        else if (m.verb === "TYPE" && /^TYPE I$/i.test(m.line) && !typedBinary.has(m.i)) out.add(m.i, "note", "ftp> binary");
        else if (m.verb === "QUIT") out.add(m.i, "note", "ftp> bye");
        break;
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", l);
        break;
      case "note":
        out.add(m.i, m.role === "silence" ? "error" : "note", m.text);
        break;
      case "transfer-start": {
        const binary = binaryOf(at);
        if (binary !== null) {
          typedBinary.add(binary);
          out.add(m.i, "note", "ftp> binary");
        }
        const word = FTP_EXE_COMMAND[m.transfer.verb] ?? `quote ${m.transfer.verb}`;
        out.add(m.i, "note", `ftp> ${word}${m.transfer.arg ? ` ${m.transfer.arg}` : ""}`);
        break;
      }
      case "data-in":
        if (isListing(m.transfer)) for (const l of listingLines(m.payload)) out.add(m.i, "data", l);
        break;
      case "login":
        if (!m.ok) out.add(m.i, "error", "Login failed.");
        break;
      case "transfer-end": {
        if (!m.ok) break;
        const ms = Math.max(1, m.dataMs ?? 1);
        const dir = isUpload(m.transfer) ? "sent" : "received";
        out.add(m.i, "note", `ftp: ${m.bytes} bytes ${dir} in ${(ms / 1000).toFixed(2)}Seconds ${(m.bytes / ms).toFixed(2)}Kbytes/sec.`);
        break;
      }
      default:
        break;
    }
  });
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// The console (sim/software/console.ts): no program prints anything, so this is the terminal the
// learner typed in — each line after an `ftp> ` prompt, the replies as they came, what the data
// helper received for a listing, and where its connection failed. A password is masked here too.

function renderTyped(s: Session): ProgramLogLine[] {
  const out = new Out(s.trace.events);
  for (const m of s.moments) {
    switch (m.k) {
      case "command":
        out.add(m.i, "sent", echoed(m, "ftp> ", "****"), m.verb === "PASS");
        break;
      case "reply":
        for (const l of m.lines) out.add(m.i, "received", l);
        break;
      case "control-open":
        out.add(m.i, "note", `Connected to ${s.controlHost}.`);
        break;
      case "note":
        out.add(m.i, "note", m.text);
        break;
      case "data-in":
        if (isListing(m.transfer)) for (const l of listingLines(m.payload)) out.add(m.i, "data", l);
        break;
      case "data-failed":
        out.add(m.i, "error", `data connection to ${m.to.ip}:${m.to.port}: ${errnoText[m.reason]}`);
        break;
      case "control-closed":
        out.add(m.i, "note", "Connection closed by foreign host.");
        break;
      default:
        break;
    }
  }
  return out.lines;
}

const RENDERERS: Readonly<Record<LogStyle, (s: Session) => ProgramLogLine[]>> = {
  curl: renderCurl,
  lftp: renderLftp,
  "bsd-ftp": (s) => renderConsoleFtp(s, "bsd-ftp"),
  "inetutils-ftp": (s) => renderConsoleFtp(s, "inetutils-ftp"),
  ftplib: renderFtplib,
  filezilla: renderFileZilla,
  winscp: renderWinScp,
  "windows-ftp": renderWindowsFtp,
  console: renderTyped,
};
