"use client";
/**
 * Two setups side by side (stacked on a phone), stepping together by moment: one playhead over
 * the rows of the alignment (sim/trace/compare.ts), each side showing its own step of the row or,
 * where it has none (a retry the other side never needed), the step it stands at meanwhile. The
 * first row where the sessions go differently is marked on the scrubber and in both pictures,
 * with one sentence saying how. Each side is a lab of its own trace (its picture, its outcomes,
 * its explanation), driven by the row; a click on a side's arrow moves the row there.
 */
import { useEffect, useId, useMemo, type ReactNode, type RefObject } from "react";
import { alignTraces, firstDivergence, stepAtRow, type Divergence, type Side } from "../../sim/trace/compare";
import { ShareDialog, type ShareTarget } from "../share/ShareDialog";
import type { Caption } from "../share/export-image";
import type { Trace } from "../../sim/trace/trace";
import { Explanation } from "../lab/Explanation";
import { OutcomeBanner } from "../lab/OutcomeBanner";
import { PlaybackButtons, SpeedSelect, usePlaybackKeys } from "../lab/Playback";
import { useLab, type Lab } from "../lab/use-lab";
import { viewPropsOf } from "../lab/view-props";
import { NetworkView } from "../network/NetworkView";
import type { LabEvent } from "../lab/controller/lab-controller";
import { useCompareRows, type CompareRows } from "./use-compare-rows";
import styles from "./CompareView.module.css";

export interface CompareViewProps {
  readonly a: Trace;
  readonly b: Trace;
  /** What tells each side apart, in words ("Client mode: active (PORT)"). */
  readonly words: { readonly a: string; readonly b: string };
  /** The row to open at (0-based), and where the row goes (a URL's `step`, a deck's events), of how many. */
  readonly initialRow?: number;
  /** Or open at the row of A's step (a lesson step's moment). */
  readonly initialStepA?: number;
  readonly onRow?: (row: number, rows: number) => void;
  /** Where a host's commands reach the playhead (an embed a deck drives): set to the comparison's own. */
  readonly controlRef?: RefObject<((event: LabEvent) => void) | null>;
  /** The playback keys on the whole page (off in an embed a deck drives). */
  readonly keyboard?: boolean;
  /** Beside the comparison on a wide screen (the playground's setup, a lesson's narration). */
  readonly aside?: ReactNode;
  /** On a phone the side panel comes after the comparison (the setup) or before it (a lesson's card). */
  readonly asideOnNarrow?: "first" | "last";
  /** Each side's explanation under its picture (an embed without `explanation` in its views leaves it out). */
  readonly explanation?: boolean;
  /** What "Share / embed" offers (the playground's links with `compare=`); the moment is added here. */
  readonly share?: Omit<ShareTarget, "step" | "total" | "caption" | "pictures">;
}

export function CompareView({ a, b, words, initialRow = 0, initialStepA, onRow, keyboard = true, aside, asideOnNarrow = "last", explanation = true, share, controlRef }: CompareViewProps) {
  const labA = useLab(a);
  const labB = useLab(b);
  const alignment = useMemo(() => alignTraces(labA.trace, labA.timeline, labB.trace, labB.timeline), [labA.trace, labA.timeline, labB.trace, labB.timeline]);
  const divergence = useMemo(() => firstDivergence(labA.trace, labA.timeline, labB.trace, labB.timeline, alignment), [labA.trace, labA.timeline, labB.trace, labB.timeline, alignment]);
  const rows = useCompareRows(alignment.rows.length, initialStepA !== undefined ? (alignment.rowOfA[initialStepA] ?? 0) : initialRow);
  usePlaybackKeys(rows, keyboard);

  // Each side's lab follows the row (adjusted during render: no frame shows the old step).
  const atA = stepAtRow(alignment, "a", rows.row);
  const atB = stepAtRow(alignment, "b", rows.row);
  if (labA.step !== atA.step) labA.goTo(atA.step);
  if (labB.step !== atB.step) labB.goTo(atB.step);
  // The page's URL (or a deck) follows the row.
  useEffect(() => {
    onRow?.(rows.row, rows.rows);
  }, [rows.row, rows.rows, onRow]);
  const { send } = rows;
  useEffect(() => {
    if (!controlRef) return;
    controlRef.current = send;
    return () => {
      controlRef.current = null;
    };
  }, [controlRef, send]);

  const jumpFrom = (side: Side) => (step: number) => rows.goTo((side === "a" ? alignment.rowOfA : alignment.rowOfB)[step] ?? rows.row);
  const here = divergence !== null && rows.row === divergence.row;

  return (
    <div className={`lab ${styles.compare}`}>
      <div className={`lab-grid${aside ? " with-aside" : ""}${asideOnNarrow === "last" ? " aside-last" : ""}`}>
        {aside && <div className="lab-aside">{aside}</div>}
        <div className={`lab-stage ${styles.stage}`}>
          {share && (
            <div className="lab-toolbar">
              <span className="lab-share">
                <ShareDialog
                  target={{
                    ...share,
                    // A link's step is the comparison's moment; an export shows both pictures under their names.
                    step: rows.row,
                    total: rows.rows,
                    pictures: [`Setup A: ${words.a}`, `Setup B: ${words.b}`],
                    caption: async () => compareCaption(share.title, words, rows.row, rows.rows, divergence),
                  }}
                />
              </span>
            </div>
          )}
          <CompareControls rows={rows} divergenceRow={divergence?.row ?? null} />
          <Difference sentence={divergence?.sentence ?? null} row={divergence?.row ?? null} rows={rows} here={here} />
          <div className={styles.sides}>
            <CompareSide side="a" lab={labA} words={words.a} own={atA.own} marked={here} onJump={jumpFrom("a")} explanation={explanation} />
            <CompareSide side="b" lab={labB} words={words.b} own={atB.own} marked={here} onJump={jumpFrom("b")} explanation={explanation} />
          </div>
        </div>
      </div>
    </div>
  );
}

