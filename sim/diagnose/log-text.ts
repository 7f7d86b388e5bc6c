/** The text of a dropped log file, whatever Windows saved it as (no zod, no parser: the page reads it too). */

/**
 * A log file's text: UTF-8, or UTF-16 as Windows' Notepad saves "Unicode" (a byte-order mark,
 * or a NUL beside every ASCII byte), where many FileZilla and WinSCP logs people send were pasted.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 512);
  let oddNuls = 0;
  let evenNuls = 0;
  sample.forEach((b, i) => {
    if (b !== 0) return;
    if (i % 2 === 1) oddNuls++;
    else evenNuls++;
  });
  if (sample.length >= 8 && oddNuls > sample.length / 4 && evenNuls === 0) return new TextDecoder("utf-16le").decode(bytes);
  if (sample.length >= 8 && evenNuls > sample.length / 4 && oddNuls === 0) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
