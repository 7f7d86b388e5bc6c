/**
 * The server's files and how vsftpd lists them (ls.c's long format, one CRLF line per file).
 * A file name is whatever a scenario or a command line says, "constructor" and "__proto__"
 * included: a store is read only through `fileContent` (own properties, never Object.prototype's),
 * and a store built here holds "__proto__" as an own property like any other name (issue 16). It
 * stays a plain object, as React passes only plain objects from server to client components.
 */

export type FileStore = Readonly<Record<string, string>>;

/** A store holding exactly these files, in this order; a "__proto__" entry stays a file. */
export function fileStore(entries: Iterable<readonly [string, string]>): FileStore {
  const store: Record<string, string> = {};
  // defineProperty, not assignment: `store["__proto__"] = …` would set the prototype instead.
  for (const [name, content] of entries) Object.defineProperty(store, name, { value: content, enumerable: true, writable: true, configurable: true });
  return store;
}

/** The file's content, or undefined when there is no file of that name. */
export function fileContent(files: FileStore, name: string): string | undefined {
  return Object.hasOwn(files, name) ? files[name] : undefined;
}

/** The store with `name` written (added at the end, or replaced in place). */
export function withFile(files: FileStore, name: string, content: string): FileStore {
  return fileStore([...Object.entries(files), [name, content]]);
}

export function withoutFile(files: FileStore, name: string): FileStore {
  return fileStore(Object.entries(files).filter(([n]) => n !== name));
}

const pad = (n: number, width: number): string => String(n).padStart(width, " ");

/** A fixed modification time keeps traces identical from run to run. */
const MTIME = "Jan 01 00:00";

export function longListing(files: FileStore): string {
  return Object.keys(files)
    .sort()
    .map((name) => `-rw-r--r-- ${pad(1, 4)} ${"ftp".padEnd(8)} ${"ftp".padEnd(8)} ${pad(byteLength(fileContent(files, name) ?? ""), 8)} ${MTIME} ${name}\r\n`)
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