/** The caption under an exported comparison: the two setups, and how they first differ. */
function compareCaption(title: string, words: CompareViewProps["words"], row: number, rows: number, divergence: Divergence | null): Caption {
  return {
    title: `Setup A (${words.a}) beside setup B (${words.b})`,
    text: divergence ? `They first differ at moment ${divergence.row + 1}: ${divergence.sentence}` : "Both setups make the same session.",
    transcript: null,
    footer: `${title} · moment ${row + 1} of ${rows} · FTP Modes Lab`,
  };
}

function CompareControls({ rows, divergenceRow }: { rows: CompareRows; divergenceRow: number | null }) {
  const ticks = useId();
  const last = rows.rows - 1;
  return (
    <div className="playback" role="group" aria-label="Playback of both setups">
      <PlaybackButtons noun="moment" send={rows.send} atStart={rows.row <= 0} atEnd={rows.row >= last} playing={rows.playing} />
      <label className="playback-scrubber">
        <span className="sr-only">Moment</span>
        <input
          type="range"
          min={0}
          max={last}
          value={rows.row}
          list={divergenceRow === null ? undefined : ticks}
          onChange={(e) => rows.goTo(Number(e.target.value))}
          aria-valuetext={`Moment ${rows.row + 1} of ${rows.rows}${divergenceRow === rows.row ? ", where the setups first differ" : ""}`}
        />
        {divergenceRow !== null && (
          <datalist id={ticks}>
            <option value={divergenceRow} label="first difference" />
          </datalist>
        )}
      </label>
      <span className="playback-position" aria-hidden="true">
        {rows.row + 1}/{rows.rows}
      </span>
      <SpeedSelect speed={rows.speed} onChange={rows.setSpeed} />
    </div>
  );
}

function Difference({ sentence, row, rows, here }: { sentence: string | null; row: number | null; rows: CompareRows; here: boolean }) {
  if (sentence === null || row === null) {
    return (
      <p className={styles.difference} data-kind="none">
        <strong>No difference:</strong> both setups make the same session, moment for moment.
      </p>
    );
  }
  return (
    <div className={styles.difference} data-here={here ? "yes" : undefined}>
      <p>
        <span className={styles.badge}>≠ First difference</span> <strong>at moment {row + 1}:</strong> {sentence}
      </p>
      {!here && (
        <button type="button" onClick={() => rows.goTo(row)}>
          Go to the first difference
        </button>
      )}
    </div>
  );
}

function CompareSide({ side, lab, words, own, marked, onJump, explanation }: { side: Side; lab: Lab; words: string; own: boolean; marked: boolean; onJump: (step: number) => void; explanation: boolean }) {
  const heading = useId();
  const name = side.toUpperCase();
  const props = { ...viewPropsOf(lab), onJump };
  return (
    <section className={styles.side} aria-labelledby={heading} data-side={side} data-own={own ? "yes" : "no"} data-diverges={marked ? "yes" : undefined}>
      <h2 id={heading} className={styles.sideTitle}>
        <span className={styles.sideName}>Setup {name}</span> <span className={styles.sideWords}>{words}</span>
      </h2>
      <OutcomeBanner lab={lab} />
      {/* Always there, empty or not, so both sides' pictures start at the same height. */}
      <p className={styles.marker}>{marked ? "≠ The setups first differ here." : ""}</p>
      <p className={styles.waiting}>{own ? "" : `${name} has no step at this moment: it still shows its step ${lab.step + 1}.`}</p>
      <div className={`panel panel-network ${styles.picture}`} aria-label={`Network, setup ${name}`} role="region">
        <NetworkView {...props} />
      </div>
      {explanation ? <Explanation lab={lab} side={`Setup ${name}`} /> : <span />}
    </section>
  );
}
