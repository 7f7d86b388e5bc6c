/**
 * A note in the band under the drawing (what a wall, router or the network just did), in its
 * tone's colours; layout.ts places and wraps it, label-geometry.ts gives its lines' positions.
 */
import type { Fonts, PlacedNote } from "./layout";
import { noteLines } from "./label-geometry";

export function NoteBox({ note, layout }: { note: PlacedNote; layout: { readonly fonts: Fonts } }) {
  const { fonts } = layout;
  const { rect } = note;
  const lines = noteLines(fonts, note);
  return (
    <g className={`nv-note nv-note--${note.tone}`} data-note={note.tone} data-side={note.side}>
      <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={8} />
      {lines.title.map((l, i) => (
        <text key={`t${i}`} className="nv-note-title" x={l.x} y={l.y} fontSize={fonts.base}>
          {l.text}
        </text>
      ))}
      {lines.body.map((l, i) => (
        <text key={i} className="nv-note-line" x={l.x} y={l.y} fontSize={fonts.small}>
          {l.text}
        </text>
      ))}
    </g>
  );
}
