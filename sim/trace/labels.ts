/**
 * The words every view uses for what a trace shows, written once so a learner reads one name
 * for one thing (spec/visual-language.md): a packet's label and its flags, the nodes on its
 * way, the middle of the picture, where a packet ended and the few words beside its ✕, and the
 * password masked. The network view, the sequence diagram, the packet inspector, the
 * transcript, the explanation and the export captions all read them here.
 */
import { isPrivateIp } from "../net/addresses";
import { HOST_NAMES } from "../net/hosts";
import { natKindOf, natNoEntryShort, natNodeName } from "../net/nat-kinds";
import { describeFlags, type Packet } from "../net/packet";
import type { Scenario } from "../scenario/schema";
import type { EventOf, HostId, NodeId, Purpose } from "./events";

/** The password never appears on screen: `PASS ****`. */
export function maskSecrets(line: string): string {
  return /^PASS(\s|$)/i.test(line) ? "PASS ****" : line;
}

/** The first line of a payload, without its CRLF. */
function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

export type FlagName = "SYN" | "SYN-ACK" | "RST" | "FIN" | "ACK";

/** A segment by its flags, as the handshake is taught: SYN, SYN-ACK, ACK; FIN; RST. */
export function flagName(p: Packet): FlagName {
  const f = describeFlags(p);
  return f === "data" ? "ACK" : (f as FlagName);
}

/**
 * What a packet is, in a few words: the command or reply it carries (PASS masked; a 227 or 229
 * reduced to its address; " …" when more lines follow), "data 12 B" on a data connection,
 * "🔒 TLS" when it is ciphertext (with its size on a data connection), else its flags. A FIN
 * riding on a payload says "+FIN".
 */
export function packetName(p: Packet, purpose: Purpose): string {
  let name: string;
  if (p.payload.length === 0) name = flagName(p);
  else if (p.encrypted) name = purpose === "data" ? `🔒 TLS ${p.payload.length} B` : "🔒 TLS";
  else if (purpose === "data") name = `data ${p.payload.length} B`;
  else {
    let line = maskSecrets(firstLine(p.payload).trim());
    // 227/229 replies: the address in parentheses is what matters, not "Entering Passive Mode".
    const pasv = /^(22[79])[ -].*?(\([^)]*\))/.exec(line);
    if (pasv) line = `${pasv[1]} ${pasv[2]}`;
    const more = p.payload.split(/\r?\n/).filter((l) => l.length > 0).length > 1;
    name = more ? `${line} …` : line;
  }
  if (p.flags.includes("FIN") && p.payload.length > 0) name += " +FIN";
  return name;
}

/** A packet's label on an arrow or a box: its name, and "(retry n)" on a retransmission. */
export function packetLabel(p: Packet, purpose: Purpose): string {
  const name = packetName(p, purpose);
  return p.attempt > 0 ? `${name} (retry ${p.attempt})` : name;
}

/**
 * The middle of the picture: "internet" only when both sides show it public addresses (a host's
 * own, or its NAT router's); between private ones (the reference lab's 10.99.x hosts) it is
 * just "network".
 */
export function middleName(s: Scenario): "internet" | "network" {
  const seen = [s.client.nat ? s.client.nat.publicIp : s.client.ip, s.server.nat ? s.server.nat.publicIp : s.server.ip];
  return seen.every((ip) => !isPrivateIp(ip)) ? "internet" : "network";
}

/**
 * A node as a packet meets it on its way (where it is checked, rewritten, dropped or
 * expected): a host's firewall, a NAT router (a security group + 1:1 NAT, a Docker host), or
 * the middle. Without an article.
 */
export function nodeName(node: NodeId, s: Scenario): string {
  switch (node) {
    case "client":
    case "server":
    case "server-b":
      return `${HOST_NAMES[node]} firewall`;
    case "relay":
      return s.server.relay?.unmapped === "drop" ? "relay firewall" : "relay";
    case "client-nat":
      return natNodeName(natKindOf(s.client.nat), "client");
    case "server-nat":
      return natNodeName(natKindOf(s.server.nat), "server");
    case "server-b-nat":
      return natNodeName(natKindOf(s.fxp?.server.nat), "server-b");
    case "network":
      return middleName(s);
  }
}

/** Where a packet ended up. */
export type FateKind = "delivered" | "dropped" | "rejected" | "lost" | "in-flight";

/** The fate of a packet from its `deliver` or `drop` event (none: still in flight). */
export function fateKind(fate: EventOf<"deliver"> | EventOf<"drop"> | null | undefined): FateKind {
  if (!fate) return "in-flight";
  if (fate.type === "deliver") return "delivered";
  if (fate.node === "network") return "lost";
  return fate.check?.verdict === "reject" ? "rejected" : "dropped";
}

/** Its fate in words: "delivered to the server", "dropped by the client firewall", "lost in the network". */
export function fateWords(fate: EventOf<"deliver"> | EventOf<"drop"> | null | undefined, to: HostId, s: Scenario): string {
  const kind = fateKind(fate);
  switch (kind) {
    case "delivered":
      return `delivered to the ${to}`;
    case "in-flight":
      return "still in flight when the session ended";
    case "lost":
      return middleName(s) === "internet" ? "lost on the internet" : "lost in the network";
    default:
      return `${kind} by the ${nodeName(fate!.node, s)}`;
  }
}

/**
 * A drop in a few words, beside its ✕ (short enough for a sequence-diagram row; the whole
 * reason goes in the note, the tooltip and the accessible name): the deciding rule for a
 * firewall, the cause otherwise.
 */
export function dropShort(d: EventOf<"drop">): string {
  if (d.check) return d.check.ruleText;
  if (d.node === "network") return d.reason.includes("private address") ? "lost: private address" : "lost: no such host";
  // The relay is no router (sim/net/network.ts): what is not for a port it maps goes nowhere.
  if (d.node === "relay") return "lost: the relay forwards nothing";
  return natNoEntryShort(d.reason, d.packet.dst.port) ?? "dropped";
}
