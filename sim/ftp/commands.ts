/** FTP commands (RFC 959 §4.1, RFC 2428 §2-3, RFC 4217 for AUTH/PBSZ/PROT) as the server reads them. */
import { isTransferVerb } from "./transfer-verbs";

export interface Command {
  /** Upper-cased, as RFC 959 §5.3 makes verbs case-insensitive. */
  readonly verb: string;
  readonly arg: string;
  readonly line: string;
}

export function parseCommand(line: string): Command {
  const space = line.indexOf(" ");
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const arg = space < 0 ? "" : line.slice(space + 1);
  return { verb, arg, line };
}

/** A line whose command moves data over a data connection (the table in transfer-verbs.ts). */
export const isTransferLine = (line: string): boolean => isTransferVerb(parseCommand(line).verb);
