/**
 * The bound on what a URL (or a `setup` message) can make the lab say: notices are grouped and
 * capped here, by every parser and again where they are shown (Notices.tsx), so a link with
 * 1,000 unknown keys or 600 copies of one key gives a few lines, not a wall.
 *
 *   - unknown keys: one line for all of them, naming a few ("Ignored 1,000 unknown parameters:
 *     "a", "b", … (and 995 more).");
 *   - a key given more than once: one line ("mode was given 600 times; the first is used.");
 *   - identical lines: once;
 *   - at most MAX_NOTICES lines, then "… and N more notices." (a list bounded twice counts the
 *     same: an earlier "… and N more" is carried into the new count).
 */

/** Lines shown before the rest is counted. */
export const MAX_NOTICES = 5;
/** Names listed in one line before the rest is counted. */
const LISTED = 5;

const count = (n: number) => n.toLocaleString("en-US");

/** A key or value as it may be quoted in a notice: short and printable (React escapes it anyway). */
export const quote = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** `"a", "b", "c", … (and 7 more)`: the first few of `items` (distinct, quoted), then how many more. */
export function listSome(items: Iterable<string>): string {
  const distinct = [...new Set(items)];
  const shown = distinct.slice(0, LISTED).map(quote).join(", ");
  return distinct.length > LISTED ? `${shown}, … (and ${count(distinct.length - LISTED)} more)` : shown;
}

/** One line for every unknown key of `keys` (repeats included, as URLSearchParams.keys() gives them). */
export function unknownParameters(keys: Iterable<string>): string[] {
  const times = new Map<string, number>();
  for (const k of keys) times.set(k, (times.get(k) ?? 0) + 1);
  return unknownLines(times);
}

/** The unknown-keys line for these keys and how often each was given. */
function unknownLines(times: ReadonlyMap<string, number>): string[] {
  if (times.size === 0) return [];
  const [only] = times;
  if (times.size === 1 && only) {
    const [key, n] = only;
    return [`Ignored unknown parameter ${quote(key)}${n > 1 ? ` (given ${count(n)} times)` : ""}.`];
  }
  return [`Ignored ${count(times.size)} unknown parameters: ${listSome(times.keys())}.`];
}

/**
 * One line for each of `keys` given more than once in `params`. Every parser here reads a key with
 * URLSearchParams.get, which is its first value.
 */
export function repeatedParameters(params: URLSearchParams, keys: Iterable<string>): string[] {
  const lines: string[] = [];
  for (const key of new Set(keys)) {
    const n = params.getAll(key).length;
    if (n > 1) lines.push(`${key} was given ${count(n)} times; the first is used.`);
  }
  return lines;
}

const UNKNOWN = /^Ignored unknown parameter ("(?:[^"\\]|\\.)*")(?: \(given ([\d,]+) times\))?\.$/;
const MORE = /^… and ([\d,]+) more notices?\.$/;

/** `notices` grouped (unknown keys in one line, identical lines once) and capped at `max` lines. */
export function boundNotices(notices: readonly string[], max: number = MAX_NOTICES): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  const unknown = new Map<string, number>();
  let unknownAt = -1;
  let hidden = 0;
  for (const line of notices) {
    const more = MORE.exec(line);
    if (more) {
      hidden += Number(more[1]!.replaceAll(",", ""));
      continue;
    }
    const u = UNKNOWN.exec(line);
    if (u) {
      let key: string;
      try {
        key = JSON.parse(u[1]!) as string;
      } catch {
        key = u[1]!;
      }
      unknown.set(key, (unknown.get(key) ?? 0) + (u[2] ? Number(u[2].replaceAll(",", "")) : 1));
      if (unknownAt < 0) unknownAt = lines.length;
      continue;
    }
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (unknownAt >= 0) lines.splice(unknownAt, 0, ...unknownLines(unknown).filter((l) => !seen.has(l)));
  // One line over the cap is shown rather than replaced by "… and 1 more".
  if (lines.length > max + 1 || (lines.length > max && hidden > 0)) {
    hidden += lines.length - max;
    lines.length = max;
  }
  if (hidden > 0) lines.push(`… and ${count(hidden)} more notice${hidden === 1 ? "" : "s"}.`);
  return lines;
}
