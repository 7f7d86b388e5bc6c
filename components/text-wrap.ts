/**
 * Word wrap by character count, for SVG text (which does not wrap): the network view's notes and
 * drop boxes, and the caption of an exported image. One rule everywhere a label is broken.
 */

/** Greedy word wrap to `max` characters a line (long words are cut). */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > max) {
      if (line) {
        out.push(line);
        line = "";
      }
      out.push(w.slice(0, max));
      w = w.slice(max);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line += ` ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out;
}
