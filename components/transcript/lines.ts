/**
 * The control channel as an FTP client's log shows it (FileZilla's "Command:" / "Response:"),
 * one entry per line, each tied to the step that carries it. Derived from the trace alone.
 */
import type { Trace } from "../../sim/trace/trace";
import type { Timeline } from "../../sim/trace/steps";
import type { Packet } from "../../sim/net/packet";
import { connectionsOf } from "../../sim/trace/connections";
import { maskSecrets, nodeName } from "../../sim/trace/labels";
import { decodeLine } from "./decode";
import { hostName } from "../trace-hosts";

export type LineKind = "command" | "response" | "status";

/** How an FTP client's log labels each kind of line (FileZilla's words). */
export const KIND_LABEL: Record<LineKind, string> = { command: "Command:", response: "Response:", status: "Status:" };

export interface TranscriptEntry {
  readonly key: string;
  readonly step: number;
  readonly t: number;
  readonly kind: LineKind;
  /** What the client logged (PASS masked). */
  readonly text: string;
  /** The announced data address in words, for PORT, EPRT, 227 and 229. */
  readonly decoded: string | null;
  readonly encrypted: boolean;
  /** When a NAT router's FTP helper changed the text on the way: what the other end saw. */
  readonly rewritten: { readonly by: string; readonly text: string; readonly decoded: string | null; readonly side: "server received" | "server sent" } | null;
  /** In a server-to-server transfer: the server a command went to or a reply came from ("A", "B"). */
  readonly server: "A" | "B" | null;
  /** The first line of its step (the one that carries aria-current). */
  readonly firstOfStep: boolean;
}

const strip = (payload: string) => payload.replace(/\r\n$/, "");

export function transcriptEntries(trace: Trace, timeline: Timeline): TranscriptEntry[] {
  const events = trace.events;
  const conns = connectionsOf(events);
  const entries: TranscriptEntry[] = [];
  const seenStep = new Set<number>();
  // A server-to-server transfer: the result's transcript says which server each line is for,
  // in the same order as the command and reply lines here.
  const lines = trace.scenario.fxp ? trace.result.transcript : [];
  let cursor = 0;
  const serverOfLine = (): "A" | "B" | null => {
    const l = lines[cursor++];
    if (!l) return null;
    const h = l.from === "client" ? l.to : l.from;
    return h === "server-b" ? "B" : h === "server" ? "A" : null;
  };
  const securedConns = new Set<number>();

  /** The packet as sent and as it arrived, for a command or reply event's step. */
  const journeyOf = (eventIndex: number): { sent: Packet | null; received: Packet | null; by: string[] } => {
    const step = timeline.steps[timeline.stepOfEvent[eventIndex] ?? -1];
    const j = step?.packet;
    if (!j) return { sent: null, received: null, by: [] };
    const send = events[j.send];
    const sent = send?.type === "send" ? send.packet : null;
    let received: Packet | null = sent;
    const by: string[] = [];
    for (const n of j.nat) {
      const e = events[n];
      if (e?.type !== "nat") continue;
      if (e.before.payload !== e.after.payload) by.push(`${nodeName(e.node, trace.scenario)}'s FTP helper`);
      received = e.after;
    }
    return { sent, received, by };
  };

  const push = (e: Omit<TranscriptEntry, "firstOfStep" | "key" | "server">, i: number, n: number) => {
    const server = e.kind === "status" ? null : serverOfLine();
    const firstOfStep = !seenStep.has(e.step);
    seenStep.add(e.step);
    entries.push({ ...e, key: `${i}.${n}`, firstOfStep, server });
  };

  events.forEach((e, i) => {
    const step = timeline.stepOfEvent[i] ?? 0;
    if (e.type === "command") {
      const j = journeyOf(i);
      let rewritten: TranscriptEntry["rewritten"] = null;
      if (j.by.length > 0 && j.received && !e.encrypted) {
        const text = strip(j.received.payload);
        rewritten = { by: j.by.join(" and "), text, decoded: decodeLine(text), side: "server received" };
      }
      push({ step, t: e.t, kind: "command", text: maskSecrets(e.line), decoded: decodeLine(e.line), encrypted: e.encrypted, rewritten }, i, 0);
    } else if (e.type === "reply") {
      const j = journeyOf(i);
      let rewritten: TranscriptEntry["rewritten"] = null;
      if (j.by.length > 0 && j.sent && !e.encrypted && strip(j.sent.payload) !== e.text) {
        const text = strip(j.sent.payload).split("\r\n")[0] ?? "";
        rewritten = { by: j.by.join(" and "), text, decoded: decodeLine(text), side: "server sent" };
      }
      e.text.split("\r\n").forEach((line, n) => {
        push({ step, t: e.t, kind: "response", text: line, decoded: decodeLine(line), encrypted: e.encrypted, rewritten: n === 0 ? rewritten : null }, i, n);
      });
    } else if (e.type === "tls" && e.phase === "secure" && e.host === "client" && conns.get(e.conn)?.purpose !== "data" && !securedConns.has(e.conn)) {
      securedConns.add(e.conn);
      push({ step, t: e.t, kind: "status", text: "TLS secured: from here on the control connection is encrypted", decoded: null, encrypted: false, rewritten: null }, i, 0);
    } else if (e.type === "note") {
      push({ step, t: e.t, kind: "status", text: `${hostName(trace.scenario, e.host)}: ${e.text}`, decoded: null, encrypted: false, rewritten: null }, i, 0);
    }
  });
  return entries;
}
