/**
 * Two setups side by side: sessions A and B run the same lesson commands on setups that differ
 * in a knob or two, and the views step through them together by moment — the same command, the
 * same data connection — not by step number, which drifts as soon as one side retries a SYN or
 * sends PASV's extra exchange. alignTraces pairs the steps; firstDivergence names the first row
 * where the setups make the session go differently, in one sentence (compare-words.ts).
 *
 * The alignment is a weighted sequence alignment (Needleman–Wunsch with no gap cost) over the
 * steps' meanings (step-meaning.ts), run separately on each stretch of the session — before the
 * first transfer, each transfer's window (transfers.ts), between transfers — so its cost is the
 * sum of small squares, not the square of a long session.
 */
import type { Trace } from "./trace";
import { stepMeanings, type StepMeaning } from "./step-meaning";
import type { Timeline } from "./steps";
import { transferAt } from "./transfers";
import { divergenceSentence } from "./compare-words";

/** One row of the side-by-side view: a step of A, a step of B, or both (null: that side has no such step). */
export interface AlignedRow {
  readonly a: number | null;
  readonly b: number | null;
}

export interface Alignment {
  /** Every step of each side exactly once, in its order. */
  readonly rows: readonly AlignedRow[];
  /** rowOfA[s]: the row of A's step s. */
  readonly rowOfA: readonly number[];
  readonly rowOfB: readonly number[];
}

export type Side = "a" | "b";

/**
 * The stretch of the session each step is in: 0 before the first transfer, 2k+1 inside transfer
 * k's window, 2k+2 after it. Never decreasing, so a stray step cannot go back a stretch.
 */
function stretches(trace: Trace, timeline: Timeline): number[] {
  let current = 0;
  return timeline.steps.map((s) => {
    const k = transferAt(trace.events, s.event);
    const at = k === null ? current + (current % 2) : 2 * k + 1;
    current = Math.max(current, at);
    return current;
  });
}

function pairScore(x: StepMeaning, y: StepMeaning): number {
  if (x.key === y.key) return x.weight;
  return x.slot !== null && y.slot !== null && x.slot.id === y.slot.id ? Math.min(x.slot.weight, y.slot.weight) : 0;
}

/** Aligns A's steps `as` with B's steps `bs` (step indices), best total pair score; gaps cost nothing. */
function alignStretch(as: readonly number[], ma: readonly StepMeaning[], bs: readonly number[], mb: readonly StepMeaning[]): AlignedRow[] {
  const n = as.length;
  const m = bs.length;
  const w = m + 1;
  // best[i*w+j]: the best score aligning A's as[i..] with B's bs[j..]. Filled from the end so
  // that reading it forward pairs a step with its earliest partner, and lists A's unpaired
  // steps before B's between two pairs.
  const best = new Float64Array((n + 1) * w);
  const score = (i: number, j: number) => pairScore(ma[as[i]!]!, mb[bs[j]!]!);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i * w + j] = Math.max(best[(i + 1) * w + j]!, best[i * w + j + 1]!, s > 0 ? s + best[(i + 1) * w + j + 1]! : 0);
    }
  }
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const here = best[i * w + j]!;
    if (i < n && j < m) {
      const s = score(i, j);
      if (s > 0 && here === s + best[(i + 1) * w + j + 1]!) {
        rows.push({ a: as[i++]!, b: bs[j++]! });
        continue;
      }
    }
    if (i < n && (j === m || here === best[(i + 1) * w + j]!)) rows.push({ a: as[i++]!, b: null });
    else rows.push({ a: null, b: bs[j++]! });
  }
  return rows;
}

function byStretch(trace: Trace, timeline: Timeline): Map<number, number[]> {
  const out = new Map<number, number[]>();
  stretches(trace, timeline).forEach((k, step) => {
    const list = out.get(k);
    if (list) list.push(step);
    else out.set(k, [step]);
  });
  return out;
}

/** Pairs A's steps with B's by what happens in them, so the two views can step together. */
export function alignTraces(a: Trace, ta: Timeline, b: Trace, tb: Timeline): Alignment {
  const ma = stepMeanings(a.events, ta);
  const mb = stepMeanings(b.events, tb);
  const sa = byStretch(a, ta);
  const sb = byStretch(b, tb);
  const keys = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => x - y);
  const rows = keys.flatMap((k) => alignStretch(sa.get(k) ?? [], ma, sb.get(k) ?? [], mb));
  const rowOfA = new Array<number>(ta.steps.length).fill(-1);
  const rowOfB = new Array<number>(tb.steps.length).fill(-1);
  rows.forEach((r, i) => {
    if (r.a !== null) rowOfA[r.a] = i;
    if (r.b !== null) rowOfB[r.b] = i;
  });
  return { rows, rowOfA, rowOfB };
}

