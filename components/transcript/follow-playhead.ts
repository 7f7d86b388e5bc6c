/**
 * What both line lists of the transcript panel (the control connection, the program's own log)
 * do with the playhead: a stable jump handler, so a line re-renders only when its own state
 * changes, and the current line kept in view as the lab plays.
 */
import { useCallback, useEffect, useRef, type RefObject } from "react";

export function useStableJump(onJump: ((step: number) => void) | undefined): (step: number) => void {
  const jumpRef = useRef(onJump);
  useEffect(() => {
    jumpRef.current = onJump;
  }, [onJump]);
  return useCallback((s: number) => jumpRef.current?.(s), []);
}

/**
 * A ref for the scrolling box of a line list, which is scrolled so that the line marked
 * aria-current (or the last line up to `step`) is in view, a third from the top; `shown` changes
 * when the lines shown do.
 */
export function useKeepInView(step: number, reducedMotion: boolean | undefined, shown: string | number): RefObject<HTMLDivElement | null> {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    let target = box.querySelector<HTMLElement>('[aria-current="step"]');
    if (!target) {
      const upToStep = [...box.querySelectorAll<HTMLElement>("li[data-step]")].filter((li) => Number(li.dataset.step) <= step);
      target = upToStep[upToStep.length - 1] ?? null;
    }
    if (!target) return;
    const top = target.offsetTop;
    const bottom = top + target.offsetHeight;
    if (top >= box.scrollTop && bottom <= box.scrollTop + box.clientHeight) return;
    const to = Math.max(0, top - box.clientHeight / 3);
    if (typeof box.scrollTo === "function") box.scrollTo({ top: to, behavior: reducedMotion ? "auto" : "smooth" });
    else box.scrollTop = to;
  }, [step, reducedMotion, shown]);
  return scroller;
}
