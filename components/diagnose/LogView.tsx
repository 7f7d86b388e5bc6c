"use client";
/**
 * The log as pasted (passwords masked on screen), numbered as the diagnosis numbers it: the
 * chosen cause's evidence lines highlighted and labelled "evidence", the line where the data
 * connection dies marked and labelled. A very long log shows the lines around the evidence and
 * says how many it leaves out. Evidence links elsewhere on the page scroll a line into view
 * (scrollToLine).
 */
import { useMemo } from "react";
import { maskSecrets } from "./mask";
import styles from "./Diagnose.module.css";

export interface LogLine {
  readonly line: number;
  readonly text: string;
}

/** Beyond this many lines only the lines near the evidence are drawn. */
const FULL_LOG_LINES = 1500;
const CONTEXT = 12;

type Row = { kind: "line"; line: LogLine } | { kind: "gap"; from: number; to: number };

const lineId = (prefix: string, n: number) => `${prefix}-line-${n}`;

/** Scroll a line of the log into view inside its box and give it focus, so a keyboard user lands there. */
export function scrollToLine(prefix: string, n: number, reducedMotion: boolean): void {
  const el = document.getElementById(lineId(prefix, n));
  if (!el) return;
  el.scrollIntoView({ block: "center", behavior: reducedMotion ? "auto" : "smooth" });
  el.focus({ preventScroll: true });
}

function rowsOf(lines: readonly LogLine[], keep: ReadonlySet<number>): Row[] {
  if (lines.length <= FULL_LOG_LINES) return lines.map((line) => ({ kind: "line", line }));
  const near = (n: number) => n <= CONTEXT || [...keep].some((k) => Math.abs(k - n) <= CONTEXT);
  const rows: Row[] = [];
  for (const line of lines) {
    if (near(line.line)) rows.push({ kind: "line", line });
    else {
      const last = rows[rows.length - 1];
      if (last?.kind === "gap") rows[rows.length - 1] = { ...last, to: line.line };
      else rows.push({ kind: "gap", from: line.line, to: line.line });
    }
  }
  return rows;
}

export function LogView({
  lines,
  evidence,
  failureLine,
  idPrefix,
  unit = "line",
}: {
  lines: readonly LogLine[];
  evidence: ReadonlySet<number>;
  failureLine: number | null;
  idPrefix: string;
  /** What a number counts: a log's lines, or a capture's packets. */
  unit?: "line" | "packet";
}) {
  const rows = useMemo(() => rowsOf(lines, new Set([...evidence, ...(failureLine === null ? [] : [failureLine])])), [lines, evidence, failureLine]);
  return (
    <div className={styles.logBox} tabIndex={0} role="region" aria-label={`The log, ${lines.length} ${unit}s, passwords masked`}>
      <ol className={styles.log}>
        {rows.map((r) => {
          if (r.kind === "gap") {
            return (
              <li key={`gap-${r.from}`} className={styles.logGap}>
                … {r.to - r.from + 1} {unit}s not shown ({r.from}–{r.to}) …
              </li>
            );
          }
          const { line, text } = r.line;
          const isEvidence = evidence.has(line);
          const isFailure = failureLine === line;
          return (
            <li
              key={line}
              id={lineId(idPrefix, line)}
              tabIndex={-1}
              className={`${styles.logLine}${isEvidence ? ` ${styles.evidence}` : ""}${isFailure ? ` ${styles.failure}` : ""}`}
              data-line={line}
              data-evidence={isEvidence ? "yes" : undefined}
              data-failure={isFailure ? "yes" : undefined}
            >
              <span className={styles.lineNo} aria-label={`${unit} ${line}`}>
                {line}
              </span>
              <span className={styles.lineText}>{maskSecrets(text) || " "}</span>
              {(isEvidence || isFailure) && (
                <span className={styles.lineTags}>
                  {isFailure && (
                    <span className={styles.failureTag}>
                      <span aria-hidden="true">✕ </span>the data connection dies here
                    </span>
                  )}
                  {isEvidence && (
                    <span className={styles.evidenceTag}>
                      <span aria-hidden="true">◆ </span>evidence
                    </span>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