/**
 * The other side's step to show while `side` is at `step`: its step in the same row, else (this
 * step has no partner) the other side's last step before this row; null when it has none yet.
 */
export function partnerStep(alignment: Alignment, side: Side, step: number): number | null {
  const other: Side = side === "a" ? "b" : "a";
  const row = (side === "a" ? alignment.rowOfA : alignment.rowOfB)[step];
  if (row === undefined) return null;
  for (let r = row; r >= 0; r--) {
    const s = alignment.rows[r]![other];
    if (s !== null) return s;
  }
  return null;
}

/**
 * What a side shows at row `row` when both step together by row: its own step there (`own`), or
 * where it stands meanwhile — its last step before the row (its first step before it has any).
 */
export function stepAtRow(alignment: Alignment, side: Side, row: number): { step: number; own: boolean } {
  const r = Math.max(0, Math.min(row, alignment.rows.length - 1));
  for (let k = r; k >= 0; k--) {
    const s = alignment.rows[k]?.[side] ?? null;
    if (s !== null) return { step: s, own: k === r };
  }
  return { step: 0, own: false };
}

/** A side's first step after row `row`, or null. */
function nextStep(alignment: Alignment, side: Side, row: number): number | null {
  for (let r = row + 1; r < alignment.rows.length; r++) {
    const s = alignment.rows[r]![side];
    if (s !== null) return s;
  }
  return null;
}

export interface Divergence {
  readonly row: number;
  readonly stepA: number | null;
  readonly stepB: number | null;
  /** "A: …; B: …." — what each side does there. */
  readonly sentence: string;
}

/**
 * Whether a step one side has alone is no difference a learner would look for: a data listener
 * when the other side also listens in that stretch (whose listener it is shows in the mode
 * command and in who dials the data connection), or a bare ACK on the control connection (when
 * TCP acknowledges is its own timing, not FTP's).
 */
function quiet(trace: Trace, timeline: Timeline, step: number, meanings: readonly StepMeaning[], otherSlots: ReadonlySet<string>): boolean {
  const m = meanings[step]!;
  if (m.slot?.id === "listen data" || m.slot?.id === "unlisten") return otherSlots.has(m.slot.id);
  const e = trace.events[timeline.steps[step]!.event]!;
  return e.type === "send" && m.key.startsWith("control ") && m.key.endsWith(" ACK") && e.packet.payload.length === 0;
}

/** The slots of a side's steps in each stretch, for quiet(). */
function slotsByStretch(trace: Trace, timeline: Timeline, meanings: readonly StepMeaning[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  stretches(trace, timeline).forEach((k, step) => {
    const slot = meanings[step]!.slot;
    if (!slot) return;
    const set = out.get(k) ?? new Set<string>();
    set.add(slot.id);
    out.set(k, set);
  });
  return out;
}

/**
 * The first row where the setups make the session go differently: a step only one side has, or
 * paired steps whose facts differ (a packet's fate, who connects to whom, another command or
 * reply code, another announced address, another transfer outcome). Null when nothing does.
 */
export function firstDivergence(a: Trace, ta: Timeline, b: Trace, tb: Timeline, alignment: Alignment): Divergence | null {
  const ma = stepMeanings(a.events, ta);
  const mb = stepMeanings(b.events, tb);
  const stretchA = stretches(a, ta);
  const stretchB = stretches(b, tb);
  const slotsA = slotsByStretch(a, ta, ma);
  const slotsB = slotsByStretch(b, tb, mb);
  const none = new Set<string>();
  for (let r = 0; r < alignment.rows.length; r++) {
    const { a: sa, b: sb } = alignment.rows[r]!;
    if (sa !== null && sb !== null) {
      if (ma[sa]!.facts === mb[sb]!.facts) continue;
    } else if (sa !== null) {
      if (quiet(a, ta, sa, ma, slotsB.get(stretchA[sa]!) ?? none)) continue;
    } else if (sb !== null) {
      if (quiet(b, tb, sb, mb, slotsA.get(stretchB[sb]!) ?? none)) continue;
    }
    const samePacket = sa !== null && sb !== null && ta.steps[sa]!.kind === "packet" && ma[sa]!.key === mb[sb]!.key;
    const sentence = divergenceSentence(
      { trace: a, timeline: ta, step: sa, next: sa === null ? nextStep(alignment, "a", r) : null },
      { trace: b, timeline: tb, step: sb, next: sb === null ? nextStep(alignment, "b", r) : null },
      samePacket,
    );
    return { row: r, stepA: sa, stepB: sb, sentence };
  }
  return null;
}
