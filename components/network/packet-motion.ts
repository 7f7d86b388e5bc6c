/**
 * The packet's travel along its link: one d3 transition on one <g> that React has already
 * drawn at its end. Loaded after the page (the first paint needs no animation), and never
 * animating under prefers-reduced-motion.
 */
import { easeCubicInOut } from "d3-ease";
import { select } from "d3-selection";
import { transition } from "d3-transition";
import type { Pt } from "./layout";
import { NAT_PAUSE_MS, TRAVEL_MS, type Motion } from "./NetworkView";

const tr = (p: Pt) => `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;

/** Starts the animation; returns what stops it (the step changed again). */
export function animatePacket(g: SVGGElement | null, out: SVGGElement | null, motion: Motion | null, reducedMotion: boolean): () => void {
  if (!g || !motion) {
    if (out) select(out).interrupt().style("opacity", null);
    return () => {};
  }
  const end = tr(motion.end);
  if (reducedMotion) {
    select(g).interrupt().attr("transform", end);
    if (out) select(out).interrupt().style("opacity", null);
    return () => {};
  }
  const before = select(g).select<SVGTextElement>(".nv-packet-text--before");
  const after = select(g).select<SVGTextElement>(".nv-packet-text--after");
  if (motion.via) {
    // Two legs: to the router (label as sent), then on with the rewritten label.
    const first =
      (Math.abs(motion.via.x - motion.start.x) + Math.abs(motion.via.y - motion.start.y)) /
      (Math.abs(motion.end.x - motion.start.x) + Math.abs(motion.end.y - motion.start.y) || 1);
    const d1 = Math.round(TRAVEL_MS * Math.min(0.8, Math.max(0.2, first)));
    before.style("display", "inline");
    after.style("display", "none");
    select(g)
      .interrupt()
      .attr("transform", tr(motion.start))
      .transition(transition().duration(d1).ease(easeCubicInOut))
      .attr("transform", tr(motion.via))
      .transition()
      .delay(NAT_PAUSE_MS)
      .duration(TRAVEL_MS - d1)
      .ease(easeCubicInOut)
      .attr("transform", end)
      .on("start", () => {
        before.style("display", null);
        after.style("display", null);
      });
  } else {
    const t = transition().duration(TRAVEL_MS).ease(easeCubicInOut);
    select(g).interrupt().attr("transform", tr(motion.start)).transition(t).attr("transform", end);
  }
  if (out) {
    select(out)
      .interrupt()
      .style("opacity", "0")
      .transition()
      .delay((motion.via ? TRAVEL_MS + NAT_PAUSE_MS : TRAVEL_MS) - 120)
      .duration(220)
      .style("opacity", "1");
  }
  return () => {
    select(g).interrupt().selectAll(".nv-packet-text").style("display", null);
    if (out) select(out).interrupt();
  };
}
