"use client";
/**
 * The ranked causes (a radio group: arrows move between them) and the chosen one in full: what
 * happened in two sentences, the log lines that say so (each a link to its line), how the lab
 * rebuilt it, the fixes by side and program — marked "checked in the lab" only where the
 * simulator saw the listing arrive with the fix — and the commands to check the real server.
 */
import { useId, useState } from "react";
import type { DiagnosisCause, DiagnosisFix } from "../../sim/diagnose";
import { confidenceWidth, confidenceWords, programName } from "./words";
import styles from "./Diagnose.module.css";

export function CausePicker({ causes, selected, onSelect }: { causes: readonly DiagnosisCause[]; selected: number; onSelect: (i: number) => void }) {
  const name = useId();
  return (
    <fieldset className={styles.causes} role="radiogroup" aria-labelledby={`${name}-legend`}>
      <legend id={`${name}-legend`} className={styles.sectionTitle}>
        Likely causes, most likely first
      </legend>
      {causes.map((c, i) => {
        const pct = Math.round(c.confidence * 100);
        return (
          <label key={c.id} className={`${styles.cause}${i === selected ? ` ${styles.causeSelected}` : ""}`} data-cause={c.id}>
            <input type="radio" name={name} checked={i === selected} onChange={() => onSelect(i)} />
            <span className={styles.causeBody}>
              <span className={styles.causeTitle}>
                {i + 1}. {c.title}
              </span>
              <span className={styles.confidence}>
                <span className={styles.confidenceWords}>
                  {confidenceWords(c.confidence)} · {pct}%
                </span>
                <span className={styles.bar} aria-hidden="true">
                  <span className={styles.barFill} style={{ width: `${confidenceWidth(c.confidence)}%` }} />
                </span>
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** "line 13", "lines 13, 15 and 32" as buttons that scroll the log there. */
function EvidenceLinks({ lines, unit, onShow }: { lines: readonly number[]; unit: string; onShow: (n: number) => void }) {
  if (lines.length === 0) return null;
  return (
    <p className={styles.evidenceLinks}>
      <span>The {unit}s that say so:</span>{" "}
      {lines.map((n) => (
        <button key={n} type="button" className={styles.lineLink} onClick={() => onShow(n)} aria-label={`Show ${unit} ${n} of the log`}>
          {unit} {n}
        </button>
      ))}
    </p>
  );
}

export interface FixRef {
  readonly cause: number;
  readonly fix: number;
}

function FixStatus({ fix }: { fix: DiagnosisFix }) {
  if (fix.verified)
    return (
      <span className={styles.verified} data-verified="yes">
        <span aria-hidden="true">✓ </span>checked in the lab: the listing arrives
      </span>
    );
  return (
    <span className={styles.unverified} data-verified="no">
      <span aria-hidden="true">· </span>
      {fix.scenario ? "not confirmed in the lab: the listing still does not arrive there" : "not modelled in the lab"}
    </span>
  );
}

function FixList({ cause, causeIndex, applied, onApply }: { cause: DiagnosisCause; causeIndex: number; applied: FixRef | null; onApply: (f: FixRef | null) => void }) {
  const sides = (["server", "client"] as const)
    .map((side) => {
      const fixes = cause.fixes.map((f, i) => ({ f, i })).filter(({ f }) => f.side === side);
      const programs: { software: string; fixes: { f: DiagnosisFix; i: number }[] }[] = [];
      for (const x of fixes) {
        const g = programs.find((p) => p.software === x.f.software);
        if (g) g.fixes.push(x);
        else programs.push({ software: x.f.software, fixes: [x] });
      }
      return { side, programs };
    })
    .filter((s) => s.programs.length > 0);
  if (sides.length === 0) return <p className={styles.muted}>The lab has no fix to offer for this cause.</p>;
  return (
    <div className={styles.fixSides}>
      {sides.map(({ side, programs }) => (
        <section key={side} aria-labelledby={`fixes-${side}`}>
          <h4 id={`fixes-${side}`} className={styles.fixSideTitle}>
            {side === "server" ? "On the server's side" : "On the client's side"}
          </h4>
          <ul className={styles.fixList}>
            {programs.map((p) => (
              <li key={p.software} className={styles.fixProgram}>
                <h5 className={styles.fixProgramName}>{programName(p.software)}</h5>
                {p.fixes.map(({ f, i }) => {
                  const isApplied = applied !== null && applied.cause === causeIndex && applied.fix === i;
                  return (
                    <div key={i} className={styles.fix} data-fix={`${f.side}-${f.software}`}>
                      <p className={styles.fixText}>{f.text}</p>
                      <div className={styles.fixFoot}>
                        <FixStatus fix={f} />
                        {f.scenario && (
                          <button type="button" aria-pressed={isApplied} onClick={() => onApply(isApplied ? null : { cause: causeIndex, fix: i })}>
                            {isApplied && <span aria-hidden="true">✓ </span>}
                            Apply this fix
                            <span className="sr-only"> ({programName(f.software)})</span>
                          </button>
                        )}
                      </div>
                    </div>
                  );
                })}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Checks({ cause }: { cause: DiagnosisCause }) {
  const [status, setStatus] = useState("");
  if (cause.checks.length === 0) return null;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied: ${text}`);
    } catch {
      setStatus("Could not copy: select the command and copy it by hand.");
    }
  };
  return (
    <section aria-labelledby="checks-heading">
      <h3 id="checks-heading" className={styles.subTitle}>
        Check it on your real server
      </h3>
      <ul className={styles.checkList}>
        {cause.checks.map((c) => (
          <li key={c.command}>
            <div className={styles.commandRow}>
              <code className={styles.command}>$ {c.command}</code>
              <button type="button" onClick={() => void copy(c.command)} aria-label={`Copy the command ${c.command}`}>
                Copy
              </button>
            </div>
            <p className={styles.expect}>
              <span className={styles.expectLabel}>If the fix took, it prints:</span> <code>{c.expect}</code>
            </p>
          </li>
        ))}
      </ul>
      <p role="status" className={styles.copyStatus}>
        {status}
      </p>
    </section>
  );
}

export function CauseDetail({
  cause,
  causeIndex,
  unit,
  onShowLine,
  applied,
  onApply,
}: {
  cause: DiagnosisCause;
  causeIndex: number;
  unit: "line" | "packet";
  onShowLine: (n: number) => void;
  applied: FixRef | null;
  onApply: (f: FixRef | null) => void;
}) {
  return (
    <article className={styles.causeDetail} aria-labelledby="cause-heading" data-cause={cause.id}>
      <h3 id="cause-heading" className={styles.causeHeading}>
        {cause.title}
      </h3>
      <p className={styles.explanation}>{cause.explanation}</p>
      <EvidenceLinks lines={cause.evidence} unit={unit} onShow={onShowLine} />
      {cause.setup && (
        <p className={styles.setup}>
          <strong>Rebuilt in the lab:</strong> {cause.setup}
        </p>
      )}
      <section aria-labelledby="fixes-heading">
        <h3 id="fixes-heading" className={styles.subTitle}>
          Fixes
        </h3>
        <FixList cause={cause} causeIndex={causeIndex} applied={applied} onApply={onApply} />
      </section>
      <Checks cause={cause} />
    </article>
  );
}
