"use client";
/**
 * An embed's panels layout (embed-params.ts, layoutOf): the views the URL asked for in the lab's
 * order, with the lab's own panels and names; the transcript and sequence views load on demand.
 * EmbedFrame loads this module only for a URL that asks for panels.
 */
import { clientOnly } from "../client-only";
import { Explanation } from "../lab/Explanation";
import { LiveExplanations } from "../lab/LiveExplanations";
import { OutcomeBanner } from "../lab/OutcomeBanner";
import { Playback } from "../lab/Playback";
import type { Lab } from "../lab/use-lab";
import { viewPropsOf } from "../lab/view-props";
import { NetworkView } from "../network/NetworkView";
import type { EmbedOptions } from "./embed-params";

const Transcript = clientOnly(() => import("../transcript/Transcript").then((m) => m.Transcript));
const SequenceView = clientOnly(() => import("../sequence/SequenceView").then((m) => m.SequenceView));
const BoxStatePanel = clientOnly(() => import("../state/BoxStatePanel").then((m) => m.BoxStatePanel));

/** The views the URL asked for, in the lab's order, with the lab's own panels and names. */
export function EmbedPanels({ lab, options }: { lab: Lab; options: EmbedOptions }) {
  const props = viewPropsOf(lab);
  const show = (v: string) => options.views.includes(v as never);
  const side = show("transcript");
  return (
    <LiveExplanations>
      <div className="lab">
        <OutcomeBanner lab={lab} />
        <div className={`lab-grid${side ? "" : " embed-single"}`}>
          <div className="lab-stage">
            {options.controls !== "none" && <Playback lab={lab} compact={options.controls === "minimal"} />}
            {show("explanation") && <Explanation lab={lab} />}
            {show("network") && (
              <section className="panel panel-network" aria-label="Network">
                <NetworkView {...props} />
              </section>
            )}
          </div>
          {side && (
            <div className="lab-side">
              <section className="panel panel-transcript" aria-labelledby="transcript-heading">
                <h2 id="transcript-heading" className="panel-title">
                  Control connection
                </h2>
                <Transcript {...props} />
              </section>
            </div>
          )}
        </div>
        {/* Tables want the width: a row of their own, as in the lab. */}
        {show("state") && (
          <section className="panel panel-state" aria-labelledby="state-heading">
            <h2 id="state-heading" className="panel-title">
              What each box knows
            </h2>
            <BoxStatePanel {...props} />
          </section>
        )}
        {show("sequence") && (
          <section className="panel panel-sequence" aria-labelledby="sequence-heading">
            <h2 id="sequence-heading" className="panel-title">
              Sequence
            </h2>
            <SequenceView {...props} />
          </section>
        )}
      </div>
    </LiveExplanations>
  );
}
