"use client";
/**
 * The screen every user lives in: the outcome, the network, the explanation and playback, the
 * transcript, the packet inspector and the sequence diagram, all views of one trace at one step.
 */
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { NetworkView } from "../network/NetworkView";
import { Transcript } from "../transcript/Transcript";

// Below the fold and needed only once someone looks: loaded after the page is up, so the first
// load carries the network view, the transcript and the controls only.
const SequenceView = dynamic(() => import("../sequence/SequenceView").then((m) => m.SequenceView), {
  ssr: false,
  loading: () => <p className="panel-loading">Loading the sequence diagram…</p>,
});
const PacketInspector = dynamic(() => import("../inspector/PacketInspector").then((m) => m.PacketInspector), {
  ssr: false,
  loading: () => <p className="panel-loading">Loading the packet inspector…</p>,
});
import { Legend } from "../Legend";
import type { ViewProps } from "../view-types";
import { Explanation } from "./Explanation";
import { OutcomeBanner } from "./OutcomeBanner";
import { Playback, usePlaybackKeys } from "./Playback";
import type { Lab } from "./use-lab";

export type ViewName = "network" | "sequence" | "transcript" | "explanation" | "inspector";
export const ALL_VIEWS: readonly ViewName[] = ["network", "explanation", "transcript", "inspector", "sequence"];

export function viewProps(lab: Lab): ViewProps {
  return {
    trace: lab.trace,
    timeline: lab.timeline,
    step: lab.step,
    world: lab.world,
    selectedPacket: lab.selectedPacket,
    onSelectPacket: lab.selectPacket,
    onJump: lab.goTo,
    reducedMotion: lab.reducedMotion,
  };
}

export function LabView({
  lab,
  views = ALL_VIEWS,
  aside,
  controls = "full",
  keyboard = true,
  asideOnNarrow = "first",
}: {
  lab: Lab;
  views?: readonly ViewName[];
  /** Extra panel beside the views (the playground's setup, a lesson's narration). */
  aside?: ReactNode;
  controls?: "full" | "minimal" | "none";
  keyboard?: boolean;
  /** On a phone the side panel comes before the views (a lesson's narration) or after them (the setup). */
  asideOnNarrow?: "first" | "last";
}) {
  usePlaybackKeys(lab, keyboard && controls !== "none");
  const props = viewProps(lab);
  const show = (v: ViewName) => views.includes(v);
  return (
    <div className="lab">
      <OutcomeBanner lab={lab} />
      <div className={`lab-grid${aside ? " with-aside" : ""}${asideOnNarrow === "last" ? " aside-last" : ""}`}>
        {aside && <div className="lab-aside">{aside}</div>}
        <div className="lab-stage">
          {/* The controls sit above the picture, so they stay on screen on a 720-line projector. */}
          {controls !== "none" && <Playback lab={lab} compact={controls === "minimal"} />}
          {show("explanation") && <Explanation lab={lab} />}
          {show("network") && (
            <section className="panel panel-network" aria-label="Network">
              <NetworkView {...props} />
            </section>
          )}
        </div>
        <div className="lab-side">
          {show("transcript") && (
            <section className="panel panel-transcript" aria-labelledby="transcript-heading">
              <h2 id="transcript-heading" className="panel-title">
                Control connection
              </h2>
              <Transcript {...props} />
            </section>
          )}
          {show("inspector") && (
            <section className="panel panel-inspector" aria-labelledby="inspector-heading">
              <h2 id="inspector-heading" className="panel-title">
                Packet
              </h2>
              <PacketInspector {...props} />
            </section>
          )}
        </div>
      </div>
      {show("sequence") && (
        <section className="panel panel-sequence" aria-labelledby="sequence-heading">
          <h2 id="sequence-heading" className="panel-title">
            Sequence
          </h2>
          <SequenceView {...props} />
        </section>
      )}
      {show("network") && <Legend />}
    </div>
  );
}
