/**
 * A reading of a trace computed once per events array, not once per view and step: the views
 * ask for the same connections and transfer windows many times a frame. Keyed weakly by the
 * array (a trace that goes away takes its readings with it) and by its length, so an array
 * still being written is read afresh. The result is the function's; only the work is shared.
 */
import type { TraceEvent } from "./events";

export function perEvents<T>(read: (events: readonly TraceEvent[]) => T): (events: readonly TraceEvent[]) => T {
  const cache = new WeakMap<readonly TraceEvent[], { readonly length: number; readonly value: T }>();
  return (events) => {
    const hit = cache.get(events);
    if (hit && hit.length === events.length) return hit.value;
    const value = read(events);
    cache.set(events, { length: events.length, value });
    return value;
  };
}
