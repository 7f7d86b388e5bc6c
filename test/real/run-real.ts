/**
 * The real-network check: every scenario in test/real/scenarios/ and every lesson's scenarios,
 * through the simulator and through the real server (vsftpd, ProFTPD, Pure-FTPd), the real client
 * (curl, Python's ftplib for an advertised address, or the program of test/real/clients/ the
 * scenario names) and Linux netfilter in network namespaces; a table of simulated versus real
 * per transfer.
 *
 *   npm run verify:real -- [--jobs N] [--only TEXT] [--verbose] [--json OUT.json] [--record DIR] [--keep] [--skip-unable] [FILE.json...]
 *
 * Exit 0 when every transfer agrees, 1 on any disagreement or error, 2 on bad usage or when this
 * machine cannot run it (with --skip-unable: says why and exits 0). Needs root on Linux.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { discoverCases, casesFromFile, type RealCase } from "./cases";
import { cannotMakeNamespaces, cannotRunHere, ensureDeps, ensurePackages } from "./preconditions";
import { isMultiHost, runMultiHostCase } from "./multi-host/verify";
import { MULTI_HOST_PACKAGES } from "./multi-host/run-case";
import { runCase, runCleanups, cleanups, state, type CaseResult } from "./case";
import { makeCertificate, type Certificate } from "./vsftpd";
import { printTable, recordRun } from "./report";

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (state.stopping) return;
    state.stopping = true;
    console.error(`\nrun-real: ${sig}: cleaning up`);
    // Deferred one turn so a wrapper (tsx) hears that we got the signal before we block in cleanup;
    // should we be killed anyway, each case's watchdog finishes the job.
    setTimeout(() => {
      runCleanups();
      process.exit(130);
    }, 10);
  });
}
process.on("exit", () => runCleanups());

interface Options {
  keep: boolean;
  verbose: boolean;
  skipUnable: boolean;
  json?: string;
  record?: string;
  only?: string;
  jobs: number;
  files: string[];
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { keep: false, verbose: false, skipUnable: false, jobs: 8, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === "--keep") o.keep = true;
      else if (a === "--verbose") o.verbose = true;
      else if (a === "--skip-unable") o.skipUnable = true;
      else if (a === "--json") o.json = value();
      else if (a === "--record") o.record = value();
      else if (a === "--only") o.only = value();
      else if (a === "--jobs") {
        o.jobs = Number(value());
        if (!Number.isInteger(o.jobs) || o.jobs < 1 || o.jobs > 32) return "--jobs takes a whole number from 1 to 32";
      } else if (a.startsWith("--")) return `unknown option ${a}`;
      else o.files.push(a);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  return o;
}

const USAGE = "usage: npm run verify:real -- [--jobs N] [--only TEXT] [--verbose] [--json OUT.json] [--record DIR] [--keep] [--skip-unable] [FILE.json...]";

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (typeof o === "string") {
    console.error(`run-real: ${o}\n${USAGE}`);
    return 2;
  }
  let cases: RealCase[];
  try {
    const root = resolve(import.meta.dirname, "../..");
    cases = o.files.length ? o.files.flatMap((f) => casesFromFile(resolve(f), resolve(f, ".."))) : discoverCases(root);
  } catch (e) {
    console.error(`run-real: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  if (o.only) cases = cases.filter((c) => c.name.includes(o.only!));
  if (cases.length === 0) {
    console.error("run-real: no cases to run");
    return 2;
  }
  const unable = cannotRunHere();
  if (unable) {
    console.log(`run-real: SKIPPED: ${unable}`);
    return o.skipUnable ? 0 : 2;
  }
  const log = (line: string) => process.stderr.write(`run-real: ${line}\n`);
  await ensureDeps(log);
  if (cases.some((c) => isMultiHost(c.scenario))) await ensurePackages(MULTI_HOST_PACKAGES, log);
  const noNamespaces = await cannotMakeNamespaces();
  if (noNamespaces) {
    console.log(`run-real: SKIPPED: ${noNamespaces}`);
    return o.skipUnable ? 0 : 2;
  }
  const t0 = Date.now();
  let certificate: Certificate | null = null;
  if (cases.some((c) => c.scenario.tls)) {
    const dir = mkdtempSync(join(tmpdir(), "ftpr-cert-"));
    cleanups.set("certificate", () => rmSync(dir, { recursive: true, force: true }));
    certificate = await makeCertificate(dir);
  }
  // Each case gets its own id (namespaces ftpr-<id>-*, veths v<id>*, work dir ftpr-<id>-XXXXXX), so
  // up to `jobs` cases run at once; results keep the order of discovery.
  const base = (process.pid % 1296).toString(36).padStart(2, "0");
  const slots: Array<CaseResult | undefined> = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!state.stopping && next < cases.length) {
      const i = next++;
      const c = cases[i]!;
      const id = `${base}${i.toString(36)}`;
      const r = isMultiHost(c.scenario) ? await runMultiHostCase(c, id, {}) : await runCase(c, id, { keep: o.keep, certificate });
      if (o.verbose) log(`done ${c.name} in ${(r.totalMs / 1000).toFixed(1)}s${r.error ? ` (${r.error})` : ""}`);
      slots[i] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, cases.length) }, () => worker()));
  const results = slots.filter((r): r is CaseResult => r !== undefined);
  if (o.verbose) {
    for (const r of results) {
      for (const row of r.rows) if (row.real) console.error(`--- ${r.name} ${row.command} (exit ${row.real.exitCode})\n${row.real.log}`);
      for (const [where, text] of Object.entries(r.rulesets)) if (text) console.error(`--- ${r.name} ${where} ruleset\n${text}`);
      if (r.vsftpdLog) console.error(`--- ${r.name} vsftpd log\n${r.vsftpdLog}`);
    }
  }
  if (state.stopping) console.log("INTERRUPTED: partial results; transfers cut short show as failed\n");
  const { agreed, disagreed, skipped } = printTable(results);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`\n${results.length} case(s), ${agreed + disagreed} transfer(s) in ${secs}s with ${o.jobs} at once: ${agreed} agree, ${disagreed} disagree${skipped ? `, ${skipped} case(s) skipped (not runnable for real)` : ""}`);
  if (o.json) writeFileSync(o.json, JSON.stringify({ summary: { cases: results.length, agreed, disagreed, seconds: Number(secs), jobs: o.jobs }, cases: results }, null, 1));
  if (o.record) {
    mkdirSync(o.record, { recursive: true });
    for (const r of results) if (!r.error && !r.skipped) recordRun(r, o.record);
  }
  if (state.stopping) return 130;
  return disagreed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
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
