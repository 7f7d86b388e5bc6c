/**
 * One multi-host case run for real (multi-host/cases.ts, or one built from a scenario by
 * verify.ts): the namespaces, vsftpd (one or two), the relay, each client in turn, the SYNs
 * each host saw, and for FXP what B stored; written down as a transcript. Everything it creates
 * is registered for cleanup first. test/real/capture-multi-host.ts writes these as fixtures;
 * verify:real compares them with the simulator.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanups, runCleanups, state } from "../case";
import { startSynWatch, readSyns, type SynRecord } from "../syn-watch";
import { startWatchdogFor } from "../watchdog";
import { FXP_HOSTS, RELAY_ADDRESSES, TIMEOUT_S, type FxpCase, type RelayCase, type MultiHostCase } from "./cases";
import { createLan, createRelayChain, destroyNamespaces, forwardRuleset, FORWARDING } from "./topology";
import { startPlainVsftpd, readVsftpdLog, type StartedVsftpd, type VsftpdOptions } from "./vsftpd";
import { startRelay } from "./relay";
import { runFxp, runPassiveClient, runCurl, sha256, type FxpResult, type PassiveResult, type CurlResult } from "./drivers";

/** The programs a multi-host run needs, by the file that shows each is installed. */
export const MULTI_HOST_PACKAGES: [string, string][] = [
  ["/usr/sbin/vsftpd", "vsftpd"],
  ["socat", "socat"],
  ["curl", "curl"],
  ["nft", "nftables"],
  ["ip", "iproute2"],
  ["ss", "iproute2"],
  ["python3", "python3"],
];

/** Bytes that are the same on every run and unlike any text: a SHA-256 chain seeded by the name. */
export function payload(name: string, size: number): Buffer {
  const parts: Buffer[] = [];
  let h = createHash("sha256").update(name).digest();
  for (let n = 0; n < size; n += h.length) {
    parts.push(h);
    h = createHash("sha256").update(h).digest();
  }
  return Buffer.concat(parts).subarray(0, size);
}

interface ServerRecord {
  role: string;
  address: string;
  options: VsftpdOptions;
  /** vsftpd.conf as written, the work directory shown as WORK. */
  conf: string[];
  /** vsftpd's protocol log (log_ftp_protocol=YES). */
  log: string[];
}

type ClientRun =
  | { client: string; kind: "ftplib-fxp"; result: Omit<FxpResult, "stderr"> & { stderr?: string }; connections: Record<string, SynRecord> }
  | { client: string; kind: "ftplib"; result: Omit<PassiveResult, "stderr"> & { stderr?: string }; connections: Record<string, SynRecord> }
  | { client: string; kind: "curl"; result: CurlResult; connections: Record<string, SynRecord> };

export interface Transcript {
  case: string;
  title: string;
  description: string;
  recorded: string;
  programs: Record<string, string>;
  topology: Record<string, unknown>;
  servers: ServerRecord[];
  relay?: { virtualIp: string; mapped: number[]; invocation: string; ruleset: string | null; forward: string; forwardRuleset: string | null };
  file: { name: string; bytes: number; sha256: string };
  runs: ClientRun[];
  /** FXP: what B stored. */
  arrived?: { path: string; exists: boolean; bytes: number | null; sha256: string | null; identical: boolean };
  error?: string;
  durationMs: number;
}

export const FXP_SIZE = 256 * 1024;
export const RELAY_SIZE = 64 * 1024;

function serverRecord(role: string, v: StartedVsftpd, o: VsftpdOptions, workDir: string): ServerRecord {
  const hide = (s: string) => s.split(workDir).join("WORK");
  return { role, address: o.listenAddress, options: o, conf: v.conf.map(hide), log: readVsftpdLog(v).map(hide) };
}

function dropStderr<T extends { stderr: string }>(r: T): Omit<T, "stderr"> & { stderr?: string } {
  const { stderr, ...rest } = r;
  return stderr.trim() ? { ...rest, stderr } : rest;
}

