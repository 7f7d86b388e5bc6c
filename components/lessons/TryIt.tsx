"use client";
/**
 * A "try it" step: one or two knobs of the lesson's scenario, unlocked for the learner, and what
 * to look for. Each knob is the registry's (sim/scenario/knobs.ts), with the label, options and
 * glossary term the playground's setup panel shows. Changing a knob hands the changed scenario
 * to the player, which simulates it and shows the new trace in the same lab; "Back to the
 * lesson's setup" undoes it.
 */
import { useId, type ReactNode } from "react";
import { knobApplies, knobSetting, knobWords } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { TOGGLES, applyToggle, toggleValue, type Toggle, type ToggleName, type ToggleOption } from "../../lessons/lesson-model";
import { TermHint } from "../setup/TermHint";
import styles from "./TryIt.module.css";

export interface TryItProps {
  readonly toggles: readonly ToggleName[];
  readonly lookFor: string;
  /** The lesson's own scenario for this step, and the one on screen now. */
  readonly original: Scenario;
  readonly current: Scenario;
  readonly busy?: boolean;
  readonly onChange: (scenario: Scenario) => void;
  /** A challenge (Challenge.tsx) names itself and its goal, and adds its check below. */
  readonly badge?: string;
  readonly lookForLabel?: string;
  readonly children?: ReactNode;
}

const encode = (v: ToggleOption["value"]) => JSON.stringify(v);

export function TryIt({ toggles, lookFor, original, current, busy = false, onChange, badge = "Try it", lookForLabel = "Look for:", children }: TryItProps) {
  const id = useId();
  const changed = current !== original;
  return (
    <section className={styles.tryIt} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className={styles.badge}>
        {badge}
      </p>
      <div className={styles.knobs}>
        {toggles.map((name) => {
          const knob: Toggle = TOGGLES[name];
          const value = toggleValue(current, name);
          const known = knob.options.some((o) => o.value === value);
          const selectId = `${id}-${name}`;
          const setting = knobSetting(knob, current);
          // A knob's words can depend on the setup (a router forwards, a security group allows).
          const words = knobWords(knob, current);
          return (
            <div key={name} className={styles.knob}>
              <span className={styles.label}>
                <label htmlFor={selectId}>
                  {words.label}
                  {knob.hint && <small> {knob.hint}</small>}
                  {setting && <small> ({setting})</small>}
                </label>
                <TermHint id={words.term} />
              </span>
              <select
                id={selectId}
                value={encode(value)}
                // A knob that means nothing for this scenario (ftp.exe's mode: it has only active).
                disabled={!knobApplies(knob, current)}
                onChange={(e) => {
                  const option = knob.options.find((o) => encode(o.value) === e.target.value);
                  if (option) onChange(applyToggle(current, name, option.value));
                }}
              >
                {!known && <option value={encode(value)}>as in the lesson ({String(value)})</option>}
                {knob.options.map((o) => (
                  <option key={encode(o.value)} value={encode(o.value)}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        {changed && (
          <button type="button" onClick={() => onChange(original)}>
            Back to the lesson&apos;s setup
          </button>
        )}
      </div>
      <p className={styles.lookFor}>
        <strong>{lookForLabel}</strong> {lookFor}
      </p>
      {children}
      <p className={styles.status} aria-live="polite">
        {busy ? "Simulating…" : changed ? "The lab now shows your setup." : ""}
      </p>
    </section>
  );
}
