"use client";
/**
 * The lab inside someone else's page: only the views the URL asks for, the controls it asks for
 * (or none, when the deck drives it), no site chrome, and only the code those views need (the
 * transcript and sequence views load on demand). Two layouts (embed-params.ts, layoutOf): the
 * presentation — the picture filling the frame under one line of explanation, for a slide read
 * from the back of a room — and the lab's panels. It answers the host's postMessage commands (as
 * the lab controller's events; the URL's from/to range is the controller's too), tells the host
 * each step it shows (messages.ts), and hands the keyboard back to the deck (host.ts).
 */
import { Notices } from "../lab/Notices";
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Trace } from "../../sim/trace/trace";
import { NetworkView } from "../network/NetworkView";
import { viewPropsOf } from "../lab/view-props";
import { OutcomeBanner } from "../lab/OutcomeBanner";
import { Playback, usePlaybackKeys } from "../lab/Playback";
import { commandEvent } from "../lab/controller/inputs";
import type { LabEvent } from "../lab/controller/lab-controller";
import { narrate } from "../explain/narrate";
import { useLab, type Lab } from "../lab/use-lab";
import { layoutOf, stepNotices, type EmbedOptions } from "./embed-params";
import { NS, parseHostMessage, type TransferOutcome } from "./messages";
import { postToHost, useKeyboardHandOff } from "./host";
import { obeys } from "./host-origins";
import { useUrlApplied } from "../site/use-url-applied";
import { fitZoom } from "./fit-zoom";
import styles from "./EmbedFrame.module.css";

function outcomeOf(lab: Lab): TransferOutcome[] {
  const done = new Map(lab.world.transfers.map((t) => [t.index, t.status]));
  return lab.trace.result.transfers.map((t) => ({ command: t.command, status: (done.get(t.index) as TransferOutcome["status"] | undefined) ?? "pending" }));
}

/** What a host's `setup` did: whether a new session is on its way, and the step it asked for (0-based). */
export interface SetupResult {
  readonly pending: boolean;
  readonly step: number | null;
}

export interface FrameProps {
  readonly trace: Trace;
  readonly options: EmbedOptions;
  readonly notices: readonly string[];
  readonly fullLabHref: string;
  /** A host's "setup" command: its parameters, already validated in shape. */
  readonly onSetup: (params: Record<string, string>) => SetupResult;
  /**
   * Whether the URL's options are applied: until then (the static HTML and its hydration show
   * the defaults) the host hears nothing, so its first "ready" names the step the URL asked for,
   * and a frame the boot script hid (url-boot.ts) stays hidden.
   */
  readonly live: boolean;
  /** `compare=`: a second session to show beside this one, stepping together (CompareView). */
  readonly compare?: { readonly trace: Trace; readonly words: { readonly a: string; readonly b: string } } | null;
}

// Loaded only by an embed whose URL asks for a comparison.
const EmbedCompare = lazy(() => import("../compare/EmbedCompare").then((m) => ({ default: m.EmbedCompare })));

/**
 * The panels layout (EmbedPanels.tsx), loaded only when the URL asks for it: the default
 * presentation leaves it — the explanation panel and its glossary words — out of the first load.
 */
const EmbedPanels = lazy(() => import("./EmbedPanels").then((m) => ({ default: m.EmbedPanels })));

/** The frame is shown once the URL is applied (use-url-applied.ts): inside the panels' Suspense, once they are drawn too. */
function Applied({ applied }: { applied: boolean }) {
  useUrlApplied(applied);
  return null;
}

/** The drawing zoomed to fill its stage (fit-zoom.ts), re-fitted when the frame or the drawing changes size. */
function useFittedZoom(stage: React.RefObject<HTMLDivElement | null>, enabled: boolean): number {
  const [zoom, setZoom] = useState(1);
  useLayoutEffect(() => {
    const el = stage.current;
    if (!enabled || !el || typeof ResizeObserver === "undefined") return;
    const refit = () => {
      const svg = el.querySelector<SVGSVGElement>("svg.nv-svg");
      const height = svg?.viewBox.baseVal?.height ?? 0;
      const box = el.getBoundingClientRect();
      const next = fitZoom({ width: box.width, height: box.height }, height);
      setZoom((old) => (Math.abs(old - next) < 0.015 ? old : next));
    };
    refit();
    const ro = new ResizeObserver(refit);
    ro.observe(el);
    // The drawing's box changes when its layout (and so its height) does.
    const watchSvg = () => el.querySelectorAll("svg.nv-svg").forEach((s) => ro.observe(s));
    watchSvg();
    const mo = new MutationObserver(() => {
      watchSvg();
      refit();
    });
    mo.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ["viewBox"] });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, [stage, enabled]);
  return zoom;
}

