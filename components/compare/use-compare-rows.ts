"use client";
/**
 * A comparison's playhead: one row of the alignment (sim/trace/compare.ts) for both sides, so A
 * and B step together by moment. It takes the lab's own events (controller/lab-controller.ts:
 * next, prev, toggle, toStart, toEnd, goTo) so the playback keys and buttons mean the same here,
 * and plays one row per step time at the lab's speeds.
 */
import { useCallback, useEffect, useMemo, useReducer } from "react";
import type { LabEvent } from "../lab/controller/lab-controller";
import { STEP_MS } from "../lab/use-lab";

export interface CompareRows {
  readonly row: number;
  readonly rows: number;
  readonly playing: boolean;
  readonly speed: number;
  send(event: LabEvent): void;
  goTo(row: number): void;
  setSpeed(speed: number): void;
}

interface RowState {
  readonly row: number;
  readonly rows: number;
  readonly playing: boolean;
  readonly speed: number;
}

const clamp = (s: Pick<RowState, "rows">, row: number) => Math.max(0, Math.min(s.rows - 1, row));

type RowEvent = LabEvent | { type: "rows"; rows: number } | { type: "tick" };

function rowReducer(s: RowState, e: RowEvent): RowState {
  switch (e.type) {
    case "rows":
      return { ...s, rows: e.rows, row: clamp({ rows: e.rows }, s.row) };
    case "next":
      return { ...s, row: clamp(s, s.row + 1) };
    case "prev":
      return { ...s, row: clamp(s, s.row - 1), playing: false };
    case "toStart":
      return { ...s, row: 0, playing: false };
    case "toEnd":
      return { ...s, row: s.rows - 1, playing: false };
    case "goTo":
      return { ...s, row: clamp(s, e.step), playing: false };
    case "toggle":
      // Play from the start when at the end, as the lab does.
      return s.playing ? { ...s, playing: false } : { ...s, playing: true, row: s.row >= s.rows - 1 ? 0 : s.row };
    case "play":
      return { ...s, playing: true, row: s.row >= s.rows - 1 ? 0 : s.row };
    case "pause":
      return { ...s, playing: false };
    case "speed":
      return { ...s, speed: e.speed };
    case "tick":
      return s.row >= s.rows - 1 ? { ...s, playing: false } : { ...s, row: s.row + 1 };
    default:
      return s;
  }
}

export function useCompareRows(rows: number, initial = 0): CompareRows {
  const [state, send] = useReducer(rowReducer, null, () => ({ row: Math.max(0, Math.min(rows - 1, initial)), rows, playing: false, speed: 1 }));
  // Another alignment (B's setup changed): heard during this render, the row kept where it can.
  if (state.rows !== rows) send({ type: "rows", rows });
  useEffect(() => {
    if (!state.playing) return;
    const timer = setTimeout(() => send({ type: "tick" }), STEP_MS / state.speed);
    return () => clearTimeout(timer);
  }, [state.playing, state.row, state.speed]);
  const sendEvent = useCallback((e: LabEvent) => send(e), []);
  return useMemo(
    () => ({
      ...state,
      send: sendEvent,
      goTo: (row: number) => send({ type: "goTo", step: row }),
      setSpeed: (speed: number) => send({ type: "speed", speed }),
    }),
    [state, sendEvent],
  );
}
