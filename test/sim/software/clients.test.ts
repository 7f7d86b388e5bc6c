/**
 * Each client program, as its profile makes the one client machine behave: the cases of
 * test/real/fixtures/software/CLIENTS.md (what lftp, tnftp, inetutils ftp and ftplib really did
 * against vsftpd in network namespaces) and DOCUMENTED.md (FileZilla, WinSCP, ftp.exe from their
 * source and documentation). verify:real runs the Debian ones against the real programs too.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "../../../sim/index";
import { parseScenario } from "../../../sim/scenario/validate";
import { noteRole } from "../../../sim/software/client-notes";
import type { ClientSoftware } from "../../../sim/software/names";
import { clientProfile } from "../../../sim/software/profiles";

type Case = "open" | "client-nat-active" | "server-nat" | "control-only" | "stateful-active";

const CASES: Record<Case, object> = {
  open: {},
  "client-nat-active": { client: { mode: "active", ip: "192.168.1.10", nat: { publicIp: "198.51.100.7" } }, server: { ip: "203.0.113.5" } },
  "server-nat": { server: { ip: "10.99.2.20", passivePorts: [30000, 30049], nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } } },
  "control-only": { client: { mode: "passive" }, server: { firewall: "control-only" } },
  "stateful-active": { client: { mode: "active", firewall: "stateful" } },
};

function run(software: ClientSoftware, c: Case, more: { client?: object; commands?: string[] } = {}): Trace {
  const base = CASES[c] as { client?: object; server?: object };
  return simulate({ ...base, client: { ...base.client, software, ...more.client }, commands: more.commands ?? ["LIST"] });
}

const sent = (t: Trace) => t.result.transcript.filter((l) => l.from === "client").map((l) => l.line);
const verbs = (t: Trace) => sent(t).map((l) => l.split(" ")[0]);
const notes = (t: Trace) => t.events.flatMap((e) => (e.type === "note" && e.host === "client" ? [e.text] : []));
const controlConnections = (t: Trace) => t.events.filter((e) => e.type === "connect" && e.purpose === "control").length;
const dataConnections = (t: Trace) => t.events.filter((e) => e.type === "connect" && e.purpose === "data").length;

function expectTransfer(t: Trace, result: "ok" | "failed", reply: number | null, modeCommand?: string) {
  const x = t.result.transfers[0]!;
  expect([x.result, x.reply]).toEqual([result, reply]);
  if (modeCommand) expect(x.modeCommand).toBe(modeCommand);
}

describe("lftp", () => {
  it("sends FEAT before USER and lists with PASV and no TYPE", () => {
    const t = run("lftp", "open");
    expect(verbs(t)).toEqual(["FEAT", "USER", "PASS", "PWD", "PASV", "LIST", "QUIT"]);
    expectTransfer(t, "ok", 226, "PASV");
  });

  it("stores after TYPE I and stamps the file with SITE UTIME after", () => {
    expect(verbs(run("lftp", "open", { commands: ["STOR up.txt"] }))).toEqual(["FEAT", "USER", "PASS", "PWD", "TYPE", "PASV", "STOR", "SITE", "QUIT"]);
  });

  it("fixes a private 227 address behind a public control host, and says so", () => {
    const t = run("lftp", "server-nat");
    expect(notes(t)).toContain("Address returned by PASV seemed to be incorrect and has been fixed");
    expectTransfer(t, "ok", 226);
  });

  it("after a refused PORT switches passive mode on, and takes up the transfer on a new control connection 15 s later", () => {
    const t = run("lftp", "client-nat-active");
    expect(notes(t)).toContain("Switching passive mode on");
    expect(controlConnections(t)).toBe(2);
    expect(verbs(t)).toEqual(["FEAT", "USER", "PASS", "PWD", "PORT", "FEAT", "USER", "PASS", "PASV", "LIST", "QUIT"]);
    expectTransfer(t, "ok", 226, "PASV");
    const refused = t.events.find((e) => e.type === "reply" && e.code === 500)!;
    const second = t.events.filter((e) => e.type === "connect" && e.purpose === "control")[1]!;
    expect(second.t - refused.t).toBeGreaterThanOrEqual(15_000);
    // One transfer, one login in the result: the reconnect continues the session.
    expect(t.result.transfers).toHaveLength(1);
  });

  it("with ftp:prefer-epsv, a refused EPSV switches passive mode off: PORT on a new connection", () => {
    const t = simulate({ client: { software: "lftp", extended: true }, server: { extended: false }, commands: ["LIST"] });
    expect(notes(t)).toContain("Switching passive mode off");
    expect(verbs(t)).toContain("PORT");
    expect(controlConnections(t)).toBe(2);
    expectTransfer(t, "ok", 226, "PORT");
  });

  it("never sends EPRT: active mode is PORT whatever extended says", () => {
    expect(verbs(run("lftp", "open", { client: { mode: "active", extended: true } }))).toContain("PORT");
  });
});

describe("tnftp (BSD ftp)", () => {
  it("logs in, then SYST and FEAT, and lists with EPSV first", () => {
    const t = run("bsd-ftp", "open");
    expect(verbs(t)).toEqual(["USER", "PASS", "SYST", "FEAT", "EPSV", "LIST", "QUIT"]);
  });

  it("falls back to active mode (EPRT) in the same session when the passive connection cannot be made", () => {
    const t = run("bsd-ftp", "control-only");
    expect(verbs(t)).toEqual(["USER", "PASS", "SYST", "FEAT", "EPSV", "EPRT", "LIST", "QUIT"]);
    expectTransfer(t, "ok", 226, "EPRT");
    expect(controlConnections(t)).toBe(1);
  });

  it("refuses a 227 address that is not the control peer's: no data connection, no fallback", () => {
    const t = run("bsd-ftp", "server-nat", { client: { extended: false } });
    expect(notes(t)).toContain("Passive mode address mismatch.");
    expect(dataConnections(t)).toBe(0);
    expectTransfer(t, "failed", 227, "PASV");
  });

  it("a refused EPRT falls back to PORT, and a refused PORT ends the transfer", () => {
    const t = run("bsd-ftp", "client-nat-active");
    expect(verbs(t)).toEqual(["USER", "PASS", "SYST", "FEAT", "EPRT", "PORT", "QUIT"]);
    expect(notes(t)).toContain("disabling epsv4 for this connection");
    expectTransfer(t, "failed", 500);
  });

  it("gives up after 60 s of silence with its own 421, which the failure's cause quotes", () => {
    const t = simulate({ client: { software: "bsd-ftp", mode: "active", firewall: "stateful" }, server: { software: "proftpd" }, commands: ["LIST"] });
    const said = "421 Service not available, remote server timed out. Connection closed.";
    expect(notes(t)).toContain(said);
    expect(noteRole(said, clientProfile("bsd-ftp"))).toBe("silence");
    expect(t.result.transfers[0]!.cause).toContain(`tnftp gave up: "${said}"`);
  });
});

describe("GNU inetutils ftp", () => {
  it("sends SYST before USER and is active (PORT) by default", () => {
    const t = run("inetutils-ftp", "open");
    expect(verbs(t)).toEqual(["SYST", "USER", "PASS", "PORT", "LIST", "QUIT"]);
  });

  it("tries a refused PORT again as RFC 1639's LPRT, then gives up", () => {
    const t = run("inetutils-ftp", "client-nat-active");
    expect(sent(t)).toContainEqual(expect.stringMatching(/^LPRT 4,4,192,168,1,10,2,\d+,\d+$/));
    expectTransfer(t, "failed", 500, "PORT");
  });

  it("refuses a 227 address that is not the control peer's, and sends ABOR: the last reply is 225", () => {
    const t = run("inetutils-ftp", "server-nat", { client: { mode: "passive" } });
    expect(notes(t)).toContain("Passive mode address mismatch.");
    expect(verbs(t)).toEqual(["SYST", "USER", "PASS", "PASV", "ABOR", "QUIT"]);
    expectTransfer(t, "failed", 225);
  });
});

describe("Python's ftplib", () => {
  it("sends TYPE before every transfer and no FEAT, SYST or PWD", () => {
    expect(verbs(run("ftplib", "open", { commands: ["LIST", "LIST"] }))).toEqual(["USER", "PASS", "TYPE", "PASV", "LIST", "TYPE", "PASV", "LIST", "QUIT"]);
  });

  it("ignores the 227 address silently and reaches the NATed server", () => {
    const t = run("ftplib", "server-nat");
    expect(notes(t)).toEqual([]);
    expectTransfer(t, "ok", 226);
  });

  it("has no extended mode on IPv4", () => {
    const r = parseScenario({ client: { software: "ftplib", extended: true } });
    expect(r.ok ? [] : r.errors).toEqual(["client.extended: Python's ftplib sends EPSV and EPRT only over IPv6: on IPv4 it has no extended mode"]);
  });
});

describe("FileZilla (modelled from its source)", () => {
  it("replaces an unroutable 227 address and says so in its own words", () => {
    const t = run("filezilla", "server-nat");
    expect(notes(t)).toContain("Server sent passive reply with unroutable address. Using server address instead.");
    expectTransfer(t, "ok", 226);
  });

  it("sends the listing command right after the 227, before its data connection is open", () => {
    const t = run("filezilla", "open");
    expect(verbs(t)).toEqual(["USER", "PASS", "SYST", "FEAT", "PWD", "TYPE", "PASV", "LIST", "QUIT"]);
    const list = t.events.find((e) => e.type === "command" && e.line === "LIST")!;
    const data = t.events.find((e) => e.type === "established" && e.purpose === "data")!;
    expect(list.t).toBeLessThanOrEqual(data.t);
  });

  it("hears vsftpd's 425 when the server's accept timeout (4 s here) comes first", () => {
    expectTransfer(run("filezilla", "control-only"), "failed", 425, "PASV");
  });

  it("gives up after 20 seconds of inactivity when the server waits longer (vsftpd's own accept_timeout, 60 s)", () => {
    const t = simulate({ client: { software: "filezilla" }, server: { firewall: "control-only", acceptTimeoutMs: 60_000 }, commands: ["LIST"] });
    expect(notes(t)).toContain("Connection timed out after 20 seconds of inactivity");
    expect(t.result.transfers[0]!.result).toBe("failed");
  });

  it("switches to passive mode in the same session after a refused PORT", () => {
    const t = run("filezilla", "client-nat-active");
    expect(verbs(t)).toEqual(["USER", "PASS", "SYST", "FEAT", "PWD", "TYPE", "PORT", "PASV", "LIST", "QUIT"]);
    expectTransfer(t, "ok", 226, "PASV");
    expect(controlConnections(t)).toBe(1);
  });
});

describe("WinSCP (modelled from its source)", () => {
  it("names the address it replaced", () => {
    expect(notes(run("winscp", "server-nat"))).toContain("Server sent passive reply with unroutable address 10.99.2.20, using host address instead.");
  });

  it("lists in ASCII (TYPE A) and gives up after its 15 s timeout", () => {
    const t = simulate({ client: { software: "winscp" }, server: { firewall: "control-only", acceptTimeoutMs: 60_000 }, commands: ["LIST"] });
    expect(verbs(t).slice(0, 7)).toEqual(["USER", "PASS", "SYST", "FEAT", "PWD", "TYPE", "PASV"]);
    expect(sent(t)).toContain("TYPE A");
    expect(notes(t)).toContain("Timeout detected. (control connection)");
  });
});

describe("Windows ftp.exe (modelled from its documentation)", () => {
  it("has no passive mode", () => {
    const r = parseScenario({ client: { software: "windows-ftp", mode: "passive" } });
    expect(r.ok ? [] : r.errors).toEqual(["client.mode: Windows ftp.exe has no passive mode"]);
  });

  it("is active by default: behind a stateful client firewall, login works and LIST fails with the server's 425", () => {
    const t = run("windows-ftp", "stateful-active");
    expect(t.result.login.result).toBe("ok");
    expectTransfer(t, "failed", 425, "PORT");
  });
});

describe("what a program cannot do is refused by name", () => {
  it("tnftp, inetutils ftp and ftp.exe have no FTPS", () => {
    for (const [software, name] of [["bsd-ftp", "tnftp"], ["inetutils-ftp", "GNU inetutils ftp"], ["windows-ftp", "Windows ftp.exe"]] as const) {
      const r = parseScenario({ client: { software }, tls: true });
      expect(r.ok ? [] : r.errors).toEqual([`tls: ${name} has no FTPS (RFC 4217)`]);
    }
  });

  it("every program gives the same trace for the same scenario", () => {
    for (const software of ["lftp", "bsd-ftp", "inetutils-ftp", "ftplib", "filezilla", "winscp", "windows-ftp"] as const) {
      expect(JSON.stringify(run(software, "client-nat-active"))).toBe(JSON.stringify(run(software, "client-nat-active")));
    }
  });
});
