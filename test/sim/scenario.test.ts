/**
 * The scenario contract (spec/scenario.md): validation that names the field, defaults for what
 * the spec leaves out, and errors (never crashes) for whatever else arrives from a file, a URL
 * or a lesson.
 */
import { describe, expect, it } from "vitest";
import { ScenarioError, parseScenario, simulate, toScenario, type ParseResult } from "@/sim/index";
import { hasOwnPassiveRange } from "@/sim/scenario/passive-range";
import { loadCase } from "../harness/reference-cases";
import { scenario } from "../harness/scenario";
import { expectTransfer } from "../harness/trace-queries";

const errorsOf = (input: unknown): string[] => {
  const r: ParseResult = parseScenario(input);
  if (r.ok) throw new Error(`expected errors, got a valid scenario for ${JSON.stringify(input).slice(0, 200)}`);
  return r.errors;
};

const rules = (third: Record<string, unknown>) => ({
  client: { firewall: { policy: "drop", rules: [{ action: "accept", state: ["established", "related"] }, { action: "accept", dport: 21 }, third] } },
});

describe("errors that name the field", () => {
  it.each([
    ["0", 0],
    ["70000", 70000],
    ["a string", "21"],
    ["a fraction", 21.5],
    ["a negative port", -21],
    ["null", null],
  ])("client.firewall.rules[2].dport = %s: 'client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]'", (_what, dport) => {
    expect(errorsOf(rules({ action: "accept", dport }))).toEqual(["client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]"]);
  });

  it("names the element of a range that is out of bounds, and a reversed range", () => {
    expect(errorsOf(rules({ action: "accept", dport: [1, 70000] }))).toEqual(["client.firewall.rules[2].dport[1]: expected a port 1-65535"]);
    expect(errorsOf(rules({ action: "accept", dport: [3009, 3000] }))).toEqual(["client.firewall.rules[2].dport: expected [low, high] with low <= high"]);
  });

  it.each([
    [{ client: { ip: "10.99.1.256" } }, "client.ip: expected an IPv4 address such as 10.99.1.10"],
    [{ server: { ip: "ftp.example.com" } }, "server.ip: expected an IPv4 address such as 10.99.1.10"],
    [{ client: { mode: "activ" } }, 'client.mode: expected "active" (PORT) or "passive" (PASV)'],
    [{ client: { pasvAddress: "follow" } }, 'client.pasvAddress: expected "use" or "ignore"'],
    [{ server: { activeSourcePort: 21 } }, 'server.activeSourcePort: expected 20 or "ephemeral"'],
    [{ server: { passivePorts: [3009, 3000] } }, "server.passivePorts: expected [low, high] with low <= high"],
    [{ client: { advertise: { port: 0 } } }, "client.advertise.port: expected a port 1-65535"],
    [{ server: { nat: { publicIp: "203.0.113.5", forward: [21, [3000, 70000]] } } }, "server.nat.forward[1][1]: expected a port 1-65535"],
    [{ client: { firewall: { policy: "drop", rules: [{ action: "allow" }] } } }, 'client.firewall.rules[0].action: expected "accept", "drop" or "reject"'],
    [{ client: { firewall: { policy: "drop", rules: [{ action: "accept", state: ["est"] }] } } }, 'client.firewall.rules[0].state[0]: expected "new", "established", "related" or "invalid"'],
    [{ client: { firewall: { policy: "drop", rules: [{ action: "accept", saddr: "10.0.0.0/33" }] } } }, "client.firewall.rules[0].saddr: expected an address or CIDR block such as 10.0.0.0/8"],
    [{ client: { firewall: { rules: [] } } }, 'client.firewall.policy: expected "accept", "drop" or "reject"'],
    [{ commands: ["RETR"] }, "commands[0]: RETR, STOR, APPE and SIZE need a file name"],
  ])("%j → %s", (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  // Issue 16: 10.0.0.01 and 10.0.0.1 would pass as two hosts (and inet_aton reads 010 as octal).
  it.each([
    [{ client: { ip: "10.99.1.010" } }, "client.ip: expected an IPv4 address such as 10.99.1.10 (no leading zeros)"],
    [{ server: { passiveAddress: "010.99.2.20" } }, "server.passiveAddress: expected an IPv4 address such as 10.99.1.10 (no leading zeros)"],
    [{ client: { advertise: { ip: "10.99.1.00" } } }, "client.advertise.ip: expected an IPv4 address such as 10.99.1.10 (no leading zeros)"],
    [{ server: { nat: { publicIp: "203.0.113.05" } } }, "server.nat.publicIp: expected an IPv4 address such as 10.99.1.10 (no leading zeros)"],
    [{ client: { firewall: { policy: "drop", rules: [{ action: "accept", saddr: "10.0.0.01/8" }] } } }, "client.firewall.rules[0].saddr: expected an address or CIDR block such as 10.0.0.0/8 (no leading zeros)"],
    [{ client: { firewall: { policy: "drop", rules: [{ action: "accept", saddr: "10.0.0.0/08" }] } } }, "client.firewall.rules[0].saddr: expected an address or CIDR block such as 10.0.0.0/8 (no leading zeros)"],
  ])("refuses leading zeros: %j → %s", (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it("still takes 0 as an octet, and a client and server that differ only in zeros are refused as such", () => {
    expect(parseScenario({ client: { ip: "10.0.0.1" }, server: { ip: "10.0.0.0" } }).ok).toBe(true);
    expect(errorsOf({ client: { ip: "10.0.0.1" }, server: { ip: "10.0.0.01" } })).toEqual(["server.ip: expected an IPv4 address such as 10.99.1.10 (no leading zeros)"]);
  });

  it("names the presets when a firewall is neither a preset nor a rule list", () => {
    const [e] = errorsOf({ server: { firewall: "closed" } });
    expect(e).toMatch(/^server\.firewall: expected a preset \(/);
    for (const preset of ["open", "stateful", "stateful+ftp-helper", "control-only", "control+passive-range"]) expect(e).toContain(`"${preset}"`);
  });

  it("reports every problem at once, not only the first", () => {
    const errors = errorsOf({ client: { ip: "x", mode: "y" }, server: { ip: "z" } });
    expect(errors).toHaveLength(3);
    expect(errors.map((e) => e.split(":")[0])).toEqual(expect.arrayContaining(["client.ip", "client.mode", "server.ip"]));
  });

  it("throws a ScenarioError listing the same messages from toScenario and simulate", () => {
    const input = rules({ action: "accept", dport: 0 });
    expect(() => toScenario(input)).toThrow(ScenarioError);
    try {
      simulate(input);
      expect.unreachable("simulate accepted an invalid scenario");
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues).toEqual(["client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]"]);
      expect((e as ScenarioError).message).toBe("client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]");
    }
  });
});

describe("unknown fields", () => {
  it("rejects unknown fields at every level, by name", () => {
    expect(errorsOf({ colour: "blue" })).toEqual(["colour: unknown field"]);
    expect(errorsOf({ client: { port: 21 } })).toEqual(["client.port: unknown field"]);
    expect(errorsOf({ server: { nat: { publicIp: "203.0.113.5", helper: true } } })).toEqual(["server.nat.helper: unknown field"]);
    expect(errorsOf(rules({ action: "accept", dprt: 21 }))).toEqual(["client.firewall.rules[2].dprt: unknown field"]);
  });

  it("rejects a misspelt spec field instead of silently using the default", () => {
    expect(errorsOf({ client: { pasvAdress: "use" } })).toEqual(["client.pasvAdress: unknown field"]);
  });
});

describe("defaults", () => {
  it("fills in everything the spec leaves out", () => {
    const r = parseScenario({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.client).toMatchObject({ ip: "10.99.1.10", mode: "passive", extended: false, advertise: null, firewall: "open", nat: null });
    expect(s.server).toMatchObject({
      ip: "10.99.2.20",
      passivePorts: [32768, 60999],
      passiveAddress: null,
      activeSourcePort: 20,
      allowForeignDataAddress: false,
      extended: true,
      firewall: "open",
      nat: null,
    });
    expect(s.tls).toBe(false);
    expect(s.user).toEqual({ name: "demo", password: "demo" });
    expect(s.files).toEqual({ "hello.txt": "Hello, FTP!\n" });
    expect(s.commands).toEqual(["LIST"]);
  });

  it("fills defaults into a partly written host and a firewall rule list", () => {
    const r = parseScenario({ client: { mode: "active", firewall: { policy: "drop" } }, server: { nat: { publicIp: "203.0.113.5" } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.client.ip).toBe("10.99.1.10");
    expect(r.scenario.client.firewall).toEqual({ policy: "drop", rules: [], ftpHelper: false });
    expect(r.scenario.server.nat).toEqual({ publicIp: "203.0.113.5", forward: [], ftpHelper: false });
  });

  it("resolves a missing passive range to the server's ephemeral range, and tells it from a range of its own", () => {
    const server = (input: object) => toScenario({ server: input });
    for (const input of [{}, { passivePorts: null }]) expect(server(input).server.passivePorts).toEqual([32768, 60999]);
    expect(toScenario({}).server.passivePorts).toEqual([32768, 60999]);
    expect(server({ ephemeralPorts: [40000, 40100] }).server.passivePorts).toEqual([40000, 40100]);
    expect(server({ passivePorts: [3000, 3009], ephemeralPorts: [40000, 40100] }).server.passivePorts).toEqual([3000, 3009]);
    expect(hasOwnPassiveRange(server({ ephemeralPorts: [40000, 40100] }))).toBe(false);
    expect(hasOwnPassiveRange(server({ passivePorts: [3000, 3009] }))).toBe(true);
  });

  it("returns the scenario with its defaults in the trace", () => {
    const trace = simulate({ commands: ["LIST"] });
    expect(trace.scenario.server.activeSourcePort).toBe(20);
    expect(trace.scenario.client.ip).toBe("10.99.1.10");
  });

  it("uses the kernel's ephemeral range (32768-60999) for passive ports when none is given", () => {
    const trace = simulate({ commands: ["LIST", "RETR hello.txt", "STOR up.txt"] });
    for (const verb of ["LIST", "RETR", "STOR"]) expectTransfer(trace, verb, { result: "ok", serverPort: [32768, 60999] });
  });

  it("keeps the reference cases exactly as written", () => {
    const r = parseScenario(loadCase("cli-fw--port"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.client).toMatchObject({ ip: "10.99.1.2", mode: "active", extended: false, firewall: "stateful" });
    expect(r.scenario.server).toMatchObject({ ip: "10.99.2.2", passivePorts: [30000, 30049], activeSourcePort: 20, allowForeignDataAddress: false, extended: true, firewall: "open" });
  });

  it("gives the same trace for the same scenario, byte for byte", () => {
    const input = scenario({ client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: ["LIST", "RETR hello.txt"] });
    expect(JSON.stringify(simulate(input))).toBe(JSON.stringify(simulate(structuredClone(input))));
  });
});

describe("addresses must be distinct", () => {
  it("rejects a server on the client's address", () => {
    expect(errorsOf({ client: { ip: "10.0.0.1" }, server: { ip: "10.0.0.1" } })).toEqual(["server.ip: 10.0.0.1 is already client.ip; every host and router needs its own address"]);
  });

  it("rejects a NAT router on a host's address", () => {
    expect(errorsOf({ client: { nat: { publicIp: "10.99.2.20" } } })).toEqual(["client.nat.publicIp: 10.99.2.20 is already server.ip; every host and router needs its own address"]);
    expect(errorsOf({ server: { nat: { publicIp: "10.99.2.20" } } })[0]).toMatch(/^server\.nat\.publicIp: /);
  });

  it("rejects two NAT routers on one address", () => {
    expect(errorsOf({ client: { nat: { publicIp: "203.0.113.9" } }, server: { nat: { publicIp: "203.0.113.9" } } })).toEqual([
      "server.nat.publicIp: 203.0.113.9 is already client.nat.publicIp; every host and router needs its own address",
    ]);
  });
});

describe("hostile input gives errors, not crashes", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "LIST"],
    ["an array", []],
    ["a function", () => 1],
    ["a host that is an array", { client: [] }],
    ["a command list that is a string", { commands: "LIST" }],
    ["commands that are not strings", { commands: [1, null, {}] }],
    ["a rule list that is an object", { client: { firewall: { policy: "drop", rules: { 0: { action: "accept" } } } } }],
  ])("%s", (_what, input) => {
    const errors = errorsOf(input);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^[A-Za-z_$][\w$]*(\.[\w$]+|\[\d+\])*: .+/);
  });

  it("refuses a command with CR/LF in it (command injection into the control connection)", () => {
    for (const line of ["LIST\r\nDELE hello.txt", "RETR a\nQUIT", "STOR x\r"]) {
      expect(errorsOf({ commands: [line] })).toEqual(["commands[0]: expected printable ASCII with no line breaks"]);
    }
  });

  it("refuses control characters and non-ASCII in commands", () => {
    expect(errorsOf({ commands: ["LIST\u0000"] })[0]).toMatch(/^commands\[0\]: /);
    expect(errorsOf({ commands: ["RETR h\u00e9llo.txt"] })[0]).toMatch(/^commands\[0\]: /);
  });

  // How fast is no test's business (speed lives in npm run bench); that it ends and says why is.
  it("refuses huge arrays, with a bound in the message", () => {
    expect(errorsOf({ commands: Array(100_000).fill("LIST") })).toEqual(["commands: expected at most 32 commands"]);
    expect(errorsOf({ client: { firewall: { policy: "drop", rules: Array(100_000).fill({ action: "accept" }) } } })[0]).toMatch(/^client\.firewall\.rules: /);
    expect(errorsOf({ server: { nat: { publicIp: "203.0.113.5", forward: Array(100_000).fill(21) } } })[0]).toMatch(/^server\.nat\.forward: /);
  });

  it("refuses huge strings", () => {
    expect(errorsOf({ commands: ["RETR " + "a".repeat(100_000)] })[0]).toMatch(/^commands\[0\]: /);
    expect(errorsOf({ files: { "big.txt": "x".repeat(1_000_000) } })[0]).toMatch(/^files\.big\.txt: |^files: /);
    expect(errorsOf({ title: "t".repeat(10_000) })[0]).toMatch(/^title: /);
  });

  it("does not let __proto__ in JSON pollute objects or slip through", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "client": {"__proto__": {"mode": "active"}}}') as unknown;
    const errors = errorsOf(input);
    expect(errors).toEqual(expect.arrayContaining(["__proto__: unknown field", "client.__proto__: unknown field"]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a file name with a path in it", () => {
    expect(errorsOf({ files: { "../etc/passwd": "x" } })[0]).toMatch(/^files/);
  });

  it("refuses a deeply nested object without overflowing the stack", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) deep = { client: deep };
    expect(() => parseScenario(deep)).not.toThrow();
    expect(parseScenario(deep).ok).toBe(false);
  });
});
