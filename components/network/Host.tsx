/**
 * A host's box: its name, address (marked when private), what it runs, and its listening
 * sockets, each a pill with what kind of port it is. The connected sockets are drawn with their
 * connections (Connection.tsx). Positions come from layout.ts and label-geometry.ts.
 */
import { hostConfig } from "../../sim/scenario/hosts";
import { CLIENT_NAMES, SERVER_NAMES } from "../../sim/software/program-names";
import type { HostId } from "../../sim/trace/events";
import type { Trace } from "../../sim/trace/trace";
import type { World } from "../../sim/trace/world";
import type { Layout } from "./layout";
import { badgeAfter, listenerRow, privateBadge } from "./label-geometry";
import { formatEndpoint, isPrivateIp, portKind, type PortKind } from "./model";
import { SocketPill } from "./SocketPill";

function PrivateBadge({ x, y, size }: { x: number; y: number; size: number }) {
  const b = privateBadge(x, y, size);
  return (
    <g className="nv-private-badge">
      <rect x={b.rect.x} y={b.rect.y} width={b.rect.w} height={b.rect.h} rx={4} />
      <text x={b.text.x} y={b.text.y} textAnchor="middle" fontSize={size}>
        private
      </text>
    </g>
  );
}

function shortKind(kind: PortKind): string {
  switch (kind) {
    case "control":
    case "active-data":
    case "well-known":
      return "well-known";
    case "passive-range":
      return "passive range";
    default:
      return "ephemeral";
  }
}

/** `newListener` ("host|ip:port") is the socket that starts listening in this step. */
export function Host({ h, layout, trace, world, newListener }: { h: HostId; layout: Layout; trace: Trace; world: World; newListener: string | null }) {
  const box = layout.hosts[h];
  const cfg = hostConfig(trace.scenario, h);
  const { fonts } = layout;
  const mode = trace.scenario.client;
  // The programs at each end, as the lab names them (sim/software/program-names.ts).
  // The console has no mode of its own: the learner types PORT or PASV.
  const role =
    h === "client"
      ? mode.software === "console"
        ? `${CLIENT_NAMES[mode.software].name} · lines as typed`
        : `${CLIENT_NAMES[mode.software].name} · ${mode.mode} (${mode.mode === "active" ? (mode.extended ? "EPRT" : "PORT") : mode.extended ? "EPSV" : "PASV"})`
      : `FTP server (${SERVER_NAMES[trace.scenario.server.software].name})`;
  const listeners = world.listeners.filter((l) => l.host === h);
  const badge = badgeAfter(box.ip, cfg.ip, fonts);
  return (
    <g className={`nv-host nv-host--${h}`} data-host={h}>
      <rect className="nv-host-box" x={box.rect.x} y={box.rect.y} width={box.rect.w} height={box.rect.h} rx={10} />
      <text className="nv-title" x={box.title.x} y={box.title.y} fontSize={fonts.title}>
        {h === "client" ? "Client" : "Server"}
      </text>
      <text className={`nv-mono nv-ip${isPrivateIp(cfg.ip) ? " nv-private" : ""}`} x={box.ip.x} y={box.ip.y} fontSize={fonts.mono}>
        {cfg.ip}
      </text>
      {isPrivateIp(cfg.ip) && <PrivateBadge x={badge.x} y={badge.y} size={fonts.small - 1} />}
      <text className="nv-soft" x={box.role.x} y={box.role.y} fontSize={fonts.small}>
        {role}
      </text>
      {listeners.map((l, i) => {
        const at = box.listeners[i];
        if (!at) return null;
        const kind = portKind(l.socket.port, h, trace);
        const name = formatEndpoint(l.socket);
        const isNew = newListener === `${h}|${name}`;
        const row = listenerRow(layout, h, at, name);
        return (
          <g key={name} data-listening={name}>
            <SocketPill layout={layout} at={row.pill} socket={l.socket} kind={kind} state={isNew ? "new" : "listening"} oneLine width={row.pillWidth} />
            <text className="nv-listen-text" x={row.text.x} y={row.text.y} textAnchor={row.text.anchor} fontSize={row.text.size}>
              {`listening · ${shortKind(kind)}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}
