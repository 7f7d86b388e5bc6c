/**
 * Sessions with more than two hosts (issue 18): a server-to-server transfer (RFC 959 §2.3,
 * figure 2) with the checks each server makes (RFC 2577 §3 and §4), and a relay with mapped
 * ports in front of the server. The captured real cases are in multi-host-reference.test.ts;
 * these are the behaviours around them.
 */
import { describe, expect, it } from "vitest";
import { parseScenario, simulate, type ScenarioInput, type Trace } from "@/sim/index";
import { connections, drops, eventsOf } from "../harness/trace-queries";
import { FXP_ALLOWED, relayed } from "../harness/multi-host-fixtures";

const errorsOf = (input: unknown): string[] => {
  const r = parseScenario(input);
  return r.ok ? [] : r.errors;
};

/** Each server's replies, in order, from the result's transcript. */
const repliesFrom = (trace: Trace, host: "server" | "server-b"): string[] => trace.result.transcript.filter((l) => l.from === host).map((l) => l.line);

describe("a server-to-server transfer", () => {
  it("runs the data connection from B to A's passive port, never through the client", () => {
    const trace = simulate(FXP_ALLOWED);
    const data = connections(trace, { purpose: "data" });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ initiator: "server-b", from: { ip: "10.99.3.30" }, to: { ip: "10.99.2.20" } });
    expect(data[0]!.to.port).toBeGreaterThanOrEqual(40000);
    expect(data[0]!.to.port).toBeLessThanOrEqual(40009);
    const t = trace.result.transfers[0]!;
    expect(t).toMatchObject({ command: "RETR report.csv", modeCommand: "PORT", modeReply: 200, result: "ok", reply: 226 });
    expect(t.fxp).toMatchObject({ a: { command: "RETR report.csv", reply: 226 }, b: { command: "STOR copy.csv", reply: 226 }, size: 8, stored: 8 });
    expect(t.fxp!.data).toMatchObject({ initiator: "server-b", from: { ip: "10.99.3.30" }, to: { ip: "10.99.2.20", port: data[0]!.to.port } });
  });

  it("sends PORT to B with exactly the address and port of A's 227 (RFC 959 §4.1.2)", () => {
    const lines = simulate(FXP_ALLOWED).result.transcript;
    const pasv = lines.find((l) => l.line.startsWith("227 "))!.line;
    const port = lines.find((l) => l.line.startsWith("PORT "))!;
    expect(port.to).toBe("server-b");
    expect(pasv).toContain(`(${port.line.slice(5)})`);
  });

  it("labels every command with the server it went to", () => {
    const lines = simulate(FXP_ALLOWED).result.transcript.filter((l) => l.from === "client");
    expect(lines.map((l) => `${l.to === "server-b" ? "B" : "A"} ${l.line.split(" ")[0]}`)).toEqual([
      "A USER", "A PASS", "A TYPE", "B USER", "B PASS", "B TYPE", "A PASV", "B PORT", "A RETR", "B STOR", "A QUIT", "B QUIT",
    ]);
  });

  it("with A's firewall admitting port 21 only, B's SYN is dropped by A's rule and each server gives up on its own", () => {
    const trace = simulate({ ...FXP_ALLOWED, server: { ...FXP_ALLOWED.server, firewall: "control-only", connectTimeoutMs: 5000, acceptTimeoutMs: 5000 }, fxp: { ...FXP_ALLOWED.fxp!, server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral", connectTimeoutMs: 5000 } } });
    const dropped = drops(trace, (d) => d.node === "server");
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]!.check?.ruleText).toBe("policy drop");
    expect(dropped[0]!.packet.src.ip).toBe("10.99.3.30");
    const t = trace.result.transfers[0]!;
    expect(t.result).toBe("failed");
    expect(t.cause).toMatch(/^server firewall \(policy drop\) dropped SYN 10\.99\.3\.30:\d+ → 10\.99\.2\.20:400\d\d/);
    expect(t.fxp).toMatchObject({ a: { reply: 425 }, b: { reply: 425 }, stored: 0 });
  });

  it("a NAT router in front of B: B dials A from its public address, which A's pasv_promiscuous=NO check refuses all the same", () => {
    const trace = simulate({ ...FXP_ALLOWED, server: { passivePorts: [40000, 40009] }, fxp: { ...FXP_ALLOWED.fxp!, server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral", nat: { publicIp: "198.51.100.30", forward: [21] } } } });
    const atA = eventsOf(trace, "established").find((e) => e.host === "server" && e.purpose === "data");
    expect(atA?.remote.ip).toBe("198.51.100.30");
    expect(repliesFrom(trace, "server")).toContain("425 Security: Bad IP connecting.");
  });

  it("B with connect_from_port_20=YES cannot bind port 20 once port_promiscuous=YES: vsftpd's OOPS ends B's session", () => {
    const trace = simulate({ ...FXP_ALLOWED, fxp: { ...FXP_ALLOWED.fxp!, server: { allowForeignDataAddress: true } } });
    expect(repliesFrom(trace, "server-b")).toContain("500 OOPS: vsf_sysutil_bind");
    expect(trace.result.transfers[0]!.result).toBe("failed");
  });

  it("is the same trace, byte for byte, every run", () => {
    expect(JSON.stringify(simulate(FXP_ALLOWED))).toBe(JSON.stringify(simulate(FXP_ALLOWED)));
  });

  it("refuses what the lab cannot run, naming the field", () => {
    expect(errorsOf({ fxp: {} })).toEqual(['client.software: a server-to-server transfer needs a client that holds two control connections: "ftplib" (a Python script)']);
    expect(errorsOf({ ...FXP_ALLOWED, fxp: { file: "missing.txt" } })).toEqual(["fxp.file: expected one of the server's files (report.csv)"]);
    expect(errorsOf({ ...FXP_ALLOWED, fxp: { server: { ip: "10.99.2.20" }, file: "report.csv" } })).toEqual(["fxp.server.ip: 10.99.2.20 is already server.ip; every host and router needs its own address"]);
    expect(errorsOf({ ...FXP_ALLOWED, tls: true })).toEqual(["tls: the lab has no model of FXP over TLS (it needs SSCN or CPSV)"]);
    expect(errorsOf({ ...FXP_ALLOWED, fxp: { file: "report.csv", announce: "EPSV" } })[0]).toMatch(/^fxp\.announce: /);
  });
});

describe("a relay in front of the server", () => {
  it("the server sees every connection, control and data, come from the relay", () => {
    const trace = simulate(relayed({}));
    const atServer = eventsOf(trace, "established").filter((e) => e.host === "server");
    expect(atServer.length).toBe(3);
    for (const e of atServer) expect(e.remote.ip).toBe("10.99.2.80");
    expect(trace.result.transfers.map((t) => t.result)).toEqual(["ok", "ok"]);
    // The client's own connection ends at the relay; the relay opens its own to the same port.
    const t = trace.result.transfers[1]!;
    expect(t.data?.client.ip).toBe("10.99.1.10");
    expect(t.data?.server).toMatchObject({ ip: "10.99.2.20" });
    expect(t.attempt).toMatchObject({ initiator: "client", to: { ip: "10.99.2.80", port: t.data!.server.port } });
  });

  it("an unmapped passive port: RST from the relay at once, or its firewall's drop and the client's timeout", () => {
    const reset = simulate(relayed({}, { passivePorts: [40004, 40004] }));
    expect(reset.result.transfers[0]!.cause).toBe("the connection to 10.99.2.80:40004 was refused (RST): nothing listens there");
    const dropped = simulate(relayed({ unmapped: "drop" }, { passivePorts: [40004, 40004] }, { connectTimeoutMs: 5000 }));
    const d = drops(dropped, (x) => x.node === "relay")[0]!;
    expect(d.check).toMatchObject({ firewall: "relay", ruleText: "policy drop" });
    expect(dropped.result.transfers[0]!.cause).toMatch(/^relay firewall \(policy drop\) dropped SYN 10\.99\.1\.10:\d+ → 10\.99\.2\.80:40004/);
  });

  it("a 227 naming the server's own address fails only a client that uses it", () => {
    const uses = simulate(relayed({}, { passiveAddress: null }, { pasvAddress: "use", connectTimeoutMs: 5000 }));
    expect(uses.result.transfers[0]!.cause).toMatch(/10\.99\.2\.20 is on the relay's inside network and the relay forwards no packets/);
    const ignores = simulate(relayed({}, { passiveAddress: null }, { pasvAddress: "ignore" }));
    expect(ignores.result.transfers.map((t) => t.result)).toEqual(["ok", "ok"]);
  });

  it("active mode through it fails: the server refuses a PORT naming the client, which is not its control peer", () => {
    const trace = simulate({ ...relayed({}), client: { software: "ftplib", mode: "active" } });
    expect(repliesFrom(trace, "server")).toContain("500 Illegal PORT command.");
  });

  it("refuses a relay and a NAT router together, and a relay on another host's address", () => {
    expect(errorsOf({ server: { nat: { publicIp: "203.0.113.5" }, relay: { ip: "10.99.2.80" } } })).toEqual(["server.relay: expected a relay or a NAT router in front of the server, not both"]);
    expect(errorsOf({ server: { relay: { ip: "10.99.1.10" } } })).toEqual(["server.relay.ip: 10.99.1.10 is already client.ip; every host and router needs its own address"]);
    expect(errorsOf({ server: { relay: { ip: "10.99.2.80", ports: [[1, 5000]] } } })).toEqual(["server.relay.ports: expected at most 1024 ports in all"]);
  });
});
