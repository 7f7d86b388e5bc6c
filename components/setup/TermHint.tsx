"use client";
/**
 * A knob's glossary term beside its label: a small "?" that shows the definition on hover and
 * focus. It sits outside the <label>, so the control's name stays the knob's label and a click
 * on the label still works the control.
 */
import { Term } from "../glossary/Term";
import { GLOSSARY_BY_ID } from "../glossary/terms";

export function TermHint({ id }: { id: string | undefined }) {
  const entry = id === undefined ? undefined : GLOSSARY_BY_ID.get(id);
  if (!entry) return null;
  return (
    <>
      {" "}
      <Term id={entry.id}>
        <span aria-hidden="true">?</span>
        <span className="sr-only">{entry.term}</span>
      </Term>
    </>
  );
}
