/**
 * NAT routers as Linux does them: masquerade (keeping the source port), port forwards, nothing
 * else in, and the FTP NAT helper (nf_nat_ftp) that rewrites PORT/EPRT/227/229 and shifts later
 * sequence numbers by the length change (nf_ct_seqadj).
 */
import { describe, expect, it } from "vitest";
import { simulate, type EventOf, type Trace } from "@/sim/index";
import { NatRouter } from "@/sim/net/nat";
import { createRandom } from "@/sim/random";
import { TraceWriter } from "@/sim/trace/events";
import { connections, drops, eventsOf, expectTransfer, transferOf } from "../../harness/trace-queries";
import { pkt } from "./packets";

const FILES = { "hello.txt": "hello\n" };
const CLIENT_PRIVATE = "10.0.0.5";
const CLIENT_PUBLIC = "198.51.100.7";
const SERVER_PRIVATE = "10.99.2.20";
const SERVER_PUBLIC = "203.0.113.5";
const OUTSIDE_CLIENT = "198.51.100.20";

function clientBehindNat(extra: { mode?: "active" | "passive"; extended?: boolean; ftpHelper?: boolean; tls?: boolean; commands?: string[] } = {}): Trace {
  return simulate({
    client: { ip: CLIENT_PRIVATE, mode: extra.mode ?? "passive", extended: extra.extended ?? false, nat: { publicIp: CLIENT_PUBLIC, ftpHelper: extra.ftpHelper ?? false } },
    server: { ip: SERVER_PUBLIC, passivePorts: [30000, 30049] },
    tls: extra.tls ?? false,
    files: FILES,
    commands: extra.commands ?? ["LIST"],
  });
}

function serverBehindNat(extra: { forward?: unknown[]; ftpHelper?: boolean; pasvAddress?: "use" | "ignore"; passiveAddress?: string; extended?: boolean; mode?: "active" | "passive"; commands?: string[] } = {}): Trace {
  return simulate({
    client: { ip: OUTSIDE_CLIENT, mode: extra.mode ?? "passive", extended: extra.extended ?? false, pasvAddress: extra.pasvAddress ?? "use" },
    server: {
      ip: SERVER_PRIVATE,
      passivePorts: [3000, 3009],
      passiveAddress: extra.passiveAddress ?? null,
      nat: { publicIp: SERVER_PUBLIC, forward: extra.forward ?? [21, [3000, 3009]], ftpHelper: extra.ftpHelper ?? false },
    },
    files: FILES,
    commands: extra.commands ?? ["LIST"],
  });
}

const natEvents = (trace: Trace, node: "client-nat" | "server-nat"): EventOf<"nat">[] => eventsOf(trace, "nat").filter((e) => e.node === node);
const rewrites = (trace: Trace, node: "client-nat" | "server-nat"): EventOf<"nat">[] => natEvents(trace, node).filter((e) => e.before.payload !== e.after.payload);

