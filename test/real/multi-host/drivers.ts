/**
 * The clients of the multi-host captures, each printing what it did as JSON:
 *
 * - `runFxp`: Python's ftplib with two control connections, the FXP sequence of RFC 959 §2.3
 *   (figure 2): PASV to A, PORT (or EPRT) naming A's address and port to B, then RETR to A and
 *   STOR to B (or STOR first) without waiting for a reply in between (vsftpd answers a passive RETR only once the data
 *   connection is accepted), each server's replies read on its own thread;
 * - `runPassiveClient`: Python's ftplib as a script uses it (login, retrlines("LIST"),
 *   retrbinary("RETR …")), honouring or ignoring the 227 address (trust_server_pasv_ipv4_address);
 * - `runCurl`: one curl -v process.
 *
 * The Python scripts record every line sent and received, and their own notes (the data address
 * dialled, an exception), with milliseconds since the script started: `FtpEvent`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { nsRun } from "../sh";

export interface FtpEvent {
  ms: number;
  /** Which control connection ("A", "B", "server"), or "client" for a note of the script's own. */
  server: string;
  kind: "sent" | "reply" | "note";
  text: string;
}

const PRELUDE = String.raw`
import ftplib, json, sys, time, threading, socket, errno, hashlib
cfg = json.loads(sys.argv[1])
T0 = time.monotonic()
events = []
lock = threading.Lock()
def ev(server, kind, text):
    with lock:
        events.append({"ms": round((time.monotonic() - T0) * 1000), "server": server, "kind": kind, "text": text})
def failure(e):
    name = type(e).__name__
    if isinstance(e, OSError) and e.errno is not None:
        return "%s: [Errno %d %s] %s" % (name, e.errno, errno.errorcode.get(e.errno, "?"), e.strerror)
    return "%s: %s" % (name, e)
class Recorded(ftplib.FTP):
    def __init__(self, name, **kw):
        self.name = name
        super().__init__(**kw)
    def putline(self, line):
        ev(self.name, "sent", "PASS ********" if line.startswith("PASS ") else line)
        super().putline(line)
    def getline(self):
        line = super().getline()
        ev(self.name, "reply", line)
        return line
    def makepasv(self):
        host, port = super().makepasv()
        ev(self.name, "note", "data connection to %s:%d" % (host, port))
        return host, port
def quit_all(*conns):
    for c in conns:
        try:
            c.quit()
        except Exception as e:
            ev(c.name, "note", "QUIT: " + failure(e))
`;

const FXP_SCRIPT = String.raw`
A = Recorded("A", timeout=cfg["timeout"])
B = Recorded("B", timeout=cfg["timeout"])
out = {"portAccepted": None, "final": {}}
def final(ftp):
    replies = []
    try:
        while True:
            r = ftp.getmultiline()
            replies.append(r)
            if not r.startswith("1"):
                break
    except Exception as e:
        ev(ftp.name, "note", "waiting for a reply: " + failure(e))
    out["final"][ftp.name] = replies
try:
    A.connect(cfg["a"], 21)
    B.connect(cfg["b"], 21)
    for c in (A, B):
        c.login()
        c.voidcmd("TYPE I")
    host, port = ftplib.parse227(A.sendcmd("PASV"))
    if cfg["eprt"]:
        cmd = "EPRT |1|%s|%d|" % (host, port)
    else:
        cmd = "PORT %s,%d,%d" % (host.replace(".", ","), port >> 8, port & 255)
    try:
        B.sendcmd(cmd)
        out["portAccepted"] = True
    except ftplib.Error as e:
        out["portAccepted"] = False
        ev("client", "note", "%s refused: %s" % (cmd.split(" ")[0], e))
    if out["portAccepted"]:
        steps = [(A, "RETR " + cfg["file"]), (B, "STOR " + cfg["target"])]
        if cfg["storFirst"]:
            steps.reverse()
        threads = []
        for i, (conn, cmd) in enumerate(steps):
            if i:
                time.sleep(cfg["gapMs"] / 1000)
            conn.putcmd(cmd)
            th = threading.Thread(target=final, args=(conn,)); th.start(); threads.append(th)
        for th in threads:
            th.join()
    quit_all(A, B)
except Exception as e:
    ev("client", "note", "failed: " + failure(e))
    out["error"] = failure(e)
out["events"] = events
print(json.dumps(out))
`;