async function startServer(key: string, ns: string, dir: string, o: VsftpdOptions, files: Record<string, Buffer>, workDir: string): Promise<StartedVsftpd> {
  const v = await startPlainVsftpd(ns, dir, o, files);
  writeFileSync(join(workDir, `${key}.pgid`), String(v.pid));
  cleanups.set(key, () => v.stop());
  return v;
}

async function runFxpCase(c: FxpCase, id: string, workDir: string, t: Transcript): Promise<void> {
  const lan = await createLan(id, { ...FXP_HOSTS });
  cleanups.set(`namespaces ${id}`, () => {
    const errs = destroyNamespaces(lan.namespaces);
    if (errs.length) throw new Error(errs.join("; "));
  });
  t.topology = { kind: "one /24 on a bridge", client: FXP_HOSTS.c, A: FXP_HOSTS.a, B: FXP_HOSTS.b };
  const bytes = payload(c.file, FXP_SIZE);
  t.file = { name: c.file, bytes: bytes.length, sha256: sha256(bytes) };
  await Promise.all([startSynWatch(lan.ns.a!), startSynWatch(lan.ns.b!)]);
  const a = await startServer(`vsftpd-a-${id}`, lan.ns.a!, join(workDir, "a"), c.a, { [c.file]: bytes }, workDir);
  const b = await startServer(`vsftpd-b-${id}`, lan.ns.b!, join(workDir, "b"), c.b, {}, workDir);
  const target = `upload/${c.file}`;
  const result = await runFxp(lan.ns.c!, { a: FXP_HOSTS.a, b: FXP_HOSTS.b, file: c.file, target, eprt: c.eprt, storFirst: c.storFirst, timeout: TIMEOUT_S + 3, gapMs: 200 });
  const [sa, sb] = await Promise.all([readSyns(lan.ns.a!), readSyns(lan.ns.b!)]);
  t.runs.push({ client: `ftplib FXP (${c.eprt ? "EPRT" : "PORT"})`, kind: "ftplib-fxp", result: dropStderr(result), connections: { A: sa, B: sb } });
  const dest = join(b.root, target);
  const got = existsSync(dest) ? readFileSync(dest) : null;
  t.arrived = { path: `B:/${target}`, exists: got !== null, bytes: got?.length ?? null, sha256: got ? sha256(got) : null, identical: got !== null && got.equals(bytes) };
  for (const k of [`vsftpd-a-${id}`, `vsftpd-b-${id}`]) runCleanups([k]);
  t.servers.push(serverRecord("A", a, c.a, workDir), serverRecord("B", b, c.b, workDir));
}

