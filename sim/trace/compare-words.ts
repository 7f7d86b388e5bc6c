/**
 * The sentence that marks where two setups first part ways (compare.ts): "A: …; B: …." — what
 * each side does at that row, in the lab's words (labels.ts: packet names, node names, fates,
 * the few words of a drop). When both sides have the same packet there, it says what became of
 * it on each side (dropped by the firewall, let in as related); otherwise what each side does.
 */
import { formatEndpoint } from "../net/addresses";
import { describeFlags, type Packet } from "../net/packet";
import { connectionsOf } from "./connections";
import type { EventOf, HostId, TraceEvent } from "./events";
import { dropShort, fateWords, maskSecrets, nodeName, packetLabel, packetName } from "./labels";
import type { Step, Timeline } from "./steps";
import type { Trace } from "./trace";

/** One side at the diverging row: its step there, or (none) its next step after the row. */
export interface SideAtRow {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly step: number | null;
  /** Its first step after the row, for a side that has none there; null when its session is over. */
  readonly next: number | null;
}

const sendOf = (trace: Trace, step: Step): EventOf<"send"> => trace.events[step.event] as EventOf<"send">;
const purposeOf = (trace: Trace, conn: number) => connectionsOf(trace.events).get(conn)?.purpose ?? "control";

/**
 * A reply as a sentence quotes it, as the server sent it (a NAT helper may rewrite it on the
 * way; the reply event is what the client read): 227 and 229 by the address they give, others
 * by their first line.
 */
function replyWords(r: EventOf<"reply">, sent: Packet): string {
  const first = (sent.encrypted ? r.text : sent.payload).split("\r\n")[0]!;
  const address = /^22[79][ -].*?(\([^)]*\))/.exec(first);
  if (address) return `${r.code} ${address[1]}`;
  const rest = first.slice(4).trim();
  return rest.length > 0 ? `${r.code} "${rest}"` : String(r.code);
}

/** The FTP helper's expectation that let a RELATED packet in: the latest before it for its destination port. */
function expectationFor(events: readonly TraceEvent[], before: number, port: number): EventOf<"expect"> | null {
  let any: EventOf<"expect"> | null = null;
  for (let i = before - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== "expect") continue;
    if (e.to.port === port || e.natTo?.port === port) return e;
    any ??= e;
  }
  return any;
}

/** What became of a packet, as a predicate: "is dropped by the client firewall (ct state new, policy drop)". */
function fatePredicate(trace: Trace, step: Step): string {
  const j = step.packet!;
  const sent = sendOf(trace, step).packet;
  const s = trace.scenario;
  const fate = j.fate === null ? null : (trace.events[j.fate] as EventOf<"deliver"> | EventOf<"drop">);
  const to: HostId = sendOf(trace, step).node === "client" ? "server" : "client";
  if (!fate) return `is ${fateWords(null, to, s)}`;
  if (fate.type === "drop") {
    const why = fate.check ? `ct state ${fate.check.ctState}, ${fate.check.ruleText}` : dropShort(fate).replace(/^lost: /, "");
    return `is ${fateWords(fate, to, s)} (${why})`;
  }
  const nats = j.nat.map((i) => trace.events[i] as EventOf<"nat">);
  const rewrite = nats.find((n) => n.before.payload !== n.after.payload);
  const through = nats.length > 0 && !rewrite ? ` through the ${nodeName(nats[0]!.node, s)}` : "";
  const rewritten = rewrite ? `, rewritten by the ${nodeName(rewrite.node, s)}'s FTP helper to ${packetName(rewrite.after, purposeOf(trace, sent.conn))}` : "";
  if (fate.check.ctState === "related") {
    const expect = expectationFor(trace.events, step.event, fate.packet.dst.port);
    const helper = expect ? `, whose FTP helper read the ${expect.announcement} and expected it` : "";
    return `is let in as related by the ${nodeName(fate.check.firewall, s)}${helper} (${fate.check.ruleText})${rewritten}`;
  }
  return `reaches the ${fate.node}${through}${rewritten}`;
}

