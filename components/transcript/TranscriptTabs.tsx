"use client";

/**
 * The transcript panel when a recorded real run matches the scenario on screen: a tab list that
 * switches between the usual transcript and "Real vs simulated". The comparison's code loads
 * only when its tab is first opened, so a lesson's first load stays the transcript's.
 * Keys follow the ARIA tabs pattern (←/→, Home/End move and select); the tabs are buttons, which
 * the lab's playback keys leave alone.
 */
import dynamic from "next/dynamic";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { RealRun } from "../../lessons/real-run";
import type { ViewProps } from "../view-types";
import { Transcript } from "./Transcript";
import styles from "./TranscriptTabs.module.css";

const loadComparison = () => import("./RealVsSimulated");
const RealVsSimulated = dynamic(() => loadComparison().then((m) => m.RealVsSimulated), {
  ssr: false,
  loading: () => <p className="panel-loading">Loading the real run…</p>,
});

const TABS = [
  { id: "transcript", label: "Transcript" },
  { id: "real", label: "Real vs simulated" },
] as const;

type TabId = (typeof TABS)[number]["id"];

export function TranscriptTabs(props: ViewProps & { readonly realRun: RealRun }) {
  const { realRun, ...view } = props;
  const [tab, setTab] = useState<TabId>("transcript");
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (i: number) => {
    const k = (i + TABS.length) % TABS.length;
    setTab(TABS[k]!.id);
    buttons.current[k]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    if (e.key === "ArrowRight") select(i + 1);
    else if (e.key === "ArrowLeft") select(i - 1);
    else if (e.key === "Home") select(0);
    else if (e.key === "End") select(TABS.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div data-transcript-tab={tab}>
      <div role="tablist" aria-label="Transcript or real run" className={styles.tablist}>
        {TABS.map((t, i) => (
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
            // A pointer on its way or focus arriving: fetch the comparison before the click.
            onPointerEnter={t.id === "real" ? () => void loadComparison() : undefined}
            onFocus={t.id === "real" ? () => void loadComparison() : undefined}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={tab !== t.id}>
          {tab === t.id && t.id === "transcript" && <Transcript {...view} />}
          {tab === t.id && t.id === "real" && <RealVsSimulated trace={view.trace} timeline={view.timeline} step={view.step} run={realRun} reducedMotion={view.reducedMotion} />}
        </div>
      ))}
    </div>
  );
}
