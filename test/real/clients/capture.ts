/**
 * Ground truth for the client profiles: runs lftp, tnftp (bsd-ftp), inetutils ftp and Python's
 * ftplib against the real vsftpd through the cases of CLIENTS.md — namespaces, host firewalls and
 * router NAT exactly as verify:real builds them — and prints each client's own log with the time
 * of every line, the data SYNs each end saw, and the RealTransfer the driver read from the log.
 *
 *   npx tsx test/real/clients/capture.ts [--client lftp,bsd-ftp,inetutils-ftp,ftplib]
 *       [--case open-passive,...] [--driver] [--write] [--jobs N] [--quiet]
 *
 * By default the clients keep their own timeouts and retries (lftp's net:timeout 5 min and
 * net:max-retries 1000; ftplib with no timeout), so a failing case shows how long the program
 * really waits; the mode (and EPSV on or off) is each program's default unless the case says
 * active or passive. --driver runs the drivers exactly as verify:real would (the scenario's
 * connectTimeoutMs, no retries). --write records the logs as
 * test/real/fixtures/software/clients/<client>--<case>[--<op>][--driver].log and a summary.json
 * beside them (one entry per fixture, merged into what is there).
 * Needs root on Linux; makes namespaces ftpr-k<n>-{c,r,s} only, and removes them on every exit.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenario } from "../../../sim/scenario/validate";
import type { Scenario, ScenarioInput } from "../../../sim/scenario/schema";
import type { ClientSoftware } from "../../../sim/software/names";
import { createTopology, destroyTopology } from "../namespaces";
import { applyRuleset, rulesetFor } from "../nft";
import { routerRuleset } from "../router";
import { readSyns, startSynWatch, type Tuple } from "../syn-watch";
import { readLog, startVsftpd, type Vsftpd } from "../vsftpd";
import type { TimedTransfer } from "./common";
import { runBsdFtp } from "./bsd-ftp";
import { runFtplibClient } from "./ftplib";
import { runInetutilsFtp } from "./inetutils-ftp";
import { runLftp, type DriverOptions } from "./lftp";

type Driven = Exclude<ClientSoftware, "curl" | "filezilla" | "winscp" | "windows-ftp" | "console">;
type Runner = (ns: string, s: Scenario, command: string, workDir: string, uploadDir: string, opts: DriverOptions) => Promise<TimedTransfer>;

const RUNNERS: Record<Driven, Runner> = { lftp: runLftp, "bsd-ftp": runBsdFtp, "inetutils-ftp": runInetutilsFtp, ftplib: runFtplibClient };

/** Each program out of the box (what CLIENTS.md measured): its mode, EPSV/EPRT habit and 227 rule, and for --driver a connect timeout. */
const PROGRAM: Record<Driven, { mode: "active" | "passive"; extended: boolean; pasvAddress: "use" | "ignore" }> = {
  lftp: { mode: "passive", extended: false, pasvAddress: "use" },
  "bsd-ftp": { mode: "passive", extended: true, pasvAddress: "use" },
  "inetutils-ftp": { mode: "active", extended: false, pasvAddress: "use" },
  ftplib: { mode: "passive", extended: false, pasvAddress: "ignore" },
};

const SERVER = { passivePorts: [30000, 30049] as [number, number] };
const FULL = ["LIST", "RETR hello.txt", "STOR up.txt"];

interface CaseDef {
  name: string;
  what: string;
  mode: "active" | "passive";
  /** EPSV/EPRT on or off whatever the program's default (else the program's default). */
  extended?: boolean;
  /** Only for these programs (else all). */
  only?: Driven[];
  commands: string[];
  scenario: ScenarioInput;
}

