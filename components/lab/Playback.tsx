"use client";
/**
 * Playback: first, previous, play/pause, next, last, speed and a scrubber over the steps. The
 * keyboard works anywhere on the page that is not a text field: ←/→ step, space plays or
 * pauses, Home/End jump to the ends.
 */
import { useEffect } from "react";
import { keyEvent } from "./controller/inputs";
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

export function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="playback-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

export function Playback({ lab, compact = false }: { lab: Lab; compact?: boolean }) {
  const total = lab.timeline.steps.length;
  const at = lab.timeline.steps[lab.step];
  // A question holds the lab here: the way forward waits for its answer (or a skip).
  const held = lab.question !== null && lab.step >= lab.reach;
  return (
    <div className="playback" role="group" aria-label="Playback">
      <div className="playback-buttons">
        {!compact && (
          <button type="button" onClick={lab.toStart} disabled={lab.step <= lab.first} aria-label="First step" title="First step (Home)">
            <Icon name="first" />
          </button>
        )}
        <button type="button" onClick={lab.prev} disabled={lab.step <= lab.first} aria-label="Previous step" title="Previous step (←)">
          <Icon name="prev" />
        </button>
        <button
          type="button"
          className="playback-play"
          onClick={lab.toggle}
          disabled={held && !lab.playing}
          aria-label={lab.playing ? "Pause" : "Play"}
          title={held && !lab.playing ? "Answer the question first" : lab.playing ? "Pause (space)" : "Play (space)"}
        >
          <Icon name={lab.playing ? "pause" : "play"} /> {lab.playing ? "Pause" : "Play"}
        </button>
        <button type="button" onClick={lab.next} disabled={lab.step >= lab.reach} aria-label="Next step" title={held ? "Answer the question first" : "Next step (→)"}>
          <Icon name="next" />
        </button>
        {!compact && (
          <button type="button" onClick={lab.toEnd} disabled={lab.step >= lab.reach} aria-label="Last step" title={held ? "Answer the question first" : "Last step (End)"}>
            <Icon name="last" />
          </button>
        )}
      </div>
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
      {!compact && (
        <label className="playback-speed">
          Speed{" "}
          <select value={lab.speed} onChange={(e) => lab.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
