"use client";
/**
 * The network view: client and server, the firewalls as walls on their hosts' side of the link,
 * NAT routers between the networks, the connections that exist after the current step and the
 * step's packet on its way. React draws the state of the step; d3 gives the scales and link
 * paths and moves the one packet (a transition on its <g>), so nothing re-renders per frame.
 */
import { line } from "d3-shape";
import { BrickPattern } from "./BrickPattern";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import type { Endpoint } from "../../sim/net/addresses";
import { otherHost } from "../../sim/net/hosts";
import type { HostId, NodeId, RouterId } from "../../sim/trace/events";
import type { ConnectionState } from "../../sim/trace/world";
import type { ViewProps } from "../view-types";
import { computeLayout, textWidth, type Layout, type Orientation, type PlacedNote, type Pt } from "./layout";
import {
  decisionOf,
  dropCounts,
  firewallName,
  firewallRules,
  formatEndpoint,
  HOSTS,
  hostOfRouter,
  indexTrace,
  isPrivateIp,
  isVisible,
  notesAt,
  packetScene,
  portKind,
  PORT_KIND_LABEL,
  recentDrops,
  ROUTERS,
  socketsOf,
  summaryOf,
  wrap,
  type DrawnConnection,
  type PacketScene,
  type PortKind,
} from "./model";
import "./network.css";

export const TRAVEL_MS = 750;
/** How long a packet waits in a NAT router that rewrites it, before going on with its new label. */
export const NAT_PAUSE_MS = 250;
/** Narrower than this (CSS px), the view stacks client above server. */
export const TALL_BELOW = 560;

export interface NetworkViewProps extends ViewProps {
  /** "auto" (default) picks by the container's width. */
  readonly layout?: "auto" | Orientation;
}

const useIsoLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