export const CASES: CaseDef[] = [
  { name: "open-passive", what: "no firewall, passive", mode: "passive", commands: FULL, scenario: { server: SERVER } },
  { name: "open-active", what: "no firewall, active", mode: "active", commands: FULL, scenario: { server: SERVER } },
  {
    name: "open-passive-noext-server",
    what: "passive, server refuses EPSV/EPRT (vsftpd cmds_denied: 550)",
    mode: "passive",
    commands: ["LIST"],
    scenario: { server: { ...SERVER, extended: false } },
  },
  {
    name: "open-active-noext-server",
    what: "active, server refuses EPSV/EPRT (vsftpd cmds_denied: 550)",
    mode: "active",
    commands: ["LIST"],
    scenario: { server: { ...SERVER, extended: false } },
  },
  {
    name: "open-passive-epsv",
    what: "no firewall, passive with EPSV asked for (lftp ftp:prefer-epsv yes, inetutils epsv4)",
    mode: "passive",
    extended: true,
    only: ["lftp", "inetutils-ftp"],
    commands: ["LIST"],
    scenario: { server: SERVER },
  },
  {
    name: "open-active-eprt",
    what: "no firewall, active with EPRT asked for (lftp ftp:prefer-epsv yes, inetutils epsv4)",
    mode: "active",
    extended: true,
    only: ["lftp", "inetutils-ftp"],
    commands: ["LIST"],
    scenario: { server: SERVER },
  },
  {
    name: "noext-server-passive-epsv",
    what: "passive with EPSV asked for, server refuses EPSV/EPRT (550)",
    mode: "passive",
    extended: true,
    only: ["lftp", "inetutils-ftp"],
    commands: ["LIST"],
    scenario: { server: { ...SERVER, extended: false } },
  },
  {
    name: "noext-server-active-eprt",
    what: "active with EPRT asked for, server refuses EPSV/EPRT (550)",
    mode: "active",
    extended: true,
    only: ["lftp", "inetutils-ftp"],
    commands: ["LIST"],
    scenario: { server: { ...SERVER, extended: false } },
  },
  { name: "client-stateful-active", what: 'client firewall "stateful", active', mode: "active", commands: ["LIST"], scenario: { client: { firewall: "stateful" }, server: SERVER } },
  {
    name: "server-control-only-passive",
    what: 'server firewall "control-only", passive',
    mode: "passive",
    commands: ["LIST"],
    scenario: { server: { ...SERVER, firewall: "control-only" } },
  },
  {
    name: "server-nat-private-227",
    what: "server 10.99.2.20 behind NAT 203.0.113.5 (21 and 30000-30049 forwarded, no helper): the 227 names 10.99.2.20",
    mode: "passive",
    commands: ["LIST"],
    scenario: { server: { ...SERVER, ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]], ftpHelper: false } } },
  },
  {
    name: "server-nat-private-227-pasv",
    what: "as server-nat-private-227, with EPSV off (tnftp's epsv4 off) so that a 227 comes",
    mode: "passive",
    extended: false,
    only: ["bsd-ftp"],
    commands: ["LIST"],
    scenario: { server: { ...SERVER, ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]], ftpHelper: false } } },
  },
  {
    name: "client-nat-active",
    what: "client 192.168.1.10 behind NAT 198.51.100.7 (no helper), active: PORT names the private address",
    mode: "active",
    commands: ["LIST"],
    scenario: { client: { ip: "192.168.1.10", nat: { publicIp: "198.51.100.7", ftpHelper: false } }, server: { ...SERVER, ip: "203.0.113.5" } },
  },
];

/** The case's scenario as the named program would run it (parsed as curl, then the program's defaults and the case's mode). */
export function scenarioFor(def: CaseDef, client: Driven, driver: boolean): Scenario {
  const r = parseScenario({ ...def.scenario, commands: def.commands });
  if (!r.ok) throw new Error(`${def.name}: ${r.errors.join("; ")}`);
  const s = r.scenario;
  const p = PROGRAM[client];
  return { ...s, client: { ...s.client, software: client, mode: def.mode, extended: def.extended ?? p.extended, pasvAddress: p.pasvAddress, connectTimeoutMs: driver ? 10_000 : s.client.connectTimeoutMs } };
}

const fmtTuple = (t: Tuple) => `${t.src.ip}:${t.src.port} → ${t.dst.ip}:${t.dst.port}`;

interface Captured {
  client: Driven;
  case: string;
  what: string;
  command: string;
  transfer: Omit<TimedTransfer, "log" | "lines">;
  dataSyns: { client: { answered: string[]; unanswered: string[] }; server: { answered: string[]; unanswered: string[] } };
  /** Lines with their times, for the timing claims of CLIENTS.md. */
  timed: string[];
  fixture: string | null;
}

function parseArgs(argv: string[]) {
  const o = { clients: Object.keys(RUNNERS) as Driven[], cases: CASES.map((c) => c.name), driver: false, write: false, jobs: 8, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = () => argv[++i] ?? "";
    if (a === "--client") o.clients = v().split(",") as Driven[];
    else if (a === "--case") o.cases = v().split(",");
    else if (a === "--driver") o.driver = true;
    else if (a === "--write") o.write = true;
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--jobs") o.jobs = Number(v());
    else throw new Error(`unknown option ${a}`);
  }
  for (const c of o.clients) if (!(c in RUNNERS)) throw new Error(`no driver for ${c}`);
  for (const c of o.cases) if (!CASES.some((d) => d.name === c)) throw new Error(`no case ${c}`);
  return o;
}

const live = new Set<string>();
const servers = new Set<Vsftpd>();
function cleanupAll() {
  for (const v of servers) v.stop();
  servers.clear();
  for (const id of live) destroyTopology(id);
  live.clear();
}
process.on("exit", cleanupAll);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    cleanupAll();
    process.exit(130);
  });
}

