/**
 * What sits in front of a host behind NAT, by kind, and the words for it. The packet rules are
 * the same for all three (nat.ts): inside-out connections are mapped to the public address,
 * outside-in ones get through only on a listed port. What differs is what the list is and who
 * keeps it, which is what a learner reads in a drop:
 *   - "router": a home or office NAT router; the list is its port forwards.
 *   - "cloud": a cloud VM's public address, 1:1 NAT to the VM's private one (AWS, GCP, Azure),
 *     with a security group in front of the VM; every port is mapped, so the list is the
 *     group's inbound rules (stateful: replies to the VM's own connections pass).
 *   - "docker": a container on the Docker host's bridge; the list is its published ports
 *     (`docker run -p`), and the host masquerades what the container sends out.
 * A scenario that names no kind has a router: every scenario written before kinds existed reads
 * and runs as it did. No zod: the browser reads it.
 */
import type { HostId } from "../trace/events";
import { HOST_NAMES } from "./hosts";

export const NAT_KINDS = ["router", "cloud", "docker"] as const;
export type NatKind = (typeof NAT_KINDS)[number];

/** A NAT's kind; unwritten (or no NAT at all, for words about one), a router. */
export const natKindOf = (nat: { readonly kind?: NatKind | undefined } | null | undefined): NatKind => nat?.kind ?? "router";

/** What it is called: the network view's box title, and after its host's name, a node on a packet's way. */
export const NAT_TITLES: Readonly<Record<NatKind, string>> = {
  router: "NAT router",
  cloud: "security group + 1:1 NAT",
  docker: "Docker host",
};

/** The thing in front of `host`, without an article: "server NAT router", "server's Docker host". */
export const natNodeName = (kind: NatKind, host: HostId): string => (kind === "router" ? `${HOST_NAMES[host]} ${NAT_TITLES.router}` : `${HOST_NAMES[host]}'s ${NAT_TITLES[kind]}`);

/** What keeps the list of ports let in, with its article, as a drop names it: "the server's security group". */
export function natGatekeeper(kind: NatKind, host: HostId): string {
  switch (kind) {
    case "router":
      return `the ${HOST_NAMES[host]}'s NAT router`;
    case "cloud":
      return `the ${HOST_NAMES[host]}'s security group`;
    case "docker":
      return `the ${HOST_NAMES[host]}'s Docker host`;
  }
}

/** Why a new connection from outside to `port` was not let in, as a sentence without its packet. */
export function natNoEntry(kind: NatKind, host: HostId, publicEndpoint: string, port: number): string {
  switch (kind) {
    case "router":
      return `${natGatekeeper(kind, host)} has no mapping or port forward for ${publicEndpoint}`;
    case "cloud":
      return `${natGatekeeper(kind, host)} has no inbound rule for tcp/${port}`;
    case "docker":
      return `${natGatekeeper(kind, host)} has not published port ${port} (docker run -p)`;
  }
}

/** The rule that maps a connection from inside, as a rewrite names it: a cloud maps the VM's address one to one. */
export const natOutRule = (kind: NatKind): string => (kind === "cloud" ? "1:1 NAT" : "masquerade");

/** The rule that let a new connection from outside in to `port`, as a rewrite names it. */
export function natInRule(kind: NatKind, port: number): string {
  switch (kind) {
    case "router":
      return `port forward ${port}`;
    case "cloud":
      return `security group allows tcp/${port}; 1:1 NAT`;
    case "docker":
      return `published port ${port} (-p)`;
  }
}

/** The few words beside a ✕ for that drop (a sequence-diagram row), or null when the reason is not one of natNoEntry's. */
export function natNoEntryShort(reason: string, port: number): string | null {
  if (reason.includes("no mapping")) return "no mapping";
  if (reason.includes("no inbound rule")) return `no inbound rule for tcp/${port}`;
  if (reason.includes("not published")) return `port ${port} not published (-p)`;
  return null;
}

/** Where an address behind it lives, for a packet sent there from outside: "private address behind its NAT router". */
export function natHiddenAddress(kind: NatKind, host: HostId): string {
  switch (kind) {
    case "router":
      return `the ${HOST_NAMES[host]}'s private address behind its NAT router`;
    case "cloud":
      return `the ${HOST_NAMES[host]}'s private address in its cloud network, behind the 1:1 NAT`;
    case "docker":
      return `the ${HOST_NAMES[host]} container's private address on the Docker host's bridge network`;
  }
}


/** The list of ports let in from outside, as the box shows it on one line: "forwards 21, 3000–3009". */
export function natEntryWords(kind: NatKind, ports: string): string {
  switch (kind) {
    case "router":
      return ports ? `forwards ${ports}` : "no port forwards";
    case "cloud":
      return ports ? `allows ${ports}` : "allows nothing in";
    case "docker":
      return ports ? `published (-p): ${ports}` : "no ports published (-p)";
  }
}
