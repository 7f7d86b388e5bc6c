/**
 * A host's firewall as a brick wall on its side of the link (visual-language.md: "a firewall is
 * a wall"), named, with its rules in its tooltip and the count of what it dropped; "no firewall"
 * when the host has none. Positions come from layout.ts, the label's fit from label-geometry.ts.
 *
 * While a question is open (open-question.ts) the wall says only what a learner could know: that
 * there is a firewall, its policy name unless the question is where the data connection dies, and
 * no verdict (no decision on the packet, no count of drops).
 */
import { hostConfig } from "../../sim/scenario/hosts";
import { asksAboutFirewalls, useOpenQuestion } from "../open-question";
import type { HostId } from "../../sim/trace/events";
import type { Trace } from "../../sim/trace/trace";
import type { Layout } from "./layout";
import { wallLabel } from "./label-geometry";
import { firewallName, firewallRules } from "./model";

/** `brick` is the id of the brick pattern; `decision` the short verdict on the current packet here. */
export function Wall({ h, layout, trace, brick, count, decision }: { h: HostId; layout: Layout; trace: Trace; brick: string; count: number; decision: string | null }) {
  const wall = layout.walls[h];
  const { fonts } = layout;
  const cfg = hostConfig(trace.scenario, h).firewall;
  const question = useOpenQuestion();
  if (!wall) {
    const at = layout.noWall[h];
    if (!at) return null;
    return (
      <text className="nv-nofw nv-halo" x={at.x} y={at.y} textAnchor={layout.orientation === "wide" ? (h === "client" ? "start" : "end") : "start"} fontSize={fonts.small}>
        no firewall
      </text>
    );
  }
  const wide = layout.orientation === "wide";
  const secret = asksAboutFirewalls(question);
  const policy = secret ? "answer first" : firewallName(cfg);
  const full = `${h} firewall: ${policy}`;
  const label = question === null ? wallLabel(layout, wall.rect.w, full, `${h} firewall`, decision, count) : { name: secret ? `${h} firewall` : wallLabel(layout, wall.rect.w, full, `${h} firewall`, null, 0).name, count: null };
  const rules = secret ? [] : firewallRules(trace, h);
  return (
    <g className="nv-wall" data-wall={h}>
      <title>{`${full}\n${rules.join("\n")}`}</title>
      <rect x={wall.rect.x} y={wall.rect.y} width={wall.rect.w} height={wall.rect.h} fill={`url(#${brick})`} className="nv-wall-box" />
      {wide ? (
        <text className="nv-wall-label" x={wall.label.x} y={wall.label.y} textAnchor={wall.anchor} fontSize={fonts.base}>
          <tspan x={wall.label.x}>{`${h} firewall:`}</tspan>
          <tspan x={wall.label.x} dy={fonts.base + 3} className="nv-wall-kind">
            {policy}
          </tspan>
        </text>
      ) : (
        <text className="nv-wall-label nv-halo" x={wall.label.x} y={wall.label.y} fontSize={fonts.base}>
          {label.name}
        </text>
      )}
      {label.count !== null && (
        <text className="nv-drop-count nv-halo" x={wall.count.x} y={wall.count.y} textAnchor={wide ? wall.anchor : "end"} fontSize={fonts.small}>
          {`✕ ${label.count} dropped`}
        </text>
      )}
    </g>
  );
}
