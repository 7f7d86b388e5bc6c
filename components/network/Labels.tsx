/**
 * The drawing's free-standing words: the name of the middle zone ("internet", "network") and the
 * firewall's verdict on the current packet beside its wall ("✓ accepted by rule 1"). Where they
 * go is layout.ts's (zoneLabel, walls[h].decision).
 */
import type { Layout } from "./layout";
import type { decisionOf } from "./model";

export function ZoneLabel({ layout }: { layout: Layout }) {
  const z = layout.zoneLabel;
  return (
    <text className="nv-zone nv-halo" x={z.x} y={z.y} textAnchor={z.anchor} fontSize={layout.fonts.base}>
      {z.text}
    </text>
  );
}

/** The verdict of `decision.host`'s firewall: in full when wide, short when tall; nothing without a wall. */
export function DecisionLabel({ layout, decision }: { layout: Layout; decision: NonNullable<ReturnType<typeof decisionOf>> }) {
  const at = layout.walls[decision.host]?.decision;
  if (!at) return null;
  return (
    <text className={`nv-decision nv-decision--${decision.ok ? "ok" : "drop"} nv-halo`} x={at.x} y={at.y} textAnchor={at.anchor} fontSize={layout.fonts.small} data-decision={decision.host}>
      {layout.orientation === "wide" ? decision.text : decision.short}
    </text>
  );
}
