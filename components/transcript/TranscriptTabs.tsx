"use client";

/**
 * The transcript panel's tabs: the lab's transcript, the session as the client program logs it
 * ("As lftp logs it", sim/software/program-log.ts), and, when a recorded real run matches the
 * scenario on screen, "Real vs simulated". The program log and the comparison load their code
 * only when their tab is first wanted (a pointer or focus on the tab fetches it), so a lesson's
 * first load stays the transcript's.
 * Keys follow the ARIA tabs pattern (←/→, Home/End move and select); the tabs are buttons, which
 * the lab's playback keys leave alone. A lesson step may ask for a tab (its `transcript` field):
 * each new request selects it once, and the learner can still switch away.
 */
import { clientOnly } from "../client-only";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { RealRun } from "../../lessons/real-run";
import type { TranscriptTab } from "../../lessons/schema";
import type { ViewProps } from "../view-types";
import { Transcript } from "./Transcript";
import { programLogTitle } from "./program-log-title";
import styles from "./TranscriptTabs.module.css";

const loadComparison = () => import("./RealVsSimulated");
const RealVsSimulated = clientOnly(() => loadComparison().then((m) => m.RealVsSimulated), () => <p className="panel-loading">Loading the real run…</p>);

const loadProgramLog = () => import("./ProgramLog");
const ProgramLog = clientOnly(() => loadProgramLog().then((m) => m.ProgramLog), () => <p className="panel-loading">Loading the program&apos;s log…</p>);

type TabId = TranscriptTab | "real";

/** A tab asked for from outside (a lesson step's `transcript`): a new `key` (another step) selects `tab` again. */
export interface TabRequest {
  readonly tab: TranscriptTab;
  readonly key: string;
}

const PRELOAD: Partial<Record<TabId, () => unknown>> = { program: loadProgramLog, real: loadComparison };

export function TranscriptTabs(props: ViewProps & { readonly realRun?: RealRun | null; readonly request?: TabRequest | null }) {
  const { realRun = null, request = null, ...view } = props;
  const tabs: readonly { readonly id: TabId; readonly label: string }[] = [
    { id: "transcript", label: "Transcript" },
    { id: "program", label: programLogTitle(view.trace.scenario.client.software) },
    ...(realRun ? [{ id: "real" as const, label: "Real vs simulated" }] : []),
  ];
  const [chosen, setTab] = useState<TabId>(request?.tab ?? "transcript");
  // A request is honoured once, when it arrives (React's "adjust state when a prop changes").
  const [honoured, setHonoured] = useState<string | null>(request?.key ?? null);
  if ((request?.key ?? null) !== honoured) {
    setHonoured(request?.key ?? null);
    if (request) setTab(request.tab);
  }
  // A tab that went away (the real run no longer matches the setup) leaves the transcript selected.
  const tab: TabId = tabs.some((t) => t.id === chosen) ? chosen : "transcript";
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (i: number) => {
    const k = (i + tabs.length) % tabs.length;
    setTab(tabs[k]!.id);
    buttons.current[k]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    if (e.key === "ArrowRight") select(i + 1);
    else if (e.key === "ArrowLeft") select(i - 1);
    else if (e.key === "Home") select(0);
    else if (e.key === "End") select(tabs.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div data-transcript-tab={tab}>
      <div role="tablist" aria-label="Transcript views" className={styles.tablist}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(t.id)}
            // A pointer on its way or focus arriving: fetch the tab's code before the click.
            onPointerEnter={PRELOAD[t.id] ? () => void PRELOAD[t.id]!() : undefined}
            onFocus={PRELOAD[t.id] ? () => void PRELOAD[t.id]!() : undefined}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={tab !== t.id}>
          {tab === t.id && t.id === "transcript" && <Transcript {...view} />}
          {tab === t.id && t.id === "program" && <ProgramLog {...view} />}
          {tab === t.id && t.id === "real" && realRun && <RealVsSimulated trace={view.trace} timeline={view.timeline} step={view.step} run={realRun} reducedMotion={view.reducedMotion} />}
        </div>
      ))}
    </div>
  );
}
