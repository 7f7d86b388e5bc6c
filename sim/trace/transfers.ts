/**
 * Transfer windows: a transfer is every event from its `transfer-start` to its `transfer-end`
 * (to the end of the trace when the session stopped first). Which transfer a data connection or
 * a data listener belongs to is the window it opened in, read here and nowhere else: the trace's
 * connect and listen events carry no label of their own.
 */
import type { TraceEvent } from "./events";
import { perEvents } from "./per-events";

export interface TransferWindow {
  /** Position of the command in scenario.commands. */
  readonly index: number;
  readonly command: string;
  /** The index of its `transfer-start` event. */
  readonly start: number;
  /** The index of its `transfer-end` event; null when the session ended first. */
  readonly end: number | null;
  /**
   * The event at which the client learns the outcome: the reply that ended the transfer (its
   * 226, its 425), else — the client gave up on its own — the `transfer-end` itself; null while
   * the transfer has no end. The outcome is shown from here on, not from the bookkeeping
   * `transfer-end` a step or two later.
   */
  readonly decided: number | null;
  /** Its outcome, once it has an end. */
  readonly result: "ok" | "failed" | null;
}

interface Reading {
  readonly windows: readonly TransferWindow[];
  readonly byIndex: ReadonlyMap<number, TransferWindow>;
  /** For each event, the transfer whose window holds it (null between transfers). */
  readonly ofEvent: readonly (number | null)[];
}

/** The last reply with `code` among events start..end-1. */
function lastReply(events: readonly TraceEvent[], start: number, end: number, code: number): number | null {
  for (let j = end - 1; j >= start; j--) {
    const e = events[j]!;
    if (e.type === "reply" && e.code === code) return j;
  }
  return null;
}

const read = perEvents((events): Reading => {
  const windows: { index: number; command: string; start: number; end: number | null; decided: number | null; result: "ok" | "failed" | null }[] = [];
  const byIndex = new Map<number, (typeof windows)[number]>();
  const ofEvent: (number | null)[] = new Array<number | null>(events.length).fill(null);
  let open: (typeof windows)[number] | null = null;
  events.forEach((e, i) => {
    if (e.type === "transfer-start") {
      open = { index: e.index, command: e.command, start: i, end: null, decided: null, result: null };
      windows.push(open);
      byIndex.set(e.index, open);
    } else if (e.type === "transfer-end") {
      const w = byIndex.get(e.index);
      if (w) {
        w.end = i;
        w.result = e.result;
        w.decided = e.reply === null ? i : (lastReply(events, w.start, i, e.reply) ?? i);
      }
      ofEvent[i] = e.index;
      if (open?.index === e.index) open = null;
      return;
    }
    ofEvent[i] = open?.index ?? null;
  });
  return { windows, byIndex, ofEvent };
});

/** Every transfer the client started, in order. */
export function transferWindows(events: readonly TraceEvent[]): readonly TransferWindow[] {
  return read(events).windows;
}

/** The window of transfer `index` (its position in scenario.commands), if it started. */
export function transferWindow(events: readonly TraceEvent[], index: number): TransferWindow | undefined {
  return read(events).byIndex.get(index);
}

/** The transfer whose window holds event `i`, or null. */
export function transferAt(events: readonly TraceEvent[], i: number): number | null {
  return read(events).ofEvent[i] ?? null;
}

/**
 * The transfer a data socket belongs to: for a `connect` or `listen` event of a data
 * connection, the transfer whose window it opened in; null for the control connection.
 */
export function socketTransfer(events: readonly TraceEvent[], i: number): number | null {
  const e = events[i];
  if (!e || (e.type !== "connect" && e.type !== "listen") || e.purpose !== "data") return null;
  return transferAt(events, i);
}
