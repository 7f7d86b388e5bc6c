"use client";
/**
 * The network view of a session with three hosts (multi-layout.ts): a server-to-server transfer
 * (client, server A, server B) or a relay in front of the server (client, relay, server). The
 * same marks as the two-host drawing: host boxes with their sockets, walls, connections with who
 * opened them, the step's packet on its way, a dropped packet's ✕ with the rule or the reason,
 * and the notes under the drawing. React draws the step; d3 moves the one packet.
 */
import { useId, useMemo, useRef } from "react";
import { isPrivateIp } from "../../sim/net/addresses";
import { NAT_TITLES } from "../../sim/net/nat-kinds";
import { hostConfig } from "../../sim/scenario/hosts";
import { dropShort } from "../../sim/trace/labels";
import type { EventOf, HostId, NodeId } from "../../sim/trace/events";
import type { ConnectionState, World } from "../../sim/trace/world";
import type { Trace } from "../../sim/trace/trace";
import { wrap } from "../text-wrap";
import { hostName, HostTitle } from "../trace-hosts";
import type { ViewProps } from "../view-types";
import { BrickPattern } from "./BrickPattern";
import { lastDrop } from "./connection-geometry";
import { chooseOrientation, layoutWidthFor, textWidth, type Orientation } from "./layout";
import { firewallRules, indexTrace, isVisible, notesAt, packetScene, portKind, PORT_KIND_LABEL, summaryOf, type PacketScene } from "./model";
import { packetText, type Motion } from "./motion";
import { computeMultiLayout, drawnTo, hostBox, multiConnGeometry, multiPacketTrip, towardOf, wallName, hostLines, pillAt, type Barrier, type MultiLayout } from "./multi-layout";
import { NoteBox } from "./NoteBox";
import { PacketGlyph } from "./PacketGlyph";
import { SocketPill } from "./SocketPill";
import { useContainerWidth, useIsoLayoutEffect } from "./use-container-width";
import "./network.css";

let motionModule: Promise<typeof import("./packet-motion")> | null = null;
const loadMotion = () => (motionModule ??= import("./packet-motion"));

/** A drop's words beside its ✕: the deciding rule, or the reason up to its first colon (the relay's "forwards no packets"). */
export function multiDropText(d: EventOf<"drop">): string {
  if (d.check) return `✕ ${dropShort(d)}`;
  const short = dropShort(d);
  if (short !== "dropped") return `✕ ${short}`;
  return `✕ ${d.reason.split(": ")[0]}`;
}

/** The packet's box and trip, its label cut shorter than the two-host drawing's (the gaps are narrower). */
export function multiMotion(l: MultiLayout, pkt: PacketScene): Motion & { dropAt: ReturnType<typeof multiPacketTrip>["dropAt"] } {
  const { fonts } = l;
  const dir = towardOf(l, pkt.from, drawnTo(l, pkt));
  const cut = (s: string) => (s.length > 18 ? `${s.slice(0, 17).trimEnd()}…` : s);
  const before = packetText(cut(pkt.label), dir, l.orientation);
  const text = packetText(cut(pkt.labelAfterNat), dir, l.orientation);
  const w = Math.ceil(textWidth(Math.max([...text].length, [...before].length), fonts.base, true) * 0.98 + 22);
  const h = fonts.base + 16;
  const trip = multiPacketTrip(l, pkt, w, h);
  return { start: trip.start, end: trip.end, via: null, before, text, w, h, dropAt: trip.dropAt };
}

