/**
 * The hosts of a session and how they are named. Every session has a client and a server; a
 * server-to-server transfer (RFC 959 §2.3, figure 2) adds server B, and a relay (a connector or TCP
 * proxy) may stand in front of the server. A two-host session's segment goes to the other host;
 * with more hosts the network routes by address (network.ts).
 */
import type { HostId, RouterId } from "../trace/events";

/** Every host a session can have, for schemas that name one. */
export const HOST_IDS = ["client", "server", "server-b", "relay"] as const satisfies readonly HostId[];

/** The other end of a two-host session: the client's peer is the server, and every other host's peer is the client. */
export function otherHost(h: HostId): HostId {
  return h === "client" ? "server" : "client";
}

/** Whether a node of the path is a NAT router (else a host, or the network). */
export const isRouterId = (n: string): n is RouterId => n === "client-nat" || n === "server-nat" || n === "server-b-nat";

/** The host a NAT router stands in front of. */
export const hostOfRouter = (r: RouterId): HostId => (r === "client-nat" ? "client" : r === "server-nat" ? "server" : "server-b");

/** The NAT router in front of a host (only the client, server and server B can have one). */
export const routerOfHost = (h: HostId): RouterId => (h === "client" ? "client-nat" : h === "server-b" ? "server-b-nat" : "server-nat");

/** A host as words name it: "server B", "relay". */
export const HOST_NAMES: Readonly<Record<HostId, string>> = { client: "client", server: "server", "server-b": "server B", relay: "relay" };