describe("masquerade", () => {
  it("rewrites the client's private source address to the public one and keeps the source port", () => {
    const trace = clientBehindNat();
    const control = connections(trace, { purpose: "control" })[0]!;
    expect(control.from.ip).toBe(CLIENT_PRIVATE);
    const syn = natEvents(trace, "client-nat").find((e) => e.before.conn === control.id && e.before.flags.includes("SYN"))!;
    expect(syn.rule).toBe("masquerade");
    expect(syn.after.src).toEqual({ ip: CLIENT_PUBLIC, port: control.from.port });
    expect(syn.after.dst).toEqual(syn.before.dst);
    // The server only ever sees the public address.
    const atServer = eventsOf(trace, "deliver").filter((d) => d.node === "server");
    expect(atServer.length).toBeGreaterThan(0);
    expect(atServer.every((d) => d.packet.src.ip === CLIENT_PUBLIC)).toBe(true);
  });

  it("translates the answers back to the private address", () => {
    const trace = clientBehindNat();
    const back = natEvents(trace, "client-nat").filter((e) => e.before.dst.ip === CLIENT_PUBLIC);
    expect(back.length).toBeGreaterThan(0);
    for (const e of back) {
      expect(e.rule).toBe("reply to a masqueraded connection");
      expect(e.after.dst.ip).toBe(CLIENT_PRIVATE);
      expect(e.after.dst.port).toBe(e.before.dst.port);
    }
  });

  it("lets a client behind NAT work in passive mode, the data connection masqueraded too", () => {
    const trace = clientBehindNat({ commands: ["LIST", "RETR hello.txt", "STOR up.txt"] });
    for (const verb of ["LIST", "RETR", "STOR"]) expectTransfer(trace, verb, { result: "ok", reply: 226, initiator: "client", clientIp: CLIENT_PRIVATE, serverIp: SERVER_PUBLIC });
  });

  it("masquerades a server behind NAT that opens active data connections, still from port 20", () => {
    const trace = serverBehindNat({ mode: "active", forward: [21] });
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, initiator: "server", serverPort: 20 });
    const syn = natEvents(trace, "server-nat").find((e) => e.before.src.port === 20 && e.before.flags.includes("SYN") && !e.before.flags.includes("ACK"))!;
    expect(syn.after.src).toEqual({ ip: SERVER_PUBLIC, port: 20 });
  });
});

describe("port forwards and unsolicited traffic", () => {
  it("forwards a listed port to the host behind the router", () => {
    const trace = serverBehindNat({ pasvAddress: "ignore" });
    const control = natEvents(trace, "server-nat").find((e) => e.before.dst.port === 21 && e.before.flags.includes("SYN"))!;
    expect(control.rule).toBe("port forward 21");
    expect(control.before.dst).toEqual({ ip: SERVER_PUBLIC, port: 21 });
    expect(control.after.dst).toEqual({ ip: SERVER_PRIVATE, port: 21 });
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, serverPort: [3000, 3009] });
    const data = natEvents(trace, "server-nat").find((e) => e.before.dst.port >= 3000 && e.before.dst.port <= 3009 && e.before.flags.includes("SYN"))!;
    expect(data.rule).toBe(`port forward ${data.before.dst.port}`);
  });

  it("drops a SYN to a port nothing forwards, and says why", () => {
    const trace = serverBehindNat({ forward: [21], pasvAddress: "ignore" });
    const t = expectTransfer(trace, "LIST", { result: "failed", lastReply: 227, initiator: "client" });
    const dropped = drops(trace, (d) => d.node === "server-nat");
    expect(dropped.length).toBeGreaterThan(0);
    for (const d of dropped) {
      expect(d.check).toBeNull();
      expect(d.reason).toMatch(new RegExp(`^the server's NAT router has no mapping or port forward for ${SERVER_PUBLIC.replaceAll(".", "\\.")}:30\\d\\d: SYN `));
    }
    expect(t.cause).toContain("no mapping or port forward");
  });

  it("drops the control connection itself when port 21 is not forwarded: the login never happens", () => {
    const trace = serverBehindNat({ forward: [] });
    expect(trace.result.login).toEqual({ result: "failed", reply: null });
    expect(drops(trace, (d) => d.node === "server-nat" && d.packet.dst.port === 21).length).toBeGreaterThan(0);
    expect(eventsOf(trace, "deliver").filter((d) => d.node === "server")).toEqual([]);
  });

  it("loses a SYN sent to the private address of a host behind NAT (RFC 959 client following a private 227)", () => {
    const trace = serverBehindNat({ pasvAddress: "use" });
    const t = expectTransfer(trace, "LIST", { result: "failed", lastReply: 227, initiator: "client", serverIp: SERVER_PRIVATE });
    const lost = drops(trace, (d) => d.node === "network");
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]!.reason).toContain(`${SERVER_PRIVATE} is the server's private address behind its NAT router`);
    expect(t.cause).toContain("private address");
  });

  it("works for an RFC 959 client when vsftpd's pasv_address names the public address", () => {
    const trace = serverBehindNat({ pasvAddress: "use", passiveAddress: SERVER_PUBLIC });
    const reply227 = eventsOf(trace, "reply").find((r) => r.code === 227)!;
    expect(reply227.text).toMatch(/^227 Entering Passive Mode \(203,0,113,5,\d+,\d+\)\.$/);
    expectTransfer(trace, "LIST", { result: "ok", reply: 226 });
  });
});

