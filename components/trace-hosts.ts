/**
 * Which host a packet or a connection is for, read from the trace the way the network routes it
 * (by address), for the views: with more than two hosts (a server-to-server transfer, a relay)
 * "the other host" names nobody. A two-host session keeps its old answer (the other end), so its
 * views draw as before. Pure; no simulation.
 */
import type { Endpoint } from "../sim/net/addresses";
import { HOST_NAMES, hostOfRouter, isRouterId, otherHost, routerOfHost } from "../sim/net/hosts";
import type { Packet } from "../sim/net/packet";
import { hostConfig, hostsOf } from "../sim/scenario/hosts";
import type { Scenario } from "../sim/scenario/schema";
import type { ConnectionInfo } from "../sim/trace/connections";
import type { HostId, RouterId } from "../sim/trace/events";

export const isMultiHost = (s: Scenario): boolean => hostsOf(s).length > 2;

/** The host an address belongs to: its own address, its NAT router's public one. Null: nobody's. */
export function hostAt(s: Scenario, ip: string): HostId | null {
  const hosts = hostsOf(s);
  for (const h of hosts) {
    const c = hostConfig(s, h);
    if (c.nat?.publicIp === ip) return h;
  }
  for (const h of hosts) if (hostConfig(s, h).ip === ip) return h;
  return null;
}

/** Where a packet from `sender` to `dst` is headed: the host at that address, else (two hosts) the other end. */
export function receiverOf(s: Scenario, sender: HostId, dst: Endpoint): HostId {
  if (!isMultiHost(s)) return otherHost(sender);
  const h = hostAt(s, dst.ip);
  if (h && h !== sender) return h;
  // An address nobody has (a private one behind the relay): the client dialled the server it names.
  return sender === "client" ? "server" : "client";
}

export const packetReceiver = (s: Scenario, sender: HostId, p: Packet): HostId => receiverOf(s, sender, p.dst);

/** The host a connection was dialled to (its responder). */
export const responderOf = (s: Scenario, c: Pick<ConnectionInfo, "initiator" | "to">): HostId => receiverOf(s, c.initiator, c.to);

/** A host's name in a sentence: "client", "server", "server A" and "server B" in a server-to-server transfer, "relay". */
export function hostName(s: Scenario, h: HostId): string {
  if (s.fxp && h === "server") return "server A";
  return HOST_NAMES[h];
}

/**
 * A host's name with its article, as a sentence needs it: "the client", "the relay", but
 * "server A" and "server B" (names, no article). `start` capitalises it.
 */
export function theHost(s: Scenario, h: HostId, start = false): string {
  const n = hostName(s, h);
  const words = /^server [AB]$/.test(n) ? n : `the ${n}`;
  return start ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** The same, capitalised, for titles. */
export const HostTitle = (s: Scenario, h: HostId): string => {
  const n = hostName(s, h);
  return n.charAt(0).toUpperCase() + n.slice(1);
};

/** A box (host or NAT router) as a tab or a row names it: "Client", "Server A", "Relay", "Server B's NAT". */
export function boxLabel(s: Scenario, box: HostId | RouterId): string {
  if (isRouterId(box)) return `${HostTitle(s, hostOfRouter(box))}'s NAT`;
  return HostTitle(s, box);
}

/** The boxes left to right as the picture draws them: each host, its NAT router on the side toward the client. */
export function boxesInOrder(s: Scenario, routers: readonly RouterId[]): (HostId | RouterId)[] {
  const out: (HostId | RouterId)[] = [];
  for (const h of hostsOf(s)) {
    const r = h === "relay" ? null : routerOfHost(h);
    if (h === "client") out.push(h);
    if (r && routers.includes(r)) out.push(r);
    if (h !== "client") out.push(h);
  }
  return out;
}
