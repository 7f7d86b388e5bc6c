/**
 * TCP at segment level, read from simulate() traces: the three-way handshake, Linux's SYN
 * retransmission timer, RST for a rejected or unwanted SYN, delayed ACKs, MSS-sized segments and
 * FIN teardown.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "@/sim/index";
import { simulateCase } from "../../harness/reference-cases";
import { scenario } from "../../harness/scenario";
import { connections, drops, eventsOf, expectTransfer, packets, transferOf, type SentPacket } from "../../harness/trace-queries";

const CONTROL_ONLY_REJECT = {
  policy: "drop",
  rules: [
    { action: "accept", state: ["established", "related"] },
    { action: "accept", dport: 21 },
    { action: "reject", dport: [30000, 30049] },
  ],
};

/** The first segments of a connection, in the order they were sent. */
const segmentsOf = (trace: Trace, conn: number): SentPacket[] => packets(trace, { conn });

describe("the three-way handshake", () => {
  it.each(["open--pasv", "open--port"])("%s: every connection opens SYN → SYN-ACK → ACK, with sequence numbers that acknowledge each other", (name) => {
    const trace = simulateCase(name);
    const conns = connections(trace);
    expect(conns.length).toBe(4); // the control connection and one data connection per transfer
    for (const c of conns) {
      const [syn, synAck, ack] = segmentsOf(trace, c.id);
      const other = c.initiator === "client" ? "server" : "client";
      expect([syn?.node, synAck?.node, ack?.node], `conn ${c.id}`).toEqual([c.initiator, other, c.initiator]);
      expect(syn!.packet.flags).toEqual(["SYN"]);
      expect(synAck!.packet.flags).toEqual(["SYN", "ACK"]);
      expect(ack!.packet.flags).toEqual(["ACK"]);
      expect(syn!.packet.src).toEqual(c.from);
      expect(syn!.packet.dst).toEqual(c.to);
      expect(synAck!.packet.ack).toBe((syn!.packet.seq + 1) >>> 0);
      expect(ack!.packet.seq).toBe((syn!.packet.seq + 1) >>> 0);
      expect(ack!.packet.ack).toBe((synAck!.packet.seq + 1) >>> 0);
    }
  });

  it("establishes the connecting side when the SYN-ACK arrives and the listening side when the ACK arrives, 10 ms each way", () => {
    const trace = simulateCase("open--pasv");
    const control = connections(trace, { purpose: "control" })[0]!;
    const est = eventsOf(trace, "established").filter((e) => e.conn === control.id);
    const [syn, synAck, ack] = segmentsOf(trace, control.id);
    expect(synAck!.t - syn!.t).toBe(10);
    expect(est.map((e) => [e.host, e.t])).toEqual([
      ["client", synAck!.t + 10],
      ["server", ack!.t + 10],
    ]);
    // Nothing travels on the connection before the handshake: the greeting follows the server's establishment.
    const greeting = segmentsOf(trace, control.id)[3]!;
    expect(greeting.node).toBe("server");
    expect(greeting.packet.payload).toBe("220 (vsFTPd 3.0.3)\r\n");
    expect(greeting.t).toBeGreaterThanOrEqual(est[1]!.t);
  });

  it("gives each connection its own initial sequence numbers", () => {
    const trace = simulateCase("open--pasv");
    const isns = connections(trace).flatMap((c) => segmentsOf(trace, c.id).slice(0, 2).map((s) => s.packet.seq));
    expect(new Set(isns).size).toBe(isns.length);
  });
});

