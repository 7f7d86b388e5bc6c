"use client";
/**
 * Playback: first, previous, play/pause, next, last, speed and a scrubber over the steps. The
 * keyboard works anywhere on the page that is not a text field: ←/→ step, space plays or
 * pauses, Home/End jump to the ends.
 */
import { useEffect } from "react";
import { keyEvent } from "./controller/inputs";
import type { LabEvent } from "./controller/lab-controller";
import { SPEEDS, type Lab } from "./use-lab";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || target.isContentEditable;
}

/** The playback keys, anywhere on the page: each is a controller event (controller/inputs.ts) — a lab's, or a comparison's. */
export function usePlaybackKeys(lab: Pick<Lab, "send">, enabled = true): void {
  const { send } = lab;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      // Buttons and sliders handle their own Space/arrow keys.
      const inControl = e.target instanceof HTMLElement && (e.target.tagName === "BUTTON" || e.target.getAttribute("role") === "slider");
      const event = inControl ? null : keyEvent(e.key);
      if (!event) return;
      send(event);
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, send]);
}

/**
 * The buttons' marks, drawn rather than typed: ⏮ ⏸ ⏭ are missing from many system fonts (a
 * box on a projector's laptop), and a drawn mark takes the button's colour in every theme.
 */
const ICONS = {
  // |◀◀ and ▶▶| for the ends, |◀ and ▶| for one step, ▶ alone for Play: no two alike.
  first: "M1 2h2v12H1zM9 2v12L3 8zM15 2v12L9 8z",
  prev: "M3 2h2v12H3zM14 2v12L6 8z",
  play: "M4 2v12l10-6z",
  pause: "M4 2h3v12H4zM9 2h3v12H9z",
  next: "M2 2v12l8-6zM11 2h2v12h-2z",
  last: "M1 2v12l6-6zM7 2v12l6-6zM13 2h2v12h-2z",
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="playback-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

/**
 * First, previous, play/pause, next, last: a lab's steps or a comparison's moments (`noun`). Each
 * button is a controller event. `held`: a question holds the way forward (a lesson's prediction).
 */
export function PlaybackButtons({ noun, send, atStart, atEnd, playing, held = false, compact = false }: { noun: string; send: (event: LabEvent) => void; atStart: boolean; atEnd: boolean; playing: boolean; held?: boolean; compact?: boolean }) {
  const wait = "Answer the question first";
  return (
    <div className="playback-buttons">
      {!compact && (
        <button type="button" onClick={() => send({ type: "toStart" })} disabled={atStart} aria-label={`First ${noun}`} title={`First ${noun} (Home)`}>
          <Icon name="first" />
        </button>
      )}
      <button type="button" onClick={() => send({ type: "prev" })} disabled={atStart} aria-label={`Previous ${noun}`} title={`Previous ${noun} (←)`}>
        <Icon name="prev" />
      </button>
      <button
        type="button"
        className="playback-play"
        onClick={() => send({ type: "toggle" })}
        disabled={held && !playing}
        aria-label={playing ? "Pause" : "Play"}
        title={held && !playing ? wait : playing ? "Pause (space)" : "Play (space)"}
      >
        <Icon name={playing ? "pause" : "play"} /> {playing ? "Pause" : "Play"}
      </button>
      <button type="button" onClick={() => send({ type: "next" })} disabled={atEnd} aria-label={`Next ${noun}`} title={held ? wait : `Next ${noun} (→)`}>
        <Icon name="next" />
      </button>
      {!compact && (
        <button type="button" onClick={() => send({ type: "toEnd" })} disabled={atEnd} aria-label={`Last ${noun}`} title={held ? wait : `Last ${noun} (End)`}>
          <Icon name="last" />
        </button>
      )}
    </div>
  );
}

/** The playback speeds (lab-controller.ts), as a labelled select. */
export function SpeedSelect({ speed, onChange }: { speed: number; onChange: (speed: number) => void }) {
  return (
    <label className="playback-speed">
      Speed{" "}
      <select value={speed} onChange={(e) => onChange(Number(e.target.value))}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
    </label>
  );
}

export function Playback({ lab, compact = false }: { lab: Lab; compact?: boolean }) {
  const total = lab.timeline.steps.length;
  const at = lab.timeline.steps[lab.step];
  // A question holds the lab here: the way forward waits for its answer (or a skip).
  const held = lab.question !== null && lab.step >= lab.reach;
  return (
    <div className="playback" role="group" aria-label="Playback">
      <PlaybackButtons noun="step" send={lab.send} atStart={lab.step <= lab.first} atEnd={lab.step >= lab.reach} playing={lab.playing} held={held} compact={compact} />
      <label className="playback-scrubber">
        <span className="sr-only">Step</span>
        <input
          type="range"
          min={lab.first}
          max={lab.last}
          value={lab.step}
          onChange={(e) => lab.goTo(Number(e.target.value))}
          aria-valuetext={`Step ${lab.step + 1} of ${total}${at ? `, at ${at.t} ms` : ""}`}
        />
      </label>
      <span className="playback-position" aria-hidden="true">
        {lab.step + 1}/{total} · {at ? (at.t >= 1000 ? `${(at.t / 1000).toFixed(2)} s` : `${at.t} ms`) : ""}
      </span>
      {!compact && <SpeedSelect speed={lab.speed} onChange={lab.setSpeed} />}
    </div>
  );
}
