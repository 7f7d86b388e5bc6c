"use client";
/**
 * Every knob of the scenario, drawn from the registry (sim/scenario/knobs.ts): its section, its
 * label and options, its glossary term, and disabled where it does not apply to the scenario on
 * screen (a NAT helper without a NAT). Changing anything re-simulates at once (the page owns the
 * scenario); the playhead stays at the same logical point where it can.
 */
import { useId, type ReactNode } from "react";
import { KNOBS, SECTIONS, isYesNo, knobApplies, knobSetting, knobWords, settingOf, withSettingFollowed, type AnySettings, type ChoiceKnob, type Knob, type KnobValue, type ListKnob, type PortRangeKnob } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { Term } from "../glossary/Term";
import { TermHint } from "./TermHint";

type Value = KnobValue | readonly string[] | readonly [number, number];

/** The chosen server program's own name for the setting a knob stands for, in small type. */
function SettingName({ knob, scenario }: { knob: Knob; scenario: Scenario }) {
  const setting = knobSetting(knob, scenario);
  return setting && <small className="setup-hint"> ({setting})</small>;
}

/** A knob's label, with its hint and the server program's name for the setting in small type. */
function Label({ knob, scenario }: { knob: Knob; scenario: Scenario }) {
  return (
    <>
      {knobWords(knob, scenario).label}
      {knob.hint && <small className="setup-hint"> {knob.hint}</small>}
      <SettingName knob={knob} scenario={scenario} />
    </>
  );
}

function Check({ label, checked, onChange, disabled, term }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; term?: string }) {
  const id = useId();
  return (
    <div className="setup-check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <label htmlFor={id}>{label}</label>
        <TermHint id={term} />
      </span>
    </div>
  );
}

