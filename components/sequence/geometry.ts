/**
 * The sequence diagram's geometry, computed once per trace (and width): lanes across, one row
 * per step down, an arrow per packet, an annotation per other step, and the spans of waiting
 * (timeouts) and of retransmission. Pure: the component only decides what is highlighted.
 */
import { path as d3path } from "d3-path";
import { scaleBand, scaleLinear } from "d3-scale";
import type { Trace } from "../../sim/trace/trace";
import type { EventOf, HostId, NodeId, Purpose, RouterId } from "../../sim/trace/events";
import type { Timeline } from "../../sim/trace/steps";
import type { FirewallConfig } from "../../sim/scenario/schema";
import { isPrivateIp, formatEndpoint } from "../../sim/net/addresses";
import { hostOfRouter, isRouterId, routerOfHost } from "../../sim/net/hosts";
import { hostConfig, hostsOf } from "../../sim/scenario/hosts";
import { hostName, theHost, packetReceiver } from "../trace-hosts";
import { natKindOf, type NatKind } from "../../sim/net/nat-kinds";
import { isSyn } from "../../sim/net/packet";
import { connectionsOf } from "../../sim/trace/connections";
import { loginOutcome, loginSentence, loginShort } from "../../sim/trace/login";
import { dropShort, fateWords as fateWordsOf, nodeName, packetLabel, packetName } from "../../sim/trace/labels";
import { formatDuration, formatTime } from "../transcript/decode";

/** A host's lane, its firewall's ("client-fw", "server-b-fw", "relay-fw") or a NAT router's. */
export type LaneId = HostId | `${HostId}-fw` | RouterId;
export type LaneKind = "host" | "firewall" | "nat";

export interface Lane {
  readonly id: LaneId;
  readonly kind: LaneKind;
  readonly side: HostId;
  readonly x: number;
  readonly title: string;
  readonly lines: readonly string[];
  readonly private: boolean;
}

export interface ArrowGeom {
  readonly type: "arrow";
  readonly step: number;
  readonly packetId: number;
  readonly purpose: Purpose;
  readonly d: string;
  readonly head: string | null;
  readonly x0: number;
  readonly x1: number;
  readonly label: string;
  readonly labelX: number;
  /** Estimated width of the label, for the plate that keeps lanes from crossing it. */
  readonly labelW: number;
  readonly fullLabel: string;
  readonly opener: boolean;
  readonly nat: readonly { readonly x: number; readonly payload: boolean; readonly node: string }[];
  readonly drop: { readonly x: number; readonly text: string; readonly textX: number; readonly anchor: "start" | "end" } | null;
  readonly aria: string;
}

export type NoteTone = "ok" | "fail" | "listen" | "plain" | "timeout";

export interface NoteGeom {
  readonly type: "note";
  readonly step: number;
  readonly x: number;
  readonly textX: number;
  readonly anchor: "start" | "middle" | "end";
  readonly text: string;
  readonly textW: number;
  readonly marker: "listen" | "unlisten" | "ok" | "fail" | "timeout" | "note" | "end";
  readonly tone: NoteTone;
  readonly aria: string;
}

export interface RowGeom {
  readonly step: number;
  readonly top: number;
  readonly t: number;
  readonly time: string;
  /** Whether the time differs from the row above (only then is it printed, unless current). */
  readonly newTime: boolean;
  readonly item: ArrowGeom | NoteGeom;
}

export interface SpanGeom {
  readonly kind: "timeout" | "retransmit";
  readonly host: HostId;
  readonly x: number;
  readonly startStep: number;
  readonly endStep: number;
  readonly y0: number;
  readonly y1: number;
  readonly side: -1 | 1;
  readonly label: string;
  readonly aria: string;
}

export interface SequenceGeometry {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly Lane[];
  readonly rows: readonly RowGeom[];
  readonly spans: readonly SpanGeom[];
  readonly rowHeight: number;
  readonly timeWidth: number;
}

export const ROW = 38;
/** Where in a row the arrow runs, the label sits above it and a drop's rule below. */
export const ARROW_Y = 21;
export const LABEL_Y = 13;
export const DROP_Y = 34;
const PAD_RIGHT = 8;

