/**
 * Python's repr() of a str read back: the quoting ftplib's debug lines use (`*put* 'PASV\r\n'`,
 * `*resp* "257 \"/\" is …"` — repr picks double quotes when the text holds a single quote and no
 * double one). Escapes: \\ \' \" \n \r \t \xNN \uNNNN \UNNNNNNNN (Objects/unicodeobject.c
 * unicode_repr).
 */

/** The string a repr stands for, or null when `s` does not start with a complete one. `rest`: what follows it. */
export function readPyRepr(s: string): { value: string; rest: string } | null {
  const quote = s[0];
  if (quote !== "'" && quote !== '"') return null;
  let value = "";
  for (let i = 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === quote) return { value, rest: s.slice(i + 1) };
    if (ch !== "\\") {
      value += ch;
      continue;
    }
    const next = s[i + 1];
    if (next === undefined) return null;
    i++;
    switch (next) {
      case "n":
        value += "\n";
        break;
      case "r":
        value += "\r";
        break;
      case "t":
        value += "\t";
        break;
      case "x":
      case "u":
      case "U": {
        const len = next === "x" ? 2 : next === "u" ? 4 : 8;
        const hex = s.slice(i + 1, i + 1 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
        const cp = parseInt(hex, 16);
        value += cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
        i += len;
        break;
      }
      default:
        value += next;
    }
  }
  return null;
}
