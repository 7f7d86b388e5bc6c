"use client";
/**
 * A value that follows another once the frame showing the change has been painted. The picture
 * repaints in the knob's (or step's) own frame; the views that read this copy (transcript,
 * inspector, sequence, what each box knows) render after it, in React's interruptible render. With
 * useDeferredValue that render could start before the frame, and a slice of it (or one component
 * longer than a slice) held the picture's frame back (measured: 5–20 ms a knob).
 */
import { startTransition, useEffect, useState } from "react";

export function useAfterPaint<T>(value: T): T {
  const [later, setLater] = useState(value);
  useEffect(() => {
    if (Object.is(later, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A task queued from requestAnimationFrame runs after that frame is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setLater(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, later]);
  return later;
}