/** A packet as the subject of a sentence: "the server's SYN to 10.99.1.2:40001", "the client's PORT 10,99,1,2,156,65". */
function packetSubject(trace: Trace, step: Step): string {
  const e = sendOf(trace, step);
  const j = step.packet!;
  const purpose = purposeOf(trace, e.packet.conn);
  const command = j.command === null ? null : (trace.events[j.command] as EventOf<"command">);
  const reply = j.reply === null ? null : (trace.events[j.reply] as EventOf<"reply">);
  const what = command ? maskSecrets(command.line) : reply ? replyWords(reply, e.packet) : `${packetLabel(e.packet, purpose)} on the ${purpose} connection`;
  const to = describeFlags(e.packet) === "SYN" ? ` to ${formatEndpoint(e.packet.dst)}` : "";
  return `the ${e.node}'s ${what}${to}`;
}

/** What a side does at a step: "the client sends PASV", "the server connects to 10.99.1.2:40001 for the data connection". */
function action(trace: Trace, step: Step): string {
  const e = trace.events[step.event]!;
  switch (e.type) {
    case "send": {
      const j = step.packet!;
      const p = e.packet;
      const fate = j.fate === null ? null : trace.events[j.fate]!;
      // Anything but a plain delivery is told as what became of the packet.
      if (fate?.type !== "deliver" || fate.check.ctState === "related" || j.nat.length > 0) return `${packetSubject(trace, step)} ${fatePredicate(trace, step)}`;
      const purpose = purposeOf(trace, p.conn);
      if (j.command !== null) return `the ${e.node} sends ${maskSecrets((trace.events[j.command] as EventOf<"command">).line)}`;
      if (j.reply !== null) return `the ${e.node} replies ${replyWords(trace.events[j.reply] as EventOf<"reply">, p)}`;
      if (describeFlags(p) === "SYN") return `the ${e.node} connects${p.attempt > 0 ? ` again (retry ${p.attempt})` : ""} to ${formatEndpoint(p.dst)} for the ${purpose} connection`;
      return `the ${e.node} sends ${packetLabel(p, purpose)} on the ${purpose} connection`;
    }
    case "listen":
      return `the ${e.host} listens on ${formatEndpoint(e.socket)} for the ${e.purpose} connection`;
    case "unlisten":
      return `the ${e.host} stops listening on ${formatEndpoint(e.socket)}`;
    case "timeout":
      return e.what === "connect" ? `the ${e.host} gives up connecting to ${formatEndpoint(e.socket)}` : `the ${e.host} gives up waiting for a connection on ${formatEndpoint(e.socket)}`;
    case "note":
      return `the ${e.host} notes "${e.text.replace(/\.$/, "")}"`;
    case "login":
      return e.result === "ok" ? "the client is logged in" : `the login fails${e.reply === null ? " with no reply" : ` (${e.reply})`}`;
    case "transfer-end":
      return `${e.command} ${e.result === "ok" ? "completes" : "fails"}${e.reply === null ? "" : ` (${e.reply})`}`;
    case "session-end":
      return e.reason === "time-limit" ? "the session hits its time limit" : "the session ends";
    default:
      return e.type;
  }
}

function clause(side: SideAtRow, samePacket: boolean): string {
  if (side.step === null) {
    if (side.next === null) return "nothing here (its session is over)";
    return `nothing here (next, ${action(side.trace, side.timeline.steps[side.next]!)})`;
  }
  const step = side.timeline.steps[side.step]!;
  return samePacket ? `${packetSubject(side.trace, step)} ${fatePredicate(side.trace, step)}` : action(side.trace, step);
}

/**
 * "A: …; B: …." for the diverging row. `samePacket`: both sides have the same packet there (the
 * same moment, step-meaning.ts), so the sentence is about what became of it.
 */
export function divergenceSentence(a: SideAtRow, b: SideAtRow, samePacket: boolean): string {
  return `A: ${clause(a, samePacket)}; B: ${clause(b, samePacket)}.`;
}
