"use client";

/**
 * The transcript panel's tabs: the lab's transcript, the session as the client program logs it
 * ("As lftp logs it", sim/software/program-log.ts), and, when a recorded real run matches the
 * scenario on screen, "Real vs simulated". The program log and the comparison load their code
 * only when their tab is first wanted (a pointer or focus on the tab fetches it), so a lesson's
 * first load stays the transcript's.
 * The tabs follow the ARIA pattern (../tablist.tsx). A lesson step may ask for a tab (its `transcript` field):
 * each new request selects it once, and the learner can still switch away.
 */
import { clientOnly } from "../client-only";
import { useId } from "react";
import type { RealRun } from "../../lessons/real-run";
import type { TranscriptTab } from "../../lessons/schema";
import type { ViewProps } from "../view-types";
import { Transcript } from "./Transcript";
import { programLogTitle } from "./program-log-title";
import { Tablist, tabPanelProps, useRequestedTab, type TabRequest as TabRequestOf } from "../tablist";

const loadComparison = () => import("./RealVsSimulated");
const RealVsSimulated = clientOnly(() => loadComparison().then((m) => m.RealVsSimulated), () => <p className="panel-loading">Loading the real run…</p>);

const loadProgramLog = () => import("./ProgramLog");
const ProgramLog = clientOnly(() => loadProgramLog().then((m) => m.ProgramLog), () => <p className="panel-loading">Loading the program&apos;s log…</p>);

type TabId = TranscriptTab | "real";

/** A tab asked for from outside (a lesson step's `transcript`). */
export type TabRequest = TabRequestOf<TranscriptTab>;

const PRELOAD: Partial<Record<TabId, () => unknown>> = { program: loadProgramLog, real: loadComparison };

export function TranscriptTabs(props: ViewProps & { readonly realRun?: RealRun | null; readonly request?: TabRequest | null }) {
  const { realRun = null, request = null, ...view } = props;
  const tabs: readonly { readonly id: TabId; readonly label: string }[] = [
    { id: "transcript", label: "Transcript" },
    { id: "program", label: programLogTitle(view.trace.scenario.client.software) },
    ...(realRun ? [{ id: "real" as const, label: "Real vs simulated" }] : []),
  ];
  const [chosen, setTab] = useRequestedTab<TabId>(request, "transcript");
  // A tab that went away (the real run no longer matches the setup) leaves the transcript selected.
  const tab: TabId = tabs.some((t) => t.id === chosen) ? chosen : "transcript";
  const base = useId();

  return (
    <div data-transcript-tab={tab}>
      <Tablist base={base} label="Transcript views" tabs={tabs.map((t) => ({ ...t, preload: PRELOAD[t.id] }))} selected={tab} onSelect={setTab} />
      {tabs.map((t) => (
        <div key={t.id} {...tabPanelProps(base, t.id, tab === t.id)}>
          {tab === t.id && t.id === "transcript" && <Transcript {...view} />}
          {tab === t.id && t.id === "program" && <ProgramLog {...view} />}
          {tab === t.id && t.id === "real" && realRun && <RealVsSimulated trace={view.trace} timeline={view.timeline} step={view.step} run={realRun} reducedMotion={view.reducedMotion} />}
        </div>
      ))}
    </div>
  );
}
