/**
 * The transcripts of a real run against ProFTPD and Pure-FTPd, as fixtures, from a
 * `verify:real --json` file:
 *
 * - for each case driven by curl (or ftplib for an advertised address) whose server is one of
 *   them, test/real/fixtures/software/<server>/<case>.txt with the scenario, each transfer's
 *   curl -v (or ftplib) log and outcome, and the server's own protocol log (ProFTPD's ExtendedLog;
 *   Pure-FTPd's syslog lines, caught by servers/pure-ftpd.ts);
 * - for each case that names another client program (test/real/scenarios/clients/
 *   <client>--<server>--<case>.json) whose case is one of --client-cases, the program's own log,
 *   raw as its driver read it, as test/real/fixtures/software/clients/<client>--<server>--<case>[--<op>].log
 *   (the naming of clients/capture.ts, with the server between), and one entry per log in
 *   clients/servers-summary.json beside them: the driver's reading, the simulator's, the data
 *   connection seen, the exact invocation. Entries are merged into what is there.
 *
 *   npm run verify:real -- --only software/ --json /tmp/software.json
 *   npx tsx test/real/servers/transcripts.ts /tmp/software.json [OUT_DIR]
 *   npm run verify:real -- --only clients/ --json /tmp/clients.json
 *   npx tsx test/real/servers/transcripts.ts /tmp/clients.json [OUT_DIR] [--client-cases open-passive,server-nat-private-227,…]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CaseResult } from "../case";
import { describeShape } from "../compare";

/** By default: an ordinary passive session, and the server NAT whose 227 names the private address (tnftp: also with EPSV off). */
const DEFAULT_CLIENT_CASES = ["open-passive", "server-nat-private-227", "server-nat-private-227-pasv"];
const SERVERS = ["proftpd", "pure-ftpd"];

function parseArgs(argv: string[]): { input: string; out: string; clientCases: string[] } | null {
  const positional: string[] = [];
  let clientCases = DEFAULT_CLIENT_CASES;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--client-cases") clientCases = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (a.startsWith("--")) return null;
    else positional.push(a);
  }
  const [input, outArg] = positional;
  if (!input) return null;
  return { input, out: resolve(outArg ?? join(import.meta.dirname, "../fixtures/software")), clientCases };
}

/** One client log saved, as servers-summary.json records it. */
export interface ClientFixture {
  fixture: string;
  client: string;
  server: string;
  case: string;
  command: string;
  real: { result: string; lastReply: number | null; dataEndpoint: string | null; durationMs: number; exitCode: number | null; note: string | null; dataConnection: string };
  simulated: { result: string; lastReply: number | null; dataConnection: string } | null;
  agree: boolean;
  invocation: string | null;
}

/** The raw client logs of one case, or nothing when the case is not one asked for. */
export function clientFixtures(r: CaseResult, clientCases: readonly string[]): Array<{ file: string; log: string; entry: ClientFixture }> {
  const raw = r.raw as { client?: { software?: string }; server?: { software?: string } };
  const client = raw.client?.software;
  const server = raw.server?.software ?? "vsftpd";
  if (!client || client === "curl" || !SERVERS.includes(server) || r.skipped) return [];
  const base = r.name.replace(/^.*\//, "");
  const prefix = `${client}--${server}--`;
  if (!base.startsWith(prefix)) return [];
  const name = base.slice(prefix.length);
  if (!clientCases.includes(name)) return [];
  const several = r.rows.length > 1;
  return r.rows.flatMap((row) => {
    const real = row.real;
    if (!real || real.result === "unsupported") return [];
    const op = row.command.split(" ")[0]!.toLowerCase();
    const file = `${base}${several && op !== "list" ? `--${op}` : ""}.log`;
    const entry: ClientFixture = {
      fixture: file,
      client,
      server,
      case: name,
      command: row.command,
      real: { result: real.result, lastReply: real.lastReply, dataEndpoint: real.dataEndpoint, durationMs: real.durationMs, exitCode: real.exitCode, note: real.note ?? null, dataConnection: describeShape(real.shape) },
      simulated: row.sim ? { result: row.sim.result, lastReply: row.sim.lastReply, dataConnection: describeShape(row.sim.shape) } : null,
      agree: row.agree,
      invocation: real.invocation ?? null,
    };
    return [{ file, log: real.log, entry }];
  });
}

function serverTranscript(r: CaseResult, server: string): string {
  const parts = [`# ${r.name} (${r.driver}, mode ${r.mode})`, "", "## scenario", JSON.stringify(r.raw, null, 1), ""];
  if (r.skipped || r.error) parts.push(`## not run: ${r.skipped ?? r.error}`, "");
  for (const row of r.rows) {
    const real = row.real;
    parts.push(`## ${row.command}: real ${real ? `${real.result} ${real.lastReply ?? "-"}` : "-"}, simulated ${row.sim ? `${row.sim.result} ${row.sim.lastReply ?? "-"}` : "-"}${real?.note ? ` (${real.note})` : ""}`);
    if (real) parts.push(real.log.trimEnd().replace(/^> PASS .*$/gm, "> PASS ********"));
    parts.push("");
  }
  parts.push(`## ${server} protocol log`, r.vsftpdLog?.trim() ? r.vsftpdLog.trimEnd() : "(none)", "");
  return parts.join("\n");
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (!o) {
    console.error("usage: tsx test/real/servers/transcripts.ts RUN.json [OUT_DIR] [--client-cases CASE,...]");
    process.exit(2);
  }
  const run = JSON.parse(readFileSync(o.input, "utf8")) as { cases: CaseResult[] };
  let transcripts = 0;
  const logs: ClientFixture[] = [];
  for (const r of run.cases) {
    const raw = r.raw as { client?: { software?: string }; server?: { software?: string } };
    const server = raw.server?.software;
    if (server !== "proftpd" && server !== "pure-ftpd") continue;
    const client = raw.client?.software ?? "curl";
    if (client !== "curl") {
      const dir = join(o.out, "clients");
      for (const { file, log, entry } of clientFixtures(r, o.clientCases)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, file), log);
        logs.push(entry);
      }
      continue;
    }
    const name = r.name.replace(/^.*\//, "").replace(new RegExp(`^${server}--`), "");
    mkdirSync(join(o.out, server), { recursive: true });
    writeFileSync(join(o.out, server, `${name}.txt`), serverTranscript(r, server));
    transcripts++;
  }
  if (logs.length) {
    const path = join(o.out, "clients", "servers-summary.json");
    const prev = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as ClientFixture[]) : [];
    const merged = new Map(prev.map((e) => [e.fixture, e]));
    for (const e of logs) merged.set(e.fixture, e);
    writeFileSync(path, JSON.stringify([...merged.values()].sort((a, b) => a.fixture.localeCompare(b.fixture)), null, 1) + "\n");
  }
  console.log(`wrote ${transcripts} server transcript(s) and ${logs.length} client log(s) under ${o.out}`);
}

// Run as a script; imported (by a test), it only lends its readers.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