/** The picture first: one line (controls, the step's headline, fullscreen, the full lab), then the network filling the rest. */
function PresentationViews({ lab, options, tools }: { lab: Lab; options: EmbedOptions; tools: ReactNode }) {
  const stage = useRef<HTMLDivElement>(null);
  const zoom = useFittedZoom(stage, true);
  const n = narrate(lab.trace, lab.timeline, lab.step);
  const explain = options.views.includes("explanation");
  return (
    <div className={styles.presentation}>
      <div className={`${styles.bar} ${options.controls !== "none" ? styles.withControls : ""}`}>
        {options.controls !== "none" && <Playback lab={lab} compact={options.controls === "minimal"} />}
        {explain && (
          <h2 className={`${styles.headline} tone-${n.tone}`} title={n.title}>
            <span className={styles.mark} aria-hidden="true">
              {n.tone === "bad" ? "✕" : n.tone === "good" ? "✓" : "›"}
            </span>
            {n.title}
          </h2>
        )}
        <span className={styles.outcomes}>
          <OutcomeBanner lab={lab} />
        </span>
        {tools}
      </div>
      {explain && (
        // The sentence itself, for screen readers: the room reads the picture and the headline.
        <p className={`sr-only ${styles.spoken}`} aria-live="polite" aria-atomic="true">
          {n.text}
        </p>
      )}
      <div ref={stage} className={styles.stage}>
        <section className={`panel-network ${styles.network}`} aria-label="Network" style={{ zoom }}>
          <NetworkView {...viewPropsOf(lab)} />
        </section>
      </div>
    </div>
  );
}

/** The Fullscreen API on the embed's root, offered only where the page may use it (an iframe needs allow="fullscreen"). */
function FullscreenButton({ root }: { root: React.RefObject<HTMLDivElement | null> }) {
  const [available, setAvailable] = useState(false);
  const [on, setOn] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAvailable(document.fullscreenEnabled === true && typeof root.current?.requestFullscreen === "function");
    const onChange = () => setOn(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [root]);
  if (!available) return null;
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen().catch(() => setAvailable(false));
  };
  return (
    <button type="button" className={styles.tool} onClick={toggle} aria-pressed={on} title={on ? "Exit full screen (Esc)" : "Full screen"}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d={on ? "M6 1v5H1V4h3V1zM10 1h2v3h3v2h-5zM1 10h5v5H4v-3H1zM10 10h5v2h-3v3h-2z" : "M1 1h5v2H3v3H1zM10 1h5v5h-2V3h-3zM1 10h2v3h3v2H1zM13 10h2v5h-5v-2h3z"} fill="currentColor" />
      </svg>
      <span className="sr-only">{on ? "Exit full screen" : "Full screen"}</span>
    </button>
  );
}

