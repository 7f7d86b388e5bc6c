/**
 * Python's ftplib as a typical script uses it: ftplib.FTP(), connect, login() (anonymous),
 * set_pasv(False) for active mode, retrlines("LIST"), retrbinary("RETR …"), storbinary("STOR …"),
 * quit(); set_debuglevel(2) prints ftplib's own log on stdout: `*cmd* 'PASV'` a command,
 * `*put* 'PASV\r\n'` its bytes, `*get* '227 …\n'` each line read, `*resp* '227 …'` the reply.
 * An exception ends the script with Python's traceback, as a script without try/except does.
 *
 * ftplib says PASV and PORT on IPv4 (EPSV/EPRT only on IPv6: `extended` cannot be honoured) and
 * ignores the 227 address, dialling the control connection's peer instead
 * (FTP.trust_server_pasv_ipv4_address = False, Python ≥ 3.6.14/3.7.11/3.8.9/3.9.3); pasvAddress
 * "use" sets that attribute True. A connectTimeoutMs shorter than the kernel's becomes
 * FTP(timeout=…), which bounds every read as well; otherwise ftplib's default is kept, no timeout
 * at all (the kernel's connect and no read timeout), as the profile has it and `programDefaults` keeps.
 */
import type { Scenario } from "../../../sim/scenario/schema";
import { KERNEL_CONNECT_TIMEOUT_MS } from "../../../sim/software/client-profile";
import { serverHost } from "../curl";
import { announced, finish, jobFor, outerTimeoutMs, passiveTarget, seconds, spawnClient, type FtpEvent, type TimedTransfer } from "./common";
import type { DriverOptions } from "./lftp";

const SCRIPT = String.raw`
import ftplib, json, sys
cfg = json.loads(sys.argv[1])
ftp = ftplib.FTP(timeout=cfg["timeout"]) if cfg["timeout"] else ftplib.FTP()
ftp.set_debuglevel(2)
if cfg["trust227"]:
    ftp.trust_server_pasv_ipv4_address = True
print(ftp.connect(cfg["host"]))
print(ftp.login())
if not cfg["passive"]:
    ftp.set_pasv(False)
op = cfg["op"]
if op == "LIST":
    with open(cfg["local"], "w") as f:
        print(ftp.retrlines("LIST " + cfg["remote"] if cfg["remote"] else "LIST", lambda line: f.write(line + "\n")))
elif op == "RETR":
    with open(cfg["local"], "wb") as f:
        print(ftp.retrbinary("RETR " + cfg["remote"], f.write))
else:
    with open(cfg["local"], "rb") as f:
        print(ftp.storbinary("STOR " + cfg["remote"], f))
print(ftp.quit())
`;

export function ftplibEvents(log: string): FtpEvent[] {
  const events: FtpEvent[] = [];
  for (const line of log.split("\n")) {
    // Python's repr: in single quotes, in double quotes when the text holds a single quote
    // (Pure-FTPd: "500 I won't open a connection to 192.168.1.10 (only to 198.51.100.7)").
    const sent = /^\*cmd\* (['"])(.*)\1$/.exec(line);
    if (sent) events.push({ kind: "sent", text: sent[2]! });
    const got = /^\*resp\* (['"])(\d{3})(.*)\1$/.exec(line);
    if (got) {
      // A multi-line reply comes as one repr with \n inside: its last line is the reply.
      const lines = `${got[2]}${got[3]}`.split("\\n");
      events.push({ kind: "reply", code: Number(got[2]), text: lines[lines.length - 1]! });
    }
  }
  return events;
}

/** The exception a script without try/except dies with: the last line of the traceback. */
export function ftplibFailure(log: string): string | null {
  if (!/^Traceback \(most recent call last\):$/m.test(log)) return null;
  const lines = log.trimEnd().split("\n");
  return lines[lines.length - 1] ?? null;
}

export async function runFtplibClient(ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string, opts: DriverOptions = {}): Promise<TimedTransfer> {
  const prepared = jobFor(scenario, command, workDir, uploadDir, "ftplib", {
    tls: "the ftplib driver does not speak FTP_TLS",
    advertise: "a typical ftplib script announces its own address (test/real/ftplib-driver.ts does the bounce)",
  });
  if ("refused" in prepared) return prepared.refused;
  const { job } = prepared;
  const host = serverHost(scenario);
  const c = scenario.client;
  const cfg = {
    host,
    passive: c.mode === "passive",
    trust227: c.pasvAddress === "use",
    // FTP(timeout=…) bounds every socket operation, replies included: only a connect timeout
    // shorter than the kernel's (the profile's default, FTP() with none) is passed.
    timeout: opts.programDefaults || c.connectTimeoutMs >= KERNEL_CONNECT_TIMEOUT_MS ? null : seconds(c.connectTimeoutMs),
    op: job.op,
    remote: job.remote,
    local: job.local,
  };
  const run = await spawnClient(ns, ["python3", "-u", "-c", SCRIPT, JSON.stringify(cfg)], null, outerTimeoutMs(cfg.timeout === null ? null : cfg.timeout * 1000) + (cfg.timeout === null ? 135_000 : 0));
  const events = ftplibEvents(run.text);
  let ep: string | null = null;
  for (const e of events) {
    if (e.kind === "sent") ep = announced(e.text) ?? ep;
    else ep = passiveTarget(e.text, host, cfg.trust227) ?? ep;
  }
  return finish({
    command,
    op: job.op,
    run,
    job,
    events,
    dataEndpoint: ep,
    failedNote: ftplibFailure,
    invocation: `python3 -u -c SCRIPT '${JSON.stringify(cfg)}'`,
  });
}

export const runCommand = (ns: string, scenario: Scenario, command: string, workDir: string, uploadDir: string) => runFtplibClient(ns, scenario, command, workDir, uploadDir);
