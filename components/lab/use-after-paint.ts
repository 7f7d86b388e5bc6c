"use client";
/**
 * Work that waits for the frame showing a change: the views that read a later copy of the lab
 * (transcript, inspector, sequence, what each box knows), and the URL write. With
 * useDeferredValue the side views' render could start before the frame, and a slice of it (or one
 * component longer than a slice) held the picture's frame back (measured: 5–20 ms a knob).
 */
import { startTransition, useEffect, useState } from "react";

/** Runs `work` in a task after the next frame is painted; returns the cancel. */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A task queued from requestAnimationFrame runs after that frame is painted.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** `value`, followed once the frame showing its change has been painted (in React's interruptible render). */
export function useAfterPaint<T>(value: T): T {
  const [later, setLater] = useState(value);
  useEffect(() => {
    if (Object.is(later, value)) return;
    return afterNextPaint(() => startTransition(() => setLater(value)));
  }, [value, later]);
  return later;
}
