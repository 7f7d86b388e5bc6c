/** A host firewall: netfilter's INPUT chain with conntrack, first match wins, then the policy. */
import { describe, expect, it } from "vitest";
import { simulate } from "@/sim/index";
import { Firewall } from "@/sim/net/firewall";
import { formatRule } from "@/sim/net/rule-text";
import { resolveFirewall } from "@/sim/scenario/presets";
import type { FirewallConfig, FirewallRules } from "@/sim/scenario/schema";
import { TraceWriter } from "@/sim/trace/events";
import { pkt, reply } from "./packets";
import { scenario } from "../../harness/scenario";
import { drops, eventsOf, expectTransfer } from "../../harness/trace-queries";

const PASSIVE: readonly [number, number] = [30000, 30049];

function firewall(config: FirewallConfig, host: "client" | "server" = "server"): { fw: Firewall; trace: TraceWriter } {
  const trace = new TraceWriter({ now: 0 });
  return { fw: new Firewall(host, resolveFirewall(config, PASSIVE), trace), trace };
}

const CLIENT_CTRL = "10.99.1.2:45000";
const SERVER_CTRL = "10.99.2.2:21";

describe("presets", () => {
  it('"open" accepts anything by its policy', () => {
    const { fw } = firewall("open");
    expect(fw.inbound(pkt("10.99.1.2:45000", "10.99.2.2:30000", "SYN"))).toEqual({ firewall: "server", ctState: "new", rule: null, ruleText: "policy accept", verdict: "accept" });
  });

  it('"stateful" drops new inbound connections by its policy and accepts the answers to what the host sent', () => {
    const { fw } = firewall("stateful", "client");
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN"))).toEqual({ firewall: "client", ctState: "new", rule: null, ruleText: "policy drop", verdict: "drop" });
    const syn = pkt(CLIENT_CTRL, SERVER_CTRL, "SYN");
    fw.outbound(syn);
    expect(fw.inbound(reply(syn, "SYN-ACK"))).toEqual({ firewall: "client", ctState: "established", rule: 0, ruleText: "ct state established,related accept", verdict: "accept" });
  });

  it('"control-only" admits new connections to port 21 and nothing else', () => {
    const { fw } = firewall("control-only");
    expect(fw.inbound(pkt(CLIENT_CTRL, SERVER_CTRL, "SYN"))).toMatchObject({ ctState: "new", rule: 1, ruleText: "tcp dport 21 accept", verdict: "accept" });
    expect(fw.inbound(pkt("10.99.1.2:45001", "10.99.2.2:30000", "SYN"))).toMatchObject({ ctState: "new", rule: null, ruleText: "policy drop", verdict: "drop" });
  });

  it('"control+passive-range" also admits the passive range, both ends included, and nothing beyond it', () => {
    const { fw } = firewall("control+passive-range");
    for (const port of [30000, 30049]) {
      expect(fw.inbound(pkt("10.99.1.2:45001", `10.99.2.2:${port}`, "SYN"))).toMatchObject({ rule: 2, ruleText: "tcp dport 30000-30049 accept", verdict: "accept" });
    }
    for (const port of [29999, 30050]) {
      expect(fw.inbound(pkt("10.99.1.2:45001", `10.99.2.2:${port}`, "SYN"))).toMatchObject({ rule: null, verdict: "drop" });
    }
  });

  it('"stateful+ftp-helper" is "stateful" with the helper attached', () => {
    expect(resolveFirewall("stateful+ftp-helper", PASSIVE)).toEqual({ ...resolveFirewall("stateful", PASSIVE), ftpHelper: true });
  });

  it("hands a rule list through unchanged", () => {
    const rules: FirewallRules = { policy: "reject", rules: [{ action: "accept", sport: 20 }], ftpHelper: false };
    expect(resolveFirewall(rules, PASSIVE)).toBe(rules);
  });
});

