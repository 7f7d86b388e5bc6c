/**
 * fast-check arbitraries of VALID scenarios (spec/scenario.md, sim/scenario/schema.ts), covering
 * every knob of the schema: both modes, EPRT/EPSV, pasvAddress, advertise (sometimes a foreign
 * address or port), activePort, firewall presets and random rule lists, NAT on either side, the
 * server's passive range / pasv_address / connect_from_port_20 / port_promiscuous / extended,
 * TLS, users, files, transfer and raw commands, seeds, short timeouts and time limits.
 *
 * Every host and NAT router gets its own address (the validator rejects duplicates).
 *
 * Wrong credentials come from `client.login` (what the client logs in with, when it differs
 * from the server's `scenario.user`): a wrong password for demo, another user, anonymous. Raw
 * "USER x" / "PASS wrong" commands after login are generated too (vsftpd: 530 / 230).
 */
import fc from "fast-check";
import type { ScenarioInput } from "../../sim/index";

type ClientInput = NonNullable<ScenarioInput["client"]>;
type ServerInput = NonNullable<ScenarioInput["server"]>;
export type FirewallInput = NonNullable<ClientInput["firewall"]>;
type FirewallRulesInput = Exclude<FirewallInput, string>;
type RuleInput = NonNullable<FirewallRulesInput["rules"]>[number];
type NatInput = NonNullable<ClientInput["nat"]>;
type PortSpecInput = NonNullable<RuleInput["dport"]>;

export const PRESETS = ["open", "stateful", "stateful+ftp-helper", "control-only", "control+passive-range"] as const;
const STATES = ["new", "established", "related", "invalid"] as const;
const ACTIONS = ["accept", "drop", "reject"] as const;

/** Addresses that look like the lab's, plus any IPv4 address at all now and then. */
const POOL = [
  "10.99.1.10",
  "10.99.1.11",
  "10.99.2.20",
  "10.99.2.21",
  "192.168.1.10",
  "192.168.0.2",
  "172.16.5.20",
  "198.51.100.7",
  "203.0.113.5",
  "100.64.0.9",
  "10.99.3.30",
];
const ipArb: fc.Arbitrary<string> = fc.oneof({ arbitrary: fc.constantFrom(...POOL), weight: 4 }, { arbitrary: fc.ipV4(), weight: 1 });

interface Addresses {
  readonly client: string;
  readonly server: string;
  readonly clientPublic: string;
  readonly serverPublic: string;
  readonly foreign: string;
}

/** client, server, client NAT, server NAT, and a foreign address that belongs to nobody. */
const addressesArb: fc.Arbitrary<Addresses> = fc.uniqueArray(ipArb, { minLength: 5, maxLength: 5 }).map(([client, server, clientPublic, serverPublic, foreign]) => ({
  client: client!,
  server: server!,
  clientPublic: clientPublic!,
  serverPublic: serverPublic!,
  foreign: foreign!,
}));

const portArb = fc.oneof(
  { arbitrary: fc.constantFrom(20, 21, 22, 1023, 1024, 3000, 3005, 3009, 32768, 40000, 60999), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 2 },
);
const rangeArb: fc.Arbitrary<[number, number]> = fc.oneof(
  fc.constantFrom<[number, number]>([3000, 3009], [1024, 65535], [32768, 60999], [20, 21], [1, 1023]),
  fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 3000 })).map(([low, width]): [number, number] => [low, Math.min(65535, low + width)]),
);
const portSpecArb: fc.Arbitrary<PortSpecInput> = fc.oneof(portArb, rangeArb);

const cidrArb = (a: Addresses): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(a.client, a.server, a.clientPublic, a.serverPublic, a.foreign),
    fc
      .tuple(fc.constantFrom(a.client, a.server, a.clientPublic, a.serverPublic, "10.0.0.0", "0.0.0.0"), fc.constantFrom(0, 8, 16, 24, 32))
      .map(([ip, bits]) => `${ip}/${bits}`),
    fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
  );

const ruleArb = (a: Addresses): fc.Arbitrary<RuleInput> =>
  fc.record(
    {
      action: fc.constantFrom(...ACTIONS),
      state: fc.uniqueArray(fc.constantFrom(...STATES), { minLength: 1, maxLength: 4 }),
      dport: portSpecArb,
      sport: portSpecArb,
      saddr: cidrArb(a),
      comment: fc.string({ maxLength: 30 }),
    },
    { requiredKeys: ["action"] },
  );

const realisticRulesArb = (a: Addresses): fc.Arbitrary<RuleInput[]> =>
  fc
    .array(ruleArb(a), { maxLength: 4 })
    .map((rest): RuleInput[] => [{ action: "accept", state: ["established", "related"] }, { action: "accept", dport: 21 }, ...rest]);

