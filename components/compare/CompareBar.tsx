"use client";
/**
 * The playground's way into a comparison: "Compare with…" starts setup B as A with the other
 * mode (the comparison every lesson begins with), and the setup panel then edits A or B as the
 * learner picks. Each side is said in words as well as by its letter.
 */
import { useId } from "react";

export type Editing = "a" | "b";

export function CompareBar({ comparing, editing, onStart, onStop, onEdit }: { comparing: boolean; editing: Editing; onStart: () => void; onStop: () => void; onEdit: (side: Editing) => void }) {
  const name = useId();
  if (!comparing) {
    return (
      <p className="compare-bar">
        <button type="button" onClick={onStart}>
          Compare with another setup…
        </button>
      </p>
    );
  }
  return (
    <div className="compare-bar">
      <div role="radiogroup" aria-label="The setup the knobs below change" className="compare-edit">
        <span aria-hidden="true">Knobs below change:</span>
        {(["a", "b"] as const).map((side) => (
          <label key={side}>
            <input type="radio" name={name} value={side} checked={editing === side} onChange={() => onEdit(side)} /> Setup {side.toUpperCase()}
          </label>
        ))}
      </div>
      <button type="button" onClick={onStop}>
        Stop comparing
      </button>
    </div>
  );
}
