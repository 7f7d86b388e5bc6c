/**
 * How far down the page the lab's grid and its picture start, as CSS variables on the lab's root
 * (--lab-top, --picture-top, px from the top of the page): globals.css sizes a lesson's card and
 * picture to the screen's height below them, so a question and the picture fit one 720-line
 * screen whatever the lesson's title, goal or outcome line take above. Measured before paint and
 * again whenever the lab or the window changes size.
 */
import { useEffect, useLayoutEffect, type RefObject } from "react";

const useIsoLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function useScreenFit(ref: RefObject<HTMLElement | null>): void {
  useIsoLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const measure = () => {
      const top = (sel: string) => {
        const el = root.querySelector(sel);
        return el ? `${Math.round(el.getBoundingClientRect().top + window.scrollY)}px` : null;
      };
      for (const [name, sel] of [
        ["--lab-top", ".lab-grid"],
        ["--picture-top", ".panel-network"],
      ] as const) {
        const v = top(sel);
        // Unchanged values are not written again: no style change, no new resize, no loop.
        if (v && root.style.getPropertyValue(name) !== v) root.style.setProperty(name, v);
      }
    };
    measure();
    window.addEventListener("resize", measure);
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    ro?.observe(root);
    for (const el of root.querySelectorAll(".lab-toolbar, .playback")) ro?.observe(el);
    return () => {
      window.removeEventListener("resize", measure);
      ro?.disconnect();
    };
  }, [ref]);
}