function HostBoxView({ l, trace, world, h, newListener }: { l: MultiLayout; trace: Trace; world: World; h: HostId; newListener: string | null }) {
  const b = hostBox(l, h);
  const s = trace.scenario;
  const ip = hostConfig(s, h).ip;
  const { fonts } = l;
  const priv = isPrivateIp(ip);
  const lines = hostLines(s, h);
  const listeners = h === "relay" ? [] : world.listeners.filter((x) => x.host === h);
  return (
    <g className={`nv-host nv-host--${h}`} data-host={h}>
      <rect className="nv-host-box" x={b.rect.x} y={b.rect.y} width={b.rect.w} height={b.rect.h} rx={10} />
      <text className="nv-title" x={b.title.x} y={b.title.y} fontSize={fonts.title}>
        {HostTitle(s, h)}
      </text>
      <text className="nv-mono nv-ip" x={b.ip.x} y={b.ip.y} fontSize={fonts.mono}>
        <tspan className={priv ? "nv-private" : undefined}>{ip}</tspan>
        {priv && (
          <tspan className="nv-soft" fontSize={fonts.small - 1} dx={6}>
            private
          </tspan>
        )}
      </text>
      {lines.map((t, i) => {
        const at = b.lines[i];
        return at ? (
          <text key={i} className={i === 1 && h === "relay" ? "nv-mono nv-relay-map" : "nv-soft"} x={at.x} y={at.y} fontSize={fonts.small}>
            {t}
          </text>
        ) : null;
      })}
      {listeners.map((x, i) => {
        const at = b.listeners[i];
        if (!at) return null;
        const name = `${x.socket.ip}:${x.socket.port}`;
        const kind = portKind(x.socket.port, h, trace);
        return (
          <g key={name} data-listening={name}>
            <SocketPill layout={l} at={at} socket={x.socket} kind={kind} state={newListener === `${h}|${name}` ? "new" : "listening"} oneLine />
          </g>
        );
      })}
    </g>
  );
}

function BarrierView({ l, trace, b, brick, count }: { l: MultiLayout; trace: Trace; b: Barrier; brick: string; count: number }) {
  const s = trace.scenario;
  const { fonts } = l;
  if (b.kind === "nat") {
    const nat = hostConfig(s, b.host).nat!;
    const c = { x: b.rect.x + b.rect.w / 2, y: b.rect.y + 20 };
    return (
      <g className="nv-nat" data-nat={b.host}>
        <rect className="nv-nat-box" x={b.rect.x} y={b.rect.y} width={b.rect.w} height={b.rect.h} rx={10} />
        <text className="nv-nat-title nv-halo-panel" x={c.x} y={c.y} textAnchor="middle" fontSize={fonts.small}>
          {NAT_TITLES.router}
        </text>
        <text className="nv-mono nv-nat-ip nv-halo-panel" x={c.x} y={c.y + 18} textAnchor="middle" fontSize={fonts.small - 1}>
          {nat.publicIp}
        </text>
      </g>
    );
  }
  const name = `${hostName(s, b.host)} ${wallName(s, b.host)}`;
  return (
    <g className="nv-wall" data-wall={b.host}>
      <title>{`${name}\n${firewallRules(trace, b.host).join("\n")}`}</title>
      <rect x={b.rect.x} y={b.rect.y} width={b.rect.w} height={b.rect.h} fill={`url(#${brick})`} className="nv-wall-box" />
      <text className="nv-wall-label nv-halo" x={b.label.x} y={b.label.y} textAnchor={b.label.anchor} fontSize={l.orientation === "wide" ? fonts.small : fonts.small}>
        {l.orientation === "wide" ? wallName(s, b.host) : `${hostName(s, b.host)} ${wallName(s, b.host)}`}
      </text>
      {count > 0 && (
        <text className="nv-drop-count nv-halo" x={l.orientation === "wide" ? b.rect.x + b.rect.w / 2 : l.width - 12} y={l.orientation === "wide" ? b.rect.y + b.rect.h + 18 : b.label.y} textAnchor={l.orientation === "wide" ? "middle" : "end"} fontSize={fonts.small}>
          {`✕ ${count} dropped`}
        </text>
      )}
    </g>
  );
}

/** "opened by server B →" and the purpose, as the two-host drawing words them. */
export function multiConnWords(l: MultiLayout, trace: Trace, c: ConnectionState, world: World) {
  const far = l.far.get(c.id) ?? c.initiator;
  const dir = towardOf(l, c.initiator, far);
  const who = hostName(trace.scenario, c.initiator);
  const openedBy = l.orientation === "wide" ? (dir > 0 ? `opened by ${who} →` : `← opened by ${who}`) : `opened by ${who} ${dir > 0 ? "↓" : "↑"}`;
  const transfer = c.transfer !== null ? world.transfers.find((t) => t.index === c.transfer) : undefined;
  const connecting = c.syns <= 1 ? " · connecting" : ` · SYN ×${c.syns}`;
  const phase = c.phase === "connecting" ? connecting : c.phase === "closing" ? " · closing" : c.phase === "failed" ? " · failed" : "";
  const what = c.purpose === "control" ? "control :21" : `data${transfer ? ` · ${transfer.command.split(" ")[0]}` : ""}`;
  return { openedBy, purpose: `${what}${phase}`, far };
}

