/**
 * Ground truth for issue 18, captured from real programs in network namespaces: FXP (one client,
 * two vsftpd, RFC 959 §2.3 figure 2) and a relay with mapped ports (socat) in front of vsftpd.
 * The simulator does not model either yet, so nothing compares: each case (multi-host/cases.ts)
 * is run once and written as a JSON transcript — every line each client sent and received with
 * its time, the servers' exact configuration and protocol logs, the TCP connections each host
 * saw (syn-watch.ts), and whether the file arrived intact — plus a README.md with the table.
 * The README's "## Notes" section, written by hand, is kept when the README is rewritten.
 *
 *   npx tsx test/real/capture-multi-host.ts [--out DIR] [--only TEXT]
 *
 * Needs root on Linux; installs vsftpd, socat, curl, nftables when missing (no service started).
 * Default output: test/real/fixtures/multi-host/. Not part of `npm test` or `verify:real`.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanups, runCleanups, state } from "./case";
import { cannotMakeNamespaces, cannotRunHere, ensurePackages } from "./preconditions";
import { run } from "./sh";
import { startSynWatch, readSyns, type SynRecord } from "./syn-watch";
import { startWatchdogFor } from "./watchdog";
import { CASES, FXP_HOSTS, RELAY_ADDRESSES, TIMEOUT_S, type FxpCase, type RelayCase, type MultiHostCase } from "./multi-host/cases";
import { createLan, createRelayChain, destroyNamespaces, forwardRuleset, FORWARDING } from "./multi-host/topology";
import { startPlainVsftpd, readVsftpdLog, type StartedVsftpd, type VsftpdOptions } from "./multi-host/vsftpd";
import { startRelay } from "./multi-host/relay";
import { runFxp, runPassiveClient, runCurl, sha256, type FtpEvent, type FxpResult, type PassiveResult, type CurlResult } from "./multi-host/drivers";

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (state.stopping) return;
    state.stopping = true;
    console.error(`\ncapture-multi-host: ${sig}: cleaning up`);
    setTimeout(() => {
      runCleanups();
      process.exit(130);
    }, 10);
  });
}
process.on("exit", () => runCleanups());

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

interface Transcript {
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

const FXP_SIZE = 256 * 1024;
const RELAY_SIZE = 64 * 1024;

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

async function runOne(c: MultiHostCase, id: string, programs: Record<string, string>): Promise<Transcript> {
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

async function versions(): Promise<Record<string, string>> {
  const first = async (cmd: string) => (await run("sh", ["-c", cmd], { allowFail: true })).stdout.trim().split("\n")[0] ?? "";
  const pkg = (name: string) => first(`dpkg-query -W -f '\${Version}' ${name}`);
  return {
    // vsftpd -v writes its version to standard input (fd 0).
    vsftpd: `${(await first("/usr/sbin/vsftpd -v 0>&1")).replace(/^vsftpd: /, "")} (Debian ${await pkg("vsftpd")})`,
    socat: `${(await first("socat -V | grep 'socat version'")).replace(/ on .*$/, "")} (Debian ${await pkg("socat")})`,
    python: await first("python3 --version"),
    curl: await first("curl --version"),
    kernel: `Linux ${await first("uname -r")}`,
  };
}

// ---- the README ----

const CONTROL = new Set(["PASV", "EPSV", "PORT", "EPRT", "RETR", "STOR", "LIST"]);

/** Each interesting command with the replies it drew on the same connection, and the client's notes, in order; times from `zero` (none before it). */
function exchanges(events: FtpEvent[], zero: number): string[] {
  const entries: string[][] = [];
  const open = new Map<string, string[]>();
  const who = (server: string) => (server === "client" || server === "server" ? "" : `${server}: `);
  const at = (ms: number) => (ms >= zero ? ` (${ms - zero} ms)` : "");
  for (const e of events) {
    if (e.kind === "sent") {
      open.delete(e.server);
      const verb = e.text.split(" ")[0]!.toUpperCase();
      if (CONTROL.has(verb)) {
        const entry = [`${who(e.server)}\`${e.text}\`${at(e.ms)} →`];
        entries.push(entry);
        open.set(e.server, entry);
      }
    } else if (e.kind === "reply") {
      open.get(e.server)?.push(`\`${e.text}\`${at(e.ms)}`);
    } else if (e.server === "client" || /^waiting|^data connection/.test(e.text)) {
      entries.push([`${who(e.server)}${e.text}${at(e.ms)}`]);
    }
  }
  return entries.map((parts) => parts.join(" "));
}

