"use client";

/**
 * "Type your own commands": a raw FTP prompt over the lab. The learner types one line at a time;
 * the page that owns the scenario runs the history with the console as its client
 * (console-history.ts's consoleScenario) and hands the trace back. This view simulates nothing.
 *
 * API — `<Console {...props} />`:
 * - `trace`, `timeline`: the console session's trace and its steps (null before the first run);
 * - `step`: the lab's current step: replies are shown up to it, and the latest one is highlighted
 *   (aria-current="step" and a "now" mark, not colour alone);
 * - `history`: the lines typed so far, in order (the trace's scenario.commands);
 * - `onSend(line)`: a new line, already checked (console-history.ts's sendProblem): printable
 *   ASCII, 1–256 characters, at most 32 lines. A line that fails is never sent: the reason is said
 *   in the live region under the input;
 * - `onJump(step)`: a history line was chosen: the step of the packet that carried it;
 * - `busy`: a run is under way: Send waits (Enter says so);
 * - `error`: the page's own message (a run that failed), shown in the same live region;
 * - `onClear` (optional): offers a Clear button that empties the history.
 *
 * Keyboard: Enter sends; ↑ and ↓ in the input walk back and forth through the history, as a shell
 * does (↓ past the newest line gives back what was being typed).
 */
import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from "react";
import { maskSecrets } from "../../sim/trace/labels";
import type { Timeline } from "../../sim/trace/steps";
import type { Trace } from "../../sim/trace/trace";
import { typedExchanges } from "../../sim/trace/typed-exchanges";
import { sendProblem } from "./console-history";
import styles from "./Console.module.css";

export interface ConsoleProps {
  readonly trace: Trace | null;
  readonly timeline: Timeline | null;
  readonly step: number;
  readonly history: readonly string[];
  readonly onSend: (line: string) => void;
  readonly onJump: (step: number) => void;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onClear?: () => void;
}

interface ShownReply {
  readonly event: number;
  readonly code: number;
  readonly lines: readonly string[];
}

interface ShownLine {
  readonly index: number;
  readonly line: string;
  /** The step to jump to; null: never sent (or not run yet). */
  readonly step: number | null;
  /** Replies reached by the current step. */
  readonly replies: readonly ShownReply[];
  readonly state: "answered" | "waiting" | "unsent" | "unrun";
}

/** Each typed line with what the trace says of it up to `step`. */
function shownLines(trace: Trace | null, timeline: Timeline | null, step: number, history: readonly string[]): ShownLine[] {
  if (!trace || !timeline) return history.map((line, index) => ({ index, line, step: null, replies: [], state: "unrun" }));
  return typedExchanges(trace.events, timeline, history).map((x) => {
    const replies = x.replies
      .filter((i) => (timeline.stepOfEvent[i] ?? Infinity) <= step)
      .flatMap((i): ShownReply[] => {
        const e = trace.events[i]!;
        return e.type === "reply" ? [{ event: i, code: e.code, lines: e.text.split("\r\n") }] : [];
      });
    const answered = replies.some((r) => r.code >= 200);
    return { index: x.index, line: x.line, step: x.step, replies, state: x.command === null ? "unsent" : answered ? "answered" : "waiting" };
  });
}

const STATE_WORDS: Record<Exclude<ShownLine["state"], "answered">, string> = {
  waiting: "waiting for the reply…",
  unsent: "not sent: the session had ended",
  unrun: "not run yet",
};

export function Console({ trace, timeline, step, history, onSend, onJump, busy, error, onClear }: ConsoleProps) {
  const inputId = useId();
  const messageId = useId();
  const [draft, setDraft] = useState("");
  /** Why the line was not sent: a problem with it, or (`invalid` false) only that a run is under way. */
  const [message, setMessage] = useState<{ text: string; invalid: boolean } | null>(null);
  /** Which history line ↑/↓ shows (null: the draft), and the draft kept while recalling. */
  const [recall, setRecall] = useState<number | null>(null);
  const [kept, setKept] = useState("");

  const lines = useMemo(() => shownLines(trace, timeline, step, history), [trace, timeline, step, history]);
  const currentReply = useMemo(() => Math.max(-1, ...lines.flatMap((l) => l.replies.map((r) => r.event))), [lines]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) {
      setMessage({ text: "Wait a moment: the last command is still running.", invalid: false });
      return;
    }
    const problem = sendProblem(draft, history);
    if (problem) {
      setMessage({ text: problem, invalid: true });
      return;
    }
    onSend(draft);
    setDraft("");
    setRecall(null);
    setMessage(null);
  };

  const walk = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key !== "ArrowUp" && e.key !== "ArrowDown") || history.length === 0) return;
    e.preventDefault();
    if (e.key === "ArrowUp") {
      if (recall === null) setKept(draft);
      const at = recall === null ? history.length - 1 : Math.max(0, recall - 1);
      setRecall(at);
      setDraft(history[at]!);
    } else if (recall !== null) {
      const at = recall + 1;
      setRecall(at >= history.length ? null : at);
      setDraft(at >= history.length ? kept : history[at]!);
    }
  };

  const said = message?.text ?? error ?? (busy ? "Running…" : "");

  return (
    <section className={styles.console} aria-label="FTP console">
      <ol className={styles.history} aria-label="Commands typed and the server's replies">
        {lines.map((l) => (
          <li key={l.index} className={styles.entry} data-state={l.state}>
            <button
              type="button"
              className={styles.command}
              disabled={l.step === null}
              onClick={() => l.step !== null && onJump(l.step)}
              title={l.step === null ? undefined : `Go to step ${l.step + 1}, where it was sent`}
            >
              <span className={styles.prompt} aria-hidden="true">
                ftp&gt;{" "}
              </span>
              {maskSecrets(l.line)}
            </button>
            {l.replies.map((r) => {
              const current = r.event === currentReply;
              return (
                <div
                  key={r.event}
                  className={`${styles.reply} ${r.code >= 400 ? styles.failure : ""} ${current ? styles.current : ""}`}
                  aria-current={current ? "step" : undefined}
                >
                  {current && <span className={styles.now}>now</span>}
                  {r.lines.map((text, n) => (
                    <samp key={n} className={styles.replyLine}>
                      {text}
                    </samp>
                  ))}
                </div>
              );
            })}
            {l.state !== "answered" && <p className={styles.state}>{STATE_WORDS[l.state]}</p>}
          </li>
        ))}
      </ol>
      <form className={styles.form} onSubmit={submit}>
        <label htmlFor={inputId} className={styles.label}>
          FTP command
        </label>
        <span className={styles.prompt} aria-hidden="true">
          ftp&gt;
        </span>
        <input
          id={inputId}
          className={styles.input}
          type="text"
          value={draft}
          placeholder="USER demo"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={messageId}
          aria-invalid={message?.invalid === true}
          onChange={(e) => {
            setDraft(e.target.value);
            setMessage(null);
          }}
          onKeyDown={walk}
        />
        <button type="submit" className={styles.send} aria-disabled={busy}>
          Send
        </button>
        {onClear && (
          <button type="button" className={styles.clear} onClick={onClear} disabled={history.length === 0}>
            Clear
          </button>
        )}
      </form>
      <p id={messageId} className={`${styles.message} ${message !== null || error !== null ? styles.problem : ""}`} role="status" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
