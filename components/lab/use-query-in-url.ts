"use client";
/**
 * The page's state written into its address (history.replaceState), after the frame that shows
 * it: replaceState inside React's effect flush, in the task that re-renders, cost 8 ms on a quiet
 * machine and 26 ms under load (0.9 ms after the frame). A change that comes before the write
 * replaces it, so a run of changes is written once, with the last state.
 *
 * The entry keeps Next's own history state (`__NA` and its tree): Next's patched replaceState
 * passes such a write straight to the browser, where a plain one would also re-render its router
 * to keep useSearchParams current (5–20 ms a knob, measured) — a hook no page of the lab uses.
 * Back and Forward still restore this page from the entry, at the address written here.
 */
import { useEffect } from "react";
import { afterNextPaint } from "./use-after-paint";

/** Writes `?query` (null: nothing yet) once the next frame has been drawn. */
export function useQueryInUrl(query: string | null): void {
  useEffect(() => {
    if (query === null) return;
    return afterNextPaint(() => {
      const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
      window.history.replaceState(nextHistoryState(), "", url);
    });
  }, [query]);
}

/** The current entry's state when Next wrote it (`__NA`), so the write keeps it; else nothing of ours. */
function nextHistoryState(): unknown {
  const state: unknown = window.history.state;
  return state !== null && typeof state === "object" && "__NA" in state ? state : null;
}
