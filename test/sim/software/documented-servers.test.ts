/**
 * The server programs that cannot run here, as their profiles make the one server machine
 * behave: FileZilla Server 1.7.3 (from its source) and IIS's FTP service (from Microsoft's
 * documentation and published sessions); test/real/fixtures/software/DOCUMENTED.md §4 and §5
 * cite what each assertion claims. Whole sessions: passive and active, a PORT naming a third
 * host (the bounce scenarios' style, test/real/scenarios/bounce), an active connect the client's
 * firewall stops, and the server behind NAT with and without its passive address set. The
 * passive connection from a foreign address cannot arise in a whole session (the lab's NAT keeps
 * one address per client), so the server machine meets it directly, as machines.test.ts does.
 */
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "../../../sim/index";
import type { DataIo, DataTransferEvent } from "../../../sim/ftp/data-transfer-machine";
import type { Reply } from "../../../sim/ftp/replies";
import { serverMachine, type ServerIo } from "../../../sim/ftp/server-machine";
import type { ServerPolicy } from "../../../sim/ftp/server-session";
import { parseScenario } from "../../../sim/scenario/validate";
import { SERVER_PROFILES, serverProfile } from "../../../sim/software/profiles";
import type { ServerSoftware } from "../../../sim/software/names";

const replies = (t: Trace) => t.result.transcript.filter((l) => l.from === "server").map((l) => l.line);
const sent = (t: Trace) => t.result.transcript.filter((l) => l.from === "client").map((l) => l.line);
/** The reply that answered the command starting `prefix` (the first one after it). */
const answerTo = (t: Trace, prefix: string): string[] => {
  const lines = t.result.transcript;
  const i = lines.findIndex((l) => l.from === "client" && l.line.startsWith(prefix));
  const out: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (l.from === "client") break;
    out.push(l.line);
  }
  return out;
};
const dataConnects = (t: Trace) => t.events.flatMap((e) => (e.type === "connect" && e.purpose === "data" ? [e] : []));
const transfer = (t: Trace, i = 0) => {
  const x = t.result.transfers[i]!;
  return [x.result, x.reply];
};

const run = (software: ServerSoftware, s: { client?: object; server?: object; commands?: string[] } = {}) =>
  simulate({ ...s, client: { ...s.client }, server: { software, ...s.server }, commands: s.commands ?? ["LIST"] });

/** The bounce: the client's PORT names a third host's SMTP port (test/real/scenarios/bounce/port-third-host.json). */
const BOUNCE = { client: { mode: "active", advertise: { ip: "10.99.3.30", port: 25 } } };
/** The server behind NAT, the passive range forwarded, a client on the internet that dials the 227 address. */
const SERVER_NAT = {
  client: { ip: "198.51.100.20", mode: "passive", pasvAddress: "use" },
  server: { ip: "10.99.2.20", passivePorts: [30000, 30049], nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } },
};
const withPassiveAddress = (ip: string) => ({ ...SERVER_NAT, server: { ...SERVER_NAT.server, passiveAddress: ip } });

