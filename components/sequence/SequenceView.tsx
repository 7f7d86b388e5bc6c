"use client";

/**
 * The sequence diagram: a lane for the client, each firewall, each NAT router and the server;
 * time runs down, one row per step. Every packet is an arrow (control solid blue, data dashed
 * orange), a drop ends at the lane that dropped it with ✕ and the rule, a NAT rewrite is a kink
 * at the router, timeouts and retransmissions are spans of waiting. The current step is
 * highlighted. Nothing after it is drawn — not even faded: a greyed arrow ending in ✕ or a 425
 * in the page would answer a lesson's question before it is asked — but every row keeps its
 * place, so the diagram grows down into room already reserved and nothing jumps as it plays.
 * Geometry is computed once per trace and width; a step change only re-renders the rows whose
 * state changed.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ViewProps } from "../view-types";
import { ARROW_Y, DROP_Y, LABEL_Y, ROW, computeGeometry, type ArrowGeom, type Lane, type NoteGeom, type RowGeom, type SpanGeom } from "./geometry";
import { asksAboutFirewalls } from "../open-question";
import styles from "./SequenceView.module.css";

type RowState = "past" | "current" | "future";

interface Handlers {
  readonly activate: (step: number, packetId: number | null) => void;
}

function onKey(e: KeyboardEvent, run: () => void) {
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    run();
  }
}

const Arrow = ({ a, selected, handlers }: { a: ArrowGeom; selected: boolean; handlers: Handlers }) => {
  const run = () => handlers.activate(a.step, a.packetId);
  const tone = a.purpose === "data" ? styles.data : styles.control;
  return (
    <g
      className={`${styles.arrow} ${tone} ${selected ? styles.selected : ""}`}
      role="button"
      tabIndex={0}
      aria-label={a.aria}
      aria-pressed={selected}
      data-step={a.step}
      data-packet={a.packetId}
      data-purpose={a.purpose}
      onClick={run}
      onKeyDown={(e) => onKey(e, run)}
    >
      <path className={styles.hit} d={a.d} />
      {selected && <path className={styles.selectRing} d={a.d} />}
      <path className={styles.line} d={a.d} />
      {a.head && <path className={styles.head} d={a.head} />}
      {a.opener && <circle className={styles.opener} cx={a.x0} cy={ARROW_Y} r={4.5} />}
      {a.nat.map((n, i) => (
        <g key={i} className={styles.natMark}>
          <circle cx={n.x} cy={ARROW_Y} r={n.payload ? 6 : 4.5} className={n.payload ? styles.natPayload : undefined} />
        </g>
      ))}
      <text className={styles.label} x={a.labelX} y={LABEL_Y} textAnchor="middle">
        {a.label}
      </text>
      {a.drop && (
        <g className={styles.drop} data-drop-x={a.drop.x}>
          <path className={styles.cross} d={`M${a.drop.x - 6},${ARROW_Y - 6}L${a.drop.x + 6},${ARROW_Y + 6}M${a.drop.x + 6},${ARROW_Y - 6}L${a.drop.x - 6},${ARROW_Y + 6}`} />
          <text x={a.drop.textX} y={DROP_Y} textAnchor={a.drop.anchor}>
            {/* A space after the arrow's label: read together they are the start of the row's name ("SYN policy drop — …"). */}
            {` ${a.drop.text}`}
          </text>
        </g>
      )}
    </g>
  );
};

const NOTE_TONE: Record<NoteGeom["tone"], string | undefined> = {
  ok: styles.toneOk,
  fail: styles.toneFail,
  listen: styles.toneListen,
  plain: styles.tonePlain,
  timeout: styles.toneFail,
};

const Note = ({ n, handlers }: { n: NoteGeom; handlers: Handlers }) => {
  const run = () => handlers.activate(n.step, null);
  return (
    <g className={`${styles.note} ${NOTE_TONE[n.tone] ?? ""}`} role="button" tabIndex={0} aria-label={n.aria} data-step={n.step} data-marker={n.marker} onClick={run} onKeyDown={(e) => onKey(e, run)}>
      {n.marker === "listen" && <circle className={styles.listenMark} cx={n.x} cy={ARROW_Y} r={6} />}
      {n.marker === "unlisten" && <path className={styles.unlistenMark} d={`M${n.x - 5},${ARROW_Y - 5}L${n.x + 5},${ARROW_Y + 5}M${n.x + 5},${ARROW_Y - 5}L${n.x - 5},${ARROW_Y + 5}`} />}
      {n.marker === "timeout" && (
        <g className={styles.clock}>
          <circle cx={n.x} cy={ARROW_Y} r={7} />
          <path d={`M${n.x},${ARROW_Y - 4.5}V${ARROW_Y}H${n.x + 3.5}`} />
        </g>
      )}
      {(n.marker === "ok" || n.marker === "fail" || n.marker === "note") && <circle className={styles.noteMark} cx={n.x} cy={ARROW_Y} r={4} />}
      <text className={styles.noteText} x={n.textX} y={ARROW_Y + 4.5} textAnchor={n.anchor}>
        {n.text}
      </text>
    </g>
  );
};

