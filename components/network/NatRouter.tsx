/**
 * A NAT router as a box between the networks showing its public and private sides
 * (visual-language.md: "walls and routers"), its public address, FTP helper and port forwards
 * (or, for a cloud VM, its security group's inbound rules; for a Docker host, its published ports);
 * and the public socket it gave each connection, on that connection's lane. Its box is drawn
 * under the connections and its words over them (`part`). Positions come from layout.ts.
 */
import { hostConfig } from "../../sim/scenario/hosts";
import { NAT_TITLES, natEntryWords, natKindOf, natNodeName, type NatKind } from "../../sim/net/nat-kinds";
import type { HostId, RouterId } from "../../sim/trace/events";
import type { Trace } from "../../sim/trace/trace";
import type { ReactNode } from "react";
import type { Layout } from "./layout";
import { natLaneLabelAt } from "./label-geometry";
import { hostOfRouter } from "../../sim/net/hosts";
import { formatEndpoint, ROUTERS, type DrawnConnection } from "./model";

type Line = { text: string; cls: string; size: number };

/**
 * The box's words by what it is (sim/net/nat-kinds.ts): a NAT router says its helper and forwards;
 * a cloud's security group + 1:1 NAT what the group allows in; a Docker host what it publishes.
 * Narrow: three lines across the drawing, the first naming it as a drop does. Wide: a title and
 * three short lines in a box ~170 px wide.
 */
function natLines(kind: NatKind, host: HostId, c: { publicIp: string; ftpHelper: boolean; ports: string }, wide: boolean, fonts: Layout["fonts"]): Line[] {
  const small = wide ? fonts.small - 1 : fonts.small;
  const ip: Line = { text: `public ${c.publicIp}`, cls: "nv-mono nv-nat-ip", size: small };
  const soft = (text: string): Line => ({ text, cls: "nv-soft", size: small });
  const title = (text: string): Line => ({ text, cls: "nv-nat-title", size: fonts.base });
  const helper = c.ftpHelper ? "FTP helper on" : "no FTP helper";
  if (!wide) return [title(kind === "router" ? `${natNodeName(kind, host)} · ${helper}` : natNodeName(kind, host)), ip, soft(natEntryWords(kind, c.ports))];
  switch (kind) {
    case "router":
      return [title(NAT_TITLES.router), ip, soft(helper), soft(natEntryWords(kind, c.ports))];
    case "cloud":
      // Two title lines: the second at the small size, or the rows (19 px apart) would touch.
      return [title("security group"), { ...title("+ 1:1 NAT"), size: small }, ip, soft(natEntryWords(kind, c.ports))];
    case "docker":
      // What it publishes on two lines: "published (-p): 21, 30000–30009" is wider than the box.
      return [title(NAT_TITLES.docker), ip, soft(c.ports ? "published (-p):" : "no ports published"), soft(c.ports || "(docker run -p)")];
  }
}

/** A NAT router: its box under the connections, its words over them (`part`). */
export function NatRouter({ r, layout, trace, active, part }: { r: RouterId; layout: Layout; trace: Trace; active: boolean; part: "box" | "text" }) {
  const nat = layout.nats[r];
  const cfg = hostConfig(trace.scenario, hostOfRouter(r)).nat;
  if (!nat || !cfg) return null;
  const { fonts } = layout;
  const fwd = cfg.forward.map((f) => (typeof f === "number" ? String(f) : `${f[0]}–${f[1]}`)).join(", ");
  const wide = layout.orientation === "wide";
  const lines = natLines(natKindOf(cfg), hostOfRouter(r), { publicIp: cfg.publicIp, ftpHelper: cfg.ftpHelper, ports: fwd }, wide, fonts);
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