describe("rules", () => {
  it("lets the first matching rule decide", () => {
    const dropFirst = firewall({ policy: "accept", rules: [{ action: "drop", dport: 21 }, { action: "accept", dport: 21 }], ftpHelper: false }).fw;
    expect(dropFirst.inbound(pkt(CLIENT_CTRL, SERVER_CTRL, "SYN"))).toMatchObject({ rule: 0, verdict: "drop", ruleText: "tcp dport 21 drop" });
    const acceptFirst = firewall({ policy: "drop", rules: [{ action: "accept", dport: 21 }, { action: "drop", dport: 21 }], ftpHelper: false }).fw;
    expect(acceptFirst.inbound(pkt(CLIENT_CTRL, SERVER_CTRL, "SYN"))).toMatchObject({ rule: 0, verdict: "accept" });
  });

  it("skips rules that do not match and falls through to the policy", () => {
    const { fw } = firewall({ policy: "reject", rules: [{ action: "accept", dport: 22 }, { action: "accept", state: ["established"] }], ftpHelper: false });
    expect(fw.inbound(pkt(CLIENT_CTRL, SERVER_CTRL, "SYN"))).toMatchObject({ rule: null, ruleText: "policy reject", verdict: "reject" });
  });

  it("tells reject from drop, and prints reject as nft does", () => {
    const { fw } = firewall({ policy: "drop", rules: [{ action: "reject", dport: [30000, 30049] }], ftpHelper: false });
    expect(fw.inbound(pkt("10.99.1.2:45001", "10.99.2.2:30010", "SYN"))).toMatchObject({ rule: 0, verdict: "reject", ruleText: "tcp dport 30000-30049 reject with tcp reset" });
    expect(fw.inbound(pkt("10.99.1.2:45001", "10.99.2.2:20000", "SYN"))).toMatchObject({ rule: null, verdict: "drop" });
  });

  it("matches source ports, source CIDR blocks and conntrack states", () => {
    const { fw } = firewall(
      {
        policy: "drop",
        rules: [
          { action: "accept", saddr: "10.99.1.0/24", sport: 20, state: ["new"] },
          { action: "accept", saddr: "10.99.3.30" },
        ],
        ftpHelper: false,
      },
      "client",
    );
    expect(fw.inbound(pkt("10.99.1.7:20", "10.99.1.2:40000", "SYN"))).toMatchObject({ rule: 0, verdict: "accept" });
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN"))).toMatchObject({ rule: null, verdict: "drop" });
    expect(fw.inbound(pkt("10.99.1.7:21", "10.99.1.2:40001", "SYN"))).toMatchObject({ rule: null, verdict: "drop" });
    expect(fw.inbound(pkt("10.99.3.30:5555", "10.99.1.2:40002", "SYN"))).toMatchObject({ rule: 1, verdict: "accept" });
  });

  it("prints rules as nft list ruleset does", () => {
    expect(formatRule({ action: "accept", state: ["established", "related"] })).toBe("ct state established,related accept");
    expect(formatRule({ action: "accept", saddr: "10.0.0.0/8", sport: 20, dport: [3000, 3009] })).toBe("ip saddr 10.0.0.0/8 tcp sport 20 tcp dport 3000-3009 accept");
    expect(formatRule({ action: "reject" })).toBe("reject with tcp reset");
  });

  it("creates no conntrack entry for a dropped SYN, so the retransmission is new and dropped again", () => {
    const { fw } = firewall("stateful", "client");
    const syn = pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN");
    expect(fw.inbound(syn).verdict).toBe("drop");
    expect(fw.inbound({ ...syn, attempt: 1 })).toMatchObject({ ctState: "new", verdict: "drop" });
  });

  it("calls a stray RST invalid, which a stateful firewall drops by its policy", () => {
    const { fw } = firewall("stateful", "client");
    expect(fw.inbound(pkt("10.99.2.2:30000", "10.99.1.2:40000", "RST"))).toMatchObject({ ctState: "invalid", verdict: "drop", rule: null });
  });

  it("counts packets the host sends as the connection's first direction: the peer's answer is established, even on an 'accept nothing' firewall", () => {
    const { fw } = firewall({ policy: "drop", rules: [{ action: "accept", state: ["established"] }], ftpHelper: false }, "client");
    const syn = pkt("10.99.1.2:45001", "10.99.2.2:30000", "SYN");
    fw.outbound(syn);
    expect(fw.inbound(reply(syn, "SYN-ACK"))).toMatchObject({ ctState: "established", verdict: "accept" });
  });
});

