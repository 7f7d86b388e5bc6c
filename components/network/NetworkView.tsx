"use client";
/**
 * The network view: client and server, the firewalls as walls on their hosts' side of the link,
 * NAT routers between the networks, the connections that exist after the current step and the
 * step's packet on its way. React draws the state of the step from computed geometry (layout.ts
 * places the pieces, motion.ts the packet's trip, *-geometry.ts the marks and words inside them);
 * d3 moves the one packet (a transition on its <g>, packet-motion.ts), so nothing re-renders per
 * frame.
 */
import { BrickPattern } from "./BrickPattern";
import { useId, useMemo, useRef } from "react";
import type { RouterId } from "../../sim/trace/events";
import type { ViewProps } from "../view-types";
import { chooseOrientation, computeLayout, layoutWidthFor, type Orientation } from "./layout";
import { decisionOf, dropCounts, formatEndpoint, HOSTS, indexTrace, isVisible, notesAt, packetScene, recentDrops, ROUTERS, summaryOf } from "./model";
import { packetMotion } from "./motion";
import { Connection } from "./Connection";
import { connectionWordBoxes, connectionWords } from "./connection-words";
import { DropCount, DropMark, RecentDrop } from "./Drops";
import { Host } from "./Host";
import { DecisionLabel, ZoneLabel } from "./Labels";
import { NatLaneLabels, NatRouter } from "./NatRouter";
import { NoteBox } from "./NoteBox";
import { fixedLabelBoxes } from "./label-geometry";
import { PacketGlyph } from "./PacketGlyph";
import { useContainerWidth } from "./use-container-width";
import { usePacketAnimation } from "./use-packet-animation";
import { Wall } from "./Wall";
import { isMultiHost } from "../trace-hosts";
import { hydratedLater } from "../client-only";
import "./network.css";

// Its own chunk, which only a three-host page loads; a two-host page never ships it. React.lazy
// (hydratedLater) rather than next/dynamic, whose preloading machinery would cost every page
// ~1.5 kB gzip. The build still renders it: the three-host picture is in the static HTML (streamed
// in after the page's shell, so revealed by React's inline script), and hydration keeps it until
// the chunk arrives.
const MultiNetwork = hydratedLater(() => import("./MultiNetwork").then((m) => m.MultiNetwork));

export interface NetworkViewProps extends ViewProps {
  /** "auto" (default) picks by the container's width. */
  readonly layout?: "auto" | Orientation;
}

/**
 * A session with three hosts (a server-to-server transfer, a relay) has its own drawing
 * (MultiNetwork.tsx); two hosts keep theirs.
 */
export function NetworkView(props: NetworkViewProps) {
  return isMultiHost(props.trace.scenario) ? <MultiNetwork {...props} /> : <TwoHostNetwork {...props} />;
}

function TwoHostNetwork(props: NetworkViewProps) {
  const { trace, timeline, step, world, selectedPacket, onSelectPacket, reducedMotion } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const outcomeRef = useRef<SVGGElement>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const width = useContainerWidth(wrapRef);
  const orientation = chooseOrientation(props.layout, width);
  const index = useMemo(() => indexTrace(trace, timeline), [trace, timeline]);
  const layoutWidth = layoutWidthFor(orientation, width);
  const layout = useMemo(() => computeLayout(trace, timeline, index, orientation, layoutWidth), [trace, timeline, index, orientation, layoutWidth]);
  const pkt = useMemo(() => packetScene(trace, timeline, index, step), [trace, timeline, index, step]);
  const notes = useMemo(() => layout.placeNotes(notesAt(trace, timeline, index, step)), [layout, trace, timeline, index, step]);
  const summary = useMemo(() => summaryOf(trace, timeline, index, step, world), [trace, timeline, index, step, world]);

  const motion = pkt ? packetMotion(layout, pkt, index.conns.get(pkt.conn)?.lane ?? 0) : null;

  usePacketAnimation(packetRef, outcomeRef, motion, reducedMotion, [step, trace, layout, reducedMotion]);

  const brick = `nv-brick-${uid}`;
  // Everything but the packet and its outcome, redrawn only when the step or the size changes.
  const stage = useMemo(() => {
    const visible = world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step));
    const counts = dropCounts(world);
    const drops = recentDrops(world, index, timeline, step, pkt?.id ?? null);
    const currentStep = timeline.steps[step];
    const listenEvent = currentStep?.kind === "listen" ? trace.events[currentStep.event] : undefined;
    const newListener = listenEvent?.type === "listen" ? `${listenEvent.host}|${formatEndpoint(listenEvent.socket)}` : null;
    const rewriting = new Set<RouterId>(pkt?.nat.map((n) => n.node) ?? []);
    const decision = decisionOf(trace, pkt);
    return (
      <g aria-hidden="true">
        <ZoneLabel layout={layout} />
        {ROUTERS.map((r) => layout.nats[r] && <NatRouter key={r} r={r} layout={layout} trace={trace} active={rewriting.has(r)} part="box" />)}
        {HOSTS.map((h) => (
          <Host key={h} h={h} layout={layout} trace={trace} world={world} newListener={newListener} />
        ))}
        {HOSTS.map((h) => (
          <Wall key={h} h={h} layout={layout} trace={trace} brick={brick} count={counts[h] ?? 0} decision={decision?.host === h ? (decision?.short ?? null) : null} />
        ))}
        {ROUTERS.map((r) => (counts[r] ? <DropCount key={r} layout={layout} node={r} count={counts[r] ?? 0} /> : null))}
        {counts.network ? <DropCount layout={layout} node="network" count={counts.network} /> : null}
        {visible.map((c) => (
          <Connection key={c.id} c={c} meta={index.conns.get(c.id)} layout={layout} trace={trace} world={world} step={step} />
        ))}
        {ROUTERS.map((r) => layout.nats[r] && <NatRouter key={r} r={r} layout={layout} trace={trace} active={rewriting.has(r)} part="text" />)}
        {visible.map((c) => (
          <NatLaneLabels key={`nat-${c.id}`} meta={index.conns.get(c.id)} layout={layout} step={step} />
        ))}
        {drops.map((d, i) => (
          <RecentDrop key={i} layout={layout} drop={d} />
        ))}
      </g>
    );
  }, [trace, timeline, world, step, index, layout, pkt, brick]);
  const decision = decisionOf(trace, pkt);
  // The words already drawn, which the drop's words keep clear of.
  const taken = useMemo(
    () => [
      ...fixedLabelBoxes(layout, trace),
      ...world.connections.filter((c) => isVisible(c, index.conns.get(c.id), step)).flatMap((c) => connectionWordBoxes(connectionWords(trace, c, index.conns.get(c.id), layout, world, step), layout)),
    ],
    [world, index, layout, step, trace],
  );
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
          {decision && <DecisionLabel layout={layout} decision={decision} />}
          {pkt?.drop && motion && <DropMark layout={layout} pkt={pkt} at={motion.end} taken={taken} />}
          {notes.map((n, i) => (
            <NoteBox key={`${step}-${i}`} note={n} layout={layout} />
          ))}
        </g>
        {pkt && motion && <PacketGlyph ref={packetRef} pkt={pkt} motion={motion} fonts={layout.fonts} selected={selectedPacket === pkt.id} onSelect={select_} />}
      </svg>
    </div>
  );
}