export function EmbedFrame({ trace, options, notices, fullLabHref, onSetup, live, compare = null }: FrameProps) {
  const lab = useLab(trace, { initialStep: options.step ?? options.from ?? 0, from: options.from ?? undefined, to: options.to ?? undefined, autoplay: options.autoplay, speed: options.speed });
  const root = useRef<HTMLDivElement>(null);
  const presenting = compare === null && layoutOf(options) === "presentation";
  // A URL that asks for the panels has the boot script hide the frame until they are drawn.
  useUrlApplied(live && presenting);
  // The URL's steps against the first session's length: a step past the end says so.
  const [clamped] = useState(() => stepNotices(options, lab.timeline.steps.length));
  const shownNotices = useMemo(() => [...clamped, ...notices], [clamped, notices]);
  const keyboard = useKeyboardHandOff(options.controls, options.origins);
  // A comparison's playhead has its own keys.
  usePlaybackKeys(lab, options.controls !== "none" && compare === null);

  useEffect(() => {
    if (options.theme) document.documentElement.dataset.theme = options.theme;
  }, [options.theme]);

  // A host's commands, as controller events. After a `setup`, the commands that follow wait
  // for the new session's trace (a goto sent with a setup means a step of the new session).
  const { send } = lab;
  const traceNow = useRef(lab.trace);
  const queue = useRef<{ from: Trace; events: LabEvent[] } | null>(null);
  const setupRef = useRef(onSetup);
  const releaseRef = useRef(keyboard.release);
  const originsRef = useRef(options.origins);
  useEffect(() => {
    originsRef.current = options.origins;
    traceNow.current = lab.trace;
    setupRef.current = onSetup;
    releaseRef.current = keyboard.release;
  });
  // In a comparison the host's commands move its playhead (a goto names a moment of both).
  const comparison = useRef<((event: LabEvent) => void) | null>(null);
  const deliver = useCallback((event: LabEvent) => (queue.current ? queue.current.events.push(event) : comparison.current ? comparison.current(event) : send(event)), [send]);
  const [moment, setMoment] = useState<{ row: number; rows: number } | null>(null);
  const onMoment = useCallback((row: number, rows: number) => setMoment({ row, rows }), []);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      // origin=: only the parent page, from a listed origin (host-origins.ts).
      if (!obeys(originsRef.current, e, window.parent)) return;
      const msg = parseHostMessage(e.data);
      if (!msg) return;
      if (msg.method === "release") return releaseRef.current();
      if (msg.method === "setup") {
        const r = setupRef.current(msg.params);
        if (r.pending) queue.current = { from: traceNow.current, events: [] };
        if (r.step !== null) deliver({ type: "goTo", step: r.step });
        return;
      }
      const event = commandEvent(msg);
      if (event) deliver(event);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [deliver]);
  useEffect(() => {
    const q = queue.current;
    if (!q || lab.trace === q.from) return;
    queue.current = null;
    for (const event of q.events) send(event);
  }, [lab.trace, send]);

  const total = lab.timeline.steps.length;
  const outcome = useMemo(() => outcomeOf(lab), [lab]);
  const ready = useRef(false);
  const at = compare && moment ? { step: moment.row + 1, total: moment.rows } : { step: lab.step + 1, total };
  useEffect(() => {
    if (!live) return;
    postToHost({ ns: NS, event: ready.current ? "step" : "ready", step: at.step, total: at.total, outcome }, originsRef.current);
    ready.current = true;
  }, [live, at.step, at.total, outcome]);

  const holding = keyboard.holding && (
    <span className={styles.holding} role="status">
      Keys step the lab · Esc gives them back
    </span>
  );
  const credit = (
    <a className={styles.credit} href={fullLabHref} target="_blank" rel="noopener noreferrer">
      Open in FTP Modes Lab ↗
    </a>
  );

  return (
    <div ref={root} className={`${styles.root} ${presenting ? styles.presenting : ""}`}>
      <Notices notices={shownNotices} className="embed-notice" />
      {presenting ? (
        <PresentationViews
          lab={lab}
          options={options}
          tools={
            <span className={styles.tools} data-embed-tools="">
              {holding}
              <FullscreenButton root={root} />
              {credit}
            </span>
          }
        />
      ) : (
        <>
          <Suspense fallback={compare ? <p className="panel-loading">Loading the comparison…</p> : null}>
            {compare ? (
              <EmbedCompare a={trace} b={compare.trace} words={compare.words} initialRow={options.step ?? 0} explanation={options.views.includes("explanation")} keyboard={options.controls !== "none"} onRow={onMoment} controlRef={comparison} />
            ) : (
              <EmbedPanels lab={lab} options={options} />
            )}
            <Applied applied={live} />
          </Suspense>
          <p className={`embed-credit ${styles.foot}`} data-embed-tools="">
            {holding}
            <FullscreenButton root={root} />
            {credit}
          </p>
        </>
      )}
    </div>
  );
}

/**
 * The options a lab is started with (useLab reads them once): a URL that changes them starts
 * the frame anew (its key) instead of showing the default's steps first.
 */
export function labStartKey(o: EmbedOptions): string {
  return [o.step, o.from, o.to, o.autoplay, o.speed].join(" ");
}

/** The page's query, read after mounting: null in the static HTML and at hydration. */
export function useSearch(): URLSearchParams | null {
  const [search, setSearch] = useState<URLSearchParams | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSearch(new URLSearchParams(window.location.search));
  }, []);
  return search;
}
