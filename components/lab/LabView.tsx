"use client";
/**
 * The screen every user lives in: the outcome, the network, the explanation and playback, the
 * transcript, the packet inspector and the sequence diagram, all views of one trace at one step.
 */
import { clientOnly, hydratedLater } from "../client-only";
import { memo, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { NetworkView } from "../network/NetworkView";
import type { TabRequest } from "../transcript/TranscriptTabs";
import type { BoxRequest } from "../state/BoxStatePanel";
import type { RealRun } from "../../lessons/real-run";
import { ShareDialog, type ShareTarget } from "../share/ShareDialog";
import { ALL_VIEWS, type ViewName, type ViewProps } from "../view-types";

// Below the picture, so not in the page's first load: the transcript is in the static HTML and its
// code is fetched as the page hydrates; the others, needed only once someone looks, load after the
// page is up. The first load carries the network view and the controls.
const TranscriptTabs = hydratedLater(() => import("../transcript/TranscriptTabs").then((m) => m.TranscriptTabs), () => <p className="panel-loading">Loading the transcript…</p>);
const SequenceView = clientOnly(() => import("../sequence/SequenceView").then((m) => m.SequenceView), () => <p className="panel-loading">Loading the sequence diagram…</p>);
const PacketInspector = clientOnly(() => import("../inspector/PacketInspector").then((m) => m.PacketInspector), () => <p className="panel-loading">Loading the packet inspector…</p>);
const BoxStateStrip = clientOnly(() => import("../state/BoxStateStrip").then((m) => m.BoxStateStrip), () => <p className="panel-loading">Loading…</p>);
const BoxStatePanel = clientOnly(() => import("../state/BoxStatePanel").then((m) => m.BoxStatePanel), () => <p className="panel-loading">Loading what each box knows…</p>);
import { LabLegend } from "./LabLegend";
import { Explanation } from "./Explanation";
import { OutcomeBanner } from "./OutcomeBanner";
import { Playback, usePlaybackKeys } from "./Playback";
import type { Lab } from "./use-lab";
import { viewPropsOf } from "./view-props";
import { useAfterPaint } from "./use-after-paint";
import { useScreenFit } from "./use-screen-fit";

// An exported picture's caption narrates its step: loaded with the export, not with the page.
const loadCaption = () => import("../share/caption");

/** A titled panel of the lab; its heading names it for assistive technology. */
function Panel({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  // One id per panel instance: a page may show two labs side by side (/diagnose, a fix beside the broken session).
  const heading = `${useId()}-heading`;
  return (
    <section className={`panel panel-${name}`} aria-labelledby={heading}>
      <h2 id={heading} className="panel-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The views beside and below the picture, drawn from a later copy of the lab (LabView): a knob or
 * a step repaints the picture first, and these follow in React's interruptible render.
 * Memoized so the urgent render skips them while their copy is the old one.
 */
const SideViews = memo(function SideViews({
  props,
  views,
  realRun,
  transcriptTab,
}: {
  props: ViewProps;
  views: readonly ViewName[];
  realRun: RealRun | null;
  transcriptTab: TabRequest | null;
}) {
  const show = (v: ViewName) => views.includes(v);
  return (
    <>
      {show("transcript") && (
        <Panel name="transcript" title="Control connection">
          <TranscriptTabs {...props} realRun={realRun} request={transcriptTab} />
        </Panel>
      )}
      {show("inspector") && (
        <Panel name="inspector" title="Packet">
          <PacketInspector {...props} />
        </Panel>
      )}

    </>
  );
});

/** Tables want the lab's whole width: a row of its own under the picture and the side views. */
const StatePanel = memo(function StatePanel({ props, request }: { props: ViewProps; request: BoxRequest | null }) {
  return (
    <Panel name="state" title="What each box knows">
      <BoxStatePanel {...props} request={request} />
    </Panel>
  );
});

const SequencePanel = memo(function SequencePanel({ props }: { props: ViewProps }) {
  return (
    <Panel name="sequence" title="Sequence">
      <SequenceView {...props} />
    </Panel>
  );
});

const StableLegend = memo(LabLegend);

/** What each box knows, in short, under the picture: drawn (and its code loaded) once the learner opens it. */
function InPlaceState({ props }: { props: ViewProps }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="in-place-state" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>What each box knows, in short</summary>
      {open && <BoxStateStrip {...props} />}
    </details>
  );
}

export function LabView({
  lab,
  views = ALL_VIEWS,
  aside,
  controls = "full",
  keyboard = true,
  asideOnNarrow = "first",
  realRun = null,
  legend = true,
  share,
  explanationBelow = false,
  transcriptTab = null,
  boxRequest = null,
}: {
  lab: Lab;
  views?: readonly ViewName[];
  /** Extra panel beside the views (the playground's setup, a lesson's narration). */
  aside?: ReactNode;
  controls?: "full" | "minimal" | "none";
  keyboard?: boolean;
  /** On a phone the side panel comes before the views (a lesson's narration) or after them (the setup). */
  asideOnNarrow?: "first" | "last";
  /** A recorded real run of this very scenario: the transcript panel then offers the comparison too. */
  realRun?: RealRun | null;
  /** The legend under the network view, as the page drew it (LabLegend.tsx); a compact lab leaves it out. */
  legend?: boolean;
  /** What "Share / embed" offers (a lesson, a playground setup); the lab adds the step. */
  share?: Omit<ShareTarget, "step" | "total" | "caption">;
  /** The explanation under the picture (a lesson, whose narration already says what happens). */
  explanationBelow?: boolean;
  /** The transcript panel's tab a lesson step asks for (its `transcript` field). */
  transcriptTab?: TabRequest | null;
  /** The box "What each box knows" shows, as a lesson step asks (its `boxes` field). */
  boxRequest?: BoxRequest | null;
}) {
  usePlaybackKeys(lab, keyboard && controls !== "none");
  const root = useRef<HTMLDivElement>(null);
  useScreenFit(root);
  const props = viewPropsOf(lab);
  // What the picture does not need in its frame follows once that frame is painted (SideViews).
  const later = useAfterPaint(lab);
  const laterProps = useMemo(() => viewPropsOf(later), [later]);
  const show = (v: ViewName) => views.includes(v);
  const toolbar = (
    <div className="lab-toolbar">
      <OutcomeBanner lab={lab} />
      {share && (
        <span className="lab-share">
          <ShareDialog
            target={{ ...share, step: lab.step, total: lab.timeline.steps.length, caption: () => loadCaption().then((m) => m.captionOf(lab.trace, lab.timeline, lab.step, share.title)) }}
          />
        </span>
      )}
    </div>
  );
  return (
    <div className="lab" ref={root}>
      {/* Beside a side panel the outcomes head the picture's column, so the panel (a lesson's
          question) starts at the top of the lab and fits a 720-line screen. */}
      {!aside && toolbar}
      <div className={`lab-grid${aside ? " with-aside" : ""}${asideOnNarrow === "last" ? " aside-last" : ""}`}>
        {aside && <div className="lab-aside">{aside}</div>}
        <div className="lab-stage">
          {aside && toolbar}
          {/* The controls sit above the picture, so they stay on screen on a 720-line projector. */}
          {controls !== "none" && <Playback lab={lab} compact={controls === "minimal"} />}
          {show("explanation") && !explanationBelow && <Explanation lab={lab} />}
          {show("network") && (
            <section className="panel panel-network" aria-label="Network">
              <NetworkView {...props} />
              {show("state") && <InPlaceState props={props} />}
            </section>
          )}
          {show("explanation") && explanationBelow && <Explanation lab={lab} />}
        </div>
        <div className="lab-side">
          <SideViews props={laterProps} views={views} realRun={realRun} transcriptTab={transcriptTab} />
        </div>
      </div>
      {show("state") && <StatePanel props={laterProps} request={boxRequest} />}
      {show("sequence") && <SequencePanel props={laterProps} />}
      {show("network") && legend && <StableLegend />}
    </div>
  );
}
