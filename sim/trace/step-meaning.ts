/**
 * What a step means when two traces of different setups are laid side by side (compare.ts):
 * which moment of the session it is, so the two sides can share a row, and what a learner sees
 * happen in it, so a shared row can say whether the setups differ there.
 *
 * The moment (`key`) is coarser than the step signature (step-signature.ts), which it must be
 * to pair across setups: no addresses and no fate (the same SYN dropped in one setup and let in
 * by the other is one moment with two outcomes), and a data connection is named by its transfer
 * and its order in it, with the handshake told by role (who dials, who answers) rather than by
 * host, so active mode's server→client SYN is the same moment as passive mode's client→server
 * one (RFC 959 §3.2: the data connection is one thing, whichever end opens it). What the
 * learner sees (`facts`) is the signature and a few things it leaves out: the address a
 * PORT/EPRT or 227 announces as it arrives (RFC 959 §4.1.2, RFC 2428 §2), the NAT routers that
 * rewrote the packet, a delivery as conntrack RELATED.
 */
import { parse227, parseEprtArgument, parseHostPort } from "../ftp/hostport";
import { describeFlags, type Packet } from "../net/packet";
import { connectionsOf } from "./connections";
import type { EventOf, TraceEvent } from "./events";
import { stepSignature } from "./step-signature";
import type { Step, Timeline } from "./steps";

/** How much pairing two steps of the same moment is worth to the alignment. */
export const WEIGHT = {
  /** Any step of the same moment. */
  same: 4,
  /** A data connection's handshake: the data connection is what the two setups are compared on, so it pairs before a command that moved around it. */
  handshake: 6,
  /** Two mode commands (PORT beside PASV, EPRT beside EPSV): the moment the data connection is arranged. */
  mode: 2,
  /** Any two commands, any two replies, two data listeners: only where nothing better pairs. */
  slot: 1,
} as const;

const MODE_VERBS: ReadonlySet<string> = new Set(["PORT", "PASV", "EPRT", "EPSV", "LPRT", "LPSV"]);

export interface StepMeaning {
  /** Steps with the same key are the same moment of the session. */
  readonly key: string;
  /** Its worth to the alignment when paired with the same key. */
  readonly weight: number;
  /** Steps of the same slot may share a row when no partner of the same moment is left (PORT beside PASV); null: never. */
  readonly slot: { readonly id: string; readonly weight: number } | null;
  /** What a learner sees happen, ports and times left out: paired steps with different facts are where two setups differ. */
  readonly facts: string;
}

const verbOf = (line: string): string => line.split(" ")[0]!.toUpperCase();

/** The packet as it arrived or was stopped: after any NAT rewrite. */
function lastForm(events: readonly TraceEvent[], step: Step, sent: Packet): Packet {
  const nat = step.packet!.nat;
  return nat.length === 0 ? sent : (events[nat[nat.length - 1]!] as EventOf<"nat">).after;
}

/** The address a PORT, EPRT or 227 carries, as the other end reads it; null for any other packet (229 carries none, RFC 2428 §3). */
export function announcedIp(p: Packet): string | null {
  if (p.encrypted || p.payload.length === 0) return null;
  const line = p.payload.split("\r\n")[0]!;
  const verb = verbOf(line);
  const arg = line.slice(verb.length + 1);
  if (verb === "PORT") return parseHostPort(arg)?.ip ?? null;
  if (verb === "EPRT") {
    const e = parseEprtArgument(arg);
    return e.ok ? e.ip : null;
  }
  if (line.startsWith("227")) return parse227(line)?.ip ?? null;
  return null;
}