async function runRelayCase(c: RelayCase, id: string, workDir: string, t: Transcript): Promise<void> {
  const chain = await createRelayChain(id, { ...RELAY_ADDRESSES, forward: c.forward });
  cleanups.set(`namespaces ${id}`, () => {
    const errs = destroyNamespaces(chain.namespaces);
    if (errs.length) throw new Error(errs.join("; "));
  });
  t.topology = {
    kind: "client ⇄ relay ⇄ server (two links); the client's default route is the relay",
    client: RELAY_ADDRESSES.clientIp,
    relayClientSide: RELAY_ADDRESSES.relayClientIp,
    relayVirtual: RELAY_ADDRESSES.virtualIp,
    relayServerSide: RELAY_ADDRESSES.relayServerIp,
    server: RELAY_ADDRESSES.serverIp,
    relayForwarding: FORWARDING[c.forward],
  };
  const bytes = payload(c.file, RELAY_SIZE);
  t.file = { name: c.file, bytes: bytes.length, sha256: sha256(bytes) };
  await Promise.all([startSynWatch(chain.client), startSynWatch(chain.relay), startSynWatch(chain.server)]);
  const v = await startServer(`vsftpd-${id}`, chain.server, join(workDir, "srv"), c.server, { [c.file]: bytes }, workDir);
  const relay = await startRelay(chain.relay, workDir, RELAY_ADDRESSES.virtualIp, RELAY_ADDRESSES.serverIp, c.mapped, c.dropUnmapped);
  cleanups.set(`relay ${id}`, () => relay.stop());
  t.relay = {
    virtualIp: RELAY_ADDRESSES.virtualIp,
    mapped: c.mapped,
    invocation: relay.invocation,
    ruleset: relay.ruleset,
    forward: c.forward,
    forwardRuleset: forwardRuleset(c.forward),
  };
  const connections = async () => {
    const [cl, rl, sv] = await Promise.all([readSyns(chain.client), readSyns(chain.relay), readSyns(chain.server)]);
    return { client: cl, relay: rl, server: sv };
  };
  const host = RELAY_ADDRESSES.virtualIp;
  for (const trust227 of [true, false]) {
    if (state.stopping) return;
    const r = await runPassiveClient(chain.client, { host, ops: [["LIST", null], ["RETR", c.file]], trust227, timeout: TIMEOUT_S });
    for (const op of r.ops) {
      if (op.op.startsWith("RETR") && op.ok && op.sha256 !== sha256(bytes)) op.error = "download differs from the server's file";
      if (op.op === "LIST" && op.ok && !op.text?.includes(c.file)) op.error = `listing lacks ${c.file}`;
    }
    const label = trust227 ? "ftplib, 227 address used (trust_server_pasv_ipv4_address = True)" : "ftplib, Python's default (227 address ignored: dials the control peer)";
    t.runs.push({ client: label, kind: "ftplib", result: dropStderr(r), connections: await connections() });
  }
  const curls: Array<[string, string[]]> = [
    ["curl --disable-epsv --no-ftp-skip-pasv-ip (227 address used)", ["--disable-epsv", "--no-ftp-skip-pasv-ip"]],
    ["curl --disable-epsv (curl's default: 227 address ignored)", ["--disable-epsv"]],
    ["curl (its default: EPSV first)", []],
  ];
  for (const [label, flags] of curls) {
    if (state.stopping) return;
    const r = await runCurl(chain.client, ["--connect-timeout", String(TIMEOUT_S), "--max-time", String(4 * TIMEOUT_S), ...flags], `ftp://${host}/${c.file}`, join(workDir, "curl-out"));
    t.runs.push({ client: label, kind: "curl", result: r, connections: await connections() });
  }
  runCleanups([`relay ${id}`, `vsftpd-${id}`]);
  t.servers.push(serverRecord("server", v, c.server, workDir));
}

export async function runOne(c: MultiHostCase, id: string, programs: Record<string, string>): Promise<Transcript> {
  const t0 = Date.now();
  const t: Transcript = {
    case: c.name,
    title: c.title,
    description: c.description,
    recorded: new Date().toISOString().slice(0, 10),
    programs,
    topology: {},
    servers: [],
    file: { name: c.file, bytes: 0, sha256: "" },
    runs: [],
    durationMs: 0,
  };
  const workDir = mkdtempSync(join(tmpdir(), `ftpm-${id}-`));
  chmodSync(workDir, 0o755);
  const namespaces = ["c", "a", "b", "l", "r", "s"].map((r) => `ftpm-${id}-${r}`);
  const watchdog = startWatchdogFor(namespaces, workDir);
  cleanups.set(`workdir ${id}`, () => {
    watchdog.stop();
    rmSync(workDir, { recursive: true, force: true });
  });
  try {
    if (c.kind === "fxp") await runFxpCase(c, id, workDir, t);
    else await runRelayCase(c, id, workDir, t);
  } catch (e) {
    t.error = e instanceof Error ? e.message : String(e);
  } finally {
    const keys = [...cleanups.keys()].filter((k) => k.endsWith(` ${id}`) || k.endsWith(`-${id}`)).reverse();
    const errs: string[] = [];
    runCleanups([...keys.filter((k) => !k.startsWith("workdir")), `workdir ${id}`], (key, message) => errs.push(`${key}: ${message}`));
    if (errs.length) t.error = `${t.error ? `${t.error}; ` : ""}cleanup: ${errs.join("; ")}`;
  }
  t.durationMs = Date.now() - t0;
  return t;
}

