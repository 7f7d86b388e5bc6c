/**
 * A connection on its lane: its line (control and data told apart by class, per
 * visual-language.md), the arrowhead and origin dot that say who opened it, its purpose and
 * phase, "✕ failed" when it never got through, and its connected sockets at both ends. The
 * numbers come from connection-geometry.ts.
 */
import type { Trace } from "../../sim/trace/trace";
import type { ConnectionState, World } from "../../sim/trace/world";
import type { Layout } from "./layout";
import { connectionWords } from "./connection-words";
import { HOSTS, portKind, PORT_KIND_LABEL, type DrawnConnection } from "./model";
import { SocketPill } from "./SocketPill";

export function Connection({ c, meta, layout, trace, world, step }: { c: ConnectionState; meta: DrawnConnection | undefined; layout: Layout; trace: Trace; world: World; step: number }) {
  const { fonts } = layout;
  const { lane, init, sockets, g, wide, purposeText, openedBy, labelX } = connectionWords(trace, c, meta, layout, world, step);
  return (
    <g className={`nv-conn nv-conn--${c.purpose} nv-conn--${c.phase}`} data-conn={c.id} data-purpose={c.purpose} data-phase={c.phase} data-initiator={init}>
      <path className="nv-conn-line" d={g.line} />
      <path className="nv-conn-arrow" d={g.arrow} />
      <circle className="nv-conn-origin" cx={g.a.x} cy={g.a.y} r={7} data-origin={init} />
      <text className="nv-conn-opened nv-halo" x={g.openedBy.x} y={g.openedBy.y} textAnchor={wide ? (init === "client" ? "start" : "end") : "middle"} fontSize={fonts.small} data-opened-by={init}>
        {openedBy}
      </text>
      <text className="nv-conn-label nv-halo" x={labelX} y={g.label.y} textAnchor="middle" fontSize={fonts.small}>
        {purposeText}
      </text>
      {c.phase === "failed" && (
        <text className="nv-drop-mark nv-halo" x={g.failAt.x} y={g.failAt.y + 8} textAnchor="middle" fontSize={fonts.title + 6}>
          ✕ failed
        </text>
      )}
      {HOSTS.map((h) => {
        const s = sockets[h];
        if (!s) return null;
        const kind = portKind(s.port, h, trace);
        return <SocketPill key={h} layout={layout} at={layout.hosts[h].pill(lane)} socket={s} kind={kind} state="connected" caption={wide ? PORT_KIND_LABEL[kind] : undefined} />;
      })}
    </g>
  );
}
