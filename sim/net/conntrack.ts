/**
 * Connection tracking as netfilter does it, for one host's firewall or one NAT router.
 * A connection's first packet is NEW (or RELATED when a helper expected it); once a packet has
 * gone the other way, every packet of it is ESTABLISHED. A packet that starts nothing and
 * belongs to nothing (a stray RST) is INVALID. Entries are created only when a packet is
 * accepted: a dropped SYN leaves no trace, so its retransmission is NEW again.
 */
import type { Endpoint } from "./addresses";
import { isSyn, type Packet } from "./packet";
import { TupleKeys } from "./tuple-key";

export type CtState = "new" | "established" | "related" | "invalid";
export type Direction = "orig" | "reply";

export interface Tuple {
  readonly src: Endpoint;
  readonly dst: Endpoint;
}

/**
 * nf_ct_seqadj: where in a stream the last rewrite happened (original numbering), and the
 * offset for segments before and after it, so a retransmission of an earlier segment and an
 * ACK of bytes before the rewrite keep the offset they had.
 */
export interface SeqAdjust {
  correctionPos: number;
  offsetBefore: number;
  offsetAfter: number;
}

export interface CtEntry {
  readonly id: number;
  /** As the first packet was seen. */
  readonly orig: Tuple;
  /** What a reply looks like when it arrives (differs from orig reversed behind NAT). */
  readonly reply: Tuple;
  seenReply: boolean;
  /** Created by a helper's expectation. */
  readonly related: boolean;
  /** The entry whose helper expected this one (netfilter's ct->master), for a related one. */
  readonly master: number | null;
  /** The FTP helper watches this connection's payload. */
  readonly helper: boolean;
  finOrig: boolean;
  finReply: boolean;
  reset: boolean;
  /** Bytes a NAT helper added to each direction's stream, for sequence number adjustment. */
  seqAdjust: { orig: SeqAdjust; reply: SeqAdjust };
}

/** A data connection a helper read on the control connection and now expects. */
export interface Expectation {
  /** The address the connection will come from (the other end of the control connection). */
  readonly from: string;
  /** Where it will go, as announced. */
  readonly to: Endpoint;
  /** For a NAT helper: where to send it once it arrives. */
  readonly natTo?: Endpoint;
  readonly master: CtEntry;
}

export interface Lookup {
  entry: CtEntry;
  dir: Direction;
}

export interface Classification {
  state: CtState;
  found?: Lookup;
  expectation?: Expectation;
}

/** A connection that ended (RST, or FIN both ways): a new SYN on its tuple starts afresh. */
export const isClosed = (entry: CtEntry): boolean => entry.reset || (entry.finOrig && entry.finReply);

export class ConnTrack {
  private readonly table = new Map<number, Lookup>();
  private readonly keys = new TupleKeys();
  private expectations: Expectation[] = [];
  private nextId = 1;

  lookup(src: Endpoint, dst: Endpoint): Lookup | undefined {
    return this.table.get(this.keys.key(src, dst));
  }

  /** The entry a packet belongs to: a connection that ended does not carry a new SYN on its tuple. */
  current(p: Packet): Lookup | undefined {
    const found = this.lookup(p.src, p.dst);
    return found && isClosed(found.entry) && isSyn(p) ? undefined : found;
  }

  findExpectation(src: Endpoint, dst: Endpoint): Expectation | undefined {
    return this.expectations.find((e) => e.from === src.ip && e.to.ip === dst.ip && e.to.port === dst.port);
  }

  classify(p: Packet): Classification {
    const found = this.current(p);
    if (found) {
      const { entry, dir } = found;
      if (dir === "reply" || entry.seenReply) return { state: "established", found };
      return { state: entry.related ? "related" : "new", found };
    }
    if (p.flags.includes("RST")) return { state: "invalid" };
    const expectation = isSyn(p) ? this.findExpectation(p.src, p.dst) : undefined;
    return expectation ? { state: "related", expectation } : { state: "new" };
  }

  /**
   * Records an accepted packet: creates the entry for a new connection (its reply tuple given
   * by NAT, or the plain reverse), notes replies, FINs and RSTs. Returns the packet's entry.
   */
  record(p: Packet, c: Classification, options: { helper: boolean; reply?: Tuple }): Lookup | undefined {
    let found = c.found;
    if (!found || (isClosed(found.entry) && isSyn(p))) {
      if (c.state === "invalid") return undefined;
      if (found) this.forget(found.entry);
      const entry: CtEntry = {
        id: this.nextId++,
        orig: { src: p.src, dst: p.dst },
        reply: options.reply ?? { src: p.dst, dst: p.src },
        seenReply: false,
        related: c.expectation !== undefined,
        master: c.expectation ? c.expectation.master.id : null,
        helper: options.helper,
        finOrig: false,
        finReply: false,
        reset: false,
        seqAdjust: { orig: { correctionPos: 0, offsetBefore: 0, offsetAfter: 0 }, reply: { correctionPos: 0, offsetBefore: 0, offsetAfter: 0 } },
      };
      if (c.expectation) this.expectations = this.expectations.filter((e) => e !== c.expectation);
      found = { entry, dir: "orig" };
      this.table.set(this.keys.key(entry.orig.src, entry.orig.dst), found);
      this.table.set(this.keys.key(entry.reply.src, entry.reply.dst), { entry, dir: "reply" });
    }
    const { entry, dir } = found;
    if (dir === "reply") entry.seenReply = true;
    if (p.flags.includes("FIN")) {
      if (dir === "orig") entry.finOrig = true;
      else entry.finReply = true;
    }
    if (p.flags.includes("RST")) entry.reset = true;
    return found;
  }

  /** Every entry, oldest first (what `conntrack -L` lists), for a view of the table. */
  entries(): CtEntry[] {
    const seen = new Set<CtEntry>();
    for (const { entry } of this.table.values()) seen.add(entry);
    return [...seen].sort((x, y) => x.id - y.id);
  }

  /** The expectations not yet met (what `conntrack -L expect` lists). */
  pending(): readonly Expectation[] {
    return this.expectations;
  }

  expect(e: Expectation): void {
    // A new announcement on the same control connection replaces the previous one, as
    // nf_conntrack_ftp's expectation limit of one per master does in practice.
    this.expectations = this.expectations.filter((x) => x.master !== e.master);
    this.expectations.push(e);
  }

  private forget(entry: CtEntry): void {
    this.table.delete(this.keys.key(entry.orig.src, entry.orig.dst));
    this.table.delete(this.keys.key(entry.reply.src, entry.reply.dst));
  }
}
