/**
 * The discrete-event scheduler: a virtual clock in milliseconds and a queue of callbacks.
 * Events at the same instant run in the order they were scheduled, so a run is deterministic.
 */
export interface Timer {
  readonly at: number;
  cancelled: boolean;
}

interface Entry extends Timer {
  readonly order: number;
  readonly run: () => void;
}

export class Scheduler {
  private heap: Entry[] = [];
  private order = 0;
  private clock = 0;

  get now(): number {
    return this.clock;
  }

  /** Runs `run` after `delayMs` of virtual time. */
  after(delayMs: number, run: () => void): Timer {
    const entry: Entry = { at: this.clock + Math.max(0, delayMs), order: this.order++, run, cancelled: false };
    this.push(entry);
    return entry;
  }

  cancel(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true;
  }

  /**
   * Runs events in time order until the queue is empty or the next event lies beyond `untilMs`.
   * Returns true when the queue ran dry, false when the time bound stopped it.
   */
  run(untilMs: number): boolean {
    for (;;) {
      const head = this.heap[0];
      if (!head) return true;
      if (head.cancelled) {
        this.pop();
        continue;
      }
      if (head.at > untilMs) {
        this.clock = untilMs;
        return false;
      }
      const next = this.pop()!;
      this.clock = next.at;
      next.run();
    }
  }

  private before(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && this.before(heap[right]!, heap[left]!) ? right : left;
      if (!this.before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
