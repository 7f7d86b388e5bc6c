/** What a dropped file is, told apart on the page before anything heavier loads (no schema, no simulator). */

/** The largest text the page reads: far more than any session's log (a busy server's day is less). */
export const MAX_TEXT_CHARS = 2_000_000;

/** pcap (either byte order, micro- or nanosecond) or pcapng. */
export function isCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const m = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1 || m === 0x0a0d0d0a;
}

/** Whether a text is mostly characters no log has (a binary file read as text). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.length === 0) return false;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) odd++;
  }
  return odd / sample.length > 0.02;
}