/** The plate under a label that keeps lanes from crossing it; outside the fade, so it stays opaque. */
function Plate({ item }: { item: ArrowGeom | NoteGeom }) {
  if (item.type === "arrow") return <rect className={styles.plate} x={item.labelX - item.labelW / 2 - 3} y={LABEL_Y - 11} width={item.labelW + 6} height={14} rx={3} />;
  const left = item.anchor === "start" ? item.textX : item.anchor === "end" ? item.textX - item.textW : item.textX - item.textW / 2;
  return <rect className={styles.plate} x={left - 3} y={ARROW_Y - 8} width={item.textW + 6} height={16} rx={3} />;
}

const Row = memo(function Row({ row, state, selected, handlers, width, timeX, showTime }: { row: RowGeom; state: RowState; selected: boolean; handlers: Handlers; width: number; timeX: number; showTime: boolean }) {
  // What has not happened yet is not on the page at all: its row is empty room.
  if (state === "future") return <g className={styles.row} transform={`translate(0,${row.top})`} data-step={row.step} data-state={state} />;
  return (
    <g className={`${styles.row} ${state === "current" ? (styles.current ?? "") : ""}`} transform={`translate(0,${row.top})`} data-step={row.step} data-state={state}>
      <rect className={styles.rowHit} x={0} y={0} width={width} height={ROW} onClick={() => handlers.activate(row.step, row.item.type === "arrow" ? row.item.packetId : null)} />
      <Plate item={row.item} />
      <g>
        {showTime && (
          <text className={styles.time} x={timeX} y={ARROW_Y + 4.5} textAnchor="end">
            {row.time}
          </text>
        )}
        {row.item.type === "arrow" ? <Arrow a={row.item} selected={selected} handlers={handlers} /> : <Note n={row.item} handlers={handlers} />}
      </g>
    </g>
  );
});

/**
 * A span of waiting, drawn once the wait is over: while it lasts, its end (a retry, a timeout)
 * is still the future, and a bracket running down to it would tell.
 */
function Span({ s, step }: { s: SpanGeom; step: number }) {
  if (s.endStep > step) return null;
  return <DoneSpan s={s} />;
}

function DoneSpan({ s }: { s: SpanGeom }) {
  const tick = -s.side * 6;
  const bracket = (y0: number, y1: number) => `M${s.x + tick},${y0}H${s.x}V${y1}H${s.x + tick}`;
  if (s.kind === "retransmit") {
    return (
      <g className={styles.retransmit} role="img" aria-label={s.aria} data-kind="retransmit-span">
        <title>{s.aria}</title>
        <path d={`M${s.x + tick},${s.y0}H${s.x}V${s.y1}H${s.x + tick}`} />
      </g>
    );
  }
  const tall = s.y1 - s.y0 >= s.label.length * 6.6 + 10;
  const labelX = s.x + s.side * 11;
  const midY = (s.y0 + s.y1) / 2;
  return (
    <g className={styles.timeout} role="img" aria-label={s.aria} data-kind="timeout-span" data-state="done">
      <title>{s.aria}</title>
      <rect className={styles.timeoutFill} x={s.x - 4} y={s.y0} width={8} height={s.y1 - s.y0} />
      <path d={bracket(s.y0, s.y1)} />
      {tall && (
        <text className={styles.spanLabel} x={labelX} y={midY} transform={`rotate(-90 ${labelX} ${midY})`} textAnchor="middle" dominantBaseline="central">
          {s.label}
        </text>
      )}
    </g>
  );
}

/** A firewall's lane names its policy, unless the open question is where the connection dies. */
function LaneHeader({ lane, secret }: { lane: Lane; secret: boolean }) {
  const lines = secret && lane.kind === "firewall" ? ["answer first"] : lane.lines;
  const cls = lane.kind === "firewall" ? styles.laneFirewall : lane.kind === "nat" ? styles.laneNat : styles.laneHost;
  return (
    <g className={`${styles.laneHead} ${cls}`} data-lane={lane.id}>
      <text x={lane.x} y={15} textAnchor="middle" className={styles.laneTitle}>
        {lane.title}
      </text>
      {lines.map((l, i) => (
        <text key={i} x={lane.x} y={31 + i * 14} textAnchor="middle" className={`${styles.laneLine} ${lane.private && i === 0 ? styles.private : ""}`}>
          {l}
        </text>
      ))}
      {lane.private && (
        <text x={lane.x} y={31 + lane.lines.length * 14} textAnchor="middle" className={`${styles.laneLine} ${styles.private}`}>
          private
        </text>
      )}
    </g>
  );
}