/** A rule list that starts the way real ones do (established/related first) or anything at all. */
const ruleListArb = (a: Addresses, wild: boolean): fc.Arbitrary<FirewallRulesInput> =>
  fc.record({
    policy: fc.constantFrom(...ACTIONS),
    rules: wild ? fc.oneof(fc.array(ruleArb(a), { maxLength: 6 }), realisticRulesArb(a)) : realisticRulesArb(a),
    ftpHelper: fc.boolean(),
  });

/**
 * Wild firewalls are anything the schema allows; tame ones let the control connection through
 * (a server that accepts port 21, a client that accepts replies), so transfers get attempted.
 */
const firewallArb = (a: Addresses, host: "client" | "server", wild: boolean): fc.Arbitrary<FirewallInput> => {
  const presets = wild || host === "client" ? PRESETS : (["open", "control-only", "control+passive-range"] as const);
  return fc.oneof({ arbitrary: fc.constantFrom(...presets), weight: 3 }, { arbitrary: ruleListArb(a, wild), weight: 2 });
};

const natArb = (publicIp: string, usual: PortSpecInput[], wild: boolean): fc.Arbitrary<NatInput> =>
  fc.record({
    publicIp: fc.constant(publicIp),
    forward: wild
      ? fc.oneof(fc.constant(usual), fc.array(portSpecArb, { maxLength: 4 }), fc.array(portSpecArb, { maxLength: 3 }).map((r) => [...usual, ...r]))
      : fc.oneof(fc.constant(usual), fc.array(portSpecArb, { maxLength: 3 }).map((r) => [...usual, ...r])),
    ftpHelper: fc.boolean(),
  });

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq });

const timeoutArb = (max: number) => fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 200, max }));

/** Ephemeral ranges stay at least 16 ports wide (the schema's minimum) and usually the default. */
const ephemeralArb: fc.Arbitrary<[number, number] | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.integer({ min: 1024, max: 65000 }).map((low): [number, number] => [low, low + 15 + (low % 7)]), weight: 1 },
);

const FILE_NAMES = ["hello.txt", "big.bin", "notes.md", "empty.txt"];
const UPLOAD_NAMES = ["upload.txt", "hello.txt", "new.bin", "notes.md"];

const contentArb = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constant(""), weight: 1 },
  // More than one MSS (1460 bytes): the data is segmented.
  { arbitrary: fc.integer({ min: 1461, max: 5000 }).map((n) => "x".repeat(n - 1) + "\n"), weight: 1 },
);

const filesArb: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom(...FILE_NAMES), contentArb, { maxKeys: 3 }), weight: 3 },
);

const hostPort = (ip: string, port: number) => `${ip.split(".").join(",")},${port >> 8},${port & 255}`;

const rawCommandArb = (a: Addresses, names: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      "NOOP",
      "SYST",
      "FEAT",
      "PWD",
      "CWD x",
      "CWD /",
      "CDUP",
      "TYPE I",
      "TYPE A",
      "TYPE X",
      "MODE S",
      "STRU F",
      "HELP",
      "REST 0",
      "ABOR",
      "XYZZY",
      "FOO bar baz",
      "noop",
      "PORT 1,2,3",
      "PORT 999,1,1,1,1,1",
      "PASV",
      "EPSV",
      "EPSV ALL",
      "EPSV 2",
      "EPRT |1|1.2.3.4|5|",
      "EPRT garbage",
      "EPRT |2|::1|40000|",
      "USER someone",
      "PASS wrong",
      "AUTH TLS",
      "PBSZ 0",
      "PROT P",
      "MKD dir",
      "SIZE missing.txt",
      "QUIT",
    ),
    fc.constantFrom(`PORT ${hostPort(a.client, 21)}`, `PORT ${hostPort(a.client, 40000)}`, `PORT ${hostPort(a.foreign, 40000)}`),
    fc.constantFrom(...names).map((n) => `SIZE ${n}`),
    fc.constantFrom(...names).map((n) => `DELE ${n}`),
  );

const transferCommandArb = (names: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom("LIST", "NLST", "LIST -la", "list", "NLST *.txt"), weight: 3 },
    { arbitrary: fc.constantFrom(...names).map((n) => `RETR ${n}`), weight: 3 },
    { arbitrary: fc.constant("RETR missing.txt"), weight: 1 },
    { arbitrary: fc.constantFrom(...UPLOAD_NAMES).map((n) => `STOR ${n}`), weight: 2 },
    { arbitrary: fc.constantFrom(...UPLOAD_NAMES).map((n) => `APPE ${n}`), weight: 1 },
    { arbitrary: fc.constant("STOR bad/name"), weight: 1 },
  );

const commandsArb = (a: Addresses, names: readonly string[], maxCommands: number): fc.Arbitrary<string[] | undefined> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    {
      arbitrary: fc.array(fc.oneof({ arbitrary: transferCommandArb(names), weight: 3 }, { arbitrary: rawCommandArb(a, names), weight: 2 }), {
        maxLength: maxCommands,
      }),
      weight: 6,
    },
  );

const userArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.constantFrom({ name: "anonymous", password: "" }, { name: "ftp", password: "x" }, { name: "demo", password: "" }), weight: 1 },
  {
    arbitrary: fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
      password: fc.stringMatching(/^[!-~]{0,12}$/),
    }),
    weight: 1,
  },
);

/** What the client logs in with: usually the server's account (null), sometimes not. */
const loginArb: fc.Arbitrary<ClientInput["login"]> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 6 },
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.constantFrom({ name: "demo", password: "wrong" }, { name: "demo", password: "demo" }, { name: "anonymous", password: "" }, { name: "ftp", password: "x y" }), weight: 2 },
  { arbitrary: fc.record({ name: fc.stringMatching(/^[!-~]{1,12}$/), password: fc.stringMatching(/^[ -~]{0,12}$/) }), weight: 1 },
);

const advertiseArb = (a: Addresses): fc.Arbitrary<ClientInput["advertise"]> =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 6 },
    { arbitrary: fc.constant(undefined), weight: 2 },
    {
      arbitrary: fc.record(
        { ip: fc.constantFrom(a.foreign, a.clientPublic, a.server, a.client), port: portArb },
        { requiredKeys: [] },
      ),
      weight: 2,
    },
  );

const timeLimitArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 400 }), weight: 1 },
  { arbitrary: fc.integer({ min: 400, max: 20_000 }), weight: 2 },
);

export interface ScenarioArbOptions {
  /** At most this many commands (default 6). */
  readonly maxCommands?: number;
}

/** A valid scenario as a lesson author would write it (defaults left out now and then). */
export function scenarioArb(options: ScenarioArbOptions = {}): fc.Arbitrary<ScenarioInput> {
  const maxCommands = options.maxCommands ?? 6;
  // One scenario in four is wild: firewalls and NAT forwards that may block even the control connection.
  return fc.tuple(addressesArb, filesArb, fc.boolean(), fc.boolean()).chain(([a, files, wildA, wildB]) => {
    const wild = wildA && wildB;
    const names = files === undefined ? ["hello.txt"] : Object.keys(files).length > 0 ? Object.keys(files) : ["hello.txt"];
    const passivePortsArb = maybe(
      fc.oneof(fc.constant<[number, number]>([3000, 3009]), fc.integer({ min: 1024, max: 64000 }).chain((low) => fc.integer({ min: low, max: low + 20 }).map((high): [number, number] => [low, high]))),
      3,
    );
    return passivePortsArb.chain((passivePorts) => {
      const controlAndPassive: PortSpecInput[] = passivePorts ? [21, [passivePorts[0], passivePorts[1]]] : [21];
      const server: fc.Arbitrary<ServerInput> = fc.record(
        {
          ip: fc.constant(a.server),
          passivePorts: fc.constant(passivePorts),
          passiveAddress: fc.oneof(fc.constant(null), fc.constantFrom(a.serverPublic, a.foreign, a.server)),
          activeSourcePort: fc.constantFrom(20 as const, "ephemeral" as const),
          allowForeignDataAddress: fc.boolean(),
          extended: fc.boolean(),
          firewall: firewallArb(a, "server", wild),
          nat: maybe(natArb(a.serverPublic, controlAndPassive, wild)),
          connectTimeoutMs: timeoutArb(5000),
          acceptTimeoutMs: timeoutArb(5000),
          ephemeralPorts: ephemeralArb,
        },
        { requiredKeys: ["ip"] },
      );
      const client: fc.Arbitrary<ClientInput> = fc.record(
        {
          ip: fc.constant(a.client),
          mode: fc.constantFrom("active" as const, "passive" as const),
          extended: fc.boolean(),
          pasvAddress: fc.constantFrom("use" as const, "ignore" as const),
          advertise: advertiseArb(a),
          activePort: fc.constantFrom("ephemeral" as const, "n+1" as const),
          firewall: firewallArb(a, "client", wild),
          nat: maybe(natArb(a.clientPublic, [], wild)),
          connectTimeoutMs: timeoutArb(4000),
          ephemeralPorts: ephemeralArb,
          login: loginArb,
          files: fc.dictionary(fc.constantFrom(...UPLOAD_NAMES), contentArb, { maxKeys: 2 }),
        },
        { requiredKeys: ["ip", "mode"] },
      );
      return fc.record(
        {
          title: fc.string({ maxLength: 40 }),
          client,
          server,
          tls: fc.boolean(),
          user: userArb,
          files: fc.constant(files),
          commands: commandsArb(a, names, maxCommands),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          timeLimitMs: timeLimitArb,
        },
        { requiredKeys: ["client", "server", "seed"] },
      );
    });
  });
}

/** Drops keys whose value is undefined, so the scenario is plain JSON as a lesson would be. */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
