/**
 * The network view's container width, measured before paint and on every resize (rounded to
 * 20 px so a drag does not re-lay out the drawing each pixel); null until measured (and on the
 * server), when the view uses its default width.
 */
import { useEffect, useLayoutEffect, useState, type RefObject } from "react";

/** useLayoutEffect in the browser, useEffect on the server (where it would warn). */
export const useIsoLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function useContainerWidth(ref: RefObject<HTMLDivElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => {
      if (w > 0) setWidth(Math.round(w / 20) * 20);
    };
    measure(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