describe("SYN retransmission (Linux: 1 s, then doubling; tcp_syn_retries = 6)", () => {
  it("retransmits a dropped SYN after 1 s and again 2 s later (at +1 s and +3 s), then +7 s, with the same sequence number", () => {
    const trace = simulate(scenario({ client: { connectTimeoutMs: 10_000 }, server: { firewall: "control-only" }, commands: ["LIST"] }));
    const data = connections(trace, { purpose: "data" })[0]!;
    const syns = packets(trace, { conn: data.id, kind: "SYN" });
    const t0 = syns[0]!.t;
    expect(syns.map((s) => s.t - t0)).toEqual([0, 1000, 3000, 7000]);
    expect(syns.map((s) => s.packet.attempt)).toEqual([0, 1, 2, 3]);
    expect(new Set(syns.map((s) => s.packet.seq)).size).toBe(1);
    // Every one was dropped, and the client gave up at its connect timeout.
    expect(drops(trace, (d) => d.packet.conn === data.id).length).toBe(4);
    const timeout = eventsOf(trace, "timeout").find((e) => e.conn === data.id)!;
    expect(timeout.t - t0).toBe(10_000);
    expect(eventsOf(trace, "closed").find((e) => e.conn === data.id)?.reason).toBe("aborted");
  });

  it("retransmits the server's active-mode SYN from port 20 at +1 s and +3 s too", () => {
    const trace = simulate(scenario({ client: { mode: "active", firewall: "stateful" }, server: { connectTimeoutMs: 5000 }, commands: ["LIST"] }));
    const data = connections(trace, { purpose: "data", initiator: "server" })[0]!;
    const syns = packets(trace, { conn: data.id, kind: "SYN" });
    expect(syns.every((s) => s.node === "server" && s.packet.src.port === 20)).toBe(true);
    expect(syns.map((s) => s.t - syns[0]!.t)).toEqual([0, 1000, 3000]);
    expectTransfer(trace, "LIST", { result: "failed", reply: 425 });
  });

  it("gives up on its own after the sixth retransmission, 127 s after the first SYN, when the application waits longer", () => {
    const trace = simulate(scenario({ client: { connectTimeoutMs: 600_000 }, server: { firewall: "stateful" }, commands: ["LIST"] }));
    const control = connections(trace, { purpose: "control" })[0]!;
    const syns = packets(trace, { conn: control.id, kind: "SYN" });
    expect(syns.map((s) => s.t)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 63_000]);
    const closed = eventsOf(trace, "closed").find((e) => e.conn === control.id)!;
    expect(closed).toMatchObject({ host: "client", reason: "timeout", t: 127_000 });
    expect(trace.result.login).toEqual({ result: "failed", reply: null });
  });
});

describe("RST", () => {
  it("answers a SYN that the firewall rejects with RST,ACK (seq 0, ack = SYN.seq + 1), and the connecting side fails at once", () => {
    const trace = simulate(scenario({ server: { firewall: CONTROL_ONLY_REJECT }, commands: ["LIST"] }));
    const data = connections(trace, { purpose: "data" })[0]!;
    const syn = packets(trace, { conn: data.id, kind: "SYN" });
    expect(syn).toHaveLength(1); // no retransmission
    const [rejected] = drops(trace, (d) => d.packet.conn === data.id);
    expect(rejected!.check).toMatchObject({ verdict: "reject", rule: 2, ruleText: "tcp dport 30000-30049 reject with tcp reset" });
    const [rst] = packets(trace, { conn: data.id, kind: "RST" });
    expect(rst!.node).toBe("server");
    expect(rst!.packet.flags).toEqual(["RST", "ACK"]);
    expect(rst!.packet.seq).toBe(0);
    expect(rst!.packet.ack).toBe((syn[0]!.packet.seq + 1) >>> 0);
    expect(rst!.packet.src).toEqual(data.to);
    const closed = eventsOf(trace, "closed").find((e) => e.conn === data.id)!;
    expect(closed.reason).toBe("refused");
    expect(closed.t - syn[0]!.t).toBe(20); // one round trip, not a 3 s timeout
    const t = expectTransfer(trace, "LIST", { result: "failed", reply: null, lastReply: 227 });
    expect(t.cause).toContain("rejected SYN");
  });

  it("is what makes reject faster than drop: the same scenario with drop takes the connect timeout", () => {
    const dropping = { ...CONTROL_ONLY_REJECT, rules: CONTROL_ONLY_REJECT.rules.map((r) => (r.action === "reject" ? { ...r, action: "drop" } : r)) };
    const fast = simulate(scenario({ server: { firewall: CONTROL_ONLY_REJECT }, commands: ["LIST"] }));
    const slow = simulate(scenario({ server: { firewall: dropping }, commands: ["LIST"] }));
    const took = (t: Trace) => {
      const end = eventsOf(t, "transfer-end")[0]!;
      const start = eventsOf(t, "transfer-start")[0]!;
      return end.t - start.t;
    };
    expect(took(fast)).toBeLessThan(100);
    expect(took(slow)).toBeGreaterThanOrEqual(3000);
  });

  it("answers a SYN to a port where nothing listens with RST: vsftpd's connect is refused and it says 425 at once", () => {
    const trace = simulate(scenario({ client: { mode: "active", advertise: { port: 40000 } }, commands: ["LIST"] }));
    const data = connections(trace, { purpose: "data", initiator: "server" })[0]!;
    expect(data.to).toEqual({ ip: "10.99.1.2", port: 40000 });
    const [rst] = packets(trace, { conn: data.id, kind: "RST" });
    expect(rst!.node).toBe("client");
    expect(eventsOf(trace, "closed").find((e) => e.conn === data.id)?.reason).toBe("refused");
    const t = expectTransfer(trace, "LIST", { result: "failed", reply: 425 });
    expect(t.cause).toMatch(/refused \(RST\)/);
    const reply = eventsOf(trace, "reply").find((r) => r.code === 425)!;
    expect(reply.t - packets(trace, { conn: data.id, kind: "SYN" })[0]!.t).toBeLessThan(100);
  });

  it("never answers an RST with an RST", () => {
    for (const name of ["open--pasv", "cli-fw--port", "srv-fw-21--pasv"]) {
      const trace = simulateCase(name);
      const rsts = packets(trace, { kind: "RST" });
      for (const r of rsts) {
        const answered = packets(trace, (p) => p.t > r.t && p.packet.conn === r.packet.conn && p.node !== r.node && p.packet.flags.includes("RST"));
        expect(answered).toEqual([]);
      }
    }
  });
});

