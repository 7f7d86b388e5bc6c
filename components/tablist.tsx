"use client";
/**
 * A row of tabs as the ARIA tabs pattern has it: buttons with role="tab", the selected one in the
 * tab order, ←/→ and Home/End move and select. The tabs are buttons, which the lab's playback
 * keys leave alone. The panels are the caller's: each is `tabPanelProps(base, id)`.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import styles from "./tablist.module.css";

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
  /** Fetch the tab's code before the click (a pointer on its way, focus arriving). */
  readonly preload?: () => unknown;
}

export function Tablist<T extends string>({ base, label, tabs, selected, onSelect }: { base: string; label: string; tabs: readonly TabSpec<T>[]; selected: T; onSelect: (id: T) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (i: number) => {
    const k = (i + tabs.length) % tabs.length;
    onSelect(tabs[k]!.id);
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
    <div role="tablist" aria-label={label} className={styles.tablist}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${base}-tab-${t.id}`}
          aria-selected={selected === t.id}
          aria-controls={`${base}-panel-${t.id}`}
          tabIndex={selected === t.id ? 0 : -1}
          className={styles.tab}
          onClick={() => onSelect(t.id)}
          onPointerEnter={t.preload ? () => void t.preload!() : undefined}
          onFocus={t.preload ? () => void t.preload!() : undefined}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The props of the panel that belongs to tab `id`. */
export function tabPanelProps(base: string, id: string, selected: boolean) {
  return { role: "tabpanel", id: `${base}-panel-${id}`, "aria-labelledby": `${base}-tab-${id}`, hidden: !selected } as const;
}

/** A tab asked for from outside (a lesson step): a new `key` (another step) selects `tab` again. */
export interface TabRequest<T extends string> {
  readonly tab: T;
  readonly key: string;
}

/** The selected tab: the learner's choice, except that each new request selects its tab once. */
export function useRequestedTab<T extends string>(request: TabRequest<T> | null, initial: T): [T, (id: T) => void] {
  const [chosen, setTab] = useState<T>(request?.tab ?? initial);
  // React's "adjust state when a prop changes": honoured during render, once per request.
  const [honoured, setHonoured] = useState<string | null>(request?.key ?? null);
  if ((request?.key ?? null) !== honoured) {
    setHonoured(request?.key ?? null);
    if (request) setTab(request.tab);
  }
  return [chosen, setTab];
}
