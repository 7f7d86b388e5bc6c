/**
 * A NAT router in front of one host, as Linux does it: connections from the inside are
 * masqueraded to the public address (keeping the source port when it is free); connections
 * from outside reach the inside host only through a listed port forward or, with the FTP NAT
 * helper (nf_nat_ftp), through the data port the helper opened after rewriting PORT, EPRT,
 * 227 or 229. Anything else addressed to the public address is dropped, as a router with a
 * default-deny input does. Each rewrite is reported before and after. A cloud's security group
 * + 1:1 NAT and a Docker host's published ports are the same machinery with another list and
 * other words (nat-kinds.ts).
 */
import { formatEndpoint, inPortSpec, type Endpoint } from "./addresses";
import { ConnTrack, isClosed, type CtEntry, type Direction, type Lookup } from "./conntrack";
import { FTP_CONTROL_PORT } from "./ftp-ports";
import { hostOfRouter } from "./hosts";
import { natGatekeeper, natInRule, natKindOf, natNoEntry, natOutRule, type NatKind } from "./nat-kinds";
import { readAnnouncement, type Announcement } from "./ftp-helper";
import type { Packet } from "./packet";
import type { Random } from "../random";
import type { NatConfig } from "../scenario/schema";
import type { RouterId, TraceWriter } from "../trace/events";
import { formatEprtArgument, formatHostPort } from "../ftp/hostport";

export type InboundResult = { ok: true; packet: Packet } | { ok: false; reason: string };

const other = (d: Direction): Direction => (d === "orig" ? "reply" : "orig");
const seqAfter = (a: number, b: number): boolean => ((a - b) | 0) > 0;

export class NatRouter {
  private readonly conntrack = new ConnTrack();

  constructor(
    readonly id: RouterId,
    readonly config: NatConfig,
    /** The address of the host behind the router. */
    readonly insideIp: string,
    private readonly ephemeral: readonly [number, number],
    private readonly random: Random,
    private readonly trace: TraceWriter,
  ) {}

  get publicIp(): string {
    return this.config.publicIp;
  }

  get kind(): NatKind {
    return natKindOf(this.config);
  }

  /** A packet from the inside host on its way out. */
  outbound(p: Packet): Packet {
    let found = this.conntrack.current(p);
    let rule: string;
    if (found) {
      rule = found.dir === "orig" ? natOutRule(this.kind) : "reply of a forwarded connection";
    } else {
      const mapped = { ip: this.publicIp, port: this.mapPort(p.src.port, p.dst) };
      const c = this.conntrack.classify(p);
      found = this.conntrack.record(p, c, { helper: this.helps(p.dst.port), reply: { src: p.dst, dst: mapped } });
      rule = natOutRule(this.kind);
      if (!found) return p;
    }
    this.conntrack.record(p, { state: "established", found }, { helper: false });
    const { entry, dir } = found;
    const src = dir === "orig" ? entry.reply.dst : entry.orig.dst;
    let after: Packet = { ...p, src, ...this.adjusted(p, entry, dir) };
    const rewritten = this.helperRewrite(after, p, entry, dir);
    if (rewritten) {
      after = rewritten.packet;
      rule += `; FTP helper rewrote ${rewritten.kind}`;
    }
    this.trace.emit({ type: "nat", node: this.id, before: p, after, rule });
    return after;
  }

  /** A packet from outside addressed to the router's public address. */
  inbound(p: Packet): InboundResult {
    let found: Lookup | undefined = this.conntrack.current(p);
    let rule: string;
    if (found) {
      rule = found.dir === "reply" ? "reply to a masqueraded connection" : "port forward";
    } else {
      const c = this.conntrack.classify(p);
      const target = c.expectation?.natTo ?? (this.config.forward.some((f) => inPortSpec(p.dst.port, f)) ? { ip: this.insideIp, port: p.dst.port } : null);
      if (!target) {
        return { ok: false, reason: natNoEntry(this.kind, hostOfRouter(this.id), formatEndpoint(p.dst), p.dst.port) };
      }
      found = this.conntrack.record(p, c, { helper: this.helps(p.dst.port), reply: { src: target, dst: p.src } });
      if (!found) return { ok: false, reason: `${this.label()} dropped an invalid packet` };
      rule = c.expectation ? "FTP helper expectation" : natInRule(this.kind, p.dst.port);
    }
    this.conntrack.record(p, { state: "established", found }, { helper: false });
    const { entry, dir } = found;
    const dst = dir === "reply" ? entry.orig.src : entry.reply.src;
    const after: Packet = { ...p, dst, ...this.adjusted(p, entry, dir) };
    this.trace.emit({ type: "nat", node: this.id, before: p, after, rule });
    return { ok: true, packet: after };
  }

