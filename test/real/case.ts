/**
 * One case: the simulator's answer, then the same scenario built for real — namespaces, router
 * NAT, host firewalls, a SYN watch on both ends, the server program (vsftpd, ProFTPD, Pure-FTPd),
 * and one client process per command (curl, or the scenario's client program through its driver
 * in test/real/clients/) — and the per-transfer comparison. Everything it creates is registered
 * for cleanup first.
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as simulateScenario } from "../../sim/simulate";
import type { Scenario } from "../../sim/scenario/schema";
import type { RealCase } from "./cases";
import { createTopology, destroyTopology } from "./namespaces";
import { applyRuleset, rulesetFor } from "./nft";
import { routerRuleset, routerUnsupported } from "./router";
import { startVsftpd, readLog, type Certificate, type Vsftpd } from "./vsftpd";
import { startProftpd } from "./servers/proftpd";
import { startPureFtpd } from "./servers/pure-ftpd";
import { modeOf, runCommand, driverOf, type RealTransfer } from "./curl";
import { clientDriver, type ClientRunner } from "./clients";
import { KERNEL_CONNECT_TIMEOUT_MS } from "../../sim/software/client-profile";
import { startSynWatch, readSyns } from "./syn-watch";
import { startWatchdog } from "./watchdog";
import { dataShapeOf } from "../../sim/trace/data-shape";
import { describeShape, realShape, sameShape, type DataShape, type SimTransfer } from "./compare";

export interface Row {
  command: string;
  sim: { result: string; lastReply: number | null; shape: DataShape | null } | null;
  real: (RealTransfer & { shape: DataShape | null }) | null;
  agree: boolean;
  why: string | null;
}

export interface CaseResult {
  name: string;
  file: string;
  mode: string;
  /** Who spoke for the client: "curl", "ftplib" (test/real/ftplib-driver.ts, an advertised address) or the program of test/real/clients/ ("lftp", "bsd-ftp", …). */
  driver: string;
  rows: Row[];
  setupMs: number;
  transfersMs: number;
  totalMs: number;
  error?: string;
  /** Why the case was not run for real (a program or setting the harness cannot build): reported, not a failure. */
  skipped?: string;
  vsftpdLog?: string;
  rulesets: { client: string | null; router: string | null; server: string | null };
  raw: unknown;
}

/** Cleanup actions by key, run in reverse order of registration on any exit path. */
export const cleanups = new Map<string, () => void>();
export const state = { stopping: false };

/** Run (and forget) the given cleanups in order, by default all of them newest first; errors go to `onError`. */
export function runCleanups(
  keys: readonly string[] = [...cleanups.keys()].reverse(),
  onError: (key: string, message: string) => void = (key, message) => console.error(`run-real: cleanup ${key}: ${message}`),
): void {
  for (const key of keys) {
    const fn = cleanups.get(key);
    cleanups.delete(key);
    try {
      fn?.();
    } catch (e) {
      onError(key, e instanceof Error ? e.message : String(e));
    }
  }
}

/** The real server program a scenario names, started in the server namespace. */
function startServerProgram(ns: string, dir: string, s: Scenario, certificate: Certificate | null): Promise<Vsftpd> {
  switch (s.server.software) {
    case "proftpd":
      return startProftpd(ns, dir, s);
    case "pure-ftpd":
      return startPureFtpd(ns, dir, s);
    default:
      return startVsftpd(ns, dir, s, certificate);
  }
}

/** What ProFTPD and Pure-FTPd, as this harness starts them, cannot be set to. */
function serverUnsupported(s: Scenario): string | null {
  const sw = s.server.software;
  if (sw === "vsftpd") return null;
  if (sw !== "proftpd" && sw !== "pure-ftpd") return `server.software "${sw}" (not a program Debian ships: modelled from documentation)`;
  if (s.tls) return `TLS with ${sw} (the harness configures TLS for vsftpd only)`;
  if (sw === "pure-ftpd" && s.server.activeSourcePort !== 20) return 'server.activeSourcePort "ephemeral" with pure-ftpd (it connects from port 20)';
  if (!s.server.extended) return `server.extended false with ${sw}`;
  if (sw === "pure-ftpd" && s.server.allowForeignDataAddress) return "server.allowForeignDataAddress with pure-ftpd (it always refuses)";
  return null;
}