async function captureOne(id: string, def: CaseDef, client: Driven, o: ReturnType<typeof parseArgs>): Promise<{ report: string; captured: Captured[] }> {
  const s = scenarioFor(def, client, o.driver);
  const work = mkdtempSync(join(tmpdir(), `ftpr-${id}-`));
  chmodSync(work, 0o755);
  const out: string[] = [`=== ${client} × ${def.name}: ${def.what} (mode ${s.client.mode}, extended ${s.client.extended})`];
  const captured: Captured[] = [];
  live.add(id);
  let v: Vsftpd | null = null;
  try {
    destroyTopology(id);
    const t = await createTopology(id, { clientIp: s.client.ip, serverIp: s.server.ip, clientPublic: s.client.nat?.publicIp, serverPublic: s.server.nat?.publicIp });
    await Promise.all([
      applyRuleset(t.client, rulesetFor("client", s.client.firewall, s.server.passivePorts)),
      applyRuleset(t.server, rulesetFor("server", s.server.firewall, s.server.passivePorts)),
      applyRuleset(t.router, routerRuleset(s, t)),
      startSynWatch(t.client),
      startSynWatch(t.server),
    ]);
    v = await startVsftpd(t.server, join(work, "srv"), s, null);
    servers.add(v);
    await Promise.all([readSyns(t.client), readSyns(t.server)]);
    for (const command of s.commands) {
      const tr = await RUNNERS[client](t.client, s, command, work, v.uploadDir, { programDefaults: !o.driver });
      const [cs, ss] = await Promise.all([readSyns(t.client), readSyns(t.server)]);
      const data = (xs: Tuple[]) => xs.filter((x) => x.dst.port !== 21).map(fmtTuple);
      const dataSyns = { client: { answered: data(cs.answered), unanswered: data(cs.syns) }, server: { answered: data(ss.answered), unanswered: data(ss.syns) } };
      const timed = tr.lines.map((l) => `${(l.ms / 1000).toFixed(3).padStart(8)}  ${l.line}`);
      const op = command.split(" ")[0]!.toLowerCase();
      const fixture = `${client}--${def.name}${s.commands.length > 1 && op !== "list" ? `--${op}` : ""}${o.driver ? "--driver" : ""}.log`;
      out.push(
        `--- ${command}: ${tr.result}, last reply ${tr.lastReply ?? "none"}, data endpoint ${tr.dataEndpoint ?? "none"}, exit ${tr.exitCode}, ${(tr.durationMs / 1000).toFixed(1)} s${tr.note ? ` — ${tr.note}` : ""}`,
        `    $ ${tr.invocation.split("\n").join("\n    ")}`,
        `    data SYNs at the client: answered [${dataSyns.client.answered.join(", ")}] unanswered [${dataSyns.client.unanswered.join(", ")}]`,
        `    data SYNs at the server: answered [${dataSyns.server.answered.join(", ")}] unanswered [${dataSyns.server.unanswered.join(", ")}]`,
        ...(o.quiet ? [] : timed.map((l) => `    ${l}`)),
      );
      const { log, ...withLines } = tr;
      const rest: Partial<TimedTransfer> = { ...withLines };
      delete rest.lines;
      captured.push({ client, case: def.name, what: def.what, command, transfer: rest as Captured["transfer"], dataSyns, timed, fixture: o.write ? fixture : null });
      if (o.write) writeFileSync(join(FIXTURES, fixture), log);
    }
    out.push("--- vsftpd's log:", ...readLog(v).trimEnd().split("\n").map((l) => `    ${l}`));
  } catch (e) {
    out.push(`!!! ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  } finally {
    if (v) {
      v.stop();
      servers.delete(v);
    }
    destroyTopology(id);
    live.delete(id);
    rmSync(work, { recursive: true, force: true });
  }
  return { report: out.join("\n"), captured };
}

const FIXTURES = fileURLToPath(new URL("../fixtures/software/clients", import.meta.url));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error("needs root (network namespaces)");
  if (o.write) mkdirSync(FIXTURES, { recursive: true });
  const jobs: Array<{ def: CaseDef; client: Driven }> = [];
  for (const name of o.cases) for (const client of o.clients) if (!CASES.find((c) => c.name === name)!.only || CASES.find((c) => c.name === name)!.only!.includes(client)) jobs.push({ def: CASES.find((c) => c.name === name)!, client });
  const all: Captured[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const { def, client } = jobs[i]!;
      const r = await captureOne(`k${process.pid % 1000}x${i}`, def, client, o);
      console.log(r.report + "\n");
      all.push(...r.captured);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  if (o.write) {
    const path = join(FIXTURES, "summary.json");
    const prev = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Captured[]) : [];
    const key = (c: Captured) => `${c.client}|${c.case}|${c.command}|${c.fixture}`;
    const merged = new Map(prev.map((c) => [key(c), c]));
    for (const c of all) merged.set(key(c), c);
    const sorted = [...merged.values()].sort((a, b) => key(a).localeCompare(key(b)));
    writeFileSync(path, JSON.stringify(sorted, null, 1) + "\n");
  }
  console.log("client\tcase\tcommand\tresult\tlast reply\tdata endpoint\tseconds");
  for (const c of all) console.log([c.client, c.case, c.command, c.transfer.result, c.transfer.lastReply ?? "-", c.transfer.dataEndpoint ?? "-", (c.transfer.durationMs / 1000).toFixed(1)].join("\t"));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
