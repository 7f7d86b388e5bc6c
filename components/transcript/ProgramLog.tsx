"use client";

/**
 * The session as the scenario's client program logs it (sim/software/program-log.ts): lftp's
 * `---> <---`, curl's `* > <`, FileZilla's `Status:/Command:/Response:/Error:`, … up to the
 * current step, in the program's own words and marks. Each line also carries the lab's mark of
 * what it is (→ sent, ← received, ≡ data, • the program's remark, ✕ an error) in a shape and a
 * word for screen readers, so colour is never the only signal. A program the lab models from its
 * documentation says so above its log; FileZilla's log can be shown abbreviated, as FileZilla
 * shows it by default.
 */
import { memo, useId, useMemo, useState } from "react";
import { clientProfile } from "../../sim/software/profiles";
import { LOG_SOURCE, programLog, type ProgramLogKind, type ProgramLogLine } from "../../sim/software/program-log";
import type { ViewProps } from "../view-types";
import { formatTime } from "./decode";
import { programLogTitle } from "./program-log-title";
import { useKeepInView, useStableJump } from "./follow-playhead";
import styles from "./ProgramLog.module.css";

/** The lab's mark for each kind of line: a shape on screen, a word for a screen reader. */
const MARK: Record<ProgramLogKind, { readonly glyph: string; readonly word: string }> = {
  sent: { glyph: "→", word: "sent" },
  received: { glyph: "←", word: "received" },
  data: { glyph: "≡", word: "data" },
  note: { glyph: "•", word: "the program's remark" },
  error: { glyph: "✕", word: "error" },
};
const ORDER: readonly ProgramLogKind[] = ["sent", "received", "data", "note", "error"];

/** A reply's class in the line, after the program's prefix (`<--- 425 …`, `Response:\t530 …`, `< 2026-… 226 …`). */
function replyTone(text: string): "fail" | "plain" {
  const m = /(?:^|[\s'])([1-5])\d\d[ -]/.exec(text);
  return m && (m[1] === "4" || m[1] === "5") ? "fail" : "plain";
}

interface Entry {
  readonly line: ProgramLogLine;
  readonly step: number;
  readonly key: string;
  readonly firstOfStep: boolean;
}

interface LineProps {
  readonly entry: Entry;
  readonly state: "past" | "current";
  readonly program: string;
  readonly onJump: (step: number) => void;
}

const Line = memo(function Line({ entry, state, program, onJump }: LineProps) {
  const { line } = entry;
  const mark = MARK[line.kind];
  const fail = line.kind === "error" || (line.kind === "received" && replyTone(line.text) === "fail");
  return (
    <li
      className={`${styles.line} ${state === "current" ? styles.current : ""}`}
      data-kind={line.kind}
      data-step={entry.step}
      aria-current={state === "current" && entry.firstOfStep ? "step" : undefined}
    >
      <button type="button" className={styles.button} onClick={() => onJump(entry.step)} title={`Go to step ${entry.step + 1}`}>
        <span className={styles.time}>{formatTime(line.t)}</span>
        <span className={`${styles.mark} ${styles[`mark-${line.kind}`] ?? ""}`} title={mark.word}>
          <span aria-hidden="true">{mark.glyph}</span>
          <span className="sr-only">{mark.word}: </span>
        </span>
        <span className={`${styles.text} ${styles[`text-${line.kind}`] ?? ""} ${fail ? styles.fail : ""}`}>
          {line.text}
          {line.redacted && <span className={styles.redacted}> ({program} prints the password itself; the lab hides it)</span>}
        </span>
      </button>
    </li>
  );
});

export function ProgramLog(props: ViewProps) {
  const { trace, timeline, step, onJump, reducedMotion } = props;
  const profile = clientProfile(trace.scenario.client.software);
  const [abbreviated, setAbbreviated] = useState(false);
  const checkboxId = useId();
  const lines = useMemo(() => programLog(trace, { filezilla: abbreviated ? "abbreviated" : "detailed" }), [trace, abbreviated]);
  const entries = useMemo<Entry[]>(() => {
    const seen = new Set<number>();
    return lines.map((line, n) => {
      const s = timeline.stepOfEvent[line.event] ?? 0;
      const firstOfStep = !seen.has(s);
      seen.add(s);
      return { line, step: s, key: `${line.event}.${n}`, firstOfStep };
    });
  }, [lines, timeline]);
  const visible = entries.filter((e) => e.step <= step);
  const hidden = entries.length - visible.length;
  // The key explains the marks on screen: an error still to come is not announced by "✕ error"
  // (a lesson asking where the connection dies opens this tab before the answer is shown).
  const kinds = ORDER.filter((k) => visible.some((e) => e.line.kind === k));

  const jump = useStableJump(onJump);

  const scroller = useKeepInView(step, reducedMotion, visible.length);

  const title = programLogTitle(profile.software);
  return (
    <div className={styles.wrap}>
      <div className={styles.head}>
        <p className={styles.source}>
          {profile.label}: <code className={styles.code}>{LOG_SOURCE[profile.log]}</code>
        </p>
        {profile.provenance.kind === "documented" && (
          <p className={styles.documented}>
            Modelled from documentation: {profile.name} does not run here, so this log is written from its source and published logs, not
            recorded.
          </p>
        )}
        {profile.log === "filezilla" && (
          <p className={styles.option}>
            <input id={checkboxId} type="checkbox" checked={abbreviated} onChange={(e) => setAbbreviated(e.target.checked)} />
            <label htmlFor={checkboxId}>Abbreviated, as FileZilla shows it by default (Command/Response lines only before an error)</label>
          </p>
        )}
        {kinds.length > 0 && (
          <p className={styles.legend}>
            {kinds.map((k) => (
              <span key={k} className={styles.legendItem}>
                <span className={`${styles.mark} ${styles[`mark-${k}`] ?? ""}`} aria-hidden="true">
                  {MARK[k].glyph}
                </span>{" "}
                {MARK[k].word}
              </span>
            ))}
          </p>
        )}
      </div>
      <div className={styles.root} ref={scroller}>
        {visible.length === 0 && <p className={styles.empty}>{profile.name} has printed nothing yet.</p>}
        <ol className={styles.list} aria-label={title}>
          {visible.map((e) => (
            <Line key={e.key} entry={e} state={e.step === step ? "current" : "past"} program={profile.name} onJump={jump} />
          ))}
        </ol>
        {hidden > 0 && <p className={styles.more}>Later lines appear as the session goes on.</p>}
      </div>
    </div>
  );
}

export default ProgramLog;