export interface SequenceViewProps extends ViewProps {
  /** The view's own one-line key (control, data, opener, drop, NAT); off when the page shows a shared legend. */
  readonly legend?: boolean;
}

export function SequenceView(props: SequenceViewProps) {
  const { trace, timeline, step, selectedPacket, reducedMotion } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [containerWidth, setContainerWidth] = useState(720);

  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const measure = () => {
      const w = box.clientWidth;
      if (w > 0) setContainerWidth((old) => (Math.abs(old - w) > 1 ? w : old));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  const geo = useMemo(() => computeGeometry(trace, timeline, containerWidth), [trace, timeline, containerWidth]);

  // Stable handlers: rows re-render only when their own highlight changes.
  const latest = useRef({ onJump: props.onJump, onSelectPacket: props.onSelectPacket });
  useEffect(() => {
    latest.current = { onJump: props.onJump, onSelectPacket: props.onSelectPacket };
  }, [props.onJump, props.onSelectPacket]);
  const activate = useCallback((s: number, packetId: number | null) => {
    latest.current.onJump?.(s);
    latest.current.onSelectPacket?.(packetId);
  }, []);
  const handlers = useMemo<Handlers>(() => ({ activate }), [activate]);

  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const headH = header.current?.offsetHeight ?? 0;
    const rowTop = headH + step * ROW;
    const rowBottom = rowTop + ROW;
    const viewTop = box.scrollTop + headH;
    const viewBottom = box.scrollTop + box.clientHeight;
    if (rowTop >= viewTop && rowBottom <= viewBottom) return;
    const to = Math.max(0, rowTop - headH - (box.clientHeight - headH) / 3);
    if (typeof box.scrollTo === "function") box.scrollTo({ top: to, behavior: reducedMotion ? "auto" : "smooth" });
    else box.scrollTop = to;
  }, [step, reducedMotion]);

  const { width, height, lanes, rows, spans } = geo;
  const secret = asksAboutFirewalls(props.question ?? null);
  const current = Math.max(0, Math.min(step, rows.length - 1));

  return (
    <div className={`${styles.root} ${reducedMotion ? styles.reduced : ""}`} ref={scroller} role="group" aria-label="Sequence diagram: one row per step, time runs down">
      <div className={styles.header} ref={header} style={{ width }}>
        <svg width={width} height={62} aria-hidden="true" className={styles.svg}>
          <text x={geo.timeWidth - 8} y={15} textAnchor="end" className={styles.timeHead}>
            time
          </text>
          {lanes.map((l) => (
            <LaneHeader key={l.id} lane={l} secret={secret} />
          ))}
        </svg>
        {props.legend !== false && (
        <ul className={styles.legend} aria-label="Legend">
          <li>
            <svg width={26} height={10} aria-hidden="true"><line x1={0} x2={26} y1={5} y2={5} className={styles.legendControl} /></svg> control (21)
          </li>
          <li>
            <svg width={26} height={10} aria-hidden="true"><line x1={0} x2={26} y1={5} y2={5} className={styles.legendData} /></svg> data
          </li>
          <li>
            <svg width={12} height={12} aria-hidden="true"><circle cx={6} cy={6} r={4.5} className={styles.legendOpener} /></svg> sent the first SYN
          </li>
          <li>
            <span className={styles.legendDrop} aria-hidden="true">✕</span> dropped
          </li>
          <li>
            <svg width={12} height={12} aria-hidden="true"><circle cx={6} cy={6} r={4.5} className={styles.legendNat} /></svg> NAT rewrite
          </li>
        </ul>
        )}
      </div>
      <svg width={width} height={height} className={styles.svg} data-testid="sequence-body">
        <rect className={styles.highlight} x={0} y={current * ROW} width={width} height={ROW} />
        <g aria-hidden="true">
          {lanes.map((l) => (
            <line key={l.id} className={`${styles.lane} ${l.kind === "firewall" ? styles.laneFirewall : l.kind === "nat" ? styles.laneNat : styles.laneHost}`} x1={l.x} x2={l.x} y1={0} y2={height} data-lane={l.id} />
          ))}
        </g>
        <g>
          {spans.map((s, i) => (
            <Span key={i} s={s} step={step} />
          ))}
        </g>
        <g>
          {rows.map((r) => {
            const state: RowState = r.step === step ? "current" : r.step < step ? "past" : "future";
            return (
              <Row
                key={r.step}
                row={r}
                state={state}
                selected={r.item.type === "arrow" && r.item.packetId === selectedPacket}
                handlers={handlers}
                width={width}
                timeX={geo.timeWidth - 8}
                showTime={r.newTime || state === "current"}
              />
            );
          })}
        </g>
      </svg>
    </div>
  );
}

export default SequenceView;
