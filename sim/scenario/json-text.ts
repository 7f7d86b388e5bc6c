/**
 * Scenario text to a JSON value, for wherever a scenario arrives as a file. Editors on Windows
 * save UTF-8 with a byte-order mark, which JSON.parse refuses (RFC 8259 §8.1: a parser MAY
 * ignore it; we do). When the text is not JSON the error says where as a person looks for it —
 * line and column — not as the engine counts (a character offset, and only in some of its
 * messages: "Unexpected token '}', "…" is not valid JSON" has none), so the place is found by a
 * scan of our own along RFC 8259's grammar, and the engine supplies only the words.
 */

export type JsonText = { ok: true; value: unknown } | { ok: false; error: string };

const BOM = "\uFEFF";

export function parseJsonText(raw: string): JsonText {
  const text = raw.startsWith(BOM) ? raw.slice(BOM.length) : raw;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = firstErrorOffset(text) ?? enginePosition(message);
    const words = engineWords(message);
    return { ok: false, error: offset === null ? `not valid JSON (${words})` : `not valid JSON at ${lineAndColumn(text, offset)} (${words})` };
  }
}

/** "line 3, column 5", both counted from 1, a column in characters (UTF-16 units). */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;
  return `line ${line}, column ${column}`;
}

/**
 * The engine's description without its own idea of where ("… in JSON at position 42 (line 3
 * column 5)", "…, "<text>" is not valid JSON"), on one line: a quoted newline shows as \n.
 */
function engineWords(message: string): string {
  return message
    .replace(/ (?:in JSON )?at position \d+[\s\S]*$/, "")
    .replace(/, "[\s\S]*" is not valid JSON$/, "")
    .replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function enginePosition(message: string): number | null {
  const m = / at position (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

/**
 * Where RFC 8259's grammar first fails in `text`: the offset of the character that cannot
 * continue a JSON text (its length when the text ends too soon); null when it is valid, or
 * nested too deep to scan.
 */
export function firstErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? "")) fail();
    while (/[0-9]/.test(text[i] ?? "")) i++;
  };
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") fail();
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
            i++;
          }
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return e.offset;
    return null; // too deep for the stack: the engine's words alone
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}
