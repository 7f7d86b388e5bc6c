/**
 * A socket drawn as an ip:port pill on its host's edge (visual-language.md: "ports are
 * first-class"): monospaced, a well-known port on its chip, a private address marked, a listening
 * socket styled apart from a connected one. Its positions come from label-geometry.ts.
 */
import type { ReactNode } from "react";
import type { Endpoint } from "../../sim/net/addresses";
import type { PillLayout, Pt } from "./layout";
import { pillGeometry } from "./label-geometry";
import { formatEndpoint, isPrivateIp, PORT_KIND_LABEL, type PortKind } from "./model";

export function SocketPill({
  layout,
  at,
  socket,
  kind,
  state,
  oneLine = false,
  width,
  caption,
}: {
  layout: PillLayout;
  at: Pt;
  socket: Endpoint;
  kind: PortKind;
  state: "connected" | "listening" | "new";
  oneLine?: boolean;
  width?: number;
  caption?: string;
}) {
  const { fonts } = layout;
  const ip = socket.ip;
  const port = String(socket.port);
  const g = pillGeometry(layout, at, ip, port, oneLine, width);
  const priv = isPrivateIp(ip);
  const chip = kind === "control" || kind === "active-data" || kind === "well-known";
  const chipRect = chip && <rect className={`nv-port-chip nv-port-chip--${kind}`} x={g.chip.x} y={g.chip.y} width={g.chip.w} height={g.chip.h} rx={4} />;
  const portText = (
    <text className={`nv-mono nv-port nv-port--${chip ? "well-known" : "plain"}`} x={g.port.x} y={g.port.y} fontSize={fonts.mono}>
      {port}
    </text>
  );
  let ipText: ReactNode;
  if (!g.two) {
    ipText = (
      <text className="nv-mono nv-socket-text" x={g.ip.x} y={g.ip.y} fontSize={fonts.mono}>
        <tspan className={priv ? "nv-private" : undefined}>{ip}</tspan>
        <tspan>:</tspan>
      </text>
    );
  } else {
    ipText = (
      <>
        <text className={`nv-mono nv-socket-text${priv ? " nv-private" : ""}`} x={g.ip.x} y={g.ip.y} textAnchor="middle" fontSize={fonts.mono}>
          {ip}
        </text>
        <text className="nv-mono nv-socket-text" x={g.colon?.x} y={g.colon?.y} fontSize={fonts.mono}>
          :
        </text>
      </>
    );
  }
  return (
    <g className={`nv-pill nv-pill--${state} nv-kind--${kind}`} data-socket={formatEndpoint(socket)} data-state={state} data-port-kind={kind}>
      <title>{`${formatEndpoint(socket)} — ${state === "connected" ? "connected socket" : "listening socket"}, ${PORT_KIND_LABEL[kind]}${priv ? ", private address" : ""}`}</title>
      <rect className="nv-pill-box" x={g.box.x} y={g.box.y} width={g.box.w} height={g.box.h} rx={g.box.h / 2} />
      {ipText}
      {chipRect}
      {portText}
      {caption && (
        <text className="nv-caption" x={g.caption.x} y={g.caption.y} textAnchor="middle" fontSize={fonts.small - 1}>
          {caption}
        </text>
      )}
    </g>
  );
}
