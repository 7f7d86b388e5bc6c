/**
 * The step's packet travels: one d3 transition on one <g>; React has drawn it at its end already.
 * d3-transition arrives after the page (packet-motion.ts): the first frames need no animation.
 * Shared by the two-host and the three-host drawings.
 */
import type { RefObject } from "react";
import type { Motion } from "./motion";
import { useIsoLayoutEffect } from "./use-container-width";

let motionModule: Promise<typeof import("./packet-motion")> | null = null;
const loadMotion = () => (motionModule ??= import("./packet-motion"));

export function usePacketAnimation(
  packetRef: RefObject<SVGGElement | null>,
  outcomeRef: RefObject<SVGGElement | null>,
  motion: Motion | null,
  reducedMotion: boolean,
  // Animate when the step (or the drawing) changes, not when a packet is selected.
  when: readonly unknown[],
): void {
  useIsoLayoutEffect(() => {
    const g = packetRef.current;
    const out = outcomeRef.current;
    let cancelled = false;
    let stop: (() => void) | undefined;
    void loadMotion().then(({ animatePacket }) => {
      if (!cancelled) stop = animatePacket(g, out, motion, reducedMotion);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, when);
}