describe("both are modelled from documentation, and say so", () => {
  it.each(["filezilla-server", "iis"] as const)("%s: a documented profile with its sources, its defaults filled in by the schema", (software) => {
    const p = SERVER_PROFILES[software]!;
    expect(p.provenance.kind).toBe("documented");
    if (p.provenance.kind === "documented") expect(p.provenance.sources.length).toBeGreaterThan(0);
    const r = parseScenario({ server: { software } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.server).toMatchObject(p.defaults);
  });

  it("name each setting as the program does", () => {
    expect(serverProfile("filezilla-server").options.passiveAddress).toContain("host_override");
    expect(serverProfile("filezilla-server").options.passiveAddress).toContain("Use the following host");
    expect(serverProfile("filezilla-server").options.passivePorts).toContain("Use custom port range");
    expect(serverProfile("iis").options.passiveAddress).toContain("externalIp4Address");
    expect(serverProfile("iis").options.passiveAddress).toContain("External IP Address of Firewall");
    expect(serverProfile("iis").options.passivePorts).toContain("lowDataChannelPort / highDataChannelPort");
    expect(serverProfile("iis").options.allowForeignDataAddress).toContain("matchClientAddressForPort");
    expect(serverProfile("iis").options.acceptTimeout).toContain("dataChannelTimeout");
  });
});

describe("FileZilla Server 1.7.3", () => {
  it("passive: its own words from banner to 226, no period after 227 or 226", () => {
    const t = run("filezilla-server", { commands: ["LIST", "RETR hello.txt"] });
    expect(replies(t).slice(0, 4)).toEqual(["220-FileZilla Server 1.7.3", "220 Please visit https://filezilla-project.org/", "331 Please, specify the password.", "230 Login successful."]);
    expect(answerTo(t, "PWD")).toEqual(['257 "/" is current directory.']);
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)$/);
    expect(answerTo(t, "TYPE I")).toEqual(["200 Type set to I"]);
    // curl connects before it sends LIST: the data socket exists, so "Starting".
    expect(answerTo(t, "LIST")).toEqual(["150 Starting data transfer.", "226 Operation successful"]);
    expect(answerTo(t, "RETR")).toEqual(["150 Starting data transfer.", "226 Operation successful"]);
    expect(answerTo(t, "QUIT")).toEqual(["221 Goodbye."]);
    expect([transfer(t, 0), transfer(t, 1)]).toEqual([
      ["ok", 226],
      ["ok", 226],
    ]);
  });

  it("passive, the command before the connection (FileZilla): 150 About to start data transfer.", () => {
    const t = run("filezilla-server", { client: { software: "filezilla" } });
    expect(answerTo(t, "SYST")).toEqual(["215 UNIX emulated by FileZilla."]);
    expect(answerTo(t, "LIST")).toEqual(["150 About to start data transfer.", "226 Operation successful"]);
    // Said at once: the 150 left the server before the client's SYN reached it.
    const said = t.events.findIndex((e) => e.type === "send" && e.node === "server" && e.packet.payload.startsWith("150 About"));
    const syn = t.events.findIndex((e) => e.type === "deliver" && e.node === "server" && e.packet.flags.includes("SYN") && e.packet.conn === dataConnects(t)[0]!.conn);
    expect(said).toBeGreaterThan(-1);
    expect(said).toBeLessThan(syn);
    expect(transfer(t)).toEqual(["ok", 226]);
  });

  it("active: connects from an ephemeral port, 150 Starting data transfer.", () => {
    const t = run("filezilla-server", { client: { mode: "active" } });
    expect(answerTo(t, "PORT")).toEqual(["200 PORT command successful."]);
    expect(answerTo(t, "LIST")).toEqual(["150 Starting data transfer.", "226 Operation successful"]);
    const [c] = dataConnects(t);
    expect(c!.from.port).not.toBe(20);
    expect(c!.from.port).toBeGreaterThanOrEqual(32768);
    expect(transfer(t)).toEqual(["ok", 226]);
  });

  it("active, the client's firewall drops the connect: 150 first, then 425 ETIMEDOUT", () => {
    const t = run("filezilla-server", { client: { mode: "active", firewall: "stateful" }, server: { connectTimeoutMs: 5000 } });
    expect(answerTo(t, "LIST")).toEqual(["150 Starting data transfer.", "425 Unable to build data connection: ETIMEDOUT - Connection attempt timed out"]);
    expect(transfer(t)).toEqual(["failed", 425]);
  });

  it("active, the client's firewall rejects the connect: 425 ECONNREFUSED", () => {
    const reject = { policy: "reject", rules: [{ action: "accept", state: ["established", "related"] }] };
    const t = run("filezilla-server", { client: { mode: "active", firewall: reject } });
    expect(answerTo(t, "LIST")).toEqual(["150 Starting data transfer.", "425 Unable to build data connection: ECONNREFUSED - Connection refused by server"]);
    expect(transfer(t)).toEqual(["failed", 425]);
  });

  it("by default its active connect has only the kernel's timeout", () => {
    expect(serverProfile("filezilla-server").defaults.connectTimeoutMs).toBe(134_500);
    expect(serverProfile("filezilla-server").defaults.activeSourcePort).toBe("ephemeral");
  });

  it("accepts a PORT naming a third host and dials it (1.7.3 has no check): the bounce goes out", () => {
    const t = run("filezilla-server", BOUNCE);
    expect(sent(t)).toContain("PORT 10,99,3,30,0,25");
    expect(answerTo(t, "PORT")).toEqual(["200 PORT command successful."]);
    expect(answerTo(t, "LIST")[0]).toBe("150 Starting data transfer.");
    const [c] = dataConnects(t);
    expect(c!.host).toBe("server");
    expect(c!.to).toEqual({ ip: "10.99.3.30", port: 25 });
    expect(t.result.transfers[0]!.attempt).toMatchObject({ initiator: "server", to: { ip: "10.99.3.30", port: 25 } });
  });

  it("and EPRT alike", () => {
    const t = run("filezilla-server", { client: { ...BOUNCE.client, extended: true } });
    expect(answerTo(t, "EPRT")).toEqual(["200 EPRT command successful."]);
    expect(dataConnects(t)[0]!.to).toEqual({ ip: "10.99.3.30", port: 25 });
  });

  it("server behind NAT, no host set: the 227 names its private address, the client cannot reach it", () => {
    const t = run("filezilla-server", SERVER_NAT);
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)$/);
    expect(t.result.transfers[0]!.result).toBe("failed");
  });

  it('server behind NAT, "Use the following host" set: the 227 names it, the listing goes through', () => {
    const t = run("filezilla-server", withPassiveAddress("203.0.113.5"));
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(203,0,113,5,\d+,\d+\)$/);
    expect(transfer(t)).toEqual(["ok", 226]);
  });

  it('"Use the default host for local connections": a peer on a private network gets the local address anyway', () => {
    const t = run("filezilla-server", { ...withPassiveAddress("203.0.113.5"), client: { ...SERVER_NAT.client, ip: "10.99.1.10" } });
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)$/);
  });
});