describe("active mode behind a NAT router without the FTP helper", () => {
  it("PORT carries the client's private address, which vsftpd refuses: 500 Illegal PORT command.", () => {
    const trace = clientBehindNat({ mode: "active" });
    const port = eventsOf(trace, "command").find((c) => c.line.startsWith("PORT "))!;
    expect(port.line).toMatch(/^PORT 10,0,0,5,\d+,\d+$/);
    expectTransfer(trace, "LIST", { result: "failed", reply: 500, modeCommand: "PORT", modeReply: 500 });
    expect(eventsOf(trace, "reply").some((r) => r.text === "500 Illegal PORT command.")).toBe(true);
    expect(eventsOf(trace, "expect")).toEqual([]);
  });
});

describe("the FTP NAT helper (nf_nat_ftp)", () => {
  it("rewrites PORT to the public address, opens the announced port, and the server's SYN from 20 reaches the client", () => {
    const trace = clientBehindNat({ mode: "active", ftpHelper: true });
    const [r] = rewrites(trace, "client-nat");
    expect(r!.rule).toBe("masquerade; FTP helper rewrote PORT");
    const port = /^PORT 10,0,0,5,(\d+),(\d+)\r\n$/.exec(r!.before.payload)!;
    expect(r!.after.payload).toBe(`PORT 198,51,100,7,${port[1]},${port[2]}\r\n`);
    const announced = Number(port[1]) * 256 + Number(port[2]);
    const [expectation] = eventsOf(trace, "expect");
    expect(expectation).toMatchObject({ node: "client-nat", announcement: "PORT", packetId: r!.before.id, from: SERVER_PUBLIC, to: { ip: CLIENT_PUBLIC, port: announced }, natTo: { ip: CLIENT_PRIVATE, port: announced } });
    // The server saw the rewritten PORT and accepted it.
    expect(eventsOf(trace, "deliver").some((d) => d.node === "server" && d.packet.payload === r!.after.payload)).toBe(true);
    const inbound = natEvents(trace, "client-nat").find((e) => e.before.src.port === 20 && e.before.flags.includes("SYN") && !e.before.flags.includes("ACK"))!;
    expect(inbound.rule).toBe("FTP helper expectation");
    expect(inbound.after.dst).toEqual({ ip: CLIENT_PRIVATE, port: announced });
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, modeReply: 200, initiator: "server", serverPort: 20, clientIp: CLIENT_PRIVATE, clientPort: announced });
  });

  it("rewrites EPRT as |1|public|port|", () => {
    const trace = clientBehindNat({ mode: "active", extended: true, ftpHelper: true });
    const [r] = rewrites(trace, "client-nat");
    expect(r!.before.payload).toMatch(/^EPRT \|1\|10\.0\.0\.5\|(\d+)\|\r\n$/);
    const port = /\|(\d+)\|\r\n$/.exec(r!.before.payload)![1];
    expect(r!.after.payload).toBe(`EPRT |1|198.51.100.7|${port}|\r\n`);
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, modeCommand: "EPRT", modeReply: 200 });
  });

  it("rewrites a server's 227 to its public address so an RFC 959 client reaches it", () => {
    const trace = serverBehindNat({ forward: [21], ftpHelper: true, pasvAddress: "use" });
    const [r] = rewrites(trace, "server-nat");
    expect(r!.before.payload).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)\.\r\n$/);
    expect(r!.after.payload).toBe(r!.before.payload.replace("10,99,2,20", "203,0,113,5"));
    expect(eventsOf(trace, "reply").find((x) => x.code === 227)!.text).toContain("(203,0,113,5,");
    const t = expectTransfer(trace, "LIST", { result: "ok", reply: 226, initiator: "client", serverIp: SERVER_PRIVATE, serverPort: [3000, 3009] });
    expect(t.attempt?.to).toEqual({ ip: SERVER_PUBLIC, port: t.data!.server.port });
    const dataSyn = natEvents(trace, "server-nat").find((e) => e.before.dst.port === t.data!.server.port && e.before.flags.includes("SYN"))!;
    expect(dataSyn.rule).toBe("FTP helper expectation");
  });

  it("opens the port a 229 names (the reply carries no address to rewrite)", () => {
    const trace = serverBehindNat({ forward: [21], ftpHelper: true, extended: true, pasvAddress: "ignore" });
    const [e] = eventsOf(trace, "expect");
    expect(e).toMatchObject({ node: "server-nat", announcement: "229", from: OUTSIDE_CLIENT, to: { ip: SERVER_PUBLIC }, natTo: { ip: SERVER_PRIVATE } });
    expect(e!.to.port).toBe(e!.natTo!.port);
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, modeCommand: "EPSV", modeReply: 229 });
  });

  it("shifts the sequence numbers of every later segment by the bytes it added, and the ACKs back", () => {
    // "10,0,0,5" → "198,51,100,7": each PORT grows by 4 bytes.
    const trace = clientBehindNat({ mode: "active", ftpHelper: true, commands: ["LIST", "RETR hello.txt", "STOR up.txt"] });
    const control = connections(trace, { purpose: "control" })[0]!;
    const out = natEvents(trace, "client-nat").filter((e) => e.before.conn === control.id && e.before.src.ip === CLIENT_PRIVATE);
    const back = natEvents(trace, "client-nat").filter((e) => e.before.conn === control.id && e.before.dst.ip === CLIENT_PUBLIC);
    expect(rewrites(trace, "client-nat").map((r) => r.after.payload.length - r.before.payload.length)).toEqual([4, 4, 4]);
    let added = 0;
    for (const e of out) {
      expect((e.after.seq - e.before.seq) >>> 0, `segment ${e.before.id}`).toBe(added);
      added += e.after.payload.length - e.before.payload.length;
    }
    expect(added).toBe(12);
    // Every ACK from the server comes back in the client's own numbering: none acknowledges more than the client sent.
    const sentEnd = new Map<number, number>();
    for (const s of eventsOf(trace, "send").filter((x) => x.node === "client" && x.packet.conn === control.id)) {
      sentEnd.set(s.t, (s.packet.seq + s.packet.payload.length) >>> 0);
    }
    const maxSent = Math.max(...sentEnd.values());
    for (const e of back) if (e.before.flags.includes("ACK")) expect(e.after.ack).toBeLessThanOrEqual(maxSent + 1);
    // At the server the stream is contiguous: each segment starts where the last one ended.
    const atServer = eventsOf(trace, "deliver").filter((d) => d.node === "server" && d.packet.conn === control.id && d.packet.payload.length > 0);
    for (let i = 1; i < atServer.length; i++) {
      const prev = atServer[i - 1]!.packet;
      expect(atServer[i]!.packet.seq, atServer[i]!.packet.payload).toBe((prev.seq + prev.payload.length) >>> 0);
    }
    for (const verb of ["LIST", "RETR", "STOR"]) expect(transferOf(trace, verb).result).toBe("ok");
    expect(trace.result.endedBy).toBe("done");
  });

  it("is blind under TLS: PORT passes unrewritten (ciphertext) and vsftpd refuses the private address", () => {
    const trace = clientBehindNat({ mode: "active", ftpHelper: true, tls: true });
    expect(rewrites(trace, "client-nat")).toEqual([]);
    expect(eventsOf(trace, "expect")).toEqual([]);
    const port = eventsOf(trace, "command").find((c) => c.line.startsWith("PORT "))!;
    expect(port.encrypted).toBe(true);
    expectTransfer(trace, "LIST", { result: "failed", reply: 500 });
  });
});

