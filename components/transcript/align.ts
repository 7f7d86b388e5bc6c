/**
 * Lining up the simulated control connection with a real curl log, line by line. Some numbers
 * differ in every real run and mean nothing: the port a PORT/EPRT announces, the port in a 227
 * or 229 reply, an ephemeral port in a curl remark. Those are masked before lines are compared,
 * so a line that differs only in them counts as agreeing ("random"), and kept apart so the view
 * can point at them. The login is lined up by role, not text: the real runs log in as anonymous
 * (vsftpd asks anonymous no password) and the simulation as demo, so USER demo faces USER
 * anonymous and the simulation's 331 and PASS are the same login step for another account
 * ("login"), not disagreements. Other lines with no counterpart (curl's remarks, QUIT) come out
 * one-sided. Pure: no DOM, no trace.
 */
import { maskSecrets } from "../../sim/trace/labels";

/** What a line is, from the client's side: curl's `>`, `<`, `*` and `{ [n bytes data]`. */
export type Direction = "sent" | "received" | "note" | "data";

export interface LogLine {
  readonly dir: Direction;
  readonly text: string;
}

/** A piece of a line's text; `random` pieces are the numbers no two runs share. */
export interface Part {
  readonly text: string;
  readonly random: boolean;
}

export type Mark = "same" | "random" | "login" | "sim-only" | "real-only";

export interface Row<S extends LogLine, R extends LogLine> {
  readonly mark: Mark;
  readonly sim: S | null;
  readonly real: R | null;
  /** The line's text in pieces (PASS masked), for the side(s) the row has. */
  readonly simParts: readonly Part[] | null;
  readonly realParts: readonly Part[] | null;
}

/** A port's digits (the patterns below say where a port stands). */
const PORT = String.raw`\d{1,5}`;

// Each pattern's capture groups are the random numbers in it (the `d` flag gives their spans).
const RANDOM: readonly RegExp[] = [
  new RegExp(String.raw`^PORT\s+\d+,\d+,\d+,\d+,(\d+),(\d+)`, "di"),
  new RegExp(String.raw`^EPRT\s+\|\d\|[^|]*\|(${PORT})\|`, "di"),
  new RegExp(String.raw`^227[ -].*\(\d+,\d+,\d+,\d+,(\d+),(\d+)\)`, "d"),
  new RegExp(String.raw`^229[ -].*\(\|\|\|(${PORT})\|\)`, "d"),
];
// curl's remarks name ephemeral and passive ports ("Trying 10.99.2.20:30026...", "port 30026");
// 20 and 21 are fixed and stay compared.
const EPHEMERAL: readonly RegExp[] = [new RegExp(String.raw`\d+\.\d+\.\d+\.\d+:(\d{4,5})\b`, "dg"), new RegExp(String.raw`\bport (\d{4,5})\b`, "dg")];

/** The text as shown: no CR that curl kept, no indent, the password masked. */
export function cleanLine(text: string): string {
  return maskSecrets(text.replace(/\r$/, "").trim());
}

/** The spans [start, end) of the random numbers in a cleaned line, in order. */
function randomSpans(line: string, dir: Direction): [number, number][] {
  const spans: [number, number][] = [];
  if (dir === "sent" || dir === "received") {
    for (const re of RANDOM) {
      const m = re.exec(line);
      if (!m?.indices) continue;
      for (let g = 1; g < m.indices.length; g++) {
        const span = m.indices[g];
        if (span) spans.push([span[0], span[1]]);
      }
    }
  }
  if (dir === "note") {
    for (const re of EPHEMERAL) {
      for (const m of line.matchAll(re)) {
        const span = m.indices?.[1];
        if (span && Number(m[1]) >= 1024) spans.push([span[0], span[1]]);
      }
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** A cleaned line in pieces, the random numbers marked. */
export function partsOf(line: LogLine): Part[] {
  const text = cleanLine(line.text);
  const parts: Part[] = [];
  let at = 0;
  for (const [start, end] of randomSpans(text, line.dir)) {
    if (start < at) continue;
    if (start > at) parts.push({ text: text.slice(at, start), random: false });
    parts.push({ text: text.slice(start, end), random: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), random: false });
  return parts;
}

// The account is the login's variable part: USER names whoever logs in (RFC 959 §4.1.1).
const USER_LINE = /^USER\s+\S/i;

/**
 * A line of the login exchange that only one account's login has: the password step (PASS, and
 * ACCT) and the replies asking for them, 331 and 332 (RFC 959 §5.4, the USER/PASS/ACCT sequence).
 */
function isAccountStep(line: LogLine): boolean {
  const text = cleanLine(line.text);
  return (line.dir === "sent" && /^(PASS|ACCT)\b/i.test(text)) || (line.dir === "received" && /^33[12][ -]/.test(text));
}

/** What two lines must share to be the same line: direction and text, random numbers masked, USER's account masked. */
export function lineKey(line: LogLine): string {
  if (line.dir === "sent" && USER_LINE.test(cleanLine(line.text))) return "sent USER *";
  return `${line.dir} ${partsOf(line)
    .map((p) => (p.random ? "#" : p.text))
    .join("")}`;
}

const textOf = (parts: readonly Part[]) => parts.map((p) => p.text).join("");

/**
 * The longest common subsequence of the two logs by lineKey, as rows in order. Where either
 * order would do, the simulator's unmatched lines come before the real ones, as a diff shows them.
 */
export function alignLines<S extends LogLine, R extends LogLine>(sim: readonly S[], real: readonly R[]): Row<S, R>[] {
  const a = sim.map((l) => ({ line: l, parts: partsOf(l), key: lineKey(l) }));
  const b = real.map((l) => ({ line: l, parts: partsOf(l), key: lineKey(l) }));
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i]!.key === b[j]!.key ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: Row<S, R>[] = [];
  const simOnly = (x: (typeof a)[number]) => rows.push({ mark: isAccountStep(x.line) ? "login" : "sim-only", sim: x.line, real: null, simParts: x.parts, realParts: null });
  const realOnly = (y: (typeof b)[number]) => rows.push({ mark: isAccountStep(y.line) ? "login" : "real-only", sim: null, real: y.line, simParts: null, realParts: y.parts });
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x.key === y.key) {
      const mark: Mark = textOf(x.parts) === textOf(y.parts) ? "same" : x.key === "sent USER *" ? "login" : "random";
      rows.push({ mark, sim: x.line, real: y.line, simParts: x.parts, realParts: y.parts });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      simOnly(x);
      i++;
    } else {
      realOnly(y);
      j++;
    }
  }
  for (; i < a.length; i++) simOnly(a[i]!);
  for (; j < b.length; j++) realOnly(b[j]!);
  return rows;
}
