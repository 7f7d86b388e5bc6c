/**
 * A pasted log as numbered lines, the way every reader wants it: whatever the line endings (CRLF,
 * LF, a lone CR from an old Mac or a terminal), without a byte-order mark, with the HTML entities
 * a forum leaves in a pasted `<pre>` decoded (`&gt; PASV`), trailing blanks and junk whitespace
 * trimmed. Leading spaces stay: they matter (a multi-line reply's ` EPRT`).
 */

export interface SourceLine {
  /** 1-based line number in the pasted text. */
  readonly n: number;
  readonly text: string;
}

const HTML_ENTITY = /&(?:gt|lt|amp|quot|apos|nbsp|#39|#x27|#34|#160);/g;
const ENTITY_TEXT: Readonly<Record<string, string>> = {
  "&gt;": ">",
  "&lt;": "<",
  "&amp;": "&",
  "&quot;": '"',
  "&apos;": "'",
  "&nbsp;": " ",
  "&#39;": "'",
  "&#x27;": "'",
  "&#34;": '"',
  "&#160;": " ",
};

/** A forum paste's entities decoded: `&gt; PASV` → `> PASV`. Only the few a `<pre>` paste carries. */
function decodeHtml(s: string): string {
  return s.includes("&") ? s.replace(HTML_ENTITY, (e) => ENTITY_TEXT[e] ?? e) : s;
}

/** One raw line cleaned: entities decoded, a non-breaking space made a space, trailing blanks dropped. */
function cleanLine(raw: string): string {
  return decodeHtml(raw).replace(/\u00a0/g, " ").replace(/[\s\u0000]+$/, "");
}

const LINE_BREAK = /\r\n|\r|\n/;

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The whole text as lines (1-based), cleaned. */
export function readLines(text: string): SourceLine[] {
  return withoutBom(text).split(LINE_BREAK).map((raw, i) => ({ n: i + 1, text: cleanLine(raw) }));
}

/** Enough of the text to judge its shape by: the first `max` non-empty lines, cleaned. */
export function headLines(text: string, max = 200): string[] {
  // Slicing first keeps detect() cheap on a 1 MB paste: 200 lines are rarely more than 64 KB.
  const body = withoutBom(text).slice(0, 65_536);
  const out: string[] = [];
  for (const raw of body.split(LINE_BREAK)) {
    const line = cleanLine(raw.length > 4096 ? raw.slice(0, 4096) : raw);
    if (line.trim() === "") continue;
    out.push(line);
    if (out.length >= max) break;
  }
  return out;
}

/** A directory listing's line as a console client prints it (Unix `ls -l` style or DOS/IIS style). */
export const LISTING_LINE = /^(?:[-dlbcps][rwxsStT-]{9}[+@.]?\s|\d\d-\d\d-\d\d\s+\d\d:\d\d[AP]M\s)/;