/** Roomy on a desktop, tight on a phone: the time column, the span gutters, the lane gaps. */
interface Layout {
  readonly timeW: number;
  readonly gutter: number;
  readonly wallGap: number;
  readonly minUnit: number;
}
const ROOMY: Layout = { timeW: 66, gutter: 36, wallGap: 104, minUnit: 92 };
const COMPACT: Layout = { timeW: 52, gutter: 26, wallGap: 94, minUnit: 72 };
/** Advance of one character of the monospaced label face at 12px. */
const CHAR_W = 7.3;
/** Average advance of the sans face at 12.5px, for annotations. */
const SANS_W = 7;

function firewallLines(f: FirewallConfig): string[] {
  if (typeof f === "string") {
    switch (f) {
      case "open":
        return ["open"];
      case "stateful":
        return ["stateful"];
      case "stateful+ftp-helper":
        return ["stateful", "+ FTP helper"];
      case "control-only":
        return ["control only"];
      case "control+passive-range":
        return ["control +", "passive range"];
    }
  }
  const rules = f.rules.length === 1 ? "1 rule" : `${f.rules.length} rules`;
  return [`policy ${f.policy}`, f.ftpHelper ? `${rules} + helper` : rules];
}

/** A NAT lane's title, short as the other lanes' (a cloud's security group + 1:1 NAT, a Docker host). */
const NAT_LANE_TITLES: Readonly<Record<NatKind, string>> = { router: "NAT", cloud: "SG + NAT", docker: "Docker" };

/**
 * The lanes left to right: each host of the session (hostsOf's order) with its firewall and NAT
 * router on the side toward the client — the client's after it, every other host's before it.
 */
function lanesOf(trace: Trace): Omit<Lane, "x">[] {
  const s = trace.scenario;
  const lanes: Omit<Lane, "x">[] = [];
  for (const h of hostsOf(s)) {
    const c = hostConfig(s, h);
    const host: Omit<Lane, "x"> = { id: h, kind: "host", side: h, title: hostName(s, h), lines: [c.ip], private: isPrivateIp(c.ip) };
    const fw: Omit<Lane, "x"> | null = c.firewall !== "open" ? { id: `${h}-fw`, kind: "firewall", side: h, title: "firewall", lines: firewallLines(c.firewall), private: false } : null;
    const nat: Omit<Lane, "x"> | null =
      c.nat && h !== "relay" ? { id: routerOfHost(h), kind: "nat", side: h, title: NAT_LANE_TITLES[natKindOf(c.nat)], lines: c.nat.ftpHelper ? [c.nat.publicIp, "+ FTP helper"] : [c.nat.publicIp], private: false } : null;
    const own = h === "client" ? [host, fw, nat] : [nat, fw, host];
    for (const l of own) if (l) lanes.push(l);
  }
  return lanes;
}

/** A wall hugs its host: a fixed gap. Other gaps share the rest; the middle is widest. */
function gapWeight(a: Omit<Lane, "x">, b: Omit<Lane, "x">): number | "wall" {
  if (a.side !== b.side) return 1.6;
  if ((a.kind === "host" && b.kind === "firewall") || (a.kind === "firewall" && b.kind === "host")) return "wall";
  return 1;
}

function truncate(text: string, maxChars: number): string {
  const n = Math.max(3, Math.floor(maxChars));
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/** Emoji are about two characters wide. */
function textWidth(text: string, charW: number): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! > 0x2fff ? 2 : 1;
  return Math.ceil(n * charW);
}

const hostLane = (h: HostId): LaneId => h;

