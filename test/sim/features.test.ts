/**
 * The hand-written scenarios in test/scenarios/, one per feature the reference does not cover
 * (NAT, helpers behind NAT, FTPS, the bounce refusal, REJECT): each outcome follows the spec, the
 * RFCs and what Linux and vsftpd do.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulate, type Trace, type TraceEvent } from "../../sim/index";

const load = (name: string): Trace => simulate(JSON.parse(readFileSync(`test/scenarios/${name}.json`, "utf8")));
const events = <T extends TraceEvent["type"]>(trace: Trace, type: T) => trace.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe("NAT on the server's side", () => {
  it("a 227 with the private address sends an RFC 959 client nowhere: its SYN is lost", () => {
    const t = load("server-nat-pasv-private");
    const list = t.result.transfers[0]!;
    expect(list).toMatchObject({ result: "failed", reply: null, lastReply: 227, modeCommand: "PASV" });
    expect(events(t, "reply").find((r) => r.code === 227)!.text).toContain("(10,99,2,20,");
    expect(list.cause).toMatch(/10\.99\.2\.20 is the server's private address behind its NAT router/);
  });

  it("pasv_address makes the 227 carry the public address, and the forwarded range lets the SYN in", () => {
    const t = load("server-nat-pasv-address");
    expect(events(t, "reply").find((r) => r.code === 227)!.text).toContain("(203,0,113,5,");
    expect(t.result.transfers[0]).toMatchObject({ result: "ok", reply: 226 });
    expect(t.result.transfers[0]!.attempt!.to.ip).toBe("203.0.113.5");
    expect(events(t, "nat").some((n) => n.rule === "port forward" || n.rule.startsWith("port forward"))).toBe(true);
  });

  it("the router's FTP helper rewrites the 227 and opens the port nobody forwarded", () => {
    const t = load("server-nat-helper");
    const rewrite = events(t, "nat").find((n) => n.rule.includes("FTP helper rewrote 227"))!;
    expect(rewrite.before.payload).toContain("(10,99,2,20,");
    expect(rewrite.after.payload).toContain("(203,0,113,5,");
    expect(events(t, "expect").some((e) => e.node === "server-nat" && e.announcement === "227")).toBe(true);
    expect(t.result.transfers.map((x) => x.result)).toEqual(["ok", "ok"]);
    // The client read the rewritten reply: the one it logged has the public address.
    expect(t.result.transcript.find((l) => l.line.startsWith("227"))!.line).toContain("(203,0,113,5,");
  });
});

describe("NAT on the client's side", () => {
  it("PORT carries the private address and vsftpd refuses it: 500 Illegal PORT command.", () => {
    const t = load("client-nat-port");
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", reply: 500, modeCommand: "PORT", modeReply: 500 });
    expect(t.result.transfers[0]!.cause).toBe('the server answered PORT with "500 Illegal PORT command."');
    expect(events(t, "connect").filter((c) => c.purpose === "data")).toHaveLength(0);
  });

  it("with the helper the router rewrites PORT to its public address and the server's SYN comes through", () => {
    const t = load("client-nat-helper-port");
    const rewrite = events(t, "nat").find((n) => n.rule.includes("FTP helper rewrote PORT"))!;
    expect(rewrite.before.payload).toMatch(/^PORT 192,168,1,10,/);
    expect(rewrite.after.payload).toMatch(/^PORT 198,51,100,7,/);
    expect(t.result.transfers.map((x) => x.result)).toEqual(["ok", "ok"]);
    expect(t.result.transfers[0]!.data).toMatchObject({ initiator: "server", server: { port: 20 }, client: { ip: "192.168.1.10" } });
  });
});

describe("FTPS", () => {
  it("hides PORT from the firewall's helper: no expectation, the SYN from port 20 is dropped, 425", () => {
    const t = load("tls-blinds-helper");
    expect(events(t, "expect")).toHaveLength(0);
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", reply: 425 });
    expect(t.result.transfers[0]!.cause).toMatch(/^client firewall \(policy drop\) dropped SYN 10\.99\.2\.20:20 →/);
    const port = events(t, "send").find((s) => s.packet.payload.startsWith("PORT"))!;
    expect(port.packet.encrypted).toBe(true);
  });

  it("the same session without TLS works: the helper reads PORT and the data connection is related", () => {
    const scenario = JSON.parse(readFileSync("test/scenarios/tls-blinds-helper.json", "utf8"));
    const t = simulate({ ...scenario, tls: false });
    expect(events(t, "expect")).toHaveLength(1);
    const syn = events(t, "deliver").find((d) => d.node === "client" && d.packet.src.port === 20)!;
    expect(syn.check.ctState).toBe("related");
    expect(t.result.transfers[0]!.result).toBe("ok");
  });
});

describe("the bounce attack (RFC 2577)", () => {
  it("vsftpd refuses a PORT naming a third host, and no connection is made", () => {
    const t = load("bounce");
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", reply: 500 });
    expect(events(t, "command").some((c) => c.line === "PORT 10,99,3,30,0,25")).toBe(true);
    expect(events(t, "connect").filter((c) => c.purpose === "data")).toHaveLength(0);
  });

  it("with port_promiscuous, PORT to a reserved port is accepted but LIST ends the session: 500 OOPS: Illegal port request", () => {
    const scenario = JSON.parse(readFileSync("test/scenarios/bounce.json", "utf8"));
    const t = simulate({ ...scenario, server: { allowForeignDataAddress: true } });
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", reply: 500 });
    expect(t.result.transcript.map((l) => l.line)).toContain("500 OOPS: Illegal port request");
    expect(events(t, "connect").filter((c) => c.purpose === "data")).toHaveLength(0);
  });

  it("with port_promiscuous and an ephemeral source port, the server dials a third host's high port and gets nowhere: 425", () => {
    const t = simulate({
      client: { mode: "active", advertise: { ip: "10.99.3.30", port: 2525 } },
      server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral" },
      commands: ["LIST"],
    });
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", reply: 425 });
    expect(events(t, "connect").find((c) => c.purpose === "data")!.to).toEqual({ ip: "10.99.3.30", port: 2525 });
  });
});

describe("REJECT versus DROP", () => {
  it("a rejected SYN fails at once with a RST, where a dropped one waits out the timeout", () => {
    const rejected = load("reject-vs-drop");
    const rst = events(rejected, "send").find((s) => s.packet.flags.includes("RST"))!;
    expect(rst.node).toBe("server");
    const failedAt = events(rejected, "transfer-end")[0]!.t;
    const triedAt = events(rejected, "connect").find((c) => c.purpose === "data")!.t;
    expect(failedAt - triedAt).toBeLessThan(100);

    const scenario = JSON.parse(readFileSync("test/scenarios/reject-vs-drop.json", "utf8"));
    scenario.server.firewall.rules[2].action = "drop";
    const dropped = simulate(scenario);
    const droppedEnd = events(dropped, "transfer-end")[0]!.t - events(dropped, "connect").find((c) => c.purpose === "data")!.t;
    expect(droppedEnd).toBeGreaterThanOrEqual(3000);
  });
});

describe("a refused login", () => {
  it("530 Login incorrect., QUIT, and no transfer is attempted", () => {
    const t = simulate({ client: { login: { name: "demo", password: "wrong" } }, commands: ["LIST"] });
    expect(t.result.login).toEqual({ result: "failed", reply: 530 });
    expect(t.result.transcript.map((l) => l.line)).toContain("530 Login incorrect.");
    expect(t.result.transfers[0]).toMatchObject({ result: "failed", cause: "not attempted: login failed" });
  });
});

describe("time is bounded", () => {
  it("a client firewall that drops everything: login fails after the connect timeout, the session ends", () => {
    const t = simulate({ client: { firewall: { policy: "drop", rules: [] } }, commands: ["LIST"] });
    expect(t.result.login.result).toBe("failed");
    expect(t.events.at(-1)!.type).toBe("session-end");
    expect(t.events.at(-1)!.t).toBeLessThan(t.scenario.timeLimitMs);
  });
});
