/**
 * The console's history: the lines the learner typed, checked before they reach the simulator,
 * written into a link and read back from one, and turned into the scenario that runs them.
 *
 * API
 * - `CONSOLE_PARAM` ("console"): the URL parameter. Its value is the lines joined by a newline;
 *   URLSearchParams encodes it (`?console=USER+demo%0APASS+demo%0APASV%0ALIST`).
 * - `lineProblem(line)`: why a typed line cannot be sent (empty, longer than 256 characters, not
 *   printable ASCII), as a sentence; null when it can.
 * - `sendProblem(line, history)`: the same, and whether the history has room (32 lines at most,
 *   the scenario schema's limit).
 * - `consoleValue(history)` / `writeConsoleParam(params, history)`: the parameter's value, and
 *   setting it on a URLSearchParams (removed when the history is empty).
 * - `parseConsole(value)`: the history a parameter holds, `{ history, notices }`: every line that
 *   cannot be sent is left out with a notice saying which and why, lines past the 32nd are counted
 *   in one notice; nothing in a link can reach the simulator unchecked.
 * - `consoleScenario(base, history)`: the current setup's scenario with the console as its client
 *   (sim/software/console.ts) and the history as its commands: firewalls, NAT and server program
 *   stay the setup's.
 */
import type { Scenario } from "../../sim/scenario/schema";
import { withClientSoftware } from "../../sim/software/switch-program";
import { boundNotices, quote } from "../lab/notices";

export const CONSOLE_PARAM = "console";
/** The scenario schema's limits on commands (sim/scenario/schema.ts). */
export const MAX_CONSOLE_LINES = 32;
export const MAX_LINE_LENGTH = 256;

const PRINTABLE = /^[\x20-\x7e]*$/;

/** Why `line` cannot be sent, or null. */
export function lineProblem(line: string): string | null {
  if (line.trim() === "") return "Type a command first, such as USER demo or PASV.";
  if (line.length > MAX_LINE_LENGTH) return `That line has ${line.length} characters: a command can have at most ${MAX_LINE_LENGTH}.`;
  if (!PRINTABLE.test(line)) return "Use printable ASCII only: letters, digits, spaces and punctuation, no line breaks or accented letters.";
  return null;
}

/** Why `line` cannot be added to `history`, or null. */
export function sendProblem(line: string, history: readonly string[]): string | null {
  const problem = lineProblem(line);
  if (problem) return problem;
  if (history.length >= MAX_CONSOLE_LINES) return `The console keeps at most ${MAX_CONSOLE_LINES} commands: clear it to type more.`;
  return null;
}

export function consoleValue(history: readonly string[]): string {
  return history.join("\n");
}

/** Sets (or, for no history, removes) the console's parameter. */
export function writeConsoleParam(params: URLSearchParams, history: readonly string[]): void {
  if (history.length === 0) params.delete(CONSOLE_PARAM);
  else params.set(CONSOLE_PARAM, consoleValue(history));
}

export interface ParsedConsole {
  readonly history: readonly string[];
  readonly notices: readonly string[];
}

/** The history in a `console=` value (null: the link has none). */
export function parseConsole(value: string | null): ParsedConsole {
  if (value === null || value === "") return { history: [], notices: [] };
  const history: string[] = [];
  const notices: string[] = [];
  let extra = 0;
  // A hand-edited link may carry CRLF: the CR belongs to the break, not to the line.
  value.split(/\r?\n/).forEach((line, n) => {
    const problem = lineProblem(line);
    if (problem) notices.push(`Ignored line ${n + 1} of console=${line.trim() === "" ? " (empty)" : ` ${quote(line)}`}: ${problem}`);
    else if (history.length >= MAX_CONSOLE_LINES) extra++;
    else history.push(line);
  });
  if (extra > 0) notices.push(`console= has ${history.length + extra} commands; the first ${MAX_CONSOLE_LINES} are kept.`);
  return { history, notices: boundNotices(notices) };
}

/** The setup's scenario, run by the console with `history` as what was typed. */
export function consoleScenario(base: Scenario, history: readonly string[]): Scenario {
  return { ...withClientSoftware(base, "console"), commands: [...history] };
}
