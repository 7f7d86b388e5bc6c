/** FTP commands (RFC 959 §4.1, RFC 2428 §2-3, RFC 4217 for AUTH/PBSZ/PROT) as the server reads them. */

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

/** Commands that move data over a data connection. */
export const TRANSFER_VERBS = new Set(["LIST", "NLST", "RETR", "STOR", "APPE"]);

export const isTransferLine = (line: string): boolean => TRANSFER_VERBS.has(parseCommand(line).verb);

/** Which way the bytes go: the server sends for LIST/NLST/RETR, receives for STOR/APPE. */
export function serverSends(verb: string): boolean {
  return verb === "LIST" || verb === "NLST" || verb === "RETR";
}