const PASSIVE_SCRIPT = String.raw`
ftp = Recorded("server", timeout=cfg["timeout"])
if cfg["trust227"]:
    ftp.trust_server_pasv_ipv4_address = True
out = {"ops": []}
try:
    ftp.connect(cfg["host"], 21)
    ftp.login()
    for op, arg in cfg["ops"]:
        t = time.monotonic()
        res = {"op": op if not arg else op + " " + arg}
        try:
            if op == "LIST":
                lines = []
                ftp.retrlines("LIST", lines.append)
                res.update(ok=True, lines=len(lines), text="\n".join(lines))
            else:
                buf = bytearray()
                ftp.retrbinary("RETR " + arg, buf.extend)
                res.update(ok=True, bytes=len(buf), sha256=hashlib.sha256(buf).hexdigest())
        except Exception as e:
            res.update(ok=False, error=failure(e))
            ev("client", "note", "%s: %s" % (res["op"], failure(e)))
        res["ms"] = round((time.monotonic() - t) * 1000)
        out["ops"].append(res)
    quit_all(ftp)
except Exception as e:
    ev("client", "note", "failed: " + failure(e))
    out["error"] = failure(e)
out["events"] = events
print(json.dumps(out))
`;

export interface FxpConfig {
  a: string;
  b: string;
  file: string;
  /** The STOR argument on B. */
  target: string;
  eprt: boolean;
  /** STOR to B first, then RETR to A (else the other way round). */
  storFirst: boolean;
  /** Control-connection read timeout, seconds (ftplib's timeout=). */
  timeout: number;
  /** Pause between RETR to A and STOR to B, ms. */
  gapMs: number;
}

export interface FxpResult {
  portAccepted: boolean | null;
  /** Each server's replies to RETR/STOR, in order (multi-line replies joined with \n). */
  final: Record<string, string[]>;
  error?: string;
  events: FtpEvent[];
  exitCode: number;
  stderr: string;
  invocation: string;
}

function parseJson<T>(stdout: string, stderr: string, code: number): T {
  const last = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`driver printed no result (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  }
}

export async function runFxp(ns: string, cfg: FxpConfig): Promise<FxpResult> {
  const r = await nsRun(ns, "python3", ["-c", PRELUDE + FXP_SCRIPT, JSON.stringify(cfg)], { allowFail: true, timeoutMs: 60_000 });
  const out = parseJson<Omit<FxpResult, "exitCode" | "stderr" | "invocation">>(r.stdout, r.stderr, r.code);
  return { ...out, exitCode: r.code, stderr: r.stderr, invocation: `python3 -c FXP_SCRIPT '${JSON.stringify(cfg)}' (test/real/multi-host/drivers.ts)` };
}

export interface PassiveConfig {
  host: string;
  ops: Array<[string, string | null]>;
  trust227: boolean;
  timeout: number;
}

export interface PassiveOp {
  op: string;
  ok: boolean;
  ms: number;
  error?: string;
  lines?: number;
  text?: string;
  bytes?: number;
  sha256?: string;
}

export interface PassiveResult {
  ops: PassiveOp[];
  error?: string;
  events: FtpEvent[];
  exitCode: number;
  stderr: string;
  invocation: string;
}

export async function runPassiveClient(ns: string, cfg: PassiveConfig): Promise<PassiveResult> {
  const r = await nsRun(ns, "python3", ["-c", PRELUDE + PASSIVE_SCRIPT, JSON.stringify(cfg)], { allowFail: true, timeoutMs: 60_000 });
  const out = parseJson<Omit<PassiveResult, "exitCode" | "stderr" | "invocation">>(r.stdout, r.stderr, r.code);
  return { ...out, exitCode: r.code, stderr: r.stderr, invocation: `python3 -c PASSIVE_SCRIPT '${JSON.stringify(cfg)}' (test/real/multi-host/drivers.ts)` };
}

export interface CurlResult {
  invocation: string;
  exitCode: number;
  durationMs: number;
  /** curl -v's log (stderr), one line each. */
  log: string[];
  /** The last "curl: (N) …" line, when it failed. */
  error: string | null;
  bytes: number | null;
  sha256: string | null;
}

export async function runCurl(ns: string, args: readonly string[], url: string, outFile: string): Promise<CurlResult> {
  rmSync(outFile, { force: true });
  const argv = ["-sS", "-v", ...args, "-o", outFile, url];
  const t0 = Date.now();
  const r = await nsRun(ns, "curl", argv, { allowFail: true, timeoutMs: 60_000 });
  const durationMs = Date.now() - t0;
  const body = existsSync(outFile) ? readFileSync(outFile) : null;
  const log = r.stderr.split("\n").filter((l) => l !== "");
  return {
    invocation: `curl ${argv.join(" ")}`,
    exitCode: r.code,
    durationMs,
    log,
    error: [...log].reverse().find((l) => /^curl: \(\d+\)/.test(l)) ?? null,
    bytes: body ? body.length : null,
    sha256: body ? sha256(body) : null,
  };
}

export const sha256 = (b: Buffer | Uint8Array) => createHash("sha256").update(b).digest("hex");
