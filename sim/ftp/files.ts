/** The server's files and how vsftpd lists them (ls.c's long format, one CRLF line per file). */

export type FileStore = Record<string, string>;

const pad = (n: number, width: number): string => String(n).padStart(width, " ");

/** A fixed modification time keeps traces identical from run to run. */
const MTIME = "Jan 01 00:00";

export function longListing(files: FileStore): string {
  return Object.keys(files)
    .sort()
    .map((name) => `-rw-r--r-- ${pad(1, 4)} ${"ftp".padEnd(8)} ${"ftp".padEnd(8)} ${pad(byteLength(files[name]!), 8)} ${MTIME} ${name}\r\n`)
    .join("");
}

export function nameListing(files: FileStore): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${name}\r\n`)
    .join("");
}

/** Bytes, as the data connection counts them (files are text; each UTF-16 unit counts as a byte). */
export function byteLength(content: string): number {
  return content.length;
}
