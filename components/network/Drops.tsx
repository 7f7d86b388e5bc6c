/**
 * The marks of dropped packets (visual-language.md: "failure is loud and specific"): the current
 * packet's ✕ with the rule that dropped it, the small ✕ earlier drops leave on their lanes, and
 * the count of drops at a NAT router or in the network. Positions come from drop-geometry.ts.
 */
import type { HostId, NodeId, RouterId } from "../../sim/trace/events";
import type { Layout, Pt, Rect } from "./layout";
import { dropBox, dropCountAt, recentDropAt } from "./drop-geometry";
import type { PacketScene } from "./model";
import { DROP_R } from "./motion";

/** The current packet's ✕ and the words on why, `at` the point where the packet stopped, clear of the words `taken`. */
export function DropMark({ layout, pkt, at, taken }: { layout: Layout; pkt: PacketScene; at: Pt; taken: readonly Rect[] }) {
  const text = pkt.dropText ?? "✕";
  const g = dropBox(layout, pkt, at, text, taken);
  return (
    <g className="nv-drop" data-drop-at={pkt.stopAt}>
      <title>{pkt.drop?.reason ?? text}</title>
      <circle className="nv-drop-ring" cx={g.mark.x} cy={g.mark.y} r={DROP_R} />
      <path className="nv-drop-x" d={g.cross} />
      <rect className="nv-drop-label" x={g.box.x} y={g.box.y} width={g.box.w} height={g.box.h} rx={4} />
      <text className="nv-drop-text" fontSize={g.size}>
        {g.lines.map((l, i) => (
          <tspan key={i} x={l.x} y={l.y} textAnchor={g.anchor}>
            {l.text}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** "✕ 2 dropped" at a NAT router, "✕ 1 lost" in the network. */
export function DropCount({ layout, node, count }: { layout: Layout; node: RouterId | "network"; count: number }) {
  const p = dropCountAt(layout, node);
  if (!p) return null;
  return (
    <text className="nv-drop-count nv-halo" x={p.x} y={p.y} textAnchor={p.anchor} fontSize={layout.fonts.small}>
      {`✕ ${count} ${node === "network" ? "lost" : "dropped"}`}
    </text>
  );
}

/** The small ✕ an earlier drop leaves where it happened, with its words in the tooltip. */
export function RecentDrop({ layout, drop }: { layout: Layout; drop: { node: NodeId; from: HostId; lane: number; text: string } }) {
  const p = recentDropAt(layout, drop);
  return (
    <text className="nv-drop-small nv-halo" x={p.x} y={p.y} textAnchor="middle" fontSize={layout.fonts.base + 4}>
      ✕<title>{drop.text}</title>
    </text>
  );
}
