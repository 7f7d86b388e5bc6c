"use client";
/**
 * /diagnose: bring your own session (issue 13). Paste a log, drop a file (a text log, or a
 * .pcap/.pcapng capture read as bytes) or pick an example; the log is diagnosed in this browser
 * (a Web Worker, run-diagnosis.ts) and the page shows the log with its evidence, the ranked
 * causes with their fixes and checks, and the rebuilt session in the lab at the packet that dies.
 * "Apply this fix" puts the fixed session beside it. Links carry the rebuilt session, never
 * the log (carry.ts).
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, useTransition, type DragEvent } from "react";
import type { Diagnosis } from "../../sim/diagnose";
import { CAUSE_TITLES } from "../../sim/diagnose/causes";
import { decodeText } from "../../sim/diagnose/log-text";
import type { ScenarioInput } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import { CauseDetail, CausePicker, type FixRef } from "./CauseView";
import { playgroundLink, readShareFragment, shareFragment, type SharedDiagnosis } from "./carry";
import type { Outcome } from "./engine";
import { EXAMPLES } from "./examples";
import { MAX_TEXT_CHARS, isCapture, looksBinary } from "./input-check";
import { LogView, scrollToLine, type LogLine } from "./LogView";
import { createDiagnoseClient, type DiagnoseClient } from "./run-diagnosis";
import { SessionLabs } from "./SessionLab";
import { failureWords, programName, summaryOf } from "./words";
import styles from "./Diagnose.module.css";

type Source = { kind: "text" } | { kind: "file"; name: string; bytes: Uint8Array };

interface Result {
  readonly diagnosis: Diagnosis;
  readonly lines: readonly LogLine[];
  readonly unit: "line" | "packet";
}

type TraceState = { readonly key: string; readonly trace: Trace | null } | null;

const keyOf = (s: ScenarioInput | null | undefined) => (s ? JSON.stringify(s) : null);

function linesOf(outcome: Extract<Outcome, { ok: true }>): Result {
  if (outcome.text !== null) {
    return { diagnosis: outcome.diagnosis, lines: outcome.text.split(/\r\n|\r|\n/).map((text, i) => ({ line: i + 1, text })), unit: "line" };
  }
  // A capture: what the diagnosis read from its packets, numbered by packet.
  return { diagnosis: outcome.diagnosis, lines: outcome.diagnosis.transcript.map((e) => ({ line: e.line, text: `${e.from === "client" ? "> " : e.from === "server" ? "< " : "* "}${e.text}` })), unit: "packet" };
}

/** Read when a scroll starts (only a click scrolls): nothing on screen depends on it. */
const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** A trace of a scenario, asked of the worker when the scenario changes. */
function useTrace(client: DiagnoseClient | null, scenario: ScenarioInput | null): { trace: Trace | null; loading: boolean; failed: boolean } {
  const key = keyOf(scenario);
  const [state, setState] = useState<TraceState>(null);
  useEffect(() => {
    if (!client || !scenario || key === null) return;
    let current = true;
    void client.trace(scenario).then((trace) => {
      if (current) setState({ key, trace });
    });
    return () => {
      current = false;
    };
  }, [client, scenario, key]);
  const ready = state !== null && state.key === key;
  return { trace: ready ? state.trace : null, loading: key !== null && !ready, failed: ready && state.trace === null };
}