describe("IIS FTP", () => {
  it("passive: its own words, 227 and 200 with periods, 125 over the connection already open", () => {
    const t = run("iis", { commands: ["LIST", "RETR hello.txt"] });
    expect(replies(t).slice(0, 3)).toEqual(["220 Microsoft FTP Service", "331 Password required", "230 User logged in."]);
    expect(answerTo(t, "PWD")).toEqual(['257 "/" is current directory.']);
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)\.$/);
    expect(answerTo(t, "TYPE I")).toEqual(["200 Type set to I."]);
    expect(answerTo(t, "LIST")).toEqual(["125 Data connection already open; Transfer starting.", "226 Transfer complete."]);
    expect(answerTo(t, "RETR")).toEqual(["125 Data connection already open; Transfer starting.", "226 Transfer complete."]);
    expect([transfer(t, 0), transfer(t, 1)]).toEqual([
      ["ok", 226],
      ["ok", 226],
    ]);
  });

  it("anonymous is asked for its e-mail address, and SYST says Windows_NT", () => {
    const t = simulate({ server: { software: "iis" }, client: { software: "filezilla" }, user: { name: "anonymous", password: "guest@example.com" }, commands: ["LIST"] });
    expect(answerTo(t, "USER")).toEqual(["331 Anonymous access allowed, send identity (e-mail name) as password."]);
    expect(answerTo(t, "PASS")).toEqual(["230 User logged in."]);
    expect(answerTo(t, "SYST")).toEqual(["215 Windows_NT"]);
  });

  it("passive, the command before the connection (FileZilla): 150 at once, then 226", () => {
    const t = run("iis", { client: { software: "filezilla" } });
    expect(answerTo(t, "LIST")).toEqual(["150 Opening BINARY mode data connection.", "226 Transfer complete."]);
    expect(transfer(t)).toEqual(["ok", 226]);
  });

  it("active: connects from port 20, 125, 226", () => {
    const t = run("iis", { client: { mode: "active" } });
    expect(answerTo(t, "PORT")).toEqual(["200 PORT command successful."]);
    expect(answerTo(t, "LIST")).toEqual(["125 Data connection already open; Transfer starting.", "226 Transfer complete."]);
    expect(dataConnects(t)[0]!.from.port).toBe(20);
    expect(transfer(t)).toEqual(["ok", 226]);
  });

  it("active, the client's firewall drops the connect: 425 after Windows' 21 s", () => {
    const t = run("iis", { client: { mode: "active", firewall: "stateful" } });
    expect(answerTo(t, "LIST")).toEqual(["425 Can't open data connection."]);
    const list = t.events.find((e) => e.type === "command" && e.line === "LIST")!;
    const refusal = t.events.find((e) => e.type === "reply" && e.code === 425)!;
    expect(refusal.t - list.t).toBeGreaterThanOrEqual(21_000);
    expect(transfer(t)).toEqual(["failed", 425]);
  });

  it("refuses a PORT naming a third host: 501 Server cannot accept argument., and dials nobody", () => {
    const t = run("iis", BOUNCE);
    expect(answerTo(t, "PORT")).toEqual(["501 Server cannot accept argument."]);
    expect(dataConnects(t)).toEqual([]);
    expect(transfer(t)).toEqual(["failed", 501]);
  });

  it("and EPRT alike", () => {
    const t = run("iis", { client: { ...BOUNCE.client, extended: true } });
    expect(answerTo(t, "EPRT")[0]).toBe("501 Server cannot accept argument.");
    expect(dataConnects(t)).toEqual([]);
  });

  it("with matchClientAddressForPort=false it dials the third host, from port 20, without vsftpd's OOPS", () => {
    const t = run("iis", { ...BOUNCE, server: { allowForeignDataAddress: true } });
    expect(answerTo(t, "PORT")).toEqual(["200 PORT command successful."]);
    expect(replies(t).some((r) => r.includes("OOPS"))).toBe(false);
    const [c] = dataConnects(t);
    expect(c!.from.port).toBe(20);
    expect(c!.to).toEqual({ ip: "10.99.3.30", port: 25 });
  });

  it("server behind NAT, no externalIp4Address: the 227 names its private address, the client cannot reach it", () => {
    const t = run("iis", SERVER_NAT);
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,20,\d+,\d+\)\.$/);
    expect(t.result.transfers[0]!.result).toBe("failed");
  });

  it("server behind NAT, externalIp4Address set: the 227 names it, the listing goes through", () => {
    const t = run("iis", withPassiveAddress("203.0.113.5"));
    expect(answerTo(t, "PASV")[0]).toMatch(/^227 Entering Passive Mode \(203,0,113,5,\d+,\d+\)\.$/);
    expect(transfer(t)).toEqual(["ok", 226]);
  });
});

