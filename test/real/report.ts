/** The table a real run prints, and the recorded runs it can write for the lab's "real vs simulated" view. */
import { writeFileSync } from "node:fs";
import { release } from "node:os";
import { join } from "node:path";
import { describeShape } from "./compare";
import type { CaseResult } from "./case";
import { runSync } from "./sh";
import { CLIENT_SOFTWARE, type ClientSoftware } from "../../sim/software/names";
import { clientProfile, hasClientProfile } from "../../sim/software/profiles";

const cell = (result: string | undefined, reply: number | null | undefined) => (result === undefined ? "-" : `${result} ${reply ?? "-"}`);

export function printTable(results: CaseResult[]): { agreed: number; disagreed: number; skipped: number } {
  const rows: string[][] = [["case", "mode", "op", "simulated", "real", "agree", "data connection (real)", "note"]];
  let agreed = 0;
  let disagreed = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.skipped) {
      // A program or setting the harness cannot build: said, not counted as a disagreement.
      rows.push([r.name, r.mode, "-", "-", "-", "skipped", "-", r.skipped]);
      skipped++;
      continue;
    }
    if (r.error && r.rows.every((row) => row.real === null)) {
      rows.push([r.name, r.mode, "-", "-", "-", "ERROR", "-", r.error]);
      disagreed += Math.max(1, r.rows.length);
      continue;
    }
    for (const row of r.rows) {
      if (row.agree) agreed++;
      else disagreed++;
      const op = row.command.split(" ")[0]!;
      const note = row.why ?? (row.real && row.real.result !== "ok" ? (row.real.note ?? "") : "");
      rows.push([r.name, r.mode, op, cell(row.sim?.result, row.sim?.lastReply), cell(row.real?.result, row.real?.lastReply), row.agree ? "yes" : "NO", row.real ? describeShape(row.real.shape) : "-", note]);
    }
    if (r.error) {
      rows.push([r.name, r.mode, "-", "-", "-", "ERROR", "-", r.error]);
      disagreed++;
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const fmt = (row: string[]) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join("  ").trimEnd();
  console.log(fmt(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(fmt(row));
  return { agreed, disagreed, skipped };
}

type LogKind = "sent" | "received" | "note" | "data";

/**
 * A client's log as sent / received / note / data lines: curl's -v ("> ", "< ", "* ", "{ "), and
 * the drivers of test/real/clients/ — lftp -d ("---> ", "<--- ", "---- "), tnftp and inetutils
 * ftp -d -v ("---> " sent, a line "NNN text" or "NNN-text" received), ftplib's debug output
 * ("*cmd* '…'" sent, "*resp* '…'" received; its *put* and *get* echoes are left out).
 */
export function logLines(log: string): Array<{ kind: LogKind; text: string }> {
  const out: Array<{ kind: LogKind; text: string }> = [];
  for (const line of log.split("\n")) {
    if (!line.trim() || /^\*(put|get)\* /.test(line)) continue;
    let kind: LogKind;
    let text: string;
    let m: RegExpExecArray | null;
    if ((m = /^(?:ftp> )*---> (.*)$/.exec(line))) [kind, text] = ["sent", m[1]!];
    else if ((m = /^<--- (.*)$/.exec(line))) [kind, text] = ["received", m[1]!];
    else if ((m = /^\*cmd\* (['"])(.*)\1$/.exec(line))) [kind, text] = ["sent", m[2]!];
    else if ((m = /^\*resp\* (['"])(.*)\1$/.exec(line))) [kind, text] = ["received", m[2]!.replace(/\\n/g, " / ")];
    else if (/^\d{3}[ -]/.test(line)) [kind, text] = ["received", line];
    else {
      kind = line.startsWith("> ") ? "sent" : line.startsWith("< ") ? "received" : line.startsWith("{ ") || line.startsWith("} ") ? "data" : "note";
      text = line.replace(/^[<>*] /, "");
    }
    // curl prints PASS in clear; the lab never shows a password.
    out.push({ kind, text: text.replace(/^PASS .*/, "PASS ********") });
  }
  return out;
}

function curlVersion(): string {
  const first = runSync("curl", ["--version"], { allowFail: true }).stdout.split("\n")[0] ?? "";
  return /^curl [\d.]+/.exec(first)?.[0] ?? "curl";
}

/** The client that ran: curl's own version line, else the program's label (the Debian version its profile was checked against). */
function clientLabel(driver: string): string {
  if (driver === "curl") return curlVersion();
  const sw = CLIENT_SOFTWARE.find((c) => c === driver) as ClientSoftware | undefined;
  return sw && hasClientProfile(sw) ? clientProfile(sw).label : "Python ftplib";
}

/** lessons/real-runs/<name>.json: the recorded run, in the format the lab's comparison view reads. */
export function recordRun(r: CaseResult, dir: string): string {
  const name = r.name.replace(/^lesson\//, "").replace(/[^a-z0-9-]+/gi, "-");
  const firstLog = r.rows.find((row) => row.real)?.real?.log ?? "";
  const banner = /\(vsFTPd ([\d.]+)\)/.exec(firstLog);
  const raw = r.raw as { title?: string };
  const out = {
    name,
    title: raw.title ?? name,
    recorded: {
      date: new Date().toISOString().slice(0, 10),
      server: banner ? `vsftpd ${banner[1]}` : "vsftpd",
      client: clientLabel(r.driver),
      kernel: `Linux ${release().split("-")[0]}`,
      curlMode: r.mode,
    },
    scenario: r.raw,
    transfers: r.rows
      .filter((row) => row.real)
      .map((row) => ({
        command: row.command,
        result: row.real!.result,
        lastReply: row.real!.lastReply,
        dataEndpoint: row.real!.dataEndpoint,
        durationMs: row.real!.durationMs,
        log: logLines(row.real!.log),
      })),
  };
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(out, null, 1) + "\n");
  return path;
}