describe("NatRouter's sequence adjustment, segment by segment (nf_ct_seqadj)", () => {
  function router() {
    const trace = new TraceWriter({ now: 0 });
    const nat = new NatRouter("client-nat", { publicIp: CLIENT_PUBLIC, forward: [], ftpHelper: true }, CLIENT_PRIVATE, [32768, 60999], createRandom(1), trace);
    const c = `${CLIENT_PRIVATE}:45000`;
    const s = `${SERVER_PUBLIC}:21`;
    const pub = `${CLIENT_PUBLIC}:45000`;
    nat.outbound(pkt(c, s, "SYN", "", { seq: 100, ack: 0 }));
    expect(nat.inbound(pkt(s, pub, "SYN-ACK", "", { seq: 900, ack: 101 })).ok).toBe(true);
    nat.outbound(pkt(c, s, "ACK", "", { seq: 101, ack: 901 }));
    return { nat, trace, c, s, pub };
  }
  const PORT = "PORT 10,0,0,5,156,64\r\n"; // 22 bytes; rewritten: 26

  it("rewrites the PORT segment without moving it, and moves the next one by 4", () => {
    const { nat, c, s } = router();
    const rewritten = nat.outbound(pkt(c, s, "data", PORT, { seq: 101, ack: 901 }));
    expect(rewritten.payload).toBe("PORT 198,51,100,7,156,64\r\n");
    expect(rewritten.seq).toBe(101);
    expect(nat.outbound(pkt(c, s, "data", "TYPE A\r\n", { seq: 123, ack: 901 })).seq).toBe(127);
  });

  it("translates an ACK of the rewritten bytes back by 4", () => {
    const { nat, c, s, pub } = router();
    nat.outbound(pkt(c, s, "data", PORT, { seq: 101, ack: 901 }));
    const ack = nat.inbound(pkt(s, pub, "data", "200 PORT command successful. Consider using PASV.\r\n", { seq: 901, ack: 127 }));
    expect(ack.ok && ack.packet.ack).toBe(123);
  });

  // Linux keeps offset_before and offset_after around correction_pos (the rewritten segment's
  // sequence number): a retransmission of the PORT segment gets offset_before and is rewritten
  // to the same bytes, and the offset is not added twice.
  it("sends a retransmitted PORT segment with its original sequence number and does not count its growth twice", () => {
    const { nat, c, s } = router();
    const first = nat.outbound(pkt(c, s, "data", PORT, { seq: 101, ack: 901 }));
    const again = nat.outbound(pkt(c, s, "data", PORT, { seq: 101, ack: 901, attempt: 1 }));
    expect(again.seq).toBe(first.seq);
    expect(again.payload).toBe(first.payload);
    expect(nat.outbound(pkt(c, s, "data", "TYPE A\r\n", { seq: 123, ack: 901 })).seq).toBe(127);
  });

  // An ACK that only covers bytes before the rewritten segment (sent before the server saw it)
  // must not be shifted: Linux compares ack - offset_before with correction_pos.
  it("leaves an ACK for bytes before the rewritten segment unshifted", () => {
    const { nat, c, s, pub } = router();
    nat.outbound(pkt(c, s, "data", PORT, { seq: 101, ack: 901 }));
    const early = nat.inbound(pkt(s, pub, "ACK", "", { seq: 901, ack: 101 }));
    expect(early.ok && early.packet.ack).toBe(101);
  });
});
