/**
 * Reading a scenario file (or, for `sim diagnose`, a log) for the `sim` command, within limits:
 * a regular file (a FIFO would block the read until a writer came, /dev/zero would never end) of
 * at most MAX_SCENARIO_BYTES (a log: MAX_LOG_BYTES).
 * It is checked by path before opening and again on the opened descriptor, so a file swapped
 * in between is caught too; the open is non-blocking, so even a FIFO swapped in cannot hang it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/**
 * 16 MiB: twice the 8 MiB of text the schema lets a scenario carry (64 server files and 64
 * uploads of 64 KiB each), so no scenario the schema accepts is refused for its size; real ones
 * (every lesson and test scenario) are under 16 KiB.
 */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

const MIB = 1024 * 1024;
const mib = (bytes: number): string => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

export type FileText = { ok: true; text: string } | { ok: false; error: string };
export type FileBytes = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** The file's text, or one line saying why it is not read (`shown` names the file as the user wrote it). */
export function readScenarioFile(path: string, shown: string): FileText {
  const read = readBoundedFile(path, shown, MAX_SCENARIO_BYTES, "a scenario file");
  return read.ok ? { ok: true, text: read.bytes.toString("utf8") } : read;
}

/** The file's bytes, at most `max` of them (`what` names the kind of file in the refusal: "a log file"). */
export function readBoundedFile(path: string, shown: string, max: number, what: string): FileBytes {
  const refusal = (size: number, isFile: boolean): string | null => {
    if (!isFile) return `${shown} is not a regular file`;
    if (size > max) return `${shown} is ${mib(size)}; ${what} may be at most ${mib(max)}`;
    return null;
  };
  let fd: number;
  try {
    const st = statSync(path);
    const before = refusal(st.size, st.isFile());
    if (before) return { ok: false, error: before };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, error: `${shown}: cannot read (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    const st = fstatSync(fd);
    const after = refusal(st.size, st.isFile());
    if (after) return { ok: false, error: after };
    // One byte more than the cap tells a file that grew since fstat from one that did not.
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > max) return { ok: false, error: `${shown} is more than ${mib(max)}; ${what} may be at most ${mib(max)}` };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (e) {
    return { ok: false, error: `${shown}: cannot read (${e instanceof Error ? e.message : String(e)})` };
  } finally {
    closeSync(fd);
  }
}