describe("ACKs", () => {
  it("piggybacks the ACK for a command on the reply sent at once: the server sends no bare ACK on the control connection before teardown", () => {
    const trace = simulateCase("open--pasv");
    const control = connections(trace, { purpose: "control" })[0]!;
    const serverSegs = packets(trace, { conn: control.id, node: "server" });
    const quit = packets(trace, { conn: control.id, node: "client", payload: "QUIT\r\n" })[0]!;
    const bare = serverSegs.filter((s) => s.t < quit.t && s.packet.payload === "" && !s.packet.flags.includes("SYN"));
    expect(bare).toEqual([]);
    // Each reply acknowledges the command it answers.
    for (const cmd of packets(trace, { conn: control.id, node: "client", kind: "data" })) {
      const answer = serverSegs.find((s) => s.t >= cmd.t && s.packet.payload !== "");
      if (!answer) continue;
      expect(answer.packet.ack, cmd.packet.payload).toBe((cmd.packet.seq + cmd.packet.payload.length) >>> 0);
    }
  });

  it("delays the ACK for a command the server cannot answer at once by 40 ms (LIST while vsftpd dials the client)", () => {
    const trace = simulateCase("cli-fw--port");
    const control = connections(trace, { purpose: "control" })[0]!;
    const list = eventsOf(trace, "deliver").find((d) => d.node === "server" && d.packet.payload === "LIST\r\n")!;
    const next = packets(trace, (p) => p.node === "server" && p.packet.conn === control.id && p.t >= list.t)[0]!;
    expect(next.packet.payload).toBe("");
    expect(next.packet.flags).toEqual(["ACK"]);
    expect(next.t - list.t).toBe(40);
    expect(next.packet.ack).toBe((list.packet.seq + list.packet.payload.length) >>> 0);
  });

  it("acknowledges at once every second full segment it has not yet acknowledged (RFC 1122 §4.2.3.2)", () => {
    const content = "x".repeat(5000);
    const trace = simulate(scenario({ files: { "big.bin": content }, commands: ["RETR big.bin"] }));
    const t = transferOf(trace, "RETR");
    expect(t.result).toBe("ok");
    expect(t.bytes).toBe(5000);
    const data = connections(trace, { purpose: "data" })[0]!;
    const segs = packets(trace, { conn: data.id, node: "server", kind: "data" });
    expect(segs.map((s) => s.packet.payload.length)).toEqual([1460, 1460, 1460, 620]);
    // Consecutive segments follow each other in sequence space.
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.packet.seq).toBe((segs[i - 1]!.packet.seq + 1460) >>> 0);
    const acks = packets(trace, { conn: data.id, node: "client" }).filter((p) => p.t >= segs[0]!.t && p.packet.flags.includes("ACK") && !p.packet.flags.includes("FIN"));
    const secondEnd = (segs[1]!.packet.seq + 1460) >>> 0;
    expect(acks.some((a) => a.packet.ack === secondEnd && a.t === segs[1]!.t + 10), "an immediate ACK after the second segment").toBe(true);
  });
});

