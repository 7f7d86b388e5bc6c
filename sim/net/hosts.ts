/**
 * The two ends of every session. A segment one host sends goes to the other one; the network
 * routes it that way and every view names its receiver the same way, so there is one
 * definition of "the other host", here at the lowest layer that needs it.
 */
import type { HostId, RouterId } from "../trace/events";

export function otherHost(h: HostId): HostId {
  return h === "client" ? "server" : "client";
}

/** The host a NAT router stands in front of. */
export const hostOfRouter = (r: RouterId): HostId => (r === "client-nat" ? "client" : "server");
