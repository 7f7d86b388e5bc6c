/**
 * The transcripts of a real run of the ProFTPD and Pure-FTPd scenarios, as fixtures: for each case
 * of a `verify:real --json` file whose server is one of them, test/real/fixtures/software/<server>/<case>.txt
 * with the scenario, each transfer's curl -v (or ftplib) log and outcome, and the server's own
 * protocol log (ProFTPD's ExtendedLog; Pure-FTPd's syslog lines, caught by servers/pure-ftpd.ts).
 *
 *   npm run verify:real -- --only software/ --json /tmp/software.json
 *   npx tsx test/real/servers/transcripts.ts /tmp/software.json [OUT_DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CaseResult } from "../case";

const [input, outArg] = process.argv.slice(2);
if (!input) {
  console.error("usage: tsx test/real/servers/transcripts.ts RUN.json [OUT_DIR]");
  process.exit(2);
}
const out = resolve(outArg ?? join(import.meta.dirname, "../fixtures/software"));
const run = JSON.parse(readFileSync(input, "utf8")) as { cases: CaseResult[] };
let written = 0;
for (const r of run.cases) {
  const raw = r.raw as { server?: { software?: string } };
  const server = raw.server?.software;
  if (server !== "proftpd" && server !== "pure-ftpd") continue;
  const name = r.name.replace(/^.*\//, "").replace(new RegExp(`^${server}--`), "");
  const parts = [`# ${r.name} (${r.driver}, mode ${r.mode})`, "", "## scenario", JSON.stringify(r.raw, null, 1), ""];
  if (r.skipped || r.error) parts.push(`## not run: ${r.skipped ?? r.error}`, "");
  for (const row of r.rows) {
    const real = row.real;
    parts.push(`## ${row.command}: real ${real ? `${real.result} ${real.lastReply ?? "-"}` : "-"}, simulated ${row.sim ? `${row.sim.result} ${row.sim.lastReply ?? "-"}` : "-"}${real?.note ? ` (${real.note})` : ""}`);
    if (real) parts.push(real.log.trimEnd().replace(/^> PASS .*$/gm, "> PASS ********"));
    parts.push("");
  }
  parts.push(`## ${server} protocol log`, r.vsftpdLog?.trim() ? r.vsftpdLog.trimEnd() : "(none)", "");
  mkdirSync(join(out, server), { recursive: true });
  writeFileSync(join(out, server, `${name}.txt`), parts.join("\n"));
  written++;
}
console.log(`wrote ${written} transcript(s) under ${out}`);