/** The programs the lab models from documentation only: nothing to run. */
const UNSHIPPED = new Set(["filezilla", "winscp", "windows-ftp"]);

/** What the driven client program (curl or test/real/clients/) cannot be made to do, or null. */
function clientUnsupported(s: Scenario): string | null {
  const c = s.client;
  const sw = c.software;
  if (UNSHIPPED.has(sw)) return `client.software "${sw}" (not a program Debian ships: modelled from documentation)`;
  if (c.login) return "client.login (the real run logs in as anonymous)";
  if (sw === "curl") {
    if (c.activePort !== "ephemeral") return 'client.activePort "n+1" (curl listens on a random port)';
    if (c.advertise && s.tls) return "client.advertise with TLS";
    return null;
  }
  // No driven program listens on the control port + 1 (the N+1 habit is a myth: CLIENTS.md).
  if (c.activePort !== "ephemeral") return `client.activePort "n+1" with ${sw} (it listens on a port the system picks)`;
  if (sw === "lftp") {
    if (c.advertise?.port !== undefined) return "client.advertise.port with lftp (ftp:port-ipv4 names an address, never a port)";
    if (c.advertise && s.tls) return "client.advertise with TLS";
    return null;
  }
  if (sw === "bsd-ftp" || sw === "inetutils-ftp") {
    const name = sw === "bsd-ftp" ? "tnftp" : "inetutils ftp";
    if (s.tls) return `TLS with ${name} (it has no FTPS)`;
    if (c.advertise) return `client.advertise with ${name} (it announces only its own address)`;
    if (c.pasvAddress !== "use") return `client.pasvAddress "${c.pasvAddress}" with ${name} (no such switch: it uses a 227 address only when it is the control peer's)`;
    // Neither has a connect timeout of its own: the kernel's decides (sim/software/client-profile.ts).
    if (c.connectTimeoutMs !== KERNEL_CONNECT_TIMEOUT_MS) return `client.connectTimeoutMs ${c.connectTimeoutMs} with ${name} (it has no connect timeout: the kernel's ${KERNEL_CONNECT_TIMEOUT_MS} ms decides)`;
    return null;
  }
  if (sw === "ftplib") {
    if (s.tls) return "TLS with ftplib (the ftplib driver does not use FTP_TLS)";
    if (c.advertise) return "client.advertise with ftplib (a typical script announces its own address; curl scenarios use test/real/ftplib-driver.ts for this)";
    return null;
  }
  return `client.software "${sw}" (no driver in test/real/clients/)`;
}

/** What this harness cannot build yet, or null. */
export function unsupported(s: Scenario): string | null {
  return serverUnsupported(s) ?? clientUnsupported(s) ?? routerUnsupported(s);
}

/** The runner for the scenario's client (test/real/clients/, else curl.ts's) and its name for the record. */
export function runnerFor(s: Scenario): { runner: ClientRunner; driver: string } {
  const program = clientDriver(s.client.software);
  return program ? { runner: program, driver: s.client.software } : { runner: runCommand, driver: driverOf(s) };
}

function compareRow(command: string, sim: SimTransfer | undefined, real: (RealTransfer & { shape: DataShape | null }) | undefined, s: Scenario): Row {
  const simCell = sim ? { result: sim.result, lastReply: sim.lastReply, shape: dataShapeOf(sim, s) } : null;
  let why: string | null = null;
  if (!sim) why = "the simulator has no such transfer";
  else if (!real) why = "no real transfer";
  else if (real.result !== sim.result) why = `outcome: simulated ${sim.result}, real ${real.result}`;
  else if (real.lastReply !== sim.lastReply) why = `last reply: simulated ${sim.lastReply ?? "none"}, real ${real.lastReply ?? "none"}`;
  else if (!sameShape(simCell!.shape, real.shape)) why = `data connection: simulated ${describeShape(simCell!.shape)}, real ${describeShape(real.shape)}`;
  return { command, sim: simCell, real: real ?? null, agree: why === null, why };
}

