/** xstate's delayed transitions (`after`) run on the simulator's virtual clock, not on real timers. */
import type { Scheduler, Timer } from "../scheduler";

export interface xstateClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): Timer;
  clearTimeout(id: Timer): void;
}

export function virtualClock(scheduler: Scheduler): xstateClock {
  return {
    setTimeout: (fn, timeout) => scheduler.after(timeout, () => fn()),
    clearTimeout: (id) => scheduler.cancel(id),
  };
}