function useContainerWidth(ref: RefObject<HTMLDivElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => {
      if (w > 0) setWidth(Math.round(w / 20) * 20);
    };
    measure(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

const linePath = line<Pt>()
  .x((p) => p.x)
  .y((p) => p.y);

/** What the pieces of the stage read of the view's props. */
type Ctx = Pick<ViewProps, "trace" | "world" | "step">;

const tr = (p: Pt) => `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;

let motionModule: Promise<typeof import("./packet-motion")> | null = null;
const loadMotion = () => (motionModule ??= import("./packet-motion"));

export function NetworkView(props: NetworkViewProps) {
  const { trace, timeline, step, world, selectedPacket, onSelectPacket, reducedMotion } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const outcomeRef = useRef<SVGGElement>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const width = useContainerWidth(wrapRef);
  const orientation: Orientation = props.layout && props.layout !== "auto" ? props.layout : width !== null && width < TALL_BELOW ? "tall" : "wide";
  const index = useMemo(() => indexTrace(trace, timeline), [trace, timeline]);
  const layoutWidth = width ?? (orientation === "wide" ? 1100 : 390);
  const layout = useMemo(() => computeLayout(trace, timeline, index, orientation, layoutWidth), [trace, timeline, index, orientation, layoutWidth]);
  const pkt = useMemo(() => packetScene(trace, timeline, index, step), [trace, timeline, index, step]);
  const notes = useMemo(() => layout.placeNotes(notesAt(trace, timeline, index, step)), [layout, trace, timeline, index, step]);
  const summary = useMemo(() => summaryOf(trace, timeline, index, step, world), [trace, timeline, index, step, world]);

  const motion = pkt ? packetMotion(layout, pkt, index.conns.get(pkt.conn)?.lane ?? 0) : null;

  // The packet's travel: one d3 transition on one <g>; React has drawn it at its end already.
  // d3-transition arrives after the page (packet-motion.ts): the first frames need no animation.
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
    // Animate when the step (or the drawing) changes, not when a packet is selected.
  }, [step, trace, layout, reducedMotion]);

  const brick = `nv-brick-${uid}`;
  // Everything but the packet and its outcome, redrawn only when the step or the size changes.
  const stage = useMemo(() => {
    const ctx: Ctx = { trace, world, step };
    const visible = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step));
    const counts = dropCounts(world);
    const drops = recentDrops(world, index, timeline, step, pkt?.id ?? null);
    const currentStep = timeline.steps[step];
    const listenEvent = currentStep?.kind === "listen" ? trace.events[currentStep.event] : undefined;
    const newListener = listenEvent?.type === "listen" ? `${listenEvent.host}|${formatEndpoint(listenEvent.socket)}` : null;
    const rewriting = new Set<RouterId>(pkt?.nat.map((n) => n.node) ?? []);
    return (
      <g aria-hidden="true">
        <ZoneLabel layout={layout} />
        {ROUTERS.map((r) => layout.nats[r] && <NatRouter key={r} r={r} layout={layout} trace={trace} active={rewriting.has(r)} part="box" />)}
        {HOSTS.map((h) => (
          <Host key={h} h={h} layout={layout} ctx={ctx} newListener={newListener} />
        ))}
        {HOSTS.map((h) => (
          <Wall key={h} h={h} layout={layout} ctx={ctx} brick={brick} count={counts[h] ?? 0} decision={decisionOf(trace, pkt)?.host === h ? (decisionOf(trace, pkt)?.short ?? null) : null} />
        ))}
        {ROUTERS.map((r) => (counts[r] ? <DropCount key={r} layout={layout} node={r} count={counts[r] ?? 0} /> : null))}
        {counts.network ? <DropCount layout={layout} node="network" count={counts.network} /> : null}
        {visible.map((c) => (
          <Connection key={c.id} c={c} meta={index.conns.get(c.id)} layout={layout} ctx={ctx} />
        ))}
        {ROUTERS.map((r) => layout.nats[r] && <NatRouter key={r} r={r} layout={layout} trace={trace} active={rewriting.has(r)} part="text" />)}
        {visible.map((c) => (
          <NatLaneLabels key={`nat-${c.id}`} meta={index.conns.get(c.id)} layout={layout} step={step} />
        ))}
        {drops.map((d, i) => {
          const p = layout.pt(stopAlong(layout, d.node, d.from, 12), layout.lanes[d.lane] ?? 0);
          return (
            <text key={i} className="nv-drop-small nv-halo" x={p.x} y={p.y + 6} textAnchor="middle" fontSize={layout.fonts.base + 4}>
              ✕<title>{d.text}</title>
            </text>
          );
        })}
      </g>
    );
  }, [trace, timeline, world, step, index, layout, pkt, brick]);
  const { fonts } = layout;
  const decision = decisionOf(trace, pkt);
  const select_ = (id: number) => onSelectPacket?.(id);

  return (
    <div ref={wrapRef} className={`nv-root nv-${layout.orientation}`} role="group" aria-label="Network view" data-orientation={layout.orientation}>
      <p className="sr-only" data-testid="network-summary">
        {summary}
      </p>
      <svg className="nv-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" preserveAspectRatio="xMidYMin meet" focusable="false">
        <defs>
          <BrickPattern id={brick} />
        </defs>
        {stage}
        <g ref={outcomeRef} className="nv-outcome" aria-hidden="true">
          {decision && layout.walls[decision.host] && (
            <text
              className={`nv-decision nv-decision--${decision.ok ? "ok" : "drop"} nv-halo`}
              x={layout.walls[decision.host]!.decision.x}
              y={layout.walls[decision.host]!.decision.y}
              textAnchor={layout.walls[decision.host]!.decision.anchor}
              fontSize={fonts.small}
              data-decision={decision.host}
            >
              {layout.orientation === "wide" ? decision.text : decision.short}
            </text>
          )}
          {pkt?.drop && motion && <DropMark layout={layout} pkt={pkt} at={motion.end} />}
          {notes.map((n, i) => (
            <NoteBox key={`${step}-${i}`} note={n} layout={layout} />
          ))}
        </g>
        {pkt && motion && (
          <g
            ref={packetRef}
            className={`nv-packet nv-packet--${pkt.purpose}${selectedPacket === pkt.id ? " nv-packet--selected" : ""}${pkt.drop ? " nv-packet--dropped" : ""}`}
            transform={tr(motion.end)}
            role="button"
            tabIndex={0}
            aria-label={pkt.description}
            aria-pressed={selectedPacket === pkt.id}
            data-packet={pkt.id}
            onClick={() => select_(pkt.id)}
            onKeyDown={(e: KeyboardEvent<SVGGElement>) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                select_(pkt.id);
              }
            }}
          >
            <rect className="nv-packet-ring" x={-motion.w / 2 - 6} y={-motion.h / 2 - 6} width={motion.w + 12} height={motion.h + 12} rx={12} />
            <rect className="nv-packet-box" x={-motion.w / 2} y={-motion.h / 2} width={motion.w} height={motion.h} rx={8} />
            {motion.via && (
              <text className="nv-packet-text nv-packet-text--before" x={0} y={fonts.base * 0.36} textAnchor="middle" fontSize={fonts.base}>
                {motion.before}
              </text>
            )}
            <text className="nv-packet-text nv-packet-text--after" x={0} y={fonts.base * 0.36} textAnchor="middle" fontSize={fonts.base}>
              {motion.text}
            </text>
          </g>
        )}
      </svg>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Geometry of a packet's trip

export interface Motion {
  start: Pt;
  end: Pt;
  /** Where a NAT router rewrites its payload, when one does. */
  via: Pt | null;
  /** Its label before that rewrite. */
  before: string;
  w: number;
  h: number;
  text: string;
}

/** The along coordinate where something coming from `from` stops at `node`, `gap` before it. */
function stopAlong(layout: Layout, node: NodeId, from: HostId, gap: number): number {
  const dir = layout.toward(from);
  if (node === "network") return layout.mid;
  if (node === "client" || node === "server") {
    if (node === from) return layout.hosts[from].edge + dir * gap;
    return layout.wallFace[node] - dir * gap;
  }
  const nat = layout.nats[node];
  if (!nat) return layout.mid;
  return hostOfRouter(node) === from ? nat.privateFace - dir * gap : nat.publicFace - dir * gap;
}

const DROP_R = 14;

/** Where the ✕ of a dropped packet goes: against the wall or router face, or mid-network. */
function dropMarkAlong(layout: Layout, pkt: PacketScene): number {
  return pkt.stopAt === "network" ? layout.mid : stopAlong(layout, pkt.stopAt, pkt.from, DROP_R + 1);
}

function packetMotion(layout: Layout, pkt: PacketScene, lane: number): Motion {
  const { fonts } = layout;
  const dir = layout.toward(pkt.from);
  const arrow = layout.orientation === "wide" ? (dir > 0 ? "→" : "←") : dir > 0 ? "↓" : "↑";
  const max = layout.orientation === "wide" ? 28 : 24;
  const labelText = (label: string) => {
    const l = label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
    return dir > 0 || layout.orientation === "tall" ? `${l} ${arrow}` : `${arrow} ${l}`;
  };
  const before = labelText(pkt.label);
  const text = labelText(pkt.labelAfterNat);
  const w = Math.ceil(textWidth(Math.max([...text].length, [...before].length), fonts.base, true) * 0.98 + 22);
  const h = fonts.base + 16;
  const half = layout.orientation === "wide" ? w / 2 : h / 2;
  const across = layout.lanes[lane] ?? layout.lanes[0] ?? 0;
  // It leaves its sender's socket and, delivered, ends touching the receiver's (over the wall
  // it passed, if there is one); dropped, it stops short of the ✕.
  const from = layout.hosts[pkt.from].edge + dir * (half + 3);
  let to: number;
  if (pkt.fate === "delivered") to = layout.hosts[pkt.to].edge - dir * (half + 3);
  else if (pkt.fate === "in-flight") to = layout.mid;
  else to = dropMarkAlong(layout, pkt) - dir * (DROP_R + 8 + half);
  // A router that rewrites what it carries: the packet pauses there and changes its label.
  const rewriter = before !== text ? pkt.nat[pkt.nat.length - 1]?.node : undefined;
  const nat = rewriter ? layout.nats[rewriter] : undefined;
  const via = nat && (nat.center - from) * dir > 0 && (to - nat.center) * dir > 0 ? layout.pt(nat.center, across) : null;
  return { start: layout.pt(from, across), end: layout.pt(to, across), via, w, h, text, before };
}

// ---------------------------------------------------------------------------------------------
// Pieces

function ZoneLabel({ layout }: { layout: Layout }) {
  const z = layout.zoneLabel;
  return (
    <text className="nv-zone nv-halo" x={z.x} y={z.y} textAnchor={z.anchor} fontSize={layout.fonts.base}>
      {z.text}
    </text>
  );
}

function PrivateBadge({ x, y, size }: { x: number; y: number; size: number }) {
  const w = textWidth(7, size) + 12;
  return (
    <g className="nv-private-badge">
      <rect x={x} y={y - size + 1} width={w} height={size + 6} rx={4} />
      <text x={x + w / 2} y={y} textAnchor="middle" fontSize={size}>
        private
      </text>
    </g>
  );
}

function Host({ h, layout, ctx: props, newListener }: { h: HostId; layout: Layout; ctx: Ctx; newListener: string | null }) {
  const box = layout.hosts[h];
  const cfg = props.trace.scenario[h];
  const { fonts } = layout;
  const mode = props.trace.scenario.client;
  const role = h === "client" ? `curl · ${mode.mode} (${mode.mode === "active" ? (mode.extended ? "EPRT" : "PORT") : mode.extended ? "EPSV" : "PASV"})` : "FTP server (vsftpd)";
  const ipW = textWidth(cfg.ip.length, fonts.mono, true);
  const listeners = props.world.listeners.filter((l) => l.host === h);
  return (
    <g className={`nv-host nv-host--${h}`} data-host={h}>
      <rect className="nv-host-box" x={box.rect.x} y={box.rect.y} width={box.rect.w} height={box.rect.h} rx={10} />
      <text className="nv-title" x={box.title.x} y={box.title.y} fontSize={fonts.title}>
        {h === "client" ? "Client" : "Server"}
      </text>
      <text className={`nv-mono nv-ip${isPrivateIp(cfg.ip) ? " nv-private" : ""}`} x={box.ip.x} y={box.ip.y} fontSize={fonts.mono}>
        {cfg.ip}
      </text>
      {isPrivateIp(cfg.ip) && <PrivateBadge x={box.ip.x + ipW + 8} y={box.ip.y} size={fonts.small - 1} />}
      <text className="nv-soft" x={box.role.x} y={box.role.y} fontSize={fonts.small}>
        {role}
      </text>
      {listeners.map((l, i) => {
        const at = box.listeners[i];
        if (!at) return null;
        const kind = portKind(l.socket.port, h, props.trace);
        const isNew = newListener === `${h}|${formatEndpoint(l.socket)}`;
        if (layout.orientation === "wide") {
          const cx = at.x + layout.pill.w / 2;
          return (
            <g key={formatEndpoint(l.socket)} data-listening={formatEndpoint(l.socket)}>
              <SocketPill layout={layout} at={{ x: cx, y: at.y }} socket={l.socket} kind={kind} state={isNew ? "new" : "listening"} oneLine />
              <text className="nv-listen-text" x={h === "client" ? at.x + layout.pill.w : at.x} y={at.y + layout.pill.h / 2 + fonts.small + 2} textAnchor={h === "client" ? "end" : "start"} fontSize={fonts.small - 1}>
                {`listening · ${shortKind(kind)}`}
              </text>
            </g>
          );
        }
        const w = textWidth(formatEndpoint(l.socket).length, fonts.mono, true) + 16;
        return (
          <g key={formatEndpoint(l.socket)} data-listening={formatEndpoint(l.socket)}>
            <SocketPill layout={layout} at={{ x: at.x + w / 2, y: at.y }} socket={l.socket} kind={kind} state={isNew ? "new" : "listening"} oneLine width={w} />
            <text className="nv-listen-text" x={at.x + w + 8} y={at.y + fonts.small * 0.36} fontSize={fonts.small}>
              {`listening · ${shortKind(kind)}`}
            </text>
          </g>
        );
      })}
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

function SocketPill({
  layout,
  at,
  socket,
  kind,
  state,
  oneLine = false,
  width,
  caption,
}: {
  layout: Layout;
  at: Pt;
  socket: Endpoint;
  kind: PortKind;
  state: "connected" | "listening" | "new";
  oneLine?: boolean;
  width?: number;
  caption?: string;
}) {
  const { fonts, charW } = layout;
  const two = layout.pill.twoLine && !oneLine;
  const h = two ? layout.pill.h : Math.min(layout.pill.h, 32);
  const w = width ?? layout.pill.w;
  const ip = socket.ip;
  const port = String(socket.port);
  const priv = isPrivateIp(ip);
  const chip = kind === "control" || kind === "active-data" || kind === "well-known";
  const baseY = at.y + fonts.mono * 0.36;
  let ipText: ReactNode;
  let portText: ReactNode;
  if (!two) {
    const total = (ip.length + 1 + port.length) * charW;
    const x0 = at.x - total / 2;
    const px = x0 + (ip.length + 1) * charW;
    ipText = (
      <text className="nv-mono nv-socket-text" x={x0} y={baseY} fontSize={fonts.mono}>
        <tspan className={priv ? "nv-private" : undefined}>{ip}</tspan>
        <tspan>:</tspan>
      </text>
    );
    portText = (
      <>
        {chip && <rect className={`nv-port-chip nv-port-chip--${kind}`} x={px - 3} y={at.y - fonts.mono * 0.72} width={port.length * charW + 6} height={fonts.mono * 1.44} rx={4} />}
        <text className={`nv-mono nv-port nv-port--${chip ? "well-known" : "plain"}`} x={px} y={baseY} fontSize={fonts.mono}>
          {port}
        </text>
      </>
    );
  } else {
    const y1 = at.y - fonts.mono * 0.55 + fonts.mono * 0.36;
    const y2 = at.y + fonts.mono * 0.65 + fonts.mono * 0.36;
    const pw = (port.length + 1) * charW;
    const px = at.x - pw / 2 + charW;
    ipText = (
      <text className={`nv-mono nv-socket-text${priv ? " nv-private" : ""}`} x={at.x} y={y1} textAnchor="middle" fontSize={fonts.mono}>
        {ip}
      </text>
    );
    portText = (
      <>
        <text className="nv-mono nv-socket-text" x={at.x - pw / 2} y={y2} fontSize={fonts.mono}>
          :
        </text>
        {chip && <rect className={`nv-port-chip nv-port-chip--${kind}`} x={px - 3} y={y2 - fonts.mono * 1.08} width={port.length * charW + 6} height={fonts.mono * 1.44} rx={4} />}
        <text className={`nv-mono nv-port nv-port--${chip ? "well-known" : "plain"}`} x={px} y={y2} fontSize={fonts.mono}>
          {port}
        </text>
      </>
    );
  }
  return (
    <g className={`nv-pill nv-pill--${state} nv-kind--${kind}`} data-socket={formatEndpoint(socket)} data-state={state} data-port-kind={kind}>
      <title>{`${formatEndpoint(socket)} — ${state === "connected" ? "connected socket" : "listening socket"}, ${PORT_KIND_LABEL[kind]}${priv ? ", private address" : ""}`}</title>
      <rect className="nv-pill-box" x={at.x - w / 2} y={at.y - h / 2} width={w} height={h} rx={h / 2} />
      {ipText}
      {portText}
      {caption && (
        <text className="nv-caption" x={at.x} y={at.y + h / 2 + fonts.small + 1} textAnchor="middle" fontSize={fonts.small - 1}>
          {caption}
        </text>
      )}
    </g>
  );
}

function Wall({ h, layout, ctx: props, brick, count, decision }: { h: HostId; layout: Layout; ctx: Ctx; brick: string; count: number; decision: string | null }) {
  const wall = layout.walls[h];
  const { fonts } = layout;
  const cfg = props.trace.scenario[h].firewall;
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
  const full = `${h} firewall: ${firewallName(cfg)}`;
  // Tall: the verdict shares the label's row; the label gives up its kind if both don't fit
  // (the drop count gives way to the verdict).
  const room = wall.rect.w - 24 - (decision ? textWidth(decision.length + 1, fonts.small) : 0);
  const name = wide || textWidth(full.length, fonts.base) <= room ? full : `${h} firewall`;
  const shown = !wide && decision ? 0 : count;
  const rules = firewallRules(props.trace, h);
  return (
    <g className="nv-wall" data-wall={h}>
      <title>{`${full}\n${rules.join("\n")}`}</title>
      <rect x={wall.rect.x} y={wall.rect.y} width={wall.rect.w} height={wall.rect.h} fill={`url(#${brick})`} className="nv-wall-box" />
      {wide ? (
        <text className="nv-wall-label" x={wall.label.x} y={wall.label.y} textAnchor={wall.anchor} fontSize={fonts.base}>
          <tspan x={wall.label.x}>{`${h} firewall:`}</tspan>
          <tspan x={wall.label.x} dy={fonts.base + 3} className="nv-wall-kind">
            {firewallName(cfg)}
          </tspan>
        </text>
      ) : (
        <text className="nv-wall-label nv-halo" x={wall.label.x} y={wall.label.y} fontSize={fonts.base}>
          {name}
        </text>
      )}
      {shown > 0 && (wide || textWidth(name.length, fonts.base) + textWidth(12, fonts.small) + 24 < wall.rect.w) && (
        <text className="nv-drop-count nv-halo" x={wall.count.x} y={wall.count.y} textAnchor={wide ? wall.anchor : "end"} fontSize={fonts.small}>
          {`✕ ${shown} dropped`}
        </text>
      )}
    </g>
  );
}

function DropCount({ layout, node, count }: { layout: Layout; node: RouterId | "network"; count: number }) {
  const { fonts } = layout;
  const wide = layout.orientation === "wide";
  let p: Pt;
  if (node === "network") {
    const client = layout.hosts.client.rect;
    p = wide ? { x: layout.mid, y: client.y + client.h + 18 } : { x: layout.zoneLabel.x, y: layout.zoneLabel.y + fonts.small + 6 };
  } else {
    const nat = layout.nats[node];
    if (!nat) return null;
    p = wide ? { x: nat.center, y: nat.rect.y + nat.rect.h + 18 } : { x: nat.rect.x + nat.rect.w - 8, y: nat.lines[1]?.y ?? nat.rect.y };
  }
  return (
    <text className="nv-drop-count nv-halo" x={p.x} y={p.y} textAnchor={wide ? "middle" : node === "network" ? "start" : "end"} fontSize={fonts.small}>
      {`✕ ${count} ${node === "network" ? "lost" : "dropped"}`}
    </text>
  );
}

/** A NAT router: its box under the connections, its words over them (`part`). */
function NatRouter({ r, layout, trace, active, part }: { r: RouterId; layout: Layout; trace: ViewProps["trace"]; active: boolean; part: "box" | "text" }) {
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
function NatLaneLabels({ meta, layout, step }: { meta: DrawnConnection | undefined; layout: Layout; step: number }) {
  if (!meta) return null;
  const out: ReactNode[] = [];
  for (const r of ROUTERS) {
    const m = meta.natPublic[r];
    const nat = layout.nats[r];
    if (!m || !nat || m.step > step) continue;
    const across = layout.lanes[meta.lane] ?? 0;
    const text = formatEndpoint(m.endpoint);
    if (layout.orientation === "wide") {
      out.push(
        <text key={r} className="nv-mono nv-nat-lane nv-halo-panel" x={nat.center} y={across - 10} textAnchor="middle" fontSize={layout.fonts.small - 1}>
          {text}
        </text>,
      );
    } else if (layout.lanes.length === 1 || Math.abs((layout.lanes[1] ?? 0) - (layout.lanes[0] ?? 0)) > textWidth(text.length, 12, true) + 6) {
      out.push(
        <text key={r} className="nv-mono nv-nat-lane nv-halo-panel" x={across} y={nat.lines[3]?.y ?? nat.rect.y + nat.rect.h - 22} textAnchor="middle" fontSize={12}>
          {text}
        </text>,
      );
    }
  }
  return <>{out}</>;
}

function Connection({ c, meta, layout, ctx: props }: { c: ConnectionState; meta: DrawnConnection | undefined; layout: Layout; ctx: Ctx }) {
  const lane = meta?.lane ?? 0;
  const across = layout.lanes[lane] ?? 0;
  const { fonts } = layout;
  const init = c.initiator;
  const resp = otherHost(init);
  const dir = layout.toward(init);
  const start = layout.hosts[init].edge;
  const sockets = socketsOf(c, meta, props.step);
  const drop = c.phase === "connecting" || c.phase === "failed" ? lastDrop(props, c.id) : null;
  const end = sockets[resp] ? layout.hosts[resp].edge : drop ? stopAlong(layout, drop, init, 10) : layout.hosts[resp].edge;
  const a = layout.pt(start, across);
  const b = layout.pt(end, across);
  const d = linePath([a, b]) ?? "";
  const wide = layout.orientation === "wide";
  // Arrowhead at the far end, pointing away from the initiator.
  const ah = 11;
  const tip = layout.pt(end, across);
  const back = (k: number, side: number) => layout.pt(end - dir * ah * k, across + side * ah * 0.7);
  const arrow = `M${tip.x},${tip.y}L${back(1.3, 1).x},${back(1.3, 1).y}L${back(1.3, -1).x},${back(1.3, -1).y}Z`;
  const transfer = c.transfer !== null ? props.world.transfers.find((t) => t.index === c.transfer) : undefined;
  const phaseText = c.phase === "connecting" ? ` · connecting${c.syns > 1 ? ` (SYN ×${c.syns})` : ""}` : c.phase === "closing" ? " · closing" : c.phase === "failed" ? " · failed" : "";
  const purposeText = c.purpose === "control" ? `control :21${phaseText}` : `data${transfer ? ` · ${transfer.command.split(" ")[0]}` : ""}${phaseText}`;
  const openedBy = wide ? (init === "client" ? "opened by client →" : "← opened by server") : `opened by ${init} ${init === "client" ? "↓" : "↑"}`;
  // Where the "opened by" label goes: just past the initiator's wall and NAT.
  const nat = layout.nats[init === "client" ? "client-nat" : "server-nat"];
  const past = nat ? nat.publicFace : layout.wallFace[init];
  // Clear of a packet on the line (its box is fonts.base + 16 tall).
  const initLabel = wide ? { x: past + dir * 10, y: across - 22 } : layout.pt(past + dir * 30, across);
  const middle = drop ? (start + end) / 2 : layout.mid;
  const midPt = wide ? { x: middle, y: across + fonts.small + 20 } : layout.pt(middle + 34, across);
  const failAt = layout.pt((start + end) / 2, across);
  return (
    <g className={`nv-conn nv-conn--${c.purpose} nv-conn--${c.phase}`} data-conn={c.id} data-purpose={c.purpose} data-phase={c.phase} data-initiator={init}>
      <path className="nv-conn-line" d={d} />
      <path className="nv-conn-arrow" d={arrow} />
      <circle className="nv-conn-origin" cx={a.x} cy={a.y} r={7} data-origin={init} />
      <text
        className="nv-conn-opened nv-halo"
        x={initLabel.x}
        y={wide ? initLabel.y : initLabel.y}
        textAnchor={wide ? (init === "client" ? "start" : "end") : "middle"}
        fontSize={fonts.small}
        data-opened-by={init}
      >
        {openedBy}
      </text>
      <text className="nv-conn-label nv-halo" x={midPt.x} y={midPt.y} textAnchor="middle" fontSize={fonts.small}>
        {purposeText}
      </text>
      {c.phase === "failed" && (
        <text className="nv-drop-mark nv-halo" x={failAt.x} y={failAt.y + 8} textAnchor="middle" fontSize={fonts.title + 6}>
          ✕ failed
        </text>
      )}
      {HOSTS.map((h) => {
        const s = sockets[h];
        if (!s) return null;
        const kind = portKind(s.port, h, props.trace);
        return <SocketPill key={h} layout={layout} at={layout.hosts[h].pill(lane)} socket={s} kind={kind} state="connected" caption={wide ? PORT_KIND_LABEL[kind] : undefined} />;
      })}
    </g>
  );
}

function lastDrop(props: Ctx, conn: number): NodeId | null {
  for (let i = props.world.drops.length - 1; i >= 0; i--) {
    const d = props.world.drops[i];
    if (d && d.packet.conn === conn) return d.node;
  }
  return null;
}

function DropMark({ layout, pkt, at }: { layout: Layout; pkt: PacketScene; at: Pt }) {
  const { fonts } = layout;
  const dir = layout.toward(pkt.from);
  const wide = layout.orientation === "wide";
  // The ✕ sits between the stopped packet and the wall; the rule text above it (wide) or beside
  // it (tall), on its own background, wrapped to the room there is toward the sender.
  const across = wide ? at.y : at.x;
  const mark = layout.pt(dropMarkAlong(layout, pkt), across);
  const text = pkt.dropText ?? "✕";
  const size = fonts.base;
  const right = mark.x > layout.width / 2;
  const room = wide ? Math.abs(mark.x - layout.hosts[pkt.from].edge) - 8 : right ? mark.x - DROP_R - 14 : layout.width - mark.x - DROP_R - 14;
  const perLine = Math.max(10, Math.floor(room / (size * 0.6)));
  const lines = wrap(text, perLine).slice(0, 3);
  const lineH = Math.round(size * 1.25);
  const w = Math.min(room, Math.max(...lines.map((l) => textWidth(l.length, size) * 1.02)) + 14);
  const h = lines.length * lineH + 8;
  // The box's corner nearest the ✕.
  const anchorEnd = wide ? dir > 0 : right;
  const bx = wide ? (anchorEnd ? mark.x + DROP_R - w : mark.x - DROP_R) : anchorEnd ? mark.x - DROP_R - 8 - w : mark.x + DROP_R + 8;
  const by = wide ? mark.y - DROP_R - 6 - h : mark.y - h / 2;
  return (
    <g className="nv-drop" data-drop-at={pkt.stopAt}>
      <title>{pkt.drop?.reason ?? text}</title>
      <circle className="nv-drop-ring" cx={mark.x} cy={mark.y} r={DROP_R} />
      <path className="nv-drop-x" d={`M${mark.x - 7},${mark.y - 7}L${mark.x + 7},${mark.y + 7}M${mark.x + 7},${mark.y - 7}L${mark.x - 7},${mark.y + 7}`} />
      <rect className="nv-drop-label" x={bx} y={by} width={w} height={h} rx={4} />
      <text className="nv-drop-text" fontSize={size}>
        {lines.map((l, i) => (
          <tspan key={i} x={anchorEnd ? bx + w - 6 : bx + 6} y={by + 4 + size * 0.95 + i * lineH} textAnchor={anchorEnd ? "end" : "start"}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}

function NoteBox({ note, layout }: { note: PlacedNote; layout: Layout }) {
  const { fonts } = layout;
  const { rect } = note;
  const lineH = Math.round(fonts.small * 1.35);
  const titleLineH = Math.round(fonts.base * 1.25);
  const titleY = rect.y + 8 + fonts.base * 1.05;
  const bodyY = titleY + (note.titleLines.length - 1) * titleLineH;
  return (
    <g className={`nv-note nv-note--${note.tone}`} data-note={note.tone} data-side={note.side}>
      <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={8} />
      {note.titleLines.map((l, i) => (
        <text key={`t${i}`} className="nv-note-title" x={rect.x + 10} y={titleY + i * titleLineH} fontSize={fonts.base}>
          {l}
        </text>
      ))}
      {note.wrapped.map((l, i) => (
        <text key={i} className="nv-note-line" x={rect.x + 10} y={bodyY + 6 + (i + 1) * lineH} fontSize={fonts.small}>
          {l}
        </text>
      ))}
    </g>
  );
}