function ConnView({ l, trace, world, c }: { l: MultiLayout; trace: Trace; world: World; c: ConnectionState }) {
  const far = l.far.get(c.id) ?? c.initiator;
  const reached = !!c.sockets[far];
  const drop: NodeId | null = c.phase === "connecting" || c.phase === "failed" ? lastDrop(world, c.id) : null;
  const g = multiConnGeometry(l, c, reached, drop);
  const words = multiConnWords(l, trace, c, world);
  const { fonts } = l;
  const across = l.row.get(c.id) ?? 0;
  return (
    <g className={`nv-conn nv-conn--${c.purpose} nv-conn--${c.phase}`} data-conn={c.id} data-purpose={c.purpose} data-phase={c.phase} data-initiator={c.initiator} data-far={far}>
      <path className="nv-conn-line" d={`M${g.a.x},${g.a.y}L${g.b.x},${g.b.y}`} />
      <path className="nv-conn-arrow" d={g.arrow} />
      <circle className="nv-conn-origin" cx={g.a.x} cy={g.a.y} r={7} data-origin={c.initiator} />
      <text className="nv-conn-opened nv-halo" x={g.openedBy.x} y={g.openedBy.y} textAnchor={g.openedBy.anchor} fontSize={fonts.small} data-opened-by={c.initiator}>
        {words.openedBy}
      </text>
      <text className="nv-conn-label nv-halo" x={g.label.x} y={g.label.y} textAnchor="middle" fontSize={fonts.small}>
        {words.purpose}
      </text>
      {c.phase === "failed" && (
        <text className="nv-drop-mark nv-halo" x={g.failAt.x} y={g.failAt.y + 8} textAnchor="middle" fontSize={fonts.title + 6}>
          ✕ failed
        </text>
      )}
      {([c.initiator, far] as HostId[]).map((h) => {
        const sock = c.sockets[h];
        if (!sock) return null;
        const kind = portKind(sock.port, h, trace);
        const other = h === c.initiator ? far : c.initiator;
        return <SocketPill key={h} layout={l} at={pillAt(l, h, other, across)} socket={sock} kind={kind} state="connected" caption={l.orientation === "wide" ? PORT_KIND_LABEL[kind] : undefined} />;
      })}
    </g>
  );
}

function DropMarkView({ l, at, text, reason }: { l: MultiLayout; at: { x: number; y: number }; text: string; reason: string }) {
  const size = l.fonts.small;
  const maxW = l.orientation === "wide" ? 250 : Math.min(260, l.width - 24);
  const lines = wrap(text, Math.floor((maxW - 12) / (size * 0.56))).slice(0, 3);
  const w = Math.min(maxW, Math.max(...lines.map((x) => textWidth(x.length, size))) + 14);
  const h = lines.length * Math.round(size * 1.25) + 8;
  // Above the ✕ (wide) or beside it (tall), kept inside the drawing.
  const bx = Math.max(4, Math.min(l.width - w - 4, l.orientation === "wide" ? at.x - w / 2 : at.x + 22 + w > l.width ? at.x - 22 - w : at.x + 22));
  const by = l.orientation === "wide" ? at.y - 14 - 10 - h - 22 : at.y - h / 2;
  return (
    <g className="nv-drop" data-drop-at-x={Math.round(at.x)}>
      <title>{reason}</title>
      <circle className="nv-drop-ring" cx={at.x} cy={at.y} r={14} />
      <path className="nv-drop-x" d={`M${at.x - 7},${at.y - 7}L${at.x + 7},${at.y + 7}M${at.x + 7},${at.y - 7}L${at.x - 7},${at.y + 7}`} />
      <rect className="nv-drop-label" x={bx} y={by} width={w} height={h} rx={4} />
      <text className="nv-drop-text" fontSize={size}>
        {lines.map((t, i) => (
          <tspan key={i} x={bx + 6} y={by + 4 + size * 0.95 + i * Math.round(size * 1.25)}>
            {t}
          </tspan>
        ))}
      </text>
    </g>
  );
}