/** The meaning of every step of a timeline, by step index. */
export function stepMeanings(events: readonly TraceEvent[], timeline: Timeline): readonly StepMeaning[] {
  const conns = connectionsOf(events);
  // A data connection's place: the n-th one dialled in its transfer.
  const place = new Map<number, string>();
  const perTransfer = new Map<number | null, number>();
  for (const c of conns.values()) {
    if (c.purpose !== "data") continue;
    const n = (perTransfer.get(c.transfer) ?? 0) + 1;
    perTransfer.set(c.transfer, n);
    place.set(c.id, `data ${c.transfer ?? "-"}.${n}`);
  }
  // For each reply event, the verb of the command it answers (the client's last before it; RFC 959 §4.2).
  const answers = new Map<number, string>();
  let lastVerb = "";
  events.forEach((e, i) => {
    if (e.type === "command") lastVerb = verbOf(e.line);
    else if (e.type === "reply") answers.set(i, lastVerb);
  });
  // Connections whose handshake the dialler has completed with its ACK.
  const handshakeDone = new Set<number>();
  const sawSynAck = new Set<number>();

  return timeline.steps.map((step): StepMeaning => {
    const e = events[step.event]!;
    const signature = stepSignature(events, step);
    if (step.kind === "packet" && e.type === "send") {
      const p = e.packet;
      const j = step.packet!;
      const command = j.command === null ? null : (events[j.command] as EventOf<"command">);
      const reply = j.reply === null ? null : (events[j.reply] as EventOf<"reply">);
      const flags = describeFlags(p);
      const retry = p.attempt > 0 ? ` retry ${p.attempt}` : "";
      const fate = j.fate === null ? null : events[j.fate]!;
      const arrived = lastForm(events, step, p);
      const rewrote = j.nat.map((i) => (events[i] as EventOf<"nat">).node).join(",");
      const related = fate?.type === "deliver" && fate.check.ctState === "related" ? " related" : "";
      const facts = `${signature} ${announcedIp(arrived) ?? ""} ${rewrote}${related}${p.encrypted ? " encrypted" : ""}`;
      const conn = conns.get(p.conn);
      if (conn?.purpose === "data") {
        // The handshake by role: SYN and SYN-ACK (and a RST refusing one), then the dialler's first bare ACK.
        let handshake = flags === "SYN" || flags === "SYN-ACK" || (flags === "RST" && !handshakeDone.has(p.conn));
        if (flags === "SYN-ACK") sawSynAck.add(p.conn);
        if (flags === "ACK" && e.node === conn.initiator && sawSynAck.has(p.conn) && !handshakeDone.has(p.conn)) {
          handshake = true;
          handshakeDone.add(p.conn);
        }
        const who = handshake ? (e.node === conn.initiator ? "dialler" : "answerer") : e.node;
        // Its bytes are one moment whether they travel in the clear or as TLS records.
        const what = p.payload.length > 0 && flags === "data" ? "payload" : flags;
        return { key: `${place.get(p.conn)} ${who} ${what}${retry}`, weight: handshake ? WEIGHT.handshake : WEIGHT.same, slot: null, facts };
      }
      if (command) {
        const verb = verbOf(command.line);
        const mode = MODE_VERBS.has(verb);
        return { key: `control ${verb}${retry}`, weight: WEIGHT.same, slot: { id: mode ? "mode command" : "command", weight: mode ? WEIGHT.mode : WEIGHT.slot }, facts };
      }
      if (reply) {
        // A reply may stand beside another only as the answer to the same kind of command (227 beside PORT's 200, not TYPE's).
        const to = answers.get(j.reply!) ?? "";
        return { key: `control ${reply.code}${retry}`, weight: WEIGHT.same, slot: { id: `reply to ${MODE_VERBS.has(to) ? "mode" : to}`, weight: WEIGHT.slot }, facts };
      }
      // TLS records of the handshake on the control connection, bare ACKs, FINs.
      return { key: `control ${e.node} ${flags}${retry}`, weight: WEIGHT.same, slot: null, facts };
    }
    switch (e.type) {
      case "listen":
        return { key: signature, weight: WEIGHT.same, slot: { id: `listen ${e.purpose}`, weight: WEIGHT.slot }, facts: signature };
      case "unlisten":
        return { key: signature, weight: WEIGHT.same, slot: { id: "unlisten", weight: WEIGHT.slot }, facts: signature };
      case "timeout":
        return { key: signature, weight: WEIGHT.same, slot: { id: "timeout", weight: WEIGHT.slot }, facts: signature };
      case "note":
        return { key: signature, weight: WEIGHT.same, slot: { id: `note ${e.host}`, weight: WEIGHT.slot }, facts: signature };
      case "login":
        return { key: "login", weight: WEIGHT.same, slot: null, facts: signature };
      case "transfer-end":
        return { key: `transfer-end ${e.index}`, weight: WEIGHT.same, slot: null, facts: signature };
      case "session-end":
        return { key: "session-end", weight: WEIGHT.same, slot: null, facts: `session-end ${e.reason}` };
      default:
        return { key: signature, weight: WEIGHT.same, slot: null, facts: signature };
    }
  });
}