export function DiagnosePage() {
  const ids = useId();
  const [client, setClient] = useState<DiagnoseClient | null>(null);
  const [text, setText] = useState("");
  const [source, setSource] = useState<Source>({ kind: "text" });
  const [example, setExample] = useState("");
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [shared, setShared] = useState<SharedDiagnosis | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [applied, setApplied] = useState<FixRef | null>(null);
  const [dragging, setDragging] = useState(false);
  const [copyStatus, setCopyStatus] = useState("");
  const [announce, setAnnounce] = useState("");
  const request = useRef(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const labHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const c = createDiagnoseClient();
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setClient(c);
    // A shared diagnosis: the rebuilt session from the link's fragment (the log is never in it),
    // on opening and when a link is followed from this very page.
    const readHash = () => {
      const read = readShareFragment(window.location.hash);
      if (!read.shared && !read.notice) return;
      request.current++;
      setResult(null);
      setError(null);
      setApplied(null);
      setShared(read.shared);
      setNotice(read.notice);
    };
    readHash();
    window.addEventListener("hashchange", readHash);
    return () => {
      window.removeEventListener("hashchange", readHash);
      c.dispose();
    };
  }, []);

  const run = useCallback(
    async (input: string | Uint8Array, moveFocus = true) => {
      if (!client) return;
      const id = ++request.current;
      setBusy(true);
      setError(null);
      setAnnounce("");
      const outcome = await client.diagnose(input);
      if (id !== request.current) return;
      startTransition(() => {
        setBusy(false);
        setShared(null);
        setNotice(null);
        setSelected(0);
        setApplied(null);
        if (outcome.ok) {
          setResult(linesOf(outcome));
          setError(null);
        } else {
          setResult(null);
          setError(outcome.message);
        }
      });
      setAnnounce(outcome.ok ? (outcome.diagnosis.causes[0] ? `Diagnosed: most likely, ${outcome.diagnosis.causes[0].title.toLowerCase()}.` : "Diagnosed: no failing data connection in this log.") : "");
      // Focus moves to the answer, so a keyboard user lands on it — except from the examples
      // list, where arrow keys browse the examples and focus must stay.
      if (moveFocus) requestAnimationFrame(() => resultHeading.current?.focus());
    },
    [client],
  );

  const onFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    setExample("");
    if (isCapture(bytes)) {
      setSource({ kind: "file", name: file.name, bytes });
      setText("");
      void run(bytes);
      return;
    }
    const decoded = bytes.length <= MAX_TEXT_CHARS * 2 ? decodeText(bytes) : null;
    if (decoded !== null && !looksBinary(decoded)) {
      setSource({ kind: "text" });
      setText(decoded);
      void run(decoded);
    } else {
      setSource({ kind: "file", name: file.name, bytes });
      setText("");
      void run(bytes);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void onFile(file);
  };

  const pickExample = (id: string) => {
    setExample(id);
    const ex = EXAMPLES.find((x) => x.id === id);
    if (!ex) return;
    setSource({ kind: "text" });
    setText(ex.text);
    void run(ex.text, false);
  };

  const diagnoseNow = () => void run(source.kind === "file" ? source.bytes : text);

  // ---- the result's sessions ----
  const cause = result?.diagnosis.causes[selected] ?? null;
  // A fix belongs to its cause: beside another cause's session it would compare two different setups.
  const fix = applied && applied.cause === selected ? (cause?.fixes[applied.fix] ?? null) : null;
  const brokenScenario = shared ? shared.session : (cause?.scenario ?? null);
  const fixedScenario = shared ? shared.fix : (fix?.scenario ?? null);
  const broken = useTrace(client, brokenScenario);
  const fixed = useTrace(client, fixedScenario);

  // Stable, so the diagnosis view (the log's lines) is not drawn again on every keystroke.
  const showLine = useCallback((n: number) => scrollToLine(ids, n, prefersReducedMotion()), [ids]);
  const onApply = useCallback((f: FixRef | null) => {
    setApplied(f);
    if (f) requestAnimationFrame(() => labHeading.current?.scrollIntoView({ block: "start", behavior: prefersReducedMotion() ? "auto" : "smooth" }));
  }, []);

  const shareTarget: SharedDiagnosis | null = shared ?? (brokenScenario ? { session: brokenScenario, fix: fixedScenario, cause: cause?.id ?? null } : null);
  // Only a diagnosis or a link's fragment makes a share target, and both come after mounting: no server render reaches window.
  const shareUrl = shareTarget ? `${window.location.origin}/diagnose#${shareFragment(shareTarget)}` : null;
  const playground = useMemo(() => (broken.trace ? playgroundLink(broken.trace.scenario) : null), [broken.trace]);
  const fixedPlayground = useMemo(() => (fixed.trace ? playgroundLink(fixed.trace.scenario) : null), [fixed.trace]);
  const copyShare = async () => {
    if (!shareUrl) return;
    try {
      await navigator.clipboard.writeText(shareUrl);
      setCopyStatus("Copied the link. It carries the rebuilt session, not your log.");
    } catch {
      setCopyStatus("Could not copy: select the link and copy it by hand.");
    }
  };

  const fixLabel = fix ? `${programName(fix.software)} — ${fix.text.length > 70 ? `${fix.text.slice(0, 68).trimEnd()}…` : fix.text}` : shared?.fix ? "the shared fix" : null;
  const sharedTitle = shared?.cause ? CAUSE_TITLES[shared.cause] : null;

  return (
    <div className={styles.page}>
      <p className={styles.privacy} id={`${ids}-privacy`}>
        <strong>Everything happens in this browser.</strong> The log is read and the sessions are simulated on this page; nothing is uploaded or sent anywhere. Passwords in the log are masked on screen.
      </p>

      <section className={styles.inputPanel} aria-labelledby={`${ids}-input`}>
        <h2 id={`${ids}-input`} className={styles.sectionTitle}>
          Your log
        </h2>
        <div className={styles.inputGrid}>
          <div className={styles.pasteCol}>
            <label htmlFor={`${ids}-text`} className={styles.fieldLabel}>
              Paste a client or server log
            </label>
            <p id={`${ids}-text-hint`} className={styles.hint}>
              FileZilla&apos;s message log, <code>curl -v</code>, lftp <code>debug</code>, WinSCP, Python ftplib at debug level, BSD or GNU <code>ftp -d</code>, Windows ftp; or a vsftpd, ProFTPD, Pure-FTPd or FileZilla Server log. Ctrl+Enter diagnoses.
            </p>
            <textarea
              id={`${ids}-text`}
              className={styles.textarea}
              aria-describedby={`${ids}-text-hint ${ids}-privacy`}
              value={source.kind === "file" ? "" : text}
              placeholder={source.kind === "file" ? `${source.name}: a file, read as it is` : "Status:\tConnecting to 203.0.113.5:21...\nResponse:\t220 (vsFTPd 3.0.3)\n…"}
              spellCheck={false}
              autoComplete="off"
              rows={9}
              onChange={(e) => {
                setText(e.target.value);
                setSource({ kind: "text" });
                setExample("");
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  diagnoseNow();
                }
              }}
            />
          </div>
          <div className={styles.otherCol}>
            <div
              className={`${styles.dropZone}${dragging ? ` ${styles.dropping}` : ""}`}
              role="group"
              aria-labelledby={`${ids}-drop`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              data-testid="drop-zone"
            >
              <p id={`${ids}-drop`} className={styles.fieldLabel}>
                Or drop a file here
              </p>
              <p className={styles.hint}>A text log, or a .pcap/.pcapng capture of the session.</p>
              <input
                id={`${ids}-file`}
                type="file"
                className={styles.fileInput}
                accept=".log,.txt,.pcap,.pcapng,.cap,text/plain,application/vnd.tcpdump.pcap"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void onFile(f);
                  e.target.value = "";
                }}
              />
              <label htmlFor={`${ids}-file`} className="button">
                Choose a file…
              </label>
              {source.kind === "file" && (
                <p className={styles.fileName}>
                  <span aria-hidden="true">📄 </span>
                  {source.name} ({Math.max(1, Math.round(source.bytes.length / 1024))} KB)
                </p>
              )}
            </div>
            <div className={styles.exampleField}>
              <label htmlFor={`${ids}-example`} className={styles.fieldLabel}>
                Or pick an example
              </label>
              <select id={`${ids}-example`} value={example} onChange={(e) => pickExample(e.target.value)}>
                <option value="">— an example log —</option>
                {EXAMPLES.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.label}
                  </option>
                ))}
              </select>
              {example && <p className={styles.hint}>{EXAMPLES.find((x) => x.id === example)?.about}</p>}
            </div>
            <button type="button" className="primary" onClick={diagnoseNow} disabled={!client || busy}>
              {busy ? "Diagnosing…" : "Diagnose"}
            </button>
          </div>
        </div>
        <p role="status" className={styles.busy} aria-live="polite">
          {busy ? "Reading the log and simulating the candidate sessions…" : announce}
        </p>
      </section>

      {notice && (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      )}

      <section className={styles.result} aria-labelledby={`${ids}-result`} aria-busy={busy}>
        <h2 id={`${ids}-result`} ref={resultHeading} tabIndex={-1} className={styles.sectionTitle}>
          {shared ? "A shared diagnosis" : "What the log says"}
        </h2>
        {error && (
          <p role="alert" className={styles.error}>
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        )}
        {!error && !result && !shared && <p className={styles.muted}>Paste a log, drop a file, or pick an example: the diagnosis appears here.</p>}
        {shared && (
          <p className={styles.summary}>
            The session someone rebuilt from their log{sharedTitle ? `, diagnosed as “${sharedTitle}”` : ""}. The link carries the session, not the log.
          </p>
        )}
        {result && <DiagnosisView result={result} selected={selected} onSelect={setSelected} applied={applied} onApply={onApply} idPrefix={ids} onShowLine={showLine} />}
      </section>

      {(brokenScenario || (result && result.diagnosis.causes.length > 0)) && (
        <section className={styles.labSection} aria-labelledby={`${ids}-lab`}>
          <h2 id={`${ids}-lab`} ref={labHeading} className={styles.sectionTitle}>
            {fixedScenario ? "The session, broken and fixed" : "The session, rebuilt in the lab"}
          </h2>
          {!brokenScenario && <p className={styles.muted}>The lab cannot rebuild the session for this cause: the log does not say enough about the setup. The explanation and fixes above still apply.</p>}
          {brokenScenario && (
            <>
              <div className={styles.labTools}>
                <p className={styles.labNote}>
                  {!broken.trace
                    ? broken.loading
                      ? "Simulating the session…"
                      : "The session could not be simulated."
                    : fixedScenario
                      ? "The broken session opens where its data connection dies, the fixed one where the same transfer ends; each has its own controls."
                      : "Opened at the step where the data connection dies; ← → step, space plays."}
                </p>
                {playground && (
                  <a className="button" href={playground.href}>
                    Open in the playground
                  </a>
                )}
                {fixedPlayground && (
                  <a className="button" href={fixedPlayground.href}>
                    Open the fixed session in the playground
                  </a>
                )}
                {shareUrl && (
                  <div className={styles.shareRow}>
                    <label htmlFor={`${ids}-share`} className={styles.shareLabel}>
                      Share this diagnosis
                    </label>
                    <input id={`${ids}-share`} className={styles.shareInput} readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${ids}-share-hint`} />
                    <button type="button" onClick={() => void copyShare()}>
                      Copy link
                    </button>
                  </div>
                )}
              </div>
              <p id={`${ids}-share-hint`} className={styles.hint}>
                The link carries the rebuilt session (its addresses and settings), never your log.
                {playground && playground.lost.length > 0 ? ` The playground cannot set: ${playground.lost.join(", ").toLowerCase()}; it uses its own addresses.` : " The playground uses its own addresses."}
              </p>
              <p role="status" className={styles.copyStatus}>
                {copyStatus}
              </p>
              {broken.trace && <SessionLabs broken={broken.trace} fixed={fixed.trace} fixLabel={fixLabel} />}
              {fixedScenario && fixed.loading && <p className={styles.muted}>Simulating the fixed session…</p>}
            </>
          )}
        </section>
      )}
    </div>
  );
}

const DiagnosisView = memo(function DiagnosisView({
  result,
  selected,
  onSelect,
  applied,
  onApply,
  idPrefix,
  onShowLine,
}: {
  result: Result;
  selected: number;
  onSelect: (i: number) => void;
  applied: FixRef | null;
  onApply: (f: FixRef | null) => void;
  idPrefix: string;
  onShowLine: (n: number) => void;
}) {
  const d = result.diagnosis;
  const cause = d.causes[selected] ?? null;
  const evidence = useMemo(() => new Set(cause?.evidence ?? []), [cause]);
  const failure = failureWords(d);
  return (
    <>
      <p className={styles.summary}>{summaryOf(d)}</p>
      {failure && (
        <p className={styles.failureLine}>
          <span aria-hidden="true">✕ </span>
          {failure}{" "}
          <button type="button" className={styles.lineLink} onClick={() => onShowLine(d.failure!.line)}>
            Show {result.unit} {d.failure!.line}
          </button>
        </p>
      )}
      {d.causes.length === 0 && <p className={styles.okLine}>This log shows no data connection failing: the transfers it shows worked, or it stops before one. Paste the log up to the error.</p>}
      <div className={styles.resultGrid}>
        <div className={styles.causeCol}>
          {d.causes.length > 0 && <CausePicker causes={d.causes} selected={selected} onSelect={onSelect} />}
          {cause && <CauseDetail cause={cause} causeIndex={selected} unit={result.unit} onShowLine={onShowLine} applied={applied} onApply={onApply} />}
        </div>
        <div className={styles.logCol}>
          <h3 className={styles.subTitle}>The log</h3>
          <p className={styles.legend}>
            <span className={styles.evidenceTag}>
              <span aria-hidden="true">◆ </span>evidence
            </span>{" "}
            the lines the chosen cause rests on ·{" "}
            <span className={styles.failureTag}>
              <span aria-hidden="true">✕ </span>the data connection dies here
            </span>
          </p>
          <LogView lines={result.lines} evidence={evidence} failureLine={d.failure?.line ?? null} idPrefix={idPrefix} unit={result.unit} />
        </div>
      </div>
    </>
  );
});
