/**
 * Ground truth for issue 18, captured from real programs in network namespaces: FXP (one client,
 * two vsftpd, RFC 959 §2.3 figure 2) and a relay with mapped ports (socat) in front of vsftpd.
 * Each case (multi-host/cases.ts) is run once (multi-host/run-case.ts) and written as a JSON
 * transcript — every line each client sent and received with its time, the servers' exact configuration and protocol logs, the TCP connections each host
 * saw (syn-watch.ts), and whether the file arrived intact — plus a README.md with the table.
 * The README's "## Notes" section, written by hand, is kept when the README is rewritten.
 *
 *   npx tsx test/real/capture-multi-host.ts [--out DIR] [--only TEXT]
 *
 * Needs root on Linux; installs vsftpd, socat, curl, nftables when missing (no service started).
 * Default output: test/real/fixtures/multi-host/, which test/sim/multi-host-reference.test.ts holds
 * the simulator to; verify:real runs the same cases live for every FXP or relay scenario.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runCleanups, state } from "./case";
import { cannotMakeNamespaces, cannotRunHere, ensurePackages } from "./preconditions";
import { run } from "./sh";
import { CASES, FXP_HOSTS, RELAY_ADDRESSES, TIMEOUT_S } from "./multi-host/cases";
import type { FtpEvent } from "./multi-host/drivers";
import { FXP_SIZE, RELAY_SIZE, MULTI_HOST_PACKAGES, runOne, type Transcript } from "./multi-host/run-case";

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
  await ensurePackages(MULTI_HOST_PACKAGES, log);
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
