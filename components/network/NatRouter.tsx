/**
 * A NAT router as a box between the networks showing its public and private sides
 * (visual-language.md: "walls and routers"), its public address, FTP helper and port forwards;
 * and the public socket it gave each connection, on that connection's lane. Its box is drawn
 * under the connections and its words over them (`part`). Positions come from layout.ts.
 */
import type { RouterId } from "../../sim/trace/events";
import type { Trace } from "../../sim/trace/trace";
import type { ReactNode } from "react";
import type { Layout } from "./layout";
import { natLaneLabelAt } from "./label-geometry";
import { formatEndpoint, hostOfRouter, ROUTERS, type DrawnConnection } from "./model";

/** A NAT router: its box under the connections, its words over them (`part`). */
export function NatRouter({ r, layout, trace, active, part }: { r: RouterId; layout: Layout; trace: Trace; active: boolean; part: "box" | "text" }) {
  const nat = layout.nats[r];
  const cfg = trace.scenario[hostOfRouter(r)].nat;
  if (!nat || !cfg) return null;
  const { fonts } = layout;
  const fwd = cfg.forward.map((f) => (typeof f === "number" ? String(f) : `${f[0]}–${f[1]}`)).join(", ");
  const wide = layout.orientation === "wide";
  const lines: { text: string; cls: string; size: number }[] = wide
    ? [
        { text: "NAT router", cls: "nv-nat-title", size: fonts.base },
        { text: `public ${cfg.publicIp}`, cls: "nv-mono nv-nat-ip", size: fonts.small - 1 },
        { text: cfg.ftpHelper ? "FTP helper on" : "no FTP helper", cls: "nv-soft", size: fonts.small - 1 },
        { text: fwd ? `forwards ${fwd}` : "no port forwards", cls: "nv-soft", size: fonts.small - 1 },
      ]
    : [
        { text: `${hostOfRouter(r)} NAT router · ${cfg.ftpHelper ? "FTP helper on" : "no FTP helper"}`, cls: "nv-nat-title", size: fonts.base },
        { text: `public ${cfg.publicIp}`, cls: "nv-mono nv-nat-ip", size: fonts.small },
        { text: fwd ? `forwards ${fwd}` : "no port forwards", cls: "nv-soft", size: fonts.small },
      ];
  if (part === "box") {
    return (
      <g className={`nv-nat${active ? " nv-nat--active" : ""}`} data-nat={r}>
        <rect className="nv-nat-box" x={nat.rect.x} y={nat.rect.y} width={nat.rect.w} height={nat.rect.h} rx={10} />
      </g>
    );
  }
  return (
    <g className="nv-nat" data-nat-text={r}>
      {lines.map((l, i) => {
        const p = nat.lines[i];
        if (!p) return null;
        return (
          <text key={i} className={`${l.cls} nv-halo-panel`} x={p.x} y={p.y} textAnchor={nat.anchor} fontSize={l.size}>
            {l.text}
          </text>
        );
      })}
      <text className="nv-nat-side nv-halo-panel" x={nat.publicTag.x} y={nat.publicTag.y} textAnchor={wide ? (r === "client-nat" ? "end" : "start") : "end"} fontSize={fonts.small - 1}>
        {wide ? (r === "client-nat" ? "public ▸" : "◂ public") : r === "client-nat" ? "public side ↓" : "public side ↑"}
      </text>
      <text className="nv-nat-side nv-halo-panel" x={nat.privateTag.x} y={nat.privateTag.y} textAnchor={wide ? (r === "client-nat" ? "start" : "end") : "end"} fontSize={fonts.small - 1}>
        {wide ? (r === "client-nat" ? "◂ private" : "private ▸") : r === "client-nat" ? "private side ↑" : "private side ↓"}
      </text>
    </g>
  );
}

/** The public socket a NAT router gave a connection, on its lane inside the router. */
export function NatLaneLabels({ meta, layout, step }: { meta: DrawnConnection | undefined; layout: Layout; step: number }) {
  if (!meta) return null;
  const out: ReactNode[] = [];
  for (const r of ROUTERS) {
    const m = meta.natPublic[r];
    const nat = layout.nats[r];
    if (!m || !nat || m.step > step) continue;
    const text = formatEndpoint(m.endpoint);
    const at = natLaneLabelAt(layout, nat, layout.lanes[meta.lane] ?? 0, text);
    if (!at) continue;
    out.push(
      <text key={r} className="nv-mono nv-nat-lane nv-halo-panel" x={at.x} y={at.y} textAnchor="middle" fontSize={at.size}>
        {text}
      </text>,
    );
  }
  return <>{out}</>;
}