const cell = (lines: string[]) => lines.join("<br>").replace(/\|/g, "\\|");

function fxpRow(t: Transcript): string[] {
  const run = t.runs[0];
  if (!run || run.kind !== "ftplib-fxp") return [`\`${t.case}\``, "", t.error ?? "no run"];
  const zero = run.result.events.find((e) => e.kind === "sent" && e.text === "PASV")?.ms ?? 0;
  const lines = exchanges(run.result.events, zero);
  const a = t.arrived!;
  const outcome = [
    a.identical ? `file arrived on B intact (${a.bytes} bytes)` : a.exists ? `B stored ${a.bytes} bytes, ${a.bytes === 0 ? "an empty file" : "not the file"}` : "nothing stored on B",
    ...(run.result.error ? [`client: ${run.result.error}`] : []),
  ];
  return [`\`${t.case}\``, cell(lines), cell(outcome)];
}

function relayRows(t: Transcript): string[][] {
  return t.runs.map((r) => {
    if (r.kind === "ftplib") {
      const lines = exchanges(r.result.events, 0);
      const outcome = r.result.ops.map((o) => `${o.op}: ${o.ok ? (o.error ? `✗ ${o.error}` : `ok${o.bytes !== undefined ? ` (${o.bytes} bytes)` : ""}`) : `✗ ${o.error}`} in ${o.ms} ms`);
      return [`\`${t.case}\``, r.client, cell(lines), cell(outcome)];
    }
    if (r.kind === "curl") {
      const picked = r.result.log.filter((l) => /^< (227|229|150|226|4\d\d|5\d\d)|^\* Connecting to|^\* (Connection timed out|Failed to connect|connect to)|^curl: \(/.test(l));
      const ok = r.result.exitCode === 0 && r.result.sha256 === t.file.sha256;
      const outcome = ok ? `ok (${r.result.bytes} bytes) in ${r.result.durationMs} ms` : `✗ exit ${r.result.exitCode} in ${r.result.durationMs} ms`;
      return [`\`${t.case}\``, r.client, cell(picked.map((l) => `\`${l}\``)), outcome];
    }
    return [`\`${t.case}\``, r.client, "", ""];
  });
}

const NOTES_HEADING = "## Notes";

function readme(transcripts: Transcript[], programs: Record<string, string>, oldReadme: string | null): string {
  const notes = oldReadme && oldReadme.includes(`\n${NOTES_HEADING}\n`) ? oldReadme.slice(oldReadme.indexOf(`\n${NOTES_HEADING}\n`) + 1).trimEnd() : `${NOTES_HEADING}\n\n(none yet)`;
  const L: string[] = [];
  L.push("# FXP and a relay with mapped ports, as real programs do them (issue 18)", "");
  L.push(
    "Written by `npx tsx test/real/capture-multi-host.ts` (as root: it builds network namespaces); one JSON transcript per case",
    "beside this file: every line each client sent and received with milliseconds since its start, the exact vsftpd.conf",
    "of each server (work directory shown as WORK) and its protocol log, the TCP connections each host saw (a SYN",
    "watch, test/real/syn-watch.ts: `answered` got a SYN-ACK, `syns` did not), and for FXP whether the file reached B",
    "byte for byte. The simulator does not model these yet: nothing reads these files in `npm test` or `verify:real`.",
    "Everything above the Notes section is rewritten on each capture.",
    "",
  );
  L.push(`Recorded ${transcripts[0]?.recorded ?? "?"} with:`, "");
  for (const [k, v] of Object.entries(programs)) L.push(`- ${k}: ${v}`);
  L.push("");
  L.push("## Topologies", "");
  L.push(
    `- **FXP**: three namespaces on one bridge (its own namespace): client ${FXP_HOSTS.c}, server A ${FXP_HOSTS.a}, server B ${FXP_HOSTS.b}.`,
    "  The client (Python's ftplib, two control connections, test/real/multi-host/drivers.ts) logs in to both, sends",
    "  `TYPE I` to both, `PASV` to A, `PORT` (or `EPRT |1|…|…|`) with A's 227 address and port to B, then `RETR fxp.bin`",
    "  to A and, 200 ms later, `STOR upload/fxp.bin` to B (the other way round in `fxp-a-default-stor-first`) without",
    `  waiting for a reply in between, reads both servers' replies on two threads (ftplib timeout ${TIMEOUT_S + 3} s), then`,
    `  \`QUIT\` to both. The file is ${FXP_SIZE} bytes; the 200 ms in the times below is that pause, nothing of the servers'.`,
    `- **Relay**: client ${RELAY_ADDRESSES.clientIp} ⇄ relay (${RELAY_ADDRESSES.relayClientIp}, virtual address ${RELAY_ADDRESSES.virtualIp}; ${RELAY_ADDRESSES.relayServerIp}) ⇄ server ${RELAY_ADDRESSES.serverIp}.`,
    `  The client's default route is the relay. One \`socat TCP4-LISTEN:PORT,bind=${RELAY_ADDRESSES.virtualIp},reuseaddr,fork TCP4:${RELAY_ADDRESSES.serverIp}:PORT\``,
    "  per mapped port in the relay's namespace; the server sees every connection (control and data) come from the",
    `  relay's ${RELAY_ADDRESSES.relayServerIp}. Each case runs five clients in turn against ${RELAY_ADDRESSES.virtualIp}: ftplib (LIST, then RETR, in one`,
    "  session) with the 227 address used and with Python's default (ignored), and curl three ways (RETR). Client",
    `  timeouts: ftplib timeout=${TIMEOUT_S}, curl --connect-timeout ${TIMEOUT_S} --max-time ${4 * TIMEOUT_S}. The file is ${RELAY_SIZE} bytes.`,
    "",
  );
  L.push("## vsftpd options", "");
  L.push("Every server has this configuration (test/real/multi-host/vsftpd.ts), the per-case lines being the ones in the case list below:", "");
  const sample = transcripts.find((t) => t.servers.length)?.servers[0];
  const varying = /^(listen_address|pasv_min_port|pasv_max_port|pasv_address|port_promiscuous|pasv_promiscuous)=/;
  // WORK/<dir>: a for A, b for B, srv for the relay's server.
  if (sample) L.push("```", ...sample.conf.filter((l) => !varying.test(l)).map((l) => l.replace(/WORK\/[a-z]+\//, "WORK/<server>/")), "```", "");
  L.push("## Cases", "");
  for (const t of transcripts) {
    L.push(`### \`${t.case}\`: ${t.title}`, "", t.description, "");
    for (const s of t.servers) L.push(`- ${s.role} (${s.address}): ${s.conf.filter((l) => varying.test(l) && !l.startsWith("listen_address")).map((l) => `\`${l}\``).join(", ")}`);
    if (t.relay) {
      L.push(`- relay maps ${t.relay.mapped.join(", ")}${t.relay.ruleset ? "; its nftables input chain drops every other new connection" : "; no firewall (an unmapped port gets the kernel's RST)"}; forwarding: ${t.topology.relayForwarding as string}`);
    }
    if (t.error) L.push(`- **error**: ${t.error}`);
    L.push("");
  }
  L.push("## FXP: what the client saw", "");
  L.push("Times: milliseconds after the client sent PASV to A. Login, TYPE and QUIT are left out (all in the transcripts).", "");
  L.push("| case | client-visible replies | outcome |", "| --- | --- | --- |");
  for (const t of transcripts.filter((x) => x.runs[0]?.kind === "ftplib-fxp" || x.case.startsWith("fxp"))) L.push(`| ${fxpRow(t).join(" | ")} |`);
  L.push("");
  L.push("## Relay: what the client saw", "");
  L.push("Times: ftplib's are milliseconds since the script started (connect and login included); curl -v's log has none, its", "total time is in the outcome. Login and QUIT are left out (all in the transcripts).", "");
  L.push("| case | client | client-visible replies | outcome |", "| --- | --- | --- | --- |");
  for (const t of transcripts.filter((x) => x.relay)) for (const row of relayRows(t)) L.push(`| ${row.join(" | ")} |`);
  L.push("");
  L.push(notes, "");
  return L.join("\n");
}

function parseArgs(argv: string[]): { out: string; only: string | null } | string {
  let out = resolve(import.meta.dirname, "fixtures/multi-host");
  let only: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--out" && argv[i + 1]) out = resolve(argv[++i]!);
    else if (a === "--only" && argv[i + 1]) only = argv[++i]!;
    else return `unknown argument ${a}`;
  }
  return { out, only };
}

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (typeof o === "string") {
    console.error(`capture-multi-host: ${o}\nusage: npx tsx test/real/capture-multi-host.ts [--out DIR] [--only TEXT]`);
    return 2;
  }
  const unable = cannotRunHere();
  if (unable) {
    console.error(`capture-multi-host: cannot run here: ${unable}`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`capture-multi-host: ${line}\n`);
  await ensurePackages(
    [
      ["/usr/sbin/vsftpd", "vsftpd"],
      ["socat", "socat"],
      ["curl", "curl"],
      ["nft", "nftables"],
      ["ip", "iproute2"],
      ["ss", "iproute2"],
      ["python3", "python3"],
    ],
    log,
  );
  const noNs = await cannotMakeNamespaces();
  if (noNs) {
    console.error(`capture-multi-host: cannot run here: ${noNs}`);
    return 2;
  }
  const programs = await versions();
  const cases = CASES.filter((c) => !o.only || c.name.includes(o.only));
  mkdirSync(o.out, { recursive: true });
  const base = (process.pid % 1296).toString(36).padStart(2, "0");
  const transcripts: Transcript[] = [];
  let failed = 0;
  for (const [i, c] of cases.entries()) {
    if (state.stopping) break;
    const t = await runOne(c, `${base}${i.toString(36)}`, programs);
    log(`${c.name}: ${t.error ? `ERROR ${t.error}` : "done"} in ${(t.durationMs / 1000).toFixed(1)} s`);
    if (t.error) failed++;
    writeFileSync(join(o.out, `${c.name}.json`), JSON.stringify(t, null, 1) + "\n");
    transcripts.push(t);
  }
  // The README covers every case: those not run this time are read back from their files.
  const all = CASES.map((c) => transcripts.find((t) => t.case === c.name) ?? (existsSync(join(o.out, `${c.name}.json`)) ? (JSON.parse(readFileSync(join(o.out, `${c.name}.json`), "utf8")) as Transcript) : null)).filter((t): t is Transcript => t !== null);
  const readmePath = join(o.out, "README.md");
  writeFileSync(readmePath, readme(all, programs, existsSync(readmePath) ? readFileSync(readmePath, "utf8") : null));
  log(`wrote ${transcripts.length} transcript(s) and README.md to ${o.out}`);
  return state.stopping ? 130 : failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    runCleanups();
    process.exitCode = code;
  },
  (e) => {
    runCleanups();
    console.error(`capture-multi-host: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  },
);
