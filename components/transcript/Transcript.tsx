"use client";

/**
 * The control connection as an FTP client logs it: time, "Command:" or "Response:", the text.
 * Data addresses (PORT, EPRT, 227, 229) are decoded inline with their arithmetic, the password
 * is masked, encrypted lines say so. The current step's line is highlighted; by default lines
 * after it stay hidden so a lesson does not give away what happens next.
 */
import { memo, useMemo } from "react";
import type { ViewProps } from "../view-types";
import { formatTime } from "./decode";
import { KIND_LABEL, transcriptEntries, type TranscriptEntry } from "./lines";
import { useKeepInView, useStableJump } from "./follow-playhead";
import styles from "./Transcript.module.css";

export interface TranscriptProps extends ViewProps {
  /** "upToStep" (default): only what has happened so far; "all": later lines shown faded. */
  readonly reveal?: "all" | "upToStep";
}


function replyTone(text: string): "ok" | "fail" | "neutral" {
  const m = /^([1-5])\d\d[ -]/.exec(text);
  if (!m) return "neutral";
  return m[1] === "4" || m[1] === "5" ? "fail" : "ok";
}

interface LineProps {
  readonly entry: TranscriptEntry;
  readonly state: "past" | "current" | "future";
  readonly onJump: (step: number) => void;
}

const Line = memo(function Line({ entry, state, onJump }: LineProps) {
  const tone = entry.kind === "response" ? replyTone(entry.text) : "neutral";
  return (
    <li
      className={`${styles.line} ${styles[state] ?? ""}`}
      data-kind={entry.kind}
      data-step={entry.step}
      aria-current={state === "current" && entry.firstOfStep ? "step" : undefined}
    >
      <button type="button" className={styles.button} onClick={() => onJump(entry.step)} title={`Go to step ${entry.step + 1}`}>
        <span className={styles.time}>{formatTime(entry.t)}</span>
        <span className={`${styles.kind} ${styles[`kind-${entry.kind}`] ?? ""}`}>
          {entry.server ? (
            <>
              {`${KIND_LABEL[entry.kind].slice(0, -1)} ${entry.server}:`}
              <span className="sr-only">{entry.kind === "command" ? ` to server ${entry.server}` : ` from server ${entry.server}`}</span>
            </>
          ) : (
            KIND_LABEL[entry.kind]
          )}
        </span>
        <span className={styles.body}>
          <span className={`${styles.text} ${tone === "fail" ? styles.fail : ""}`}>
            {entry.text}
            {entry.encrypted && (
              <span className={styles.lock} title="Only the client and the server can read this line: firewalls and NAT routers on the way see ciphertext">
                {" "}
                🔒 sent encrypted
              </span>
            )}
          </span>
          {entry.decoded && (
            <span className={styles.decode}>
              <span aria-hidden="true">→ </span>
              <span className="sr-only">announces </span>
              {entry.decoded}
            </span>
          )}
          {entry.rewritten && (
            <span className={styles.rewrite}>
              <span aria-hidden="true">↳ </span>
              {entry.rewritten.side === "server received" ? `rewritten by the ${entry.rewritten.by}: the server received ` : `the server sent `}
              <code className={styles.code}>{entry.rewritten.text}</code>
              {entry.rewritten.decoded && <> → {entry.rewritten.decoded}</>}
              {entry.rewritten.side === "server sent" ? `, rewritten by the ${entry.rewritten.by}` : ""}
            </span>
          )}
        </span>
      </button>
    </li>
  );
});

export function Transcript(props: TranscriptProps) {
  const { trace, timeline, step, onJump, reducedMotion } = props;
  const reveal = props.reveal ?? "upToStep";
  const entries = useMemo(() => transcriptEntries(trace, timeline), [trace, timeline]);

  const jump = useStableJump(onJump);

  const visible = reveal === "all" ? entries : entries.filter((e) => e.step <= step);
  const hidden = entries.length - visible.length;

  const scroller = useKeepInView(step, reducedMotion, `${reveal}:${visible.length}`);

  return (
    <div className={styles.root} ref={scroller}>
      {visible.length === 0 ? (
        <p className={styles.empty}>Nothing on the control connection yet.</p>
      ) : null}
      <ol className={styles.list} aria-label="Control connection transcript">
        {visible.map((e) => (
          <Line key={e.key} entry={e} state={e.step === step ? "current" : e.step < step ? "past" : "future"} onJump={jump} />
        ))}
      </ol>
      {hidden > 0 && <p className={styles.more}>Later lines appear as the session goes on.</p>}
    </div>
  );
}

export default Transcript;