export async function runCase(c: RealCase, id: string, opts: { keep: boolean; certificate: Certificate | null }): Promise<CaseResult> {
  const t0 = Date.now();
  const s = c.scenario;
  const { runner, driver } = runnerFor(s);
  const res: CaseResult = { name: c.name, file: c.file, mode: modeOf(s) + (s.tls ? "+tls" : ""), driver, rows: [], setupMs: 0, transfersMs: 0, totalMs: 0, rulesets: { client: null, router: null, server: null }, raw: c.raw };
  let simTransfers: SimTransfer[] = [];
  try {
    simTransfers = [...simulateScenario(s).result.transfers];
  } catch (e) {
    res.error = `simulator: ${e instanceof Error ? e.message : String(e)}`;
  }
  const why = unsupported(s);
  if (why) {
    res.skipped = `not runnable on the real network: ${why}`;
    res.totalMs = Date.now() - t0;
    return res;
  }
  const workDir = mkdtempSync(join(tmpdir(), `ftpr-${id}-`));
  chmodSync(workDir, 0o755);
  const watchdog = startWatchdog(id, workDir);
  cleanups.set(`topology ${id}`, () => {
    const errs = destroyTopology(id);
    if (errs.length) throw new Error(errs.join("; "));
  });
  cleanups.set(`workdir ${id}`, () => {
    watchdog.stop();
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  });
  let vs: Vsftpd | null = null;
  const real: Array<RealTransfer & { shape: DataShape | null }> = [];
  try {
    const topo = await createTopology(id, { clientIp: s.client.ip, serverIp: s.server.ip, clientPublic: s.client.nat?.publicIp, serverPublic: s.server.nat?.publicIp });
    res.rulesets.client = rulesetFor("client", s.client.firewall, s.server.passivePorts);
    res.rulesets.server = rulesetFor("server", s.server.firewall, s.server.passivePorts);
    res.rulesets.router = routerRuleset(s, topo);
    await Promise.all([
      applyRuleset(topo.client, res.rulesets.client),
      applyRuleset(topo.server, res.rulesets.server),
      applyRuleset(topo.router, res.rulesets.router),
      startSynWatch(topo.client),
      startSynWatch(topo.server),
    ]);
    vs = await startServerProgram(topo.server, join(workDir, "srv"), s, opts.certificate);
    const v = vs;
    writeFileSync(join(workDir, "vsftpd.pgid"), String(v.pid));
    cleanups.set(`vsftpd ${id}`, () => v.stop());
    res.setupMs = Date.now() - t0;
    const t1 = Date.now();
    for (const command of s.commands) {
      if (state.stopping) break;
      // The drivers of test/real/clients/ also return each log line's time: the log itself is kept, the times are not.
      const transfer: RealTransfer & { lines?: unknown } = { ...(await runner(topo.client, s, command, workDir, v.uploadDir)) };
      delete transfer.lines;
      const [cs, ss] = await Promise.all([readSyns(topo.client), readSyns(topo.server)]);
      real.push({ ...transfer, shape: realShape(cs, ss, s) });
    }
    res.transfersMs = Date.now() - t1;
    res.vsftpdLog = readLog(v);
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
  } finally {
    // Order matters: vsftpd first (it lives in the server namespace), then namespaces, then files.
    runCleanups([`vsftpd ${id}`, `topology ${id}`, `workdir ${id}`], (_key, message) => {
      res.error = `${res.error ? `${res.error}; ` : ""}cleanup: ${message}`;
    });
  }
  const n = Math.max(real.length, simTransfers.length);
  for (let i = 0; i < n; i++) res.rows.push(compareRow(real[i]?.command ?? simTransfers[i]?.command ?? "?", simTransfers[i], real[i], s));
  res.totalMs = Date.now() - t0;
  return res;
}
