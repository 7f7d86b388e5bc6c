/**
 * `sim diagnose [--json] FILE...` (spec/scenario.md, "`sim diagnose`"): each log read, its
 * causes ranked with their fixes checked in the lab. With --json, one object per file (JSON
 * Lines, in order); without, a report a person reads in a terminal. A file that cannot be read
 * exits 2 naming it, before anything is printed; a log with nothing FTP in it is not an error.
 */
import { diagnose, type Diagnosis } from "../diagnose";
import { readBoundedFile } from "./scenario-file";

/** 32 MiB: a long FileZilla log or a capture of a whole session; a diagnosis needs far less. */
export const MAX_LOG_BYTES = 32 * 1024 * 1024;

const USAGE = "usage: npm run --silent sim -- diagnose [--json] LOG-FILE ...";

export function diagnoseCommand(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  const flags = argv.filter((a) => a.startsWith("--"));
  const files = argv.filter((a) => !a.startsWith("--"));
  const unknown = flags.filter((f) => f !== "--json");
  if (unknown.length > 0 || files.length === 0) return { code: 2, stdout: "", stderr: `${unknown.map((f) => `unknown option ${f}\n`).join("")}${USAGE}\n` };

  const read = files.map((f) => ({ file: f, read: readBoundedFile(f, f, MAX_LOG_BYTES, "a log file") }));
  const errors = read.flatMap((r) => (r.read.ok ? [] : [r.read.error]));
  if (errors.length > 0) return { code: 2, stdout: "", stderr: `${errors.join("\n")}\n` };

  const json = flags.includes("--json");
  const out: string[] = [];
  for (const { file, read: r } of read) {
    if (!r.ok) continue;
    const d = diagnose(new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    out.push(json ? JSON.stringify({ file, ...d }) : formatDiagnosis(file, d));
  }
  return { code: 0, stdout: `${out.join(json ? "\n" : "\n\n")}\n`, stderr: "" };
}

const FROM_MARK = { client: ">", server: "<", program: "*", packet: "~" } as const;

export function formatDiagnosis(file: string, d: Diagnosis): string {
  if (d.format === null) return `${file}: nothing FTP in it (no commands or replies the lab can read)`;
  const who = [d.client && `client ${d.client}`, d.server && `server ${d.server}`].filter(Boolean).join(", ");
  const lines = [`${file}: ${d.format} log${who ? ` (${who})` : ""}${d.mode ? `, ${d.mode} mode${d.tls ? ", TLS" : ""}` : ""}`];
  if (d.failure) lines.push(`  the data connection dies at line ${d.failure.line}${d.failure.outcome ? ` (${d.failure.outcome})` : ""}`);
  else lines.push("  no failed data connection in this log");
  const byLine = new Map<number, (typeof d.transcript)[number]>();
  for (const t of d.transcript) if (!byLine.has(t.line)) byLine.set(t.line, t);
  d.causes.forEach((c, i) => {
    lines.push("", `${i + 1}. ${c.title} — ${c.id}, ${Math.round(c.confidence * 100)}%`);
    for (const n of c.evidence) {
      const t = byLine.get(n);
      if (t) lines.push(`     ${String(n).padStart(5)} ${FROM_MARK[t.from]} ${t.text}`);
    }
    lines.push(`   ${c.explanation}`);
    if (c.setup) lines.push(`   Reproduced in the lab with ${c.setup}.`);
    if (c.fixes.length > 0) lines.push("   Fixes:");
    for (const f of c.fixes) lines.push(`     ${f.verified ? "✓ checked  " : "· unchecked"}  [${f.side}, ${f.software}] ${f.text}`);
    if (c.checks.length > 0) lines.push("   Check it on the real server:");
    for (const k of c.checks) lines.push(`     $ ${k.command}`, `       expect: ${k.expect}`);
  });
  return lines.join("\n");
}