  private label(): string {
    return natGatekeeper(this.kind, hostOfRouter(this.id));
  }

  private helps(dport: number): boolean {
    return this.config.ftpHelper && dport === FTP_CONTROL_PORT;
  }

  /** Keep the source port when that tuple is free, as Linux's masquerade does. */
  private mapPort(port: number, remote: Endpoint): number {
    let candidate = port;
    const taken = (port: number) => {
      const f = this.conntrack.lookup(remote, { ip: this.publicIp, port });
      return f !== undefined && !isClosed(f.entry);
    };
    for (let tries = 0; taken(candidate); tries++) {
      if (tries >= 64) throw new Error(`${this.label()} has no free port left to masquerade a connection to ${formatEndpoint(remote)}`);
      candidate = this.random.int(this.ephemeral[0], this.ephemeral[1]);
    }
    return candidate;
  }

  /** Sequence numbers shift by what the helper added to a stream earlier (nf_ct_seq_adjust). */
  private adjusted(p: Packet, entry: CtEntry, dir: Direction): { seq: number; ack: number } {
    const mine = entry.seqAdjust[dir];
    const theirs = entry.seqAdjust[other(dir)];
    const seqOffset = seqAfter(p.seq, mine.correctionPos) ? mine.offsetAfter : mine.offsetBefore;
    const ackOffset = seqAfter((p.ack - theirs.offsetBefore) >>> 0, theirs.correctionPos) ? theirs.offsetAfter : theirs.offsetBefore;
    return {
      seq: (p.seq + seqOffset) >>> 0,
      ack: p.flags.includes("ACK") ? (p.ack - ackOffset) >>> 0 : p.ack,
    };
  }

  /**
   * nf_nat_ftp: an announcement of the inside host's own address is rewritten to the public
   * address, and the port it names is opened toward the inside host.
   */
  private helperRewrite(
    p: Packet,
    original: Packet,
    entry: CtEntry,
    dir: Direction,
  ): { packet: Packet; kind: Announcement["kind"] } | null {
    if (!entry.helper || p.payload.length === 0 || p.encrypted) return null;
    const a = readAnnouncement(p.payload, dir, original.src.ip);
    if (!a || a.endpoint.ip !== original.src.ip) return null;
    const remote = dir === "orig" ? entry.orig.dst.ip : entry.reply.dst.ip;
    const publicEndpoint = { ip: this.publicIp, port: this.mapPort(a.endpoint.port, { ip: remote, port: 0 }) };
    const text =
      a.kind === "PORT" || a.kind === "227"
        ? formatHostPort(publicEndpoint)
        : a.kind === "EPRT"
          ? formatEprtArgument(publicEndpoint)
          : `|||${publicEndpoint.port}|`;
    const payload = p.payload.slice(0, a.span.start) + text + p.payload.slice(a.span.end);
    // nf_ct_seqadj_set: segments after this one shift by the growth; this one and earlier keep the old offset.
    const adjust = entry.seqAdjust[dir];
    if (original.seq !== adjust.correctionPos || adjust.offsetBefore === adjust.offsetAfter) {
      adjust.offsetBefore = adjust.offsetAfter;
      adjust.correctionPos = original.seq;
    }
    adjust.offsetAfter = adjust.offsetBefore + payload.length - p.payload.length;
    this.conntrack.expect({ from: remote, to: publicEndpoint, natTo: a.endpoint, master: entry });
    this.trace.emit({
      type: "expect",
      node: this.id,
      packetId: p.id,
      announcement: a.kind,
      from: remote,
      to: publicEndpoint,
      natTo: a.endpoint,
    });
    return { packet: { ...p, payload }, kind: a.kind };
  }
}
