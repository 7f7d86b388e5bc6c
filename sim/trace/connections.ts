/**
 * Connections as the trace knows them: one record per connection — control or data, who
 * dialled (its TCP sent the first SYN), from which socket to which, and for a data connection
 * the transfer whose window it opened in (transfers.ts). Every view, the world at a step and
 * the result read this one record; a view adds only what it draws (a lane, a phase).
 */
import type { Endpoint } from "../net/addresses";
import type { HostId, Purpose, TraceEvent } from "./events";
import { perEvents } from "./per-events";
import { socketTransfer } from "./transfers";

export interface ConnectionInfo {
  readonly id: number;
  readonly purpose: Purpose;
  /** The transfer (position in scenario.commands) a data connection belongs to; null for control. */
  readonly transfer: number | null;
  /** The host whose application called connect and whose TCP sent the first SYN. */
  readonly initiator: HostId;
  readonly from: Endpoint;
  readonly to: Endpoint;
}

/** Every connection of a trace by id, in the order they were dialled. */
export const connectionsOf = perEvents((events: readonly TraceEvent[]): ReadonlyMap<number, ConnectionInfo> => {
  const conns = new Map<number, ConnectionInfo>();
  events.forEach((e, i) => {
    if (e.type === "connect" && !conns.has(e.conn)) {
      conns.set(e.conn, { id: e.conn, purpose: e.purpose, transfer: socketTransfer(events, i), initiator: e.host, from: e.from, to: e.to });
    }
  });
  return conns;
});
