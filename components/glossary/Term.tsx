/**
 * A glossary word in place: its definition shows on hover and on keyboard focus (CSS alone, so a
 * server component may draw it too: a lesson page's explanations are drawn on the server).
 */
import { useId, type ReactNode } from "react";
import { GLOSSARY_BY_ID } from "./terms";

export function Term({ id, children }: { id: string; children?: ReactNode }) {
  const tipId = useId();
  const entry = GLOSSARY_BY_ID.get(id);
  if (!entry) return <>{children}</>;
  return (
    <span className="term">
      <button type="button" className="term-word" aria-describedby={tipId}>
        {children ?? entry.term}
      </button>
      <span role="tooltip" id={tipId} className="term-tip">
        <strong>{entry.term}.</strong> {entry.definition}
      </span>
    </span>
  );
}
