"use client";

/**
 * "Real vs simulated": the simulated control connection beside a recorded curl -v log of the same
 * scenario, per transfer, line against line. Each row says in words whether the two sides agree,
 * agree but for the random port numbers (underlined), or have a line only one side has — colour
 * only repeats what the words say. The password stays masked (align.ts's cleanLine).
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from "react";
import type { RealRun } from "../../lessons/real-run";
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import type { Direction, LogLine, Mark, Part, Row } from "./align";
import { compareRun, type ComparedTransfer, type Outcome, type SimLine } from "./compare-run";
import styles from "./RealVsSimulated.module.css";

export interface RealVsSimulatedProps {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly step: number;
  readonly run: RealRun;
  /** Scroll to the current row without smooth motion. */
  readonly reducedMotion?: boolean;
}

const MARKS: Record<Mark, { readonly short: string; readonly long: string }> = {
  same: { short: "= same", long: "the same on both sides" },
  random: { short: "≈ port", long: "the same but for a random port number" },
  login: { short: "≈ login", long: "the same login step for another account: the real run logged in as anonymous (vsftpd asks no password), the simulation as demo" },
  "sim-only": { short: "sim only", long: "only in the simulation" },
  "real-only": { short: "real only", long: "only in the real run" },
};

/** curl -v's own markers, used for both columns so the two read alike. */
const PREFIX: Record<Direction, { readonly sign: string; readonly words: string }> = {
  sent: { sign: ">", words: "client sends" },
  received: { sign: "<", words: "server replies" },
  note: { sign: "*", words: "client remark" },
  data: { sign: "", words: "data" },
};

