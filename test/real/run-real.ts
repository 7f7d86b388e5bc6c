/**
 * Real-network check: run scenarios through real Linux namespaces, nftables, vsftpd and curl, and
 * compare each transfer with the simulator's result for the same file.
 *
 *   npx tsx test/real/run-real.ts [--keep] [--json OUT.json] [--verbose] [--jobs N] FILE.json...
 *
 * Needs root on Linux; installs vsftpd, nftables, curl, iproute2 and python3 if missing (with a
 * policy-rc.d that forbids starting services). Up to --jobs cases (default 4) run at once, each in
 * its own namespaces and work dir; the table keeps the files' order. Every namespace and
 * the vsftpd it started are removed even on errors, SIGINT and SIGTERM.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync, renameSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseScenario } from "../../sim/scenario/validate";
import { main as simMain } from "../../sim/cli/main";
import type { Scenario } from "../../sim/scenario/schema";
import { createTopology, destroyTopology } from "./namespaces";
import { applyRuleset, rulesetFor } from "./nft";
import { startVsftpd, readLog, type Vsftpd } from "./vsftpd";
import { modeOf, runCommand, type RealTransfer } from "./curl";
import { run } from "./sh";
import { startWatchdog } from "./watchdog";

// ---------- preconditions ----------

function requireRootLinux(): void {
  if (process.platform !== "linux") {
    console.error("run-real: needs Linux (network namespaces, nftables); this is " + process.platform);
    process.exit(2);
  }
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    console.error("run-real: needs root (it creates network namespaces and runs vsftpd); try: sudo npx tsx test/real/run-real.ts FILE...");
    process.exit(2);
  }
}

const NEEDED: Array<[string, string]> = [
  ["/usr/sbin/vsftpd", "vsftpd"],
  ["nft", "nftables"],
  ["curl", "curl"],
  ["ip", "iproute2"],
  ["ss", "iproute2"],
  ["python3", "python3"],
];

function have(bin: string): boolean {
  return bin.startsWith("/") ? existsSync(bin) : run("sh", ["-c", `command -v ${bin}`], { allowFail: true }).code === 0;
}

function ensureDeps(): void {
  const missing = [...new Set(NEEDED.filter(([bin]) => !have(bin)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  console.error(`run-real: installing ${missing.join(" ")} (services will not be started)`);
  const policy = "/usr/sbin/policy-rc.d";
  const backup = `${policy}.ftpr-backup`;
  const hadPolicy = existsSync(policy);
  if (hadPolicy) renameSync(policy, backup);
  try {
    writeFileSync(policy, "#!/bin/sh\n# written by test/real/run-real.ts: start no services during install\nexit 101\n");
    chmodSync(policy, 0o755);
    process.env.DEBIAN_FRONTEND = "noninteractive"; // inherited by apt-get
    let r = run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { allowFail: true, timeoutMs: 600_000 });
    if (r.code !== 0) {
      run("apt-get", ["update"], { allowFail: true, timeoutMs: 600_000 });
      r = run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { allowFail: true, timeoutMs: 600_000 });
    }
    if (r.code !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  } finally {
    unlinkSync(policy);
    if (hadPolicy) renameSync(backup, policy);
  }
  // The package may have started vsftpd despite us on systems without policy-rc.d support: say so, do not touch it.
  const pids = run("pgrep", ["-x", "vsftpd"], { allowFail: true }).stdout.trim();
  if (pids) console.error(`run-real: note: a vsftpd not started by us is running on the host (pids ${pids.split("\n").join(" ")}); left alone`);
}

// ---------- cleanup on every exit path ----------

const cleanups = new Map<string, () => void>();
function runCleanups(): void {
  for (const [key, fn] of [...cleanups].reverse()) {
    try {
      fn();
    } catch (e) {
      console.error(`run-real: cleanup ${key}: ${e instanceof Error ? e.message : String(e)}`);
    }
    cleanups.delete(key);
  }
}
let stopping = false;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\nrun-real: ${sig}: cleaning up`);
    // Deferred one turn so a wrapper (tsx) hears that we got the signal before we block in cleanup;
    // should we be killed anyway, the case's watchdog finishes the job.
    setTimeout(() => {
      runCleanups();
      process.exit(130);
    }, 10);
  });
}
process.on("exit", runCleanups);

// ---------- one case ----------

interface SimTransfer {
  command: string;
  result: string;
  lastReply: number | null;
  attempt?: { from: { ip: string; port: number }; to: { ip: string; port: number } } | null;
  data?: unknown;
}

interface CaseResult {
  file: string;
  name: string;
  mode: string;
  real: RealTransfer[];
  sim: SimTransfer[];
  setupMs: number;
  transfersMs: number;
  totalMs: number;
  error?: string;
  vsftpdLog?: string;
  rulesets: { client: string | null; server: string | null };
}

function loadScenario(file: string): Scenario {
  const json = JSON.parse(readFileSync(file, "utf8"));
  const candidate = json && typeof json === "object" && "scenario" in json ? json.scenario : json;
  const parsed = parseScenario(candidate);
  if (!parsed.ok) throw new Error(`${file}: invalid scenario: ${parsed.errors.join("; ")}`);
  return parsed.scenario;
}

function unsupported(s: Scenario): string | null {
  if (s.tls) return "tls";
  if (s.client.nat || s.server.nat) return "NAT";
  if (s.client.advertise) return "client.advertise";
  if (s.client.activePort !== "ephemeral") return 'client.activePort "n+1"';
  if (!s.server.extended) return "server.extended=false (vsftpd cannot refuse EPSV/EPRT)";
  if (s.client.login) return "client.login";
  return null;
}

function simulate(file: string): SimTransfer[] {
  const { code, stdout, stderr } = simMain(["--json", file]);
  if (code !== 0) throw new Error(`simulator: ${stderr.trim()}`);
  const out = JSON.parse(stdout.trim().split("\n")[0]!);
  return out.transfers as SimTransfer[];
}

async function runCase(file: string, id: string, opts: { keep: boolean }): Promise<CaseResult> {
  const t0 = Date.now();
  const name = basename(file).replace(/\.json$/, "");
  const scenario = loadScenario(file);
  const res: CaseResult = { file, name, mode: modeOf(scenario), real: [], sim: [], setupMs: 0, transfersMs: 0, totalMs: 0, rulesets: { client: null, server: null } };
  try {
    res.sim = simulate(file);
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
  }
  const why = unsupported(scenario);
  if (why) {
    res.error = `not runnable on the real network yet: ${why}`;
    res.totalMs = Date.now() - t0;
    return res;
  }
  const workDir = mkdtempSync(join(tmpdir(), `ftpr-${id}-`));
  chmodSync(workDir, 0o755);
  let vs: Vsftpd | null = null;
  const watchdog = startWatchdog(id, workDir);
  cleanups.set(`topology ${id}`, () => {
    const errs = destroyTopology(id);
    if (errs.length) throw new Error(errs.join("; "));
  });
  cleanups.set(`workdir ${id}`, () => {
    watchdog.stop();
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  });
  try {
    const topo = createTopology(id, scenario.client.ip, scenario.server.ip);
    res.rulesets.client = rulesetFor("client", scenario.client.firewall, scenario.server.passivePorts);
    res.rulesets.server = rulesetFor("server", scenario.server.firewall, scenario.server.passivePorts);
    applyRuleset(topo.client, res.rulesets.client);
    applyRuleset(topo.server, res.rulesets.server);
    vs = await startVsftpd(topo.server, join(workDir, "srv"), scenario);
    const v = vs;
    writeFileSync(join(workDir, "vsftpd.pgid"), String(v.pid));
    cleanups.set(`vsftpd ${id}`, () => v.stop());
    res.setupMs = Date.now() - t0;
    const t1 = Date.now();
    for (const command of scenario.commands) {
      if (stopping) break;
      res.real.push(await runCommand(topo.client, scenario, command, workDir, vs.uploadDir));
    }
    res.transfersMs = Date.now() - t1;
    res.vsftpdLog = readLog(vs);
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
  } finally {
    // Order matters: vsftpd first (it lives in the server namespace), then namespaces, then files.
    for (const key of [`vsftpd ${id}`, `topology ${id}`, `workdir ${id}`]) {
      const fn = cleanups.get(key);
      cleanups.delete(key);
      try {
        fn?.();
      } catch (e) {
        res.error = `${res.error ? `${res.error}; ` : ""}cleanup: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    res.totalMs = Date.now() - t0;
  }
  return res;
}

// ---------- report ----------

function cell(result: string | undefined, reply: number | null | undefined): string {
  return result === undefined ? "-" : `${result}/${reply ?? "-"}`;
}

function printTable(results: CaseResult[]): number {
  const rows: string[][] = [["case", "op", "simulated", "real", "agree", "real data endpoint", "note"]];
  let disagreements = 0;
  for (const r of results) {
    if (r.error && r.real.length === 0) {
      rows.push([r.name, "-", "-", "-", "ERROR", "-", r.error]);
      disagreements++;
      continue;
    }
    const n = Math.max(r.real.length, r.sim.length);
    for (let i = 0; i < n; i++) {
      const real = r.real[i];
      const sim = r.sim[i];
      const op = (real?.command ?? sim?.command ?? "?").split(" ")[0]!;
      const agree = real !== undefined && sim !== undefined && real.result === sim.result && real.lastReply === sim.lastReply;
      if (!agree) disagreements++;
      rows.push([r.name, op, cell(sim?.result, sim?.lastReply), cell(real?.result, real?.lastReply), agree ? "yes" : "NO", real?.dataEndpoint ?? "-", real?.result !== "ok" ? (real?.note ?? "") : ""]);
    }
    if (r.error) rows.push([r.name, "-", "-", "-", "ERROR", "-", r.error]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const fmt = (row: string[]) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join("  ").trimEnd();
  console.log(fmt(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(fmt(row));
  console.log("");
  for (const r of results) {
    const per = r.real.map((t) => `${t.op} ${(t.durationMs / 1000).toFixed(1)}s`).join(", ");
    console.log(`${r.name} [${r.mode}]: setup ${(r.setupMs / 1000).toFixed(1)}s, transfers ${(r.transfersMs / 1000).toFixed(1)}s (${per}), total ${(r.totalMs / 1000).toFixed(1)}s`);
  }
  return disagreements;
}

async function mainReal(argv: string[]): Promise<number> {
  const keep = argv.includes("--keep");
  const verbose = argv.includes("--verbose");
  const jsonAt = argv.indexOf("--json");
  const jsonOut = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const jobsAt = argv.indexOf("--jobs");
  const jobs = jobsAt >= 0 ? Number(argv[jobsAt + 1]) : 4;
  const files = argv.filter((a, i) => !a.startsWith("--") && !(jsonAt >= 0 && i === jsonAt + 1) && !(jobsAt >= 0 && i === jobsAt + 1));
  if (files.length === 0 || !Number.isInteger(jobs) || jobs < 1) {
    console.error("usage: npx tsx test/real/run-real.ts [--keep] [--verbose] [--json OUT.json] [--jobs N (default 4)] FILE.json...");
    return 2;
  }
  requireRootLinux();
  ensureDeps();
  const t0 = Date.now();
  const base = (process.pid % 1296).toString(36).padStart(2, "0");
  // Each case gets its own id (namespaces ftpr-<id>-*, veths v<id>*, work dir ftpr-<id>-XXXXXX), so
  // up to `jobs` cases run at once; results keep the order of the files on the command line.
  const slots: Array<CaseResult | undefined> = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopping && next < files.length) {
      const i = next++;
      const file = files[i]!;
      const id = `${base}${i.toString(36)}`;
      process.stderr.write(`run-real: start ${file} (ftpr-${id}-*)\n`);
      const r = await runCase(file, id, { keep });
      process.stderr.write(`run-real: done  ${file} ${(r.totalMs / 1000).toFixed(1)}s${r.error ? ` (${r.error})` : ""}\n`);
      slots[i] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, () => worker()));
  const results = slots.filter((r): r is CaseResult => r !== undefined);
  if (verbose) {
    for (const r of results) {
      for (const t of r.real) console.error(`--- ${r.name} ${t.command} (curl exit ${t.exitCode})\n${t.log}`);
      if (r.rulesets.client) console.error(`--- ${r.name} client ruleset\n${r.rulesets.client}`);
      if (r.rulesets.server) console.error(`--- ${r.name} server ruleset\n${r.rulesets.server}`);
      if (r.vsftpdLog) console.error(`--- ${r.name} vsftpd log\n${r.vsftpdLog}`);
    }
  }
  if (stopping) console.log("INTERRUPTED: partial results; transfers cut short show as failed\n");
  const disagreements = printTable(results);
  console.log(`\n${files.length} case(s) in ${((Date.now() - t0) / 1000).toFixed(1)}s; ${disagreements} row(s) disagree`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 1));
  if (stopping) return 130;
  return disagreements === 0 ? 0 : 1;
}

mainReal(process.argv.slice(2)).then(
  (code) => {
    runCleanups();
    process.exitCode = code;
  },
  (e) => {
    runCleanups();
    console.error(`run-real: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 1;
  },
);