describe("the FTP conntrack helper (nf_conntrack_ftp, loose=0)", () => {
  /** A client firewall that has seen the control connection open. */
  function clientWithControl(config: FirewallConfig = "stateful+ftp-helper", serverPort = 21) {
    const { fw, trace } = firewall(config, "client");
    const syn = pkt(CLIENT_CTRL, `10.99.2.2:${serverPort}`, "SYN");
    fw.outbound(syn);
    fw.inbound(reply(syn, "SYN-ACK"));
    return { fw, trace, server: `10.99.2.2:${serverPort}` };
  }

  it("reads PORT with the sender's own address and makes the server's data SYN related", () => {
    const { fw, trace } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "PORT 10,99,1,2,156,64\r\n", { id: 777 }));
    expect(trace.events).toEqual([
      { t: 0, type: "expect", node: "client", packetId: 777, announcement: "PORT", from: "10.99.2.2", to: { ip: "10.99.1.2", port: 156 * 256 + 64 }, natTo: null },
    ]);
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN"))).toMatchObject({ ctState: "related", rule: 0, verdict: "accept" });
  });

  it("reads EPRT the same way", () => {
    const { fw } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "EPRT |1|10.99.1.2|40000|\r\n"));
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN"))).toMatchObject({ ctState: "related", verdict: "accept" });
  });

  it("reads 227 and 229 from the server: the client's data SYN to the announced port is expected", () => {
    for (const [text, kind] of [
      ["227 Entering Passive Mode (10,99,2,2,117,61).\r\n", "227"],
      ["229 Entering Extended Passive Mode (|||30013|)\r\n", "229"],
    ] as const) {
      const { fw, trace } = clientWithControl();
      fw.inbound(pkt(SERVER_CTRL, CLIENT_CTRL, "data", text));
      const e = trace.events.find((x) => x.type === "expect");
      expect(e).toMatchObject({ node: "client", announcement: kind, from: "10.99.1.2", to: { ip: "10.99.2.2", port: 30013 } });
    }
  });

  it("expects nothing when PORT announces another address than the sender's (loose=0)", () => {
    const { fw, trace } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "PORT 10,99,1,99,156,64\r\n"));
    expect(trace.events).toEqual([]);
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.99:40000", "SYN"))).toMatchObject({ ctState: "new", verdict: "drop" });
  });

  it("expects the connection only from the control connection's peer", () => {
    const { fw } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "PORT 10,99,1,2,156,64\r\n"));
    expect(fw.inbound(pkt("10.99.3.30:20", "10.99.1.2:40000", "SYN"))).toMatchObject({ ctState: "new", verdict: "drop" });
  });

  it("sees nothing in an encrypted payload (FTPS)", () => {
    const { fw, trace } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "PORT 10,99,1,2,156,64\r\n", { encrypted: true }));
    expect(trace.events).toEqual([]);
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN")).verdict).toBe("drop");
  });

  it("watches only connections to port 21", () => {
    const { fw, trace } = clientWithControl("stateful+ftp-helper", 2121);
    fw.outbound(pkt(CLIENT_CTRL, "10.99.2.2:2121", "data", "PORT 10,99,1,2,156,64\r\n"));
    expect(trace.events).toEqual([]);
  });

  it("is not attached unless the ruleset says so (Linux ≥ 4.7)", () => {
    const { fw, trace } = clientWithControl("stateful");
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "PORT 10,99,1,2,156,64\r\n"));
    expect(trace.events).toEqual([]);
    expect(fw.inbound(pkt("10.99.2.2:20", "10.99.1.2:40000", "SYN")).verdict).toBe("drop");
  });

  it("ignores text that only looks like an announcement (another reply code, another command)", () => {
    const { fw, trace } = clientWithControl();
    fw.outbound(pkt(CLIENT_CTRL, SERVER_CTRL, "data", "NOOP 10,99,1,2,156,64\r\n"));
    fw.inbound(pkt(SERVER_CTRL, CLIENT_CTRL, "data", "226 (10,99,2,2,117,61)\r\n"));
    expect(trace.events).toEqual([]);
  });

  it("reads a server's 227 on a server-side firewall with the helper, and admits the client's SYN as related", () => {
    const { fw, trace } = firewall({ policy: "drop", rules: [{ action: "accept", state: ["established", "related"] }, { action: "accept", dport: 21 }], ftpHelper: true }, "server");
    const syn = pkt(CLIENT_CTRL, SERVER_CTRL, "SYN");
    expect(fw.inbound(syn).verdict).toBe("accept");
    fw.outbound(reply(syn, "SYN-ACK"));
    fw.outbound(pkt(SERVER_CTRL, CLIENT_CTRL, "data", "227 Entering Passive Mode (10,99,2,2,117,61).\r\n"));
    expect(trace.events.map((e) => e.type)).toEqual(["expect"]);
    expect(fw.inbound(pkt("10.99.1.2:45002", "10.99.2.2:30013", "SYN"))).toMatchObject({ ctState: "related", rule: 0, verdict: "accept" });
  });
});