function Line({ line, parts }: { line: LogLine; parts: readonly Part[] }) {
  const fail = line.dir === "received" && /^[45]\d\d/.test(parts[0]?.text ?? "");
  const p = PREFIX[line.dir];
  return (
    <span className={`${styles.line} ${styles[`dir-${line.dir}`] ?? ""} ${fail ? styles.fail : ""}`}>
      {p.sign && (
        <span className={styles.sign} aria-hidden="true">
          {p.sign}{" "}
        </span>
      )}
      <span className="sr-only">{p.words}: </span>
      {parts.map((part, i) =>
        part.random ? (
          <span key={i} className={styles.random} title="Random: a new number in every run">
            {part.text}
          </span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

const None = () => (
  <span className={styles.none}>
    <span aria-hidden="true">—</span>
    <span className="sr-only">no line</span>
  </span>
);

/**
 * One side of a row. On a phone the row stacks (three columns would leave a few characters per
 * line), so each cell names its side there; the column header names it everywhere else.
 */
function Cell({ side, line, parts }: { side: "sim" | "real"; line: LogLine | null; parts: readonly Part[] | null }) {
  const present = line !== null && parts !== null;
  return (
    <td className={`${styles.cell} ${present ? "" : styles.empty}`}>
      <span className={styles.side} aria-hidden="true">
        {side}
      </span>
      {present ? <Line line={line} parts={parts} /> : <None />}
    </td>
  );
}

function outcomeText(o: Outcome | null): string {
  if (!o) return "no such transfer";
  return `${o.result}${o.lastReply === null ? ", no reply" : `, ${o.lastReply}`}`;
}

function Verdict({ t }: { t: ComparedTransfer }) {
  return (
    <p className={`${styles.verdict} ${t.agree ? styles.agree : styles.disagree}`}>
      <span className={styles.verdictMark} aria-hidden="true">
        {t.agree ? "✓" : "✕"}
      </span>{" "}
      <strong>{t.agree ? "Agree" : "Disagree"}:</strong> real <strong>{outcomeText(t.real)}</strong>
      {t.real && <> in {Math.round(t.real.durationMs)} ms</>}, simulated <strong>{outcomeText(t.simulated)}</strong>
    </p>
  );
}

const Rows = memo(function Rows({ rows, step }: { rows: readonly Row<SimLine, LogLine>[]; step: number }) {
  // aria-current goes on the first row of the step only (a reply may span several lines).
  const first = rows.findIndex((r) => r.sim?.step === step);
  return (
    <tbody>
      {rows.map((row, i) => {
        const current = row.sim?.step === step;
        return (
          <tr key={i} className={`${styles.row} ${styles[`mark-${row.mark}`] ?? ""} ${current ? styles.current : ""}`} aria-current={i === first ? "step" : undefined}>
            <td className={styles.mark} title={MARKS[row.mark].long}>
              <span aria-hidden="true">{MARKS[row.mark].short}</span>
              <span className="sr-only">{MARKS[row.mark].long}</span>
            </td>
            <Cell side="sim" line={row.sim} parts={row.simParts} />
            <Cell side="real" line={row.real} parts={row.realParts} />
          </tr>
        );
      })}
    </tbody>
  );
});

export function RealVsSimulated({ trace, timeline, step, run, reducedMotion = false }: RealVsSimulatedProps) {
  const transfers = useMemo(() => compareRun(trace, timeline, run), [trace, timeline, run]);
  const [remarks, setRemarks] = useState(true);
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);

  // Keep the current step's row in view as the lab steps, as the transcript does; leave the
  // scroll alone while it is visible, so reading ahead is not interrupted.
  useEffect(() => {
    const box = scroller.current;
    const row = box?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!box || !row) return;
    const b = box.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const header = row.closest("table")?.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    if (r.top >= b.top + header && r.bottom <= b.bottom) return;
    const top = Math.max(0, box.scrollTop + r.top - b.top - box.clientHeight / 3);
    if (typeof box.scrollTo === "function") box.scrollTo({ top, behavior: reducedMotion ? "auto" : "smooth" });
    else box.scrollTop = top;
  }, [step, remarks, reducedMotion]);

  const { recorded } = run;
  return (
    <div className={styles.root} ref={scroller}>
      <p className={styles.recorded}>
        Real run recorded {recorded.date}: <strong>{recorded.server}</strong> and <strong>{recorded.client}</strong> on {recorded.kernel}
        <span className={styles.curlMode}> (curl mode {recorded.curlMode})</span>.
      </p>
      <p className={styles.explain}>
        curl ran each transfer as its own process, with its own login; the simulator runs them all in one session.{" "}
        <span className={styles.random}>Underlined</span> numbers are random in every run. The real run logged in as anonymous, which
        vsftpd lets in without a password; the simulation logs in as demo: those lines are marked &ldquo;≈ login&rdquo;.
      </p>
      <label className={styles.toggle}>
        <input type="checkbox" checked={remarks} onChange={(e) => setRemarks(e.target.checked)} />
        <span>
          Show curl&apos;s own remarks (the lines marked <span className={styles.sign}>*</span>)
        </span>
      </label>
      {transfers.map((t) => {
        const rows = remarks ? t.rows : t.rows.filter((r) => !(r.mark === "real-only" && r.real?.dir === "note"));
        const heading = `${id}-transfer-${t.index}`;
        return (
          <section key={t.index} className={styles.transfer} aria-labelledby={heading}>
            <h3 id={heading} className={styles.heading}>
              Transfer {t.index + 1}: <code className={styles.command}>{t.command}</code>
            </h3>
            <Verdict t={t} />
            <table className={styles.table}>
              <caption className="sr-only">
                Transfer {t.index + 1}, {t.command}: the simulated and the real control connection, line by line
              </caption>
              <colgroup>
                <col className={styles.markCol} />
                <col />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col" className={styles.mark}>
                    Match
                  </th>
                  <th scope="col">Simulated</th>
                  <th scope="col">Real (curl -v)</th>
                </tr>
              </thead>
              <Rows rows={rows} step={step} />
            </table>
          </section>
        );
      })}
    </div>
  );
}

export default RealVsSimulated;