export function MultiNetwork(props: ViewProps & { readonly layout?: "auto" | Orientation }) {
  const { trace, timeline, step, world, selectedPacket, onSelectPacket, reducedMotion } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const outcomeRef = useRef<SVGGElement>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const width = useContainerWidth(wrapRef);
  const orientation = chooseOrientation(props.layout, width);
  const index = useMemo(() => indexTrace(trace, timeline), [trace, timeline]);
  const layoutWidth = layoutWidthFor(orientation, width);
  const l = useMemo(() => computeMultiLayout(trace, timeline, index, orientation, layoutWidth), [trace, timeline, index, orientation, layoutWidth]);
  const pkt = useMemo(() => packetScene(trace, timeline, index, step), [trace, timeline, index, step]);
  const notes = useMemo(() => l.placeNotes(notesAt(trace, timeline, index, step)), [l, trace, timeline, index, step]);
  const summary = useMemo(() => summaryOf(trace, timeline, index, step, world), [trace, timeline, index, step, world]);
  const motion = pkt ? multiMotion(l, pkt) : null;

  useIsoLayoutEffect(() => {
    const g = packetRef.current;
    const out = outcomeRef.current;
    let cancelled = false;
    let stop: (() => void) | undefined;
    void loadMotion().then(({ animatePacket }) => {
      if (!cancelled) stop = animatePacket(g, out, motion, reducedMotion);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [step, trace, l, reducedMotion]);

  const brick = `nv-brick-${uid}`;
  const stage = useMemo(() => {
    const visible = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step));
    const counts = new Map<NodeId, number>();
    for (const d of world.drops) counts.set(d.node, (counts.get(d.node) ?? 0) + 1);
    const current = timeline.steps[step];
    const listen = current?.kind === "listen" ? trace.events[current.event] : undefined;
    const newListener = listen?.type === "listen" ? `${listen.host}|${listen.socket.ip}:${listen.socket.port}` : null;
    return (
      <g aria-hidden="true">
        {l.zones.map((z, i) => (
          <text key={i} className="nv-zone nv-halo" x={z.x} y={z.y} textAnchor={z.anchor} fontSize={l.fonts.base}>
            {z.text}
          </text>
        ))}
        {l.hosts.map((b) => (
          <HostBoxView key={b.id} l={l} trace={trace} world={world} h={b.id} newListener={newListener} />
        ))}
        {l.barriers.map((b, i) => (
          <BarrierView key={i} l={l} trace={trace} b={b} brick={brick} count={b.kind === "wall" && l.barriers.findIndex((x) => x.kind === "wall" && x.host === b.host) === i ? (counts.get(b.host) ?? 0) : 0} />
        ))}
        {visible.map((c) => (
          <ConnView key={c.id} l={l} trace={trace} world={world} c={c} />
        ))}
      </g>
    );
  }, [trace, timeline, world, step, index, l, brick]);
  const select_ = (id: number) => onSelectPacket?.(id);

  return (
    <div ref={wrapRef} className={`nv-root nv-${l.orientation}`} role="group" aria-label="Network view" data-orientation={l.orientation} data-hosts={l.hosts.map((b) => b.id).join(" ")}>
      <p className="sr-only" data-testid="network-summary">
        {summary}
      </p>
      <svg className="nv-svg" viewBox={`0 0 ${l.width} ${l.height}`} width="100%" preserveAspectRatio="xMidYMin meet" focusable="false">
        <defs>
          <BrickPattern id={brick} />
        </defs>
        {stage}
        <g ref={outcomeRef} className="nv-outcome" aria-hidden="true">
          {pkt?.drop && motion?.dropAt && <DropMarkView l={l} at={motion.dropAt} text={multiDropText(pkt.drop)} reason={pkt.drop.reason} />}
          {notes.map((n, i) => (
            <NoteBox key={`${step}-${i}`} note={n} layout={l} />
          ))}
        </g>
        {pkt && motion && <PacketGlyph ref={packetRef} pkt={pkt} motion={motion} fonts={l.fonts} selected={selectedPacket === pkt.id} onSelect={select_} />}
      </svg>
    </div>
  );
}