describe("the helper in whole sessions", () => {
  const SERVER_FW_WITH_HELPER = {
    policy: "drop",
    rules: [
      { action: "accept", state: ["established", "related"] },
      { action: "accept", dport: 21 },
    ],
    ftpHelper: true,
  };

  it.each([
    [false, "227", "PASV"],
    [true, "229", "EPSV"],
  ] as const)("a server firewall with the helper attached admits passive data connections without opening the range (extended=%s: %s)", (extended, announcement, modeCommand) => {
    const trace = simulate(scenario({ client: { extended }, server: { firewall: SERVER_FW_WITH_HELPER }, commands: ["LIST", "RETR hello.txt"] }));
    expect(eventsOf(trace, "expect").map((e) => [e.node, e.announcement])).toEqual([
      ["server", announcement],
      ["server", announcement],
    ]);
    for (const verb of ["LIST", "RETR"]) expectTransfer(trace, verb, { result: "ok", reply: 226, modeCommand });
    const syns = eventsOf(trace, "deliver").filter((d) => d.node === "server" && d.packet.flags.includes("SYN") && d.packet.dst.port !== 21);
    expect(syns.map((d) => d.check.ctState)).toEqual(["related", "related"]);
    expect(drops(trace)).toEqual([]);
  });

  it("the same firewall under FTPS sees no 227: the passive data connection is dropped and times out", () => {
    const trace = simulate(scenario({ tls: true, server: { firewall: SERVER_FW_WITH_HELPER }, commands: ["LIST"] }));
    expect(eventsOf(trace, "expect")).toEqual([]);
    expectTransfer(trace, "LIST", { result: "failed", lastReply: 227, reply: null });
    expect(drops(trace, (d) => d.node === "server" && d.packet.flags.includes("SYN")).length).toBeGreaterThan(0);
  });

  it("a client firewall with the helper under FTPS cannot read PORT: the server's SYN from port 20 is dropped and vsftpd says 425", () => {
    const trace = simulate(scenario({ tls: true, client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: ["LIST"] }));
    expect(eventsOf(trace, "command").find((c) => c.line.startsWith("PORT "))?.encrypted).toBe(true);
    expect(eventsOf(trace, "expect")).toEqual([]);
    expectTransfer(trace, "LIST", { result: "failed", reply: 425, initiator: "server", serverPort: 20 });
  });
});
