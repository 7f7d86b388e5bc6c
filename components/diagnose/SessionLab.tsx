"use client";
/**
 * The rebuilt session in the lab's own view (LabView: network, explanation, playback, transcript,
 * sequence), opened where its data connection dies (sim/diagnose/failure-step.ts); with a fix
 * applied, the fixed session beside it, opened where the same transfer ends — the listing
 * arriving. Side by side on a wide screen, one above the other on a narrow one.
 */
import { memo, useMemo } from "react";
import { failureStep } from "../../sim/diagnose/failure-step";
import { findMoment } from "../../sim/trace/moments";
import { timelineOf } from "../../sim/trace/steps";
import type { Trace } from "../../sim/trace/trace";
import { LabView } from "../lab/LabView";
import { LiveExplanations } from "../lab/LiveExplanations";
import { useLab } from "../lab/use-lab";
import styles from "./Diagnose.module.css";

/** Where the broken session opens: where its data connection dies, else its first data SYN, else its start. */
function brokenStep(trace: Trace): number {
  const timeline = timelineOf(trace.events);
  return failureStep(trace, timeline) ?? findMoment(trace, timeline, { syn: "data" }) ?? 0;
}

/** Where a fixed session opens: the end of the transfer that failed in the broken one (the listing arriving). */
function fixedStep(trace: Trace, broken: Trace): number {
  const timeline = timelineOf(trace.events);
  const failed = broken.result.transfers.find((t) => t.result === "failed")?.index ?? 0;
  return findMoment(trace, timeline, { transferEnd: failed }) ?? timeline.steps.length - 1;
}

function OneLab({ trace, initialStep, compact, keyboard }: { trace: Trace; initialStep: number; compact: boolean; keyboard: boolean }) {
  const lab = useLab(trace, { initialStep });
  return (
    <LiveExplanations>
      <LabView lab={lab} views={compact ? ["network", "explanation", "transcript"] : undefined} keyboard={keyboard} legend={!compact} />
    </LiveExplanations>
  );
}

/** Memoised: the page re-renders on every keystroke in its textarea, and the labs need not. */
export const SessionLabs = memo(function SessionLabs({ broken, fixed, fixLabel }: { broken: Trace; fixed: Trace | null; fixLabel: string | null }) {
  const at = useMemo(() => brokenStep(broken), [broken]);
  const fixedAt = useMemo(() => (fixed ? fixedStep(fixed, broken) : 0), [fixed, broken]);
  if (!fixed) {
    return (
      <section className={styles.labOne} aria-label="The session rebuilt from the log" data-lab="broken">
        <OneLab key={JSON.stringify(broken.scenario)} trace={broken} initialStep={at} compact={false} keyboard />
      </section>
    );
  }
  return (
    <div className={styles.compare}>
      <section className={styles.compareCol} aria-labelledby="lab-broken-heading" data-lab="broken">
        <h3 id="lab-broken-heading" className={styles.compareTitle}>
          <span className={styles.brokenMark} aria-hidden="true">
            ✕{" "}
          </span>
          As the log shows it
        </h3>
        <OneLab key={`b-${JSON.stringify(broken.scenario)}`} trace={broken} initialStep={at} compact keyboard={false} />
      </section>
      <section className={styles.compareCol} aria-labelledby="lab-fixed-heading" data-lab="fixed">
        <h3 id="lab-fixed-heading" className={styles.compareTitle}>
          <span className={styles.fixedMark} aria-hidden="true">
            ✓{" "}
          </span>
          With the fix{fixLabel ? `: ${fixLabel}` : ""}
        </h3>
        <OneLab key={`f-${JSON.stringify(fixed.scenario)}`} trace={fixed} initialStep={fixedAt} compact keyboard={false} />
      </section>
    </div>
  );
});
