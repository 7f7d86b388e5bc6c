/** Connection tracking as netfilter does it: NEW, ESTABLISHED, RELATED, INVALID. */
import { describe, expect, it } from "vitest";
import { ConnTrack, type Classification } from "@/sim/net/conntrack";
import { ep, pkt, reply } from "./packets";
import type { Packet } from "@/sim/net/packet";

/** Classify and record, as a host does for a packet it accepts. */
function pass(ct: ConnTrack, p: Packet, helper = false): Classification {
  const c = ct.classify(p);
  ct.record(p, c, { helper });
  return c;
}

const CLIENT = "10.99.1.2:45000";
const SERVER = "10.99.2.2:21";

describe("ConnTrack", () => {
  it("calls a connection's first SYN new, the answer established, and everything after established both ways", () => {
    const ct = new ConnTrack();
    const syn = pkt(CLIENT, SERVER, "SYN");
    expect(pass(ct, syn).state).toBe("new");
    const synAck = reply(syn, "SYN-ACK");
    expect(pass(ct, synAck).state).toBe("established");
    expect(pass(ct, pkt(CLIENT, SERVER, "ACK")).state).toBe("established");
    expect(pass(ct, pkt(SERVER, CLIENT, "data", "220 (vsFTPd 3.0.3)\r\n")).state).toBe("established");
  });

  it("keeps a connection new until a packet has gone the other way (a retransmitted SYN is new)", () => {
    const ct = new ConnTrack();
    const syn = pkt(CLIENT, SERVER, "SYN");
    pass(ct, syn);
    expect(ct.classify({ ...syn, attempt: 1 }).state).toBe("new");
  });

  it("leaves no entry for a packet it only classified (a dropped SYN): its retransmission is new again", () => {
    const ct = new ConnTrack();
    const syn = pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN");
    expect(ct.classify(syn).state).toBe("new");
    expect(ct.lookup(syn.src, syn.dst)).toBeUndefined();
    const answer = reply(syn, "SYN-ACK");
    expect(ct.classify(answer).state).toBe("new");
  });

  it("finds an entry under both tuples, with the direction", () => {
    const ct = new ConnTrack();
    const syn = pkt(CLIENT, SERVER, "SYN");
    pass(ct, syn);
    expect(ct.lookup(syn.src, syn.dst)?.dir).toBe("orig");
    expect(ct.lookup(syn.dst, syn.src)?.dir).toBe("reply");
    expect(ct.lookup(syn.src, syn.dst)?.entry).toBe(ct.lookup(syn.dst, syn.src)?.entry);
  });

  it("calls a stray RST that belongs to no connection invalid and records nothing for it", () => {
    const ct = new ConnTrack();
    const rst = pkt(SERVER, CLIENT, "RST");
    const c = ct.classify(rst);
    expect(c.state).toBe("invalid");
    expect(ct.record(rst, c, { helper: false })).toBeUndefined();
    expect(ct.lookup(rst.src, rst.dst)).toBeUndefined();
  });

  it("calls a stray ACK with no connection new (netfilter's TCP tracking picks up mid-stream)", () => {
    expect(new ConnTrack().classify(pkt(SERVER, CLIENT, "ACK")).state).toBe("new");
  });

  it("uses the reply tuple it is given (NAT): the translated answer is established, the untranslated one is not", () => {
    const ct = new ConnTrack();
    const syn = pkt("192.168.1.10:45000", "203.0.113.5:21", "SYN");
    const mapped = ep("198.51.100.7:45000");
    ct.record(syn, ct.classify(syn), { helper: false, reply: { src: syn.dst, dst: mapped } });
    expect(ct.classify(pkt("203.0.113.5:21", "198.51.100.7:45000", "SYN-ACK")).state).toBe("established");
    expect(ct.lookup(ep("203.0.113.5:21"), ep("192.168.1.10:45000"))).toBeUndefined();
  });

  describe("expectations (what a helper read on the control connection)", () => {
    function withControl(): { ct: ConnTrack; master: NonNullable<ReturnType<ConnTrack["lookup"]>>["entry"] } {
      const ct = new ConnTrack();
      const syn = pkt(CLIENT, SERVER, "SYN");
      pass(ct, syn, true);
      pass(ct, reply(syn, "SYN-ACK"), true);
      return { ct, master: ct.lookup(syn.src, syn.dst)!.entry };
    }

    it("makes the expected connection's SYN related, from the expected address and any source port", () => {
      const { ct, master } = withControl();
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40000"), master });
      for (const sport of [20, 33333]) {
        expect(ct.classify(pkt(`10.99.2.2:${sport}`, "10.99.1.2:40000", "SYN")).state).toBe("related");
      }
    });

    it("does not relate a SYN from another address, to another port, or that is not a SYN", () => {
      const { ct, master } = withControl();
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40000"), master });
      expect(ct.classify(pkt("10.99.3.30:20", "10.99.1.2:40000", "SYN")).state).toBe("new");
      expect(ct.classify(pkt("10.99.2.2:20", "10.99.1.2:40001", "SYN")).state).toBe("new");
      expect(ct.classify(pkt("10.99.2.2:20", "10.99.1.2:40000", "ACK")).state).toBe("new");
    });

    it("keeps the connection related until its answer, then established; the entry says related", () => {
      const { ct, master } = withControl();
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40000"), master });
      const syn = pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN");
      expect(pass(ct, syn).state).toBe("related");
      expect(ct.lookup(syn.src, syn.dst)?.entry.related).toBe(true);
      expect(ct.classify({ ...syn, attempt: 1 }).state).toBe("related");
      expect(pass(ct, reply(syn, "SYN-ACK")).state).toBe("established");
      expect(ct.classify(pkt("10.99.2.2:20", "10.99.1.2:40000", "data", "x")).state).toBe("established");
    });

    it("uses an expectation once: a second connection to the same socket is new", () => {
      const { ct, master } = withControl();
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40000"), master });
      pass(ct, pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN"));
      expect(ct.findExpectation(ep("10.99.2.2:20"), ep("10.99.1.2:40000"))).toBeUndefined();
      expect(ct.classify(pkt("10.99.2.2:21000", "10.99.1.2:40000", "SYN")).state).toBe("new");
    });

    it("replaces an earlier expectation of the same control connection with the new announcement", () => {
      const { ct, master } = withControl();
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40000"), master });
      ct.expect({ from: "10.99.2.2", to: ep("10.99.1.2:40001"), master });
      expect(ct.classify(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN")).state).toBe("new");
      expect(ct.classify(pkt("10.99.2.2:20", "10.99.1.2:40001", "SYN")).state).toBe("related");
    });
  });

  describe("the end of a connection", () => {
    function closed(how: "fin" | "rst"): { ct: ConnTrack; syn: Packet } {
      const ct = new ConnTrack();
      const syn = pkt("10.99.1.2:45000", "10.99.2.2:30000", "SYN");
      pass(ct, syn);
      pass(ct, reply(syn, "SYN-ACK"));
      if (how === "fin") {
        pass(ct, pkt("10.99.2.2:30000", "10.99.1.2:45000", "FIN"));
        pass(ct, pkt("10.99.1.2:45000", "10.99.2.2:30000", "FIN"));
      } else {
        pass(ct, pkt("10.99.1.2:45000", "10.99.2.2:30000", "RST"));
      }
      return { ct, syn };
    }

    it("notes FINs in both directions and a RST", () => {
      const f = closed("fin");
      const e = f.ct.lookup(f.syn.src, f.syn.dst)!.entry;
      expect([e.finOrig, e.finReply, e.reset]).toEqual([true, true, false]);
      const r = closed("rst");
      expect(r.ct.lookup(r.syn.src, r.syn.dst)!.entry.reset).toBe(true);
    });

    it.each(["fin", "rst"] as const)("lets a new SYN on the same tuple start a new connection after a %s", (how) => {
      const { ct, syn } = closed(how);
      const old = ct.lookup(syn.src, syn.dst)!.entry;
      const again = { ...syn, id: syn.id + 1000 };
      const c = ct.classify(again);
      expect(c.state).toBe("new");
      ct.record(again, c, { helper: false });
      const fresh = ct.lookup(syn.src, syn.dst)!.entry;
      expect(fresh.id).not.toBe(old.id);
      expect([fresh.finOrig, fresh.finReply, fresh.reset, fresh.seenReply]).toEqual([false, false, false, false]);
    });
  });
});
