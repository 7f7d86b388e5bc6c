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
import type { EventOf, HostId } from "../../sim/trace/events";
import type { World } from "../../sim/trace/world";
import type { Trace } from "../../sim/trace/trace";
import { wrap } from "../text-wrap";
import { hostName, HostTitle } from "../trace-hosts";
import type { ViewProps } from "../view-types";
import { BrickPattern } from "./BrickPattern";
import { chooseOrientation, layoutWidthFor, textWidth, type Orientation } from "./layout";
import { firewallRules, indexTrace, isVisible, notesAt, packetScene, portKind, PORT_KIND_LABEL, summaryOf } from "./model";
import { computeMultiLayout, connDraw, dropWordsBox, DROP_RING, FAILED_TEXT, glyphRect, hostBox, hostLines, multiMotion, stepTaken, towardOf, wallName, type Barrier, type ConnDraw, type MultiLayout } from "./multi-layout";
import { cutLabel } from "./motion";
import { NoteBox } from "./NoteBox";
import { PacketGlyph } from "./PacketGlyph";
import { SocketPill } from "./SocketPill";
import { useContainerWidth } from "./use-container-width";
import { usePacketAnimation } from "./use-packet-animation";
import "./network.css";

/**
 * A drop's words beside its ✕: the deciding rule, or in short why (the note under the drawing
 * has the whole reason, dropShort's words), else the reason up to its first colon.
 */
export function multiDropText(d: EventOf<"drop">): string {
  if (d.check) return `✕ ${dropShort(d)}`;
  const short = dropShort(d);
  if (short !== "dropped") return `✕ ${short}`;
  const first = d.reason.split(": ")[0]!;
  return `✕ ${cutLabel(first, 60)}`;
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
        // One line, as wide as its words (a tall drawing's pills are two-line ones), from the same left edge.
        const w = l.pill.twoLine ? Math.ceil(textWidth(name.length, fonts.mono, true) + 20) : undefined;
        const c = w ? { x: at.x - l.pill.w / 2 + w / 2, y: at.y } : at;
        return (
          <g key={name} data-listening={name}>
            <SocketPill layout={l} at={c} socket={x.socket} kind={kind} state={newListener === `${h}|${name}` ? "new" : "listening"} oneLine width={w} />
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
      <text className="nv-wall-label nv-halo" x={b.label.x} y={b.label.y} textAnchor={b.label.anchor} fontSize={fonts.small}>
        {b.name}
      </text>
      {count > 0 && (
        <text className="nv-drop-count nv-halo" x={b.count.x} y={b.count.y} textAnchor={b.count.anchor} fontSize={fonts.small}>
          {`✕ ${count} dropped`}
        </text>
      )}
    </g>
  );
}

function ConnView({ l, trace, d }: { l: MultiLayout; trace: Trace; d: ConnDraw }) {
  const { c, g, words } = d;
  const far = g.far;
  const { fonts } = l;
  return (
    <g className={`nv-conn nv-conn--${c.purpose} nv-conn--${c.phase}`} data-conn={c.id} data-purpose={c.purpose} data-phase={c.phase} data-initiator={c.initiator} data-far={far}>
      <path className="nv-conn-line" d={`M${g.a.x},${g.a.y}L${g.b.x},${g.b.y}`} />
      <path className="nv-conn-arrow" d={g.arrow} />
      <circle className="nv-conn-origin" cx={g.a.x} cy={g.a.y} r={7} data-origin={c.initiator} />
      <text className="nv-conn-opened nv-halo" x={d.opened.x} y={d.opened.y} textAnchor={d.opened.anchor} fontSize={fonts.small} data-opened-by={c.initiator}>
        {words.openedBy}
      </text>
      <text className="nv-conn-label nv-halo" x={d.label.x} y={d.label.y} textAnchor="middle" fontSize={fonts.small}>
        {words.purpose}
      </text>
      {d.failed && (
        <text className="nv-drop-mark nv-halo" x={d.failed.x} y={d.failed.y} textAnchor="middle" fontSize={fonts.title + 6}>
          {FAILED_TEXT}
        </text>
      )}
      {d.pills.map(({ host: h, at }) => {
        const sock = c.sockets[h]!;
        const kind = portKind(sock.port, h, trace);
        return <SocketPill key={h} layout={l} at={at} socket={sock} kind={kind} state="connected" caption={l.orientation === "wide" ? PORT_KIND_LABEL[kind] : undefined} />;
      })}
    </g>
  );
}

