/**
 * The packet's travel along its link: one d3 transition on one <g> that React has already
 * drawn at its end. Loaded after the page (the first paint needs no animation), and never
 * animating under prefers-reduced-motion.
 */
import { easeCubicInOut } from "d3-ease";
import { select } from "d3-selection";
import { transition } from "d3-transition";
import { legDurations, OUTCOME_FADE_MS, outcomeDelay, translate, TRAVEL_MS, type Motion } from "./motion";

/** Starts the animation; returns what stops it (the step changed again). */
export function animatePacket(g: SVGGElement | null, out: SVGGElement | null, motion: Motion | null, reducedMotion: boolean): () => void {
  if (!g || !motion) {
    if (out) select(out).interrupt().style("opacity", null);
    return () => {};
  }
  const end = translate(motion.end);
  if (reducedMotion) {
    select(g).interrupt().attr("transform", end);
    if (out) select(out).interrupt().style("opacity", null);
    return () => {};
  }
  const before = select(g).select<SVGTextElement>(".nv-packet-text--before");
  const after = select(g).select<SVGTextElement>(".nv-packet-text--after");
  if (motion.via) {
    // Two legs: to the router (label as sent), then on with the rewritten label.
    const legs = legDurations(motion);
    before.style("display", "inline");
    after.style("display", "none");
    select(g)
      .interrupt()
      .attr("transform", translate(motion.start))
      .transition(transition().duration(legs.first).ease(easeCubicInOut))
      .attr("transform", translate(motion.via))
      .transition()
      .delay(legs.pause)
      .duration(legs.second)
      .ease(easeCubicInOut)
      .attr("transform", end)
      .on("start", () => {
        before.style("display", null);
        after.style("display", null);
      });
  } else {
    const t = transition().duration(TRAVEL_MS).ease(easeCubicInOut);
    select(g).interrupt().attr("transform", translate(motion.start)).transition(t).attr("transform", end);
  }
  if (out) {
    select(out)
      .interrupt()
      .style("opacity", "0")
      .transition()
      .delay(outcomeDelay(motion))
      .duration(OUTCOME_FADE_MS)
      .style("opacity", "1");
  }
  return () => {
    select(g).interrupt().selectAll(".nv-packet-text").style("display", null);
    if (out) select(out).interrupt();
  };
}