// ---------------------------------------------------------------------------------------------
// A passive data connection from another address than the control peer's, met by the server
// machine directly: the data transfer process is told the connection came from a foreign peer.

class ForeignPeer implements DataIo {
  open(report: (e: DataTransferEvent) => void): void {
    report({ type: "OPEN_FAILED", reason: "bad-ip" });
  }
  send(): void {}
  close(): void {}
  abort(): void {}
}

function passiveForeign(software: ServerSoftware, connected: boolean): string[] {
  const out: string[] = [];
  const p = serverProfile(software);
  const policy: ServerPolicy = {
    userName: "demo",
    password: "demo",
    tls: false,
    extended: true,
    allowForeignDataAddress: p.defaults.allowForeignDataAddress,
    connectFromPort20: p.defaults.activeSourcePort === 20,
    replies: p.replies({ ip: "10.99.2.20" }),
    anonymousPassword: p.anonymousPassword,
    refuseDataAddress: p.refuseDataAddress,
    refuseConnect: p.refuseConnect,
  };
  const io: ServerIo = {
    reply: (r: Reply) => void out.push(r.text),
    openPassive: () => ({ ip: "10.99.2.20", port: 30000 }),
    releaseData: () => undefined,
    startTls: () => undefined,
    dataIo: () => new ForeignPeer(),
    dataConnected: () => connected,
    closeControl: () => undefined,
  };
  const actor = createActor(serverMachine, {
    input: { io, policy, files: { "hello.txt": "Hello, FTP!\n" }, peerIp: "10.99.1.10", passiveAddress: null, connectTimeoutMs: 3000, acceptTimeoutMs: 4000 },
  });
  actor.start();
  for (const line of ["USER demo", "PASS demo", "PASV", "LIST"]) actor.send({ type: "COMMAND", line });
  actor.stop();
  return out.slice(out.findIndex((l) => l.startsWith("227")) + 1);
}

describe("a passive data connection from a foreign address", () => {
  it("FileZilla Server aborts it: 425 Unable to build data connection: EINVAL - Invalid argument passed", () => {
    expect(passiveForeign("filezilla-server", false)).toEqual(["150 About to start data transfer.", "425 Unable to build data connection: EINVAL - Invalid argument passed"]);
  });

  it("IIS refuses it (matchClientAddressForPasv; its words unconfirmed)", () => {
    expect(passiveForeign("iis", false)).toEqual(["150 Opening ASCII mode data connection.", "425 Can't open data connection."]);
  });

  it("while a connection from the control peer already waits, FileZilla Server says Starting", () => {
    expect(passiveForeign("filezilla-server", true)[0]).toBe("150 Starting data transfer.");
  });
});