/** The lines of a drop's words and their box's size. */
function dropWords(l: MultiLayout, text: string) {
  const size = l.fonts.small;
  const maxW = l.orientation === "wide" ? 300 : Math.min(260, l.width - 24);
  const lines = wrap(text, Math.floor((maxW - 12) / (size * 0.56))).slice(0, 3);
  const w = Math.min(maxW, Math.max(...lines.map((x) => textWidth(x.length, size))) + 14);
  const h = lines.length * Math.round(size * 1.25) + 8;
  return { lines, w, h, size };
}

function DropMarkView({ l, at, text, reason, taken }: { l: MultiLayout; at: { x: number; y: number }; text: string; reason: string; taken: ReturnType<typeof stepTaken> }) {
  const { lines, w, h, size } = dropWords(l, text);
  const box = dropWordsBox(l, at, w, h, taken);
  const r = DROP_RING;
  return (
    <g className="nv-drop" data-drop-at-x={Math.round(at.x)}>
      <title>{reason}</title>
      <circle className="nv-drop-ring" cx={at.x} cy={at.y} r={r} />
      <path className="nv-drop-x" d={`M${at.x - 7},${at.y - 7}L${at.x + 7},${at.y + 7}M${at.x + 7},${at.y - 7}L${at.x - 7},${at.y + 7}`} />
      <rect className="nv-drop-label" x={box.x} y={box.y} width={box.w} height={box.h} rx={4} />
      <text className="nv-drop-text" fontSize={size}>
        {lines.map((t, i) => (
          <tspan key={i} x={box.x + 6} y={box.y + 4 + size * 0.95 + i * Math.round(size * 1.25)}>
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

  usePacketAnimation(packetRef, outcomeRef, motion, reducedMotion, [step, trace, l, reducedMotion]);

  const brick = `nv-brick-${uid}`;
  const conns = useMemo(() => world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step)).map((c) => connDraw(l, trace, world, c)), [world, index, step, l, trace]);
  const stage = useMemo(() => {
    // Each wall's drops: its host's, of what came from the side that wall faces.
    const counts = new Map<string, number>();
    for (const d of world.drops) {
      const from = index.sender.get(d.packet.id);
      const walls = l.barriers.filter((b) => b.kind === "wall" && b.host === d.node);
      const wall = walls.find((b) => from && from !== d.node && b.toward === towardOf(l, b.host, from)) ?? walls[0];
      if (!wall) continue;
      const key = `${wall.host}|${wall.toward}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
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
          <BarrierView key={i} l={l} trace={trace} b={b} brick={brick} count={b.kind === "wall" ? (counts.get(`${b.host}|${b.toward}`) ?? 0) : 0} />
        ))}
        {conns.map((d) => (
          <ConnView key={d.c.id} l={l} trace={trace} d={d} />
        ))}
      </g>
    );
  }, [trace, timeline, world, step, l, brick, conns, index]);
  const taken = useMemo(() => stepTaken(l, world, conns, motion ? glyphRect(motion.end, motion.w, motion.h) : null), [l, world, conns, motion]);
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
          {pkt?.drop && motion?.dropAt && <DropMarkView l={l} at={motion.dropAt} text={multiDropText(pkt.drop)} reason={pkt.drop.reason} taken={taken} />}
          {notes.map((n, i) => (
            <NoteBox key={`${step}-${i}`} note={n} layout={l} />
          ))}
        </g>
        {pkt && motion && <PacketGlyph ref={packetRef} pkt={pkt} motion={motion} fonts={l.fonts} selected={selectedPacket === pkt.id} onSelect={select_} />}
      </svg>
    </div>
  );
}