describe("FIN teardown", () => {
  it.each(["open--pasv", "open--port", "open--epsv", "cli-fw-helper--eprt"])("%s: every connection ends closed at both ends, in order, and every data listener is gone", (name) => {
    const trace = simulateCase(name);
    expect(trace.result.endedBy).toBe("done");
    for (const c of connections(trace)) {
      const closed = eventsOf(trace, "closed").filter((e) => e.conn === c.id);
      expect(closed.map((e) => e.host).sort(), `conn ${c.id}`).toEqual(["client", "server"]);
      expect(closed.every((e) => e.reason === "fin"), `conn ${c.id}: ${closed.map((e) => e.reason).join(",")}`).toBe(true);
      const fins = packets(trace, { conn: c.id, kind: "FIN" });
      expect(fins.map((f) => f.node).sort()).toEqual(["client", "server"]);
      // Each FIN is acknowledged: its sequence number + 1 comes back.
      for (const f of fins) {
        const finEnd = (f.packet.seq + f.packet.payload.length + 1) >>> 0;
        expect(packets(trace, (p) => p.packet.conn === c.id && p.node !== f.node && p.packet.ack === finEnd && p.t >= f.t).length, `ACK of ${f.node}'s FIN`).toBeGreaterThan(0);
      }
    }
    const listens = eventsOf(trace, "listen").filter((l) => l.purpose === "data");
    const unlistens = eventsOf(trace, "unlisten");
    for (const l of listens) expect(unlistens.some((u) => u.host === l.host && u.socket.port === l.socket.port && u.t >= l.t)).toBe(true);
  });

  it("closes even the connections that failed: nothing is left open when a session with failures ends", () => {
    for (const name of ["cli-fw--port", "srv-fw-21--epsv"]) {
      const trace = simulateCase(name);
      expect(trace.result.endedBy).toBe("done");
      for (const c of connections(trace)) {
        const hosts = new Set(eventsOf(trace, "established").filter((e) => e.conn === c.id).map((e) => e.host));
        hosts.add(c.initiator);
        for (const h of hosts) expect(eventsOf(trace, "closed").some((e) => e.conn === c.id && e.host === h), `${name} conn ${c.id} at ${h}`).toBe(true);
      }
    }
  });

  it.each(["passive", "active"] as const)("%s mode: an upload larger than one MSS ends with the client's FIN and comes back byte for byte", (mode) => {
    const content = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
    const trace = simulate(scenario({ client: { mode, files: { "up.txt": content } }, commands: ["STOR up.txt", "RETR up.txt"] }));
    const stor = expectTransfer(trace, "STOR", { result: "ok", reply: 226, bytes: 4000 });
    const up = connections(trace, { purpose: "data", transfer: stor.index }).at(-1)!;
    const sent = packets(trace, { conn: up.id, node: "client" }).filter((p) => p.packet.payload !== "" || p.packet.flags.includes("FIN"));
    expect(sent.map((p) => (p.packet.flags.includes("FIN") ? "FIN" : p.packet.payload.length))).toEqual([1460, 1460, 1080, "FIN"]);
    expect(sent.slice(0, 3).map((p) => p.packet.payload).join("")).toBe(content);
    const retr = expectTransfer(trace, "RETR", { result: "ok", reply: 226, bytes: 4000 });
    expect(eventsOf(trace, "reply").some((r) => r.text === "150 Opening BINARY mode data connection for up.txt (4000 bytes).")).toBe(true);
    const down = connections(trace, { purpose: "data", transfer: retr.index }).at(-1)!;
    const received = eventsOf(trace, "deliver").filter((d) => d.node === "client" && d.packet.conn === down.id && d.packet.payload !== "");
    expect(received.map((d) => d.packet.payload).join("")).toBe(content);
  });

  it("ends a data connection of a download with the server's FIN right after the last byte (stream mode: EOF is the close)", () => {
    const trace = simulateCase("open--pasv");
    const t = transferOf(trace, "RETR");
    const conn = connections(trace, { purpose: "data", transfer: t.index }).at(-1)!;
    const serverSegs = packets(trace, { conn: conn.id, node: "server" }).filter((s) => s.packet.payload !== "" || s.packet.flags.includes("FIN"));
    expect(serverSegs.map((s) => (s.packet.flags.includes("FIN") ? "FIN" : s.packet.payload))).toEqual(["hello from the real vsftpd oracle\n", "FIN"]);
    expect(serverSegs[1]!.packet.seq).toBe((serverSegs[0]!.packet.seq + 34) >>> 0);
  });
});
