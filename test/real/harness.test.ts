/**
 * The real-network harness's own logic, checked without root: which cases it runs, the rulesets
 * and curl flags it derives from a scenario, and how it reads a data connection's shape. The
 * real run itself is `npm run verify:real` (a .ci/run stage of its own).
 */
import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { toScenario } from "@/sim/scenario/validate";
import { resolveFirewall } from "@/sim/scenario/presets";
import { FIREWALL_PRESETS } from "@/sim/scenario/preset-names";
import { run } from "@/sim/simulate";
import { discoverCases, scenariosIn } from "./cases";
import { LESSONS } from "@/lessons/catalog";
import { expandPreset, rulesetFor } from "./nft";
import { routerRuleset, routerUnsupported } from "./router";
import { modeFlags, modeOf, lastReplyOf, dataEndpointOf, serverHost, driverOf } from "./curl";
import { dataShapeOf as simShape, portKind as portClass } from "@/sim/trace/data-shape";
import { realShape, sameShape } from "./compare";
import { logLines } from "./report";
import { runnerFor, unsupported } from "./case";
import type { Topology } from "./namespaces";

const ROOT = resolve(import.meta.dirname, "../..");
const cases = discoverCases(ROOT);

describe("the cases a real run checks", () => {
  it("has at least 40, all with distinct names, all runnable for real but those naming a program Debian does not ship", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const unshipped = (c: (typeof cases)[number]) => ["filezilla", "winscp", "windows-ftp"].includes(c.scenario.client.software);
    expect(cases.filter((c) => !unshipped(c) && unsupported(c.scenario) !== null).map((c) => `${c.name}: ${unsupported(c.scenario)}`)).toEqual([]);
    for (const c of cases.filter(unshipped)) expect(unsupported(c.scenario), c.name).toMatch(/not a program Debian ships/);
  });

  it("runs every Debian client program against every Debian server, through its own driver", () => {
    for (const client of ["lftp", "bsd-ftp", "inetutils-ftp", "ftplib"] as const) {
      for (const server of ["vsftpd", "proftpd", "pure-ftpd"] as const) {
        const mine = cases.filter((c) => c.scenario.client.software === client && c.scenario.server.software === server);
        expect(mine.length, `${client} × ${server}`).toBeGreaterThanOrEqual(7);
        for (const c of mine) expect(runnerFor(c.scenario).driver).toBe(client);
      }
    }
  });

  it("covers every firewall preset in both modes, plain and extended", () => {
    for (const preset of FIREWALL_PRESETS) {
      for (const mode of ["active", "passive"] as const) {
        for (const extended of [false, true]) {
          const match = cases.filter(({ scenario: s }) => (s.client.firewall === preset || s.server.firewall === preset) && s.client.mode === mode && s.client.extended === extended && !s.tls && !s.client.nat && !s.server.nat);
          expect(match.length, `${preset} ${mode} extended=${extended}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("covers NAT on each side with and without the helper, pasv_address, TLS with and without a helper, the bounce, REJECT and DROP", () => {
    const has = (what: string, p: (s: (typeof cases)[number]["scenario"]) => boolean) => expect(cases.some((c) => p(c.scenario)), what).toBe(true);
    for (const helper of [false, true]) {
      has(`client NAT helper=${helper}`, (s) => s.client.nat?.ftpHelper === helper);
      has(`server NAT helper=${helper}`, (s) => s.server.nat?.ftpHelper === helper);
    }
    has("pasv_address behind NAT", (s) => Boolean(s.server.nat && s.server.passiveAddress));
    const helperAnywhere = (s: (typeof cases)[number]["scenario"]) =>
      [s.client.firewall, s.server.firewall].some((f) => f === "stateful+ftp-helper" || (typeof f === "object" && f.ftpHelper)) || Boolean(s.client.nat?.ftpHelper || s.server.nat?.ftpHelper);
    has("TLS with a helper", (s) => s.tls && helperAnywhere(s));
    has("TLS without a helper", (s) => s.tls && !helperAnywhere(s));
    has("plain FTP with the same helper", (s) => !s.tls && helperAnywhere(s));
    has("bounce: PORT to a third host", (s) => Boolean(s.client.advertise?.ip && s.client.advertise.ip !== s.client.ip));
    const actions = (s: (typeof cases)[number]["scenario"]) => [s.client.firewall, s.server.firewall].flatMap((f) => (typeof f === "object" ? [f.policy, ...f.rules.map((r) => r.action)] : []));
    has("a reject", (s) => actions(s).includes("reject"));
    has("an explicit drop", (s) => actions(s).includes("drop"));
  });

  it("includes every lesson's scenarios", () => {
    const lessons = cases.filter((c) => c.name.startsWith("lesson/"));
    expect(lessons.map((c) => c.name)).toEqual(expect.arrayContaining(["lesson/active-mode", "lesson/passive-mode"]));
    // Named scenarios too: one case per scenario of a lesson with several.
    const total = LESSONS.reduce((n, l) => n + Object.keys(l.scenarios).length, 0);
    expect(lessons).toHaveLength(total);
  });

  it("finds every scenario nested in a lesson, in document order", () => {
    const lesson = { slug: "x", scenario: { a: 1 }, steps: [{ scenario: { b: 2 } }, { text: "no" }], parts: [{ nested: { scenario: { c: 3 } } }], scenarios: { open: { d: 4 }, closed: { e: 5 } } };
    expect(scenariosIn(lesson)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }, { d: 4 }, { e: 5 }]);
  });
});

describe("nftables from a scenario", () => {
  it("expands every preset exactly as the simulator does (two independent expansions)", () => {
    for (const preset of FIREWALL_PRESETS) {
      expect(expandPreset(preset, [30000, 30049]), preset).toEqual(resolveFirewall(preset, [30000, 30049]));
    }
  });

  it("attaches the FTP helper explicitly (Linux ≥ 4.7 never does it by itself): output on a client, prerouting on a server", () => {
    const client = rulesetFor("client", "stateful+ftp-helper", [30000, 30049])!;
    expect(client).toMatch(/hook output[\s\S]*tcp dport 21 ct helper set "ftp-std"/);
    expect(client).toContain("policy drop;");
    const server = rulesetFor("server", { policy: "drop", rules: [{ action: "accept", dport: 21 }], ftpHelper: true }, [30000, 30049])!;
    expect(server).toMatch(/hook prerouting[\s\S]*ct helper set "ftp-std"/);
  });

  it("writes nothing for an open host, and a reject as a TCP reset", () => {
    expect(rulesetFor("client", "open", [30000, 30049])).toBeNull();
    const text = rulesetFor("server", { policy: "drop", rules: [{ action: "reject", dport: [3000, 3009] }], ftpHelper: false }, [3000, 3009])!;
    expect(text).toContain("meta l4proto tcp tcp dport 3000-3009 reject with tcp reset");
  });

  const topo = (s: ReturnType<typeof toScenario>): Topology =>
    ({ id: "t", client: "c", router: "r", server: "s", clientIp: s.client.ip, serverIp: s.server.ip, clientPublic: s.client.nat?.publicIp ?? null, serverPublic: s.server.nat?.publicIp ?? null, clientGw: "", serverGw: "", routerToClient: "vtrc", routerToServer: "vtrs" }) as Topology;

  it("masquerades a client NAT, forwards a server NAT's listed ports, and lets nothing else in", () => {
    const s = toScenario({
      client: { ip: "192.168.1.10", nat: { publicIp: "198.51.100.7" } },
      server: { ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } },
    });
    const text = routerRuleset(s, topo(s))!;
    expect(text).toContain('oifname "vtrs" ip saddr 192.168.1.0/24 snat ip to 198.51.100.7');
    expect(text).toContain('iifname "vtrc" ip daddr 203.0.113.5 tcp dport { 21, 30000-30049 } dnat ip to 10.99.2.20');
    expect(text).toContain('iifname "vtrc" ip daddr 10.99.2.0/24 drop');
    expect(text).toMatch(/hook input priority filter; policy drop;/);
    expect(text).not.toContain("ct helper");
  });

  it("attaches the helper on the router when a NAT has ftpHelper, and refuses two NATs that disagree about it", () => {
    const s = toScenario({ client: { ip: "192.168.1.10", nat: { publicIp: "198.51.100.7", ftpHelper: true } }, server: { ip: "203.0.113.5" } });
    expect(routerRuleset(s, topo(s))).toContain('tcp dport 21 ct helper set "ftp-std"');
    const mixed = toScenario({ client: { ip: "192.168.1.10", nat: { publicIp: "198.51.100.7", ftpHelper: true } }, server: { ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21] } } });
    expect(routerUnsupported(mixed)).toMatch(/different ftpHelper/);
    expect(routerRuleset(toScenario({}), topo(toScenario({})))).toBeNull();
  });
});

describe("the client's command line", () => {
  it.each([
    [{ mode: "passive", extended: true }, "epsv", []],
    [{ mode: "passive", extended: false }, "pasv", ["--disable-epsv"]],
    [{ mode: "passive", extended: false, pasvAddress: "use" }, "pasv-noskip", ["--disable-epsv", "--no-ftp-skip-pasv-ip"]],
    [{ mode: "active", extended: true }, "eprt", ["-P", "10.99.1.10"]],
    [{ mode: "active", extended: false }, "port", ["-P", "10.99.1.10", "--disable-eprt"]],
  ])("%j runs curl in the reference's %s mode", (client, mode, flags) => {
    const s = toScenario({ client });
    expect(modeOf(s)).toBe(mode);
    expect(modeFlags(s)).toEqual(flags);
  });

  it("requires TLS for FTPS, dials a server NAT's public address, and hands an advertised address to ftplib", () => {
    expect(modeFlags(toScenario({ tls: true }))).toEqual(expect.arrayContaining(["--ssl-reqd", "-k"]));
    expect(serverHost(toScenario({ server: { ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21] } } }))).toBe("203.0.113.5");
    expect(driverOf(toScenario({ client: { mode: "active", advertise: { ip: "10.99.3.30", port: 25 } } }))).toBe("ftplib");
    expect(driverOf(toScenario({}))).toBe("curl");
  });

  it("reads the last reply and the data endpoint from a -v log, and never records a password", () => {
    const log = ["< 220 (vsFTPd 3.0.3)", "> USER demo", "< 331 Please specify the password.", "> PASS demo", "< 230 Login successful.", "> PORT 10,99,1,10,174,159", "< 200 PORT command successful. Consider using PASV.", "> LIST", "< 425 Failed to establish connection."].join("\n");
    expect(lastReplyOf(log)).toBe(425);
    expect(dataEndpointOf(log)).toBe("10.99.1.10:44703");
    expect(dataEndpointOf("* Connecting to 10.99.2.20 (10.99.2.20) port 30026")).toBe("10.99.2.20:30026");
    const lines = logLines(log);
    expect(lines.find((l) => l.text.startsWith("PASS"))).toEqual({ kind: "sent", text: "PASS ********" });
    expect(lines[0]).toEqual({ kind: "received", text: "220 (vsFTPd 3.0.3)" });
  });
});

describe("which client runs, and what it cannot be made to do", () => {
  it("drives curl (ftplib for an advertised address) unless the scenario names another program", () => {
    expect(runnerFor(toScenario({})).driver).toBe("curl");
    expect(runnerFor(toScenario({ client: { mode: "active", advertise: { ip: "10.99.3.30" } } })).driver).toBe("ftplib");
    expect(runnerFor(toScenario({ client: { software: "lftp" } })).driver).toBe("lftp");
    expect(runnerFor(toScenario({ client: { software: "inetutils-ftp" } })).driver).toBe("inetutils-ftp");
  });

  it.each([
    [{ client: { software: "filezilla" } }, /not a program Debian ships/],
    [{ client: { software: "winscp" } }, /not a program Debian ships/],
    [{ client: { software: "ftplib" }, tls: true }, /TLS with ftplib/],
    [{ client: { software: "bsd-ftp", mode: "active", advertise: { ip: "10.99.3.30" } } }, /client.advertise with tnftp/],
    [{ client: { software: "inetutils-ftp", pasvAddress: "ignore" } }, /pasvAddress "ignore" with inetutils ftp/],
    [{ client: { software: "bsd-ftp", connectTimeoutMs: 10_000 } }, /no connect timeout/],
    [{ client: { software: "lftp", mode: "active", advertise: { port: 25 } } }, /advertise.port with lftp/],
    [{ client: { software: "lftp", activePort: "n+1" } }, /activePort "n\+1" with lftp/],
    [{ client: { software: "ftplib", login: { name: "demo", password: "x" } } }, /client.login/],
    [{ client: { software: "lftp" }, server: { software: "proftpd" }, tls: true }, /TLS with proftpd/],
  ])("%j is skipped: %s", (input, why) => {
    expect(unsupported(toScenario(input as Parameters<typeof toScenario>[0]))).toMatch(why);
  });

  it.each([{ software: "lftp" }, { software: "bsd-ftp" }, { software: "inetutils-ftp", mode: "passive" }, { software: "ftplib", mode: "active" }, { software: "lftp", connectTimeoutMs: 10_000 }])("%j runs", (client) => {
    expect(unsupported(toScenario({ client } as Parameters<typeof toScenario>[0]))).toBeNull();
  });

  it("reads the drivers' logs as sent and received lines, without a password", () => {
    expect(logLines("---> PASV\n<--- 227 Entering Passive Mode (10,99,2,20,117,50)\n---- Connecting data socket to (10.99.2.20) port 30002")).toEqual([
      { kind: "sent", text: "PASV" },
      { kind: "received", text: "227 Entering Passive Mode (10,99,2,20,117,50)" },
      { kind: "note", text: "---- Connecting data socket to (10.99.2.20) port 30002" },
    ]);
    expect(logLines("ftp> ---> PASS anon@\n230 Login successful.")).toEqual([
      { kind: "sent", text: "PASS ********" },
      { kind: "received", text: "230 Login successful." },
    ]);
    expect(logLines("*cmd* 'LIST'\n*put* 'LIST\\r\\n'\n*resp* '226 Directory send OK.'")).toEqual([
      { kind: "sent", text: "LIST" },
      { kind: "received", text: "226 Directory send OK." },
    ]);
  });
});

describe("the shape of a data connection", () => {
  const s = toScenario({ server: { passivePorts: [30000, 30049] } });

  it("names the server's port by kind, not number", () => {
    expect([20, 30010, 40000, 2525].map((p) => portClass(p, s))).toEqual(["20", "passive range", "ephemeral", "port 2525"]);
  });

  it("reads who dialled from the server's SYN record, falling back to the client's when the SYN never arrived", () => {
    const none = { syns: [], answered: [] };
    const active = { syns: [], answered: [{ src: { ip: s.server.ip, port: 20 }, dst: { ip: s.client.ip, port: 50000 } }] };
    expect(realShape(none, active, s)).toEqual({ initiator: "server", serverPort: "20", connected: true });
    const lost = { syns: [{ src: { ip: s.client.ip, port: 50000 }, dst: { ip: "10.99.2.20", port: 30001 } }], answered: [{ src: { ip: s.client.ip, port: 40000 }, dst: { ip: s.server.ip, port: 21 } }] };
    expect(realShape(lost, none, s)).toEqual({ initiator: "client", serverPort: "passive range", connected: false });
    expect(realShape(none, none, s)).toBeNull();
  });

  it("agrees with the simulator's own result for an ordinary passive and active session", () => {
    const passive = run(toScenario({ client: { mode: "passive" }, server: { passivePorts: [30000, 30049] }, commands: ["LIST"] })).result.transfers[0]!;
    expect(simShape(passive, s)).toEqual({ initiator: "client", serverPort: "passive range", connected: true });
    const blocked = run(toScenario({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] })).result.transfers[0]!;
    expect(simShape(blocked, s)).toEqual({ initiator: "server", serverPort: "20", connected: false });
    expect(sameShape(simShape(blocked, s), { initiator: "server", serverPort: "20", connected: true })).toBe(false);
  });
});