export function computeGeometry(trace: Trace, timeline: Timeline, containerWidth: number): SequenceGeometry {
  const events = trace.events;
  const base = lanesOf(trace);
  const gaps = base.slice(1).map((l, i) => gapWeight(base[i]!, l));
  const flexTotal = gaps.reduce<number>((n, g) => n + (g === "wall" ? 0 : g), 0) || 1;
  const L = containerWidth < 560 ? COMPACT : ROOMY;
  const { timeW: TIME_W, gutter: GUTTER, wallGap: WALL_GAP } = L;
  const fixedTotal = gaps.filter((g) => g === "wall").length * WALL_GAP;
  // The outer lanes' headers must fit: the last lane keeps half its widest header line to its right.
  const lastLane = base[base.length - 1]!;
  const halfHeader = Math.max(lastLane.title.length * 4, ...lastLane.lines.map((l) => l.length * 3.5)) + 4;
  const rightMargin = Math.max(GUTTER + PAD_RIGHT, Math.ceil(halfHeader));
  const chrome = TIME_W + GUTTER + rightMargin;
  const width = Math.max(Math.round(containerWidth), Math.round(chrome + fixedTotal + flexTotal * L.minUnit));
  const unit = (width - chrome - fixedTotal) / flexTotal;
  // A linear scale over "layout units": walls count WALL_GAP / unit each.
  const offsets = [0];
  gaps.forEach((g, i) => offsets.push(offsets[i]! + (g === "wall" ? WALL_GAP / unit : g)));
  const xScale = scaleLinear()
    .domain([0, offsets[offsets.length - 1] || 1])
    .range([TIME_W + GUTTER, width - rightMargin]);
  const lanes: Lane[] = base.map((l, i) => ({ ...l, x: Math.round(base.length === 1 ? TIME_W + GUTTER : xScale(offsets[i]!)) }));
  const laneX = new Map<LaneId, number>(lanes.map((l) => [l.id, l.x]));
  const has = (id: LaneId) => laneX.has(id);
  const x = (id: LaneId) => laneX.get(id)!;
  const left = lanes[0]!.x;
  const right = lanes[lanes.length - 1]!.x;

  const steps = timeline.steps;
  const yBand = scaleBand<number>()
    .domain(steps.map((s) => s.index))
    .range([0, steps.length * ROW])
    .paddingInner(0);
  const top = (step: number) => yBand(step) ?? step * ROW;

  const conns = connectionsOf(events);

  /**
   * Where a drop's ✕ goes: at the firewall or router lane of the node that dropped it; a host's
   * wall stands on its side toward the client, so a packet from beyond the host (server B's to
   * server A) meets it just before the host's lane instead.
   */
  const dropX = (node: NodeId, from: HostId, to: HostId): number => {
    if (node === "network") {
      // In the middle between the client's side and the next host's; between two servers, halfway.
      if (from !== "client" && to !== "client") return Math.round((x(from) + x(to)) / 2);
      const clientEdge = lanes.filter((l) => l.side === "client").pop()!.x;
      const serverEdge = lanes.find((l) => l.side !== "client")!.x;
      return Math.round((clientEdge + serverEdge) / 2);
    }
    const host: HostId = isRouterId(node) ? hostOfRouter(node) : node;
    const lane: LaneId = node === host ? `${host}-fw` : node;
    if (!has(lane)) return x(host);
    const at = x(lane);
    const beyond = (x(from) - x(host)) * (at - x(host)) < 0;
    return beyond ? x(host) + Math.sign(x(from) - x(host)) * 14 : at;
  };

  const rows: RowGeom[] = [];
  const spans: SpanGeom[] = [];
  let prevT = -1;

  for (const s of steps) {
    const rowTop = top(s.index);
    const ev = events[s.event]!;
    let item: ArrowGeom | NoteGeom;
    if (s.kind === "packet" && s.packet && ev.type === "send") {
      const j = s.packet;
      const p = ev.packet;
      const from = ev.node;
      const purpose: Purpose = conns.get(p.conn)?.purpose ?? "control";
      const x0 = x(hostLane(from));
      const to = packetReceiver(trace.scenario, from, p);
      const fate = j.fate === null ? null : events[j.fate]!;
      let x1: number;
      let drop: ArrowGeom["drop"] = null;
      let fateWords: string;
      if (fate?.type === "drop") {
        x1 = dropX(fate.node, from, to);
        const dir = x1 >= x0 ? 1 : -1;
        const text = dropShort(fate);
        drop = {
          x: x1,
          text,
          textX: dir > 0 ? x1 - 10 : x1 + 10,
          anchor: dir > 0 ? "end" : "start",
        };
        fateWords = `${fateWordsOf(fate, to, trace.scenario)}: ${fate.check ? fate.check.ruleText : fate.reason}`;
      } else if (fate?.type === "deliver") {
        x1 = x(hostLane(fate.node));
        fateWords = fateWordsOf(fate, fate.node, trace.scenario);
      } else {
        x1 = x(hostLane(to));
        fateWords = fateWordsOf(null, to, trace.scenario);
      }
      const dir = x1 >= x0 ? 1 : -1;
      const y = ARROW_Y;
      const nat = j.nat
        .map((n) => events[n]!)
        .filter((e): e is EventOf<"nat"> => e.type === "nat")
        .map((e) => ({ x: has(e.node as RouterId) ? x(e.node as RouterId) : x0, payload: e.before.payload !== e.after.payload, node: nodeName(e.node, trace.scenario) }));
      // A NAT rewrite is a small kink in the line: the packet leaves the router changed.
      const path = d3path();
      path.moveTo(x0, y);
      const headLen = drop ? 0 : 9;
      const end = x1 - dir * headLen;
      for (const n of nat) {
        if ((n.x - x0) * dir <= 0 || (end - n.x) * dir <= 4) continue;
        path.lineTo(n.x - dir * 5, y);
        path.lineTo(n.x, y - 3);
        path.lineTo(n.x + dir * 5, y);
      }
      path.lineTo(end, y);
      let head: string | null = null;
      if (!drop) {
        const h = d3path();
        h.moveTo(x1, y);
        h.lineTo(x1 - dir * 10, y - 5);
        h.lineTo(x1 - dir * 10, y + 5);
        h.closePath();
        head = h.toString();
      }
      const fullLabel = packetLabel(p, purpose);
      const span = Math.abs(x1 - x0);
      const label = truncate(fullLabel, (span - 16) / CHAR_W);
      const sendWords = `${hostName(trace.scenario, from)} sends ${fullLabel.replace("🔒 TLS", "TLS ciphertext")} from ${formatEndpoint(p.src)} to ${formatEndpoint(p.dst)}`;
      const natWords = nat.length > 0 ? `; rewritten by the ${nat.map((n) => n.node).join(" and the ")}` : "";
      const shownDrop = drop ? { ...drop, text: truncate(drop.text, (Math.abs(drop.x - x0) - 14) / (CHAR_W * 0.95)) } : null;
      item = {
        type: "arrow",
        step: s.index,
        packetId: j.id,
        purpose,
        d: path.toString(),
        head,
        x0,
        x1,
        label,
        labelX: (x0 + x1) / 2,
        labelW: textWidth(label, CHAR_W),
        fullLabel,
        opener: isSyn(p),
        nat,
        drop: shownDrop,
        // WCAG 2.5.3: the accessible name starts with the text on screen.
        aria: `${[label, shownDrop?.text].filter(Boolean).join(" ")} — step ${s.index + 1}, ${formatTime(s.t)}: ${sendWords} on the ${purpose} connection${natWords}; ${fateWords}`,
      };

      // A retransmission: a span on the sender's lane from the previous attempt.
      if (p.attempt > 0) {
        for (let k = s.index - 1; k >= 0; k--) {
          const prev = steps[k]!;
          const pe = prev.packet ? events[prev.packet.send] : undefined;
          if (pe?.type === "send" && pe.packet.conn === p.conn && pe.node === from && pe.packet.attempt === p.attempt - 1 && pe.packet.flags.join() === p.flags.join()) {
            const side = from === "client" ? -1 : 1;
            spans.push({
              kind: "retransmit",
              host: from,
              x: x(hostLane(from)) + side * Math.round(GUTTER * 0.75),
              startStep: k,
              endStep: s.index,
              y0: top(k) + ARROW_Y,
              y1: rowTop + ARROW_Y,
              side,
              label: `retransmitted after ${formatDuration(s.t - prev.t)}`,
              aria: `${hostName(trace.scenario, from)} retransmits ${packetName(p, purpose)} after ${formatDuration(s.t - prev.t)} without an answer`,
            });
            break;
          }
        }
      }
    } else {
      item = noteOf(s.index, ev);
    }
    rows.push({ step: s.index, top: rowTop, t: s.t, time: formatTime(s.t), newTime: s.t !== prevT, item });
    prevT = s.t;
  }

  function noteOf(step: number, e: (typeof events)[number]): NoteGeom {
    const at = (h: HostId) => {
      const lx = x(h);
      const inward = h === "client" ? 1 : -1;
      return { x: lx, textX: lx + inward * 12, anchor: (inward > 0 ? "start" : "end") as "start" | "end", room: Math.max(0, right - left - 24) };
    };
    const mk = (h: HostId, text: string, marker: NoteGeom["marker"], tone: NoteTone, aria: string): NoteGeom => {
      const a = at(h);
      const shown = truncate(text, a.room / CHAR_W);
      return { type: "note", step, x: a.x, textX: a.textX, anchor: a.anchor, text: shown, textW: textWidth(shown, marker === "listen" ? CHAR_W * 0.96 : SANS_W), marker, tone, aria: `${shown} — step ${step + 1}, ${formatTime(e.t)}: ${aria}` };
    };
    switch (e.type) {
      case "listen":
        return mk(e.host, `listen ${formatEndpoint(e.socket)}`, "listen", "listen", `${theHost(trace.scenario, e.host)} listens on ${formatEndpoint(e.socket)} for the ${e.purpose} connection`);
      case "unlisten":
        return mk(e.host, `stop listening :${e.socket.port}`, "unlisten", "plain", `${theHost(trace.scenario, e.host)} stops listening on ${formatEndpoint(e.socket)}`);
      case "timeout": {
        const waited = formatDuration(e.t - e.since);
        return mk(e.host, `${e.what} timeout ${waited}`, "timeout", "timeout", `${theHost(trace.scenario, e.host)} gives up waiting to ${e.what} ${formatEndpoint(e.socket)} after ${waited}`);
      }
      case "note":
        return mk(e.host, e.text, "note", "plain", `${hostName(trace.scenario, e.host)}: ${e.text}`);
      case "login":
        return e.result === "ok"
          ? mk("client", "✓ logged in", "ok", "ok", "the client is logged in")
          : // "login failed" would be a 530; a control connection that never opened is the network (login.ts).
            ((o) => mk("client", `✕ ${loginShort(o)}`, "fail", "fail", loginSentence(o)))(loginOutcome(events));
      case "transfer-end":
        return e.result === "ok"
          ? mk("client", `✓ ${e.command} done (${e.bytes} B)`, "ok", "ok", `${e.command} succeeded, ${e.bytes} bytes`)
          : mk("client", `✕ ${e.command} failed${e.reply ? ` (${e.reply})` : ""}`, "fail", "fail", `${e.command} failed${e.reply ? ` with ${e.reply}` : ""}${e.clientCause ? `: ${e.clientCause}` : ""}`);
      case "session-end": {
        const text = e.reason === "done" ? "session ends" : "session cut off by its time limit";
        const mid = (left + right) / 2;
        return { type: "note", step, x: mid, textX: mid, anchor: "middle", text, textW: textWidth(text, SANS_W), marker: "end", tone: "plain", aria: `Step ${step + 1}, ${formatTime(e.t)}: ${text}` };
      }
      default: {
        const mid = (left + right) / 2;
        return { type: "note", step, x: mid, textX: mid, anchor: "middle", text: e.type, textW: textWidth(e.type, SANS_W), marker: "note", tone: "plain", aria: `Step ${step + 1}: ${e.type}` };
      }
    }
  }

  // Timeouts: the span of waiting on the waiting host's lane, from its first try to giving up.
  for (const s of steps) {
    if (s.kind !== "timeout") continue;
    const e = events[s.event]!;
    if (e.type !== "timeout") continue;
    let start = -1;
    if (e.conn !== null) {
      start = steps.findIndex((q) => q.packet !== undefined && events[q.packet.send]?.type === "send" && (events[q.packet.send] as EventOf<"send">).packet.conn === e.conn);
    }
    if (start < 0) {
      start = steps.findIndex((q) => q.kind === "listen" && q.t >= e.since && (events[q.event] as EventOf<"listen">).socket.port === e.socket.port);
    }
    if (start < 0) start = steps.findIndex((q) => q.t >= e.since);
    if (start < 0 || start > s.index) start = s.index;
    const side = e.host === "client" ? -1 : 1;
    const waited = formatDuration(e.t - e.since);
    spans.push({
      kind: "timeout",
      host: e.host,
      x: x(e.host) + side * Math.round(GUTTER * 0.4),
      startStep: start,
      endStep: s.index,
      y0: top(start) + ARROW_Y,
      y1: top(s.index) + ARROW_Y,
      side,
      label: `${e.what} timeout ${waited}`,
      aria: `${e.what} timeout ${waited}: ${theHost(trace.scenario, e.host)} waited from ${formatTime(e.since)} to ${formatTime(e.t)} for ${formatEndpoint(e.socket)}`,
    });
  }

  return { width, height: steps.length * ROW + 8, lanes, rows, spans, rowHeight: ROW, timeWidth: TIME_W };
}