function Choice({ knob, value, disabled, onChange, scenario }: { knob: ChoiceKnob; value: KnobValue; disabled: boolean; onChange: (v: KnobValue) => void; scenario: Scenario }) {
  const id = useId();
  const note = knob.describe?.(scenario) ?? null;
  const words = knobWords(knob, scenario);
  if (isYesNo(knob)) return <Check label={<Label knob={knob} scenario={scenario} />} checked={value === true} disabled={disabled} term={words.term} onChange={onChange} />;
  if (knob.control === "radio") {
    return (
      <div className="setup-radios" role="radiogroup" aria-label={words.label}>
        {knob.options.map((o) => (
          <label key={String(o.value)} className="setup-radio">
            <input type="radio" name={id} value={String(o.value)} checked={value === o.value} disabled={disabled} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
        <TermHint id={words.term} />
      </div>
    );
  }
  return (
    <div className="setup-field">
      <span>
        <label htmlFor={id}>
          <Label knob={knob} scenario={scenario} />
        </label>
        <TermHint id={words.term} />
      </span>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => {
          const option = knob.options.find((o) => String(o.value) === e.target.value);
          if (option) onChange(option.value);
        }}
      >
        {knob.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {note && (
        <small id={`${id}-note`} className="setup-hint">
          {note}
        </small>
      )}
    </div>
  );
}

function PortRange({ knob, value, disabled, onChange, scenario }: { knob: PortRangeKnob; value: readonly [number, number]; disabled: boolean; onChange: (v: readonly [number, number]) => void; scenario: Scenario }) {
  const id = useId();
  const [low, high] = value;
  const port = (text: string) => {
    const v = Number(text);
    return Number.isInteger(v) && v >= knob.min && v <= knob.max ? v : null;
  };
  return (
    <div className="setup-range">
      <span>
        {knob.term ? <Term id={knob.term}>{knob.label}</Term> : knob.label}
        <SettingName knob={knob} scenario={scenario} />
      </span>
      <label htmlFor={`${id}-low`} className="sr-only">
        {knob.label}, lowest port
      </label>
      <input id={`${id}-low`} type="number" min={knob.min} max={knob.max} value={low} disabled={disabled} onChange={(e) => {
        const v = port(e.target.value);
        if (v !== null && v <= high) onChange([v, high]);
      }} />
      <span aria-hidden="true">–</span>
      <label htmlFor={`${id}-high`} className="sr-only">
        {knob.label}, highest port
      </label>
      <input id={`${id}-high`} type="number" min={knob.min} max={knob.max} value={high} disabled={disabled} onChange={(e) => {
        const v = port(e.target.value);
        if (v !== null && v >= low) onChange([low, v]);
      }} />
    </div>
  );
}

function List({ knob, value, disabled, onChange, named }: { knob: ListKnob; value: readonly string[]; disabled: boolean; onChange: (v: readonly string[]) => void; named: boolean }) {
  // Checked in the options' order, each once.
  const toggle = (c: string, on: boolean) => {
    const next = on ? [...value, c] : value.filter((x) => x !== c);
    onChange(knob.options.map((o) => o.value).filter((x) => next.includes(x)));
  };
  return (
    <div role={named ? "group" : undefined} aria-label={named ? knob.label : undefined}>
      {knob.options.map((o) => (
        <Check key={o.value} label={o.label} checked={value.includes(o.value)} disabled={disabled} onChange={(on) => toggle(o.value, on)} />
      ))}
      <TermHint id={knob.term} />
    </div>
  );
}

/** `named`: the knob names its own group (not when its section's legend is its label already). */
function KnobControl({ knob, value, disabled, onChange, named, scenario }: { knob: Knob; value: Value; disabled: boolean; onChange: (v: Value) => void; named: boolean; scenario: Scenario }) {
  switch (knob.kind) {
    case "choice":
      return <Choice knob={knob} value={value as KnobValue} disabled={disabled} onChange={onChange} scenario={scenario} />;
    case "portRange":
      return <PortRange knob={knob} value={value as readonly [number, number]} disabled={disabled} onChange={onChange} scenario={scenario} />;
    case "list":
      return <List knob={knob} value={value as readonly string[]} disabled={disabled} onChange={onChange} named={named} />;
  }
}

export interface SetupPanelProps<S extends AnySettings> {
  readonly setup: S;
  /** The scenario the setup makes: what decides whether a knob applies. */
  readonly scenario: Scenario;
  readonly onChange: (next: S) => void;
  /** The knobs to draw; the registry's unless a test passes its own. */
  readonly knobs?: readonly Knob[];
  /** In a comparison: the other side's setup and its name; a knob set otherwise there says so. */
  readonly differsFrom?: { readonly setup: S; readonly name: string };
}

export function SetupPanel<S extends AnySettings>({ setup, scenario, onChange, knobs = KNOBS, differsFrom }: SetupPanelProps<S>) {
  const differs = (k: Knob) => differsFrom !== undefined && JSON.stringify(settingOf(k, setup)) !== JSON.stringify(settingOf(k, differsFrom.setup));
  return (
    <form className="setup" aria-label="Setup" onSubmit={(e) => e.preventDefault()}>
      {SECTIONS.map((section) => {
        const here = knobs.filter((k) => k.section === section.id);
        if (here.length === 0) return null;
        return (
          <fieldset key={section.id}>
            <legend>{"term" in section ? <Term id={section.term}>{section.legend}</Term> : section.legend}</legend>
            {here.map((k) => (
              <div key={k.path} className="setup-knob" data-differs={differs(k) ? "yes" : undefined}>
                <KnobControl
                  knob={k}
                  value={settingOf(k, setup)}
                  disabled={!knobApplies(k, scenario)}
                  onChange={(v) => onChange(withSettingFollowed(setup, scenario, k, v, knobs))}
                  named={k.label !== section.legend}
                  scenario={scenario}
                />
                {differs(k) && <small className="setup-differs">≠ setup {differsFrom!.name}</small>}
              </div>
            ))}
          </fieldset>
        );
      })}
    </form>
  );
}
