/**
 * The scenario format of spec/scenario.md as a zod schema: the one contract between lessons,
 * URLs, the command line, the real-network checks and the simulator. Every field that the spec
 * names keeps its meaning; the extensions (timeouts, seed, client files, ephemeral ranges) all
 * have defaults, so a scenario written to the spec alone is complete.
 */
import { z } from "zod";
import { LINUX_EPHEMERAL_PORTS, isCanonicalIpv4, parseIpv4 } from "../net/addresses";
import { FTP_CONTROL_PORT, FTP_DATA_PORT } from "../net/ftp-ports";
import { NAT_KINDS } from "../net/nat-kinds";
import { MAX_RELAY_PORTS } from "./hosts";
import { CLIENT_SOFTWARE, CLIENT_SOFTWARE_MESSAGE, type ClientSoftware, SERVER_SOFTWARE, SERVER_SOFTWARE_MESSAGE } from "../software/names";
import { incapacities } from "../software/client-profile";
import { clientProfile, hasClientProfile, hasServerProfile, serverProfile } from "../software/profiles";
import { fileRecord } from "./file-record";
import { FIREWALL_PRESETS } from "./preset-names";

const PORT_MESSAGE = "expected a port 1-65535";
const PORT_SPEC_MESSAGE = "expected a port 1-65535 or [low, high]";

const portWith = (error: string) => z.number({ error }).int({ error }).min(1, { error }).max(65535, { error });
const port = portWith(PORT_MESSAGE);

const portRange = z
  .tuple([port, port], { error: "expected [low, high] with ports 1-65535" })
  .refine(([low, high]) => low <= high, { error: "expected [low, high] with low <= high" });

const portSpec = z.union([portWith(PORT_SPEC_MESSAGE), portRange], { error: PORT_SPEC_MESSAGE });

const IPV4_MESSAGE = "expected an IPv4 address such as 10.99.1.10";
const NO_LEADING_ZEROS = " (no leading zeros)";

const ipv4 = z
  .string({ error: IPV4_MESSAGE })
  .refine((s) => parseIpv4(s) !== null, { error: IPV4_MESSAGE, abort: true })
  .refine(isCanonicalIpv4, { error: IPV4_MESSAGE + NO_LEADING_ZEROS });

const CIDR_MESSAGE = "expected an address or CIDR block such as 10.0.0.0/8";

const cidr = z
  .string({ error: CIDR_MESSAGE })
  .refine(
    (s) => {
      const [ip, bits, extra] = s.split("/");
      if (extra !== undefined || parseIpv4(ip ?? "") === null) return false;
      return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
    },
    { error: CIDR_MESSAGE, abort: true },
  )
  .refine(
    (s) => {
      const [ip, bits] = s.split("/");
      return isCanonicalIpv4(ip ?? "") && (bits === undefined || bits === "0" || !bits.startsWith("0"));
    },
    { error: CIDR_MESSAGE + NO_LEADING_ZEROS },
  );

const ms = (max: number) => z.number().int().min(1).max(max);

const CONNTRACK_STATES = ["new", "established", "related", "invalid"] as const;
const FIREWALL_ACTIONS = ["accept", "drop", "reject"] as const;

export const ruleSchema = z.strictObject({
  action: z.enum(FIREWALL_ACTIONS, { error: 'expected "accept", "drop" or "reject"' }),
  state: z.array(z.enum(CONNTRACK_STATES, { error: 'expected "new", "established", "related" or "invalid"' })).min(1).optional(),
  dport: portSpec.optional(),
  sport: portSpec.optional(),
  saddr: cidr.optional(),
  comment: z.string().max(80).optional(),
});

export const firewallRulesSchema = z.strictObject({
  policy: z.enum(FIREWALL_ACTIONS, { error: 'expected "accept", "drop" or "reject"' }),
  rules: z.array(ruleSchema).max(64).default([]),
  ftpHelper: z.boolean().default(false),
});

export const firewallSchema = z.union([z.enum(FIREWALL_PRESETS), firewallRulesSchema], {
  error: `expected a preset (${FIREWALL_PRESETS.map((p) => `"${p}"`).join(", ")}) or { policy, rules, ftpHelper }`,
});

const natSchema = z.strictObject({
  /**
   * What it is (sim/net/nat-kinds.ts): a NAT router (unwritten: every scenario before kinds),
   * a cloud VM's security group + 1:1 NAT, or a Docker host publishing a container's ports.
   * For "cloud", `forward` is the security group's inbound rules; for "docker", the published ports.
   */
  kind: z.enum(NAT_KINDS, { error: 'expected "router", "cloud" or "docker"' }).optional(),
  publicIp: ipv4,
  /** Ports forwarded from the public address to the host behind the router. */
  forward: z.array(portSpec).max(32).default([]),
  /** nf_nat_ftp: rewrite PORT/EPRT/227 and open the announced data port. */
  ftpHelper: z.boolean().default(false),
});

/** The most ports a relay maps: a connector's range is a few dozen; socat needs a listener each. */

const relaySchema = z.strictObject({
  /** The relay's address, the virtual host the client dials; the server sees connections come from it. */
  ip: ipv4,
  /** What it forwards, each port to the same port of the server: 21 and the passive range, one entry per port or a range. */
  ports: z
    .array(portSpec)
    .min(1, { error: "expected at least one port (21, for the control connection)" })
    .max(64)
    .refine((ports) => ports.reduce<number>((n, p) => n + (typeof p === "number" ? 1 : p[1] - p[0] + 1), 0) <= MAX_RELAY_PORTS, {
      error: `expected at most ${MAX_RELAY_PORTS} ports in all`,
    })
    .default([FTP_CONTROL_PORT]),
  /** A port it does not map: "reset" (nothing listens: its kernel answers RST) or "drop" (its firewall drops the SYN). */
  unmapped: z.enum(["reset", "drop"], { error: 'expected "reset" or "drop"' }).default("reset"),
});

const credentials = z.strictObject({
  name: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, { error: "expected a user name without spaces" }),
  password: z.string().max(64).regex(/^[\x20-\x7e]*$/, { error: "expected printable ASCII" }),
});

const ephemeralRange = portRange.refine(([low, high]) => low >= 1024 && high - low >= 15, {
  error: "expected an unprivileged range of at least 16 ports, such as [32768, 60999]",
});

const clientFields = z.strictObject({
  /** The client program (sim/software): its defaults and behaviours. */
  software: z
    .enum(CLIENT_SOFTWARE, { error: CLIENT_SOFTWARE_MESSAGE })
    .refine(hasClientProfile, { error: (i) => `the lab has no model of ${String(i.input)} yet` })
    .default("curl"),
  ip: ipv4.default("10.99.1.10"),
  // Unwritten, mode, extended, pasvAddress, activePort and connectTimeoutMs are the client program's own (sim/software).
  mode: z.enum(["active", "passive"], { error: 'expected "active" (PORT) or "passive" (PASV)' }).optional(),
  extended: z.boolean().optional(),
  /** "use": connect to the 227 address (RFC 959); "ignore": reuse the control host (curl ≥ 7.74). */
  pasvAddress: z.enum(["use", "ignore"], { error: 'expected "use" or "ignore"' }).optional(),
  advertise: z
    .strictObject({ ip: ipv4.optional(), port: port.optional() })
    .nullable()
    .default(null),
  /** Where the active-mode listener goes: a random ephemeral port (modern) or control port + 1 (old BSD clients). */
  activePort: z.enum(["ephemeral", "n+1"], { error: 'expected "ephemeral" or "n+1"' }).optional(),
  firewall: firewallSchema.default("open"),
  nat: natSchema.nullable().default(null),
  /** How long the client waits for a TCP connect (curl --connect-timeout), in ms. */
  connectTimeoutMs: ms(600_000).optional(),
  ephemeralPorts: ephemeralRange.default([...LINUX_EPHEMERAL_PORTS]),
  /** What the client logs in with, when it differs from the account the server has (scenario.user). */
  login: credentials.nullable().default(null),
  /** What STOR uploads, by file name; a default text otherwise. */
  files: fileRecord(z.string().min(1).max(255), z.string().max(65_536, { error: "expected at most 64 KiB of text" }))
    .refine((f) => Object.keys(f).length <= 64, { error: "expected at most 64 files" })
    .prefault({}),
});

/** The client with its program's defaults filled in where the scenario wrote nothing (spec/scenario.md, "Real software"). */
const clientSchema = clientFields.transform((c) => {
  const d = clientProfile(c.software).defaults;
  // Written out in the schema's order: a trace keeps the scenario's keys in one order.
  return {
    software: c.software,
    ip: c.ip,
    mode: c.mode ?? d.mode,
    extended: c.extended ?? d.extended,
    pasvAddress: c.pasvAddress ?? d.pasvAddress,
    advertise: c.advertise,
    activePort: c.activePort ?? d.activePort,
    firewall: c.firewall,
    nat: c.nat,
    connectTimeoutMs: c.connectTimeoutMs ?? d.connectTimeoutMs,
    ephemeralPorts: c.ephemeralPorts,
    login: c.login,
    files: c.files,
  };
});

const serverFields = z.strictObject({
  /** The server program (sim/software): its replies, defaults and refusals. */
  software: z
    .enum(SERVER_SOFTWARE, { error: SERVER_SOFTWARE_MESSAGE })
    .refine(hasServerProfile, { error: (i) => `the lab has no model of ${String(i.input)} yet` })
    .default("vsftpd"),
  ip: ipv4.default("10.99.2.20"),
  /** As written: null (or absent) leaves it to the default, resolved below. */
  passivePorts: portRange.nullable().default(null),
  passiveAddress: ipv4.nullable().default(null),
  // Unwritten, the next five are the server program's own (its profile's defaults, sim/software).
  activeSourcePort: z.union([z.literal(FTP_DATA_PORT), z.literal("ephemeral")], { error: 'expected 20 or "ephemeral"' }).optional(),
  allowForeignDataAddress: z.boolean().optional(),
  extended: z.boolean().optional(),
  firewall: firewallSchema.default("open"),
  nat: natSchema.nullable().default(null),
  /** How long the server tries to connect in active mode (vsftpd connect_timeout), in ms. */
  connectTimeoutMs: ms(600_000).optional(),
  /** How long the server waits for the client's connection in passive mode (vsftpd accept_timeout), in ms. */
  acceptTimeoutMs: ms(600_000).optional(),
  ephemeralPorts: ephemeralRange.default([...LINUX_EPHEMERAL_PORTS]),
  /**
   * vsftpd pasv_promiscuous: true accepts a passive data connection from any address; unwritten
   * (false), one from another address than the control connection's peer is refused with
   * "425 Security: Bad IP connecting." (RFC 2577 §4), as a server-to-server transfer meets it.
   */
  allowForeignDataPeer: z.boolean().optional(),
  /** A relay in front of the server (a connector, a TCP proxy) forwarding a list of ports; the client dials its address. */
  relay: relaySchema.optional(),
});

/**
 * The server with its passive range and program defaults resolved, once, here: with no range
 * written, the server (vsftpd without pasv_min_port/pasv_max_port) listens on a port of the
 * kernel's ephemeral range (spec/scenario.md). Everything downstream reads `passivePorts` as the
 * range it listens on; passive-range.ts tells whether the scenario chose one of its own. A field
 * the scenario wrote overrides the program's default (spec/scenario.md, "Real software").
 */
const serverSchema = serverFields.transform(resolveServer);

function resolveServer(s: z.output<typeof serverFields>) {
  const d = serverProfile(s.software).defaults;
  // Written out in the schema's order: a trace keeps the scenario's keys in one order.
  return {
    software: s.software,
    ip: s.ip,
    passivePorts: s.passivePorts ?? s.ephemeralPorts,
    passiveAddress: s.passiveAddress,
    activeSourcePort: s.activeSourcePort ?? d.activeSourcePort,
    allowForeignDataAddress: s.allowForeignDataAddress ?? d.allowForeignDataAddress,
    extended: s.extended ?? d.extended,
    firewall: s.firewall,
    nat: s.nat,
    connectTimeoutMs: s.connectTimeoutMs ?? d.connectTimeoutMs,
    acceptTimeoutMs: s.acceptTimeoutMs ?? d.acceptTimeoutMs,
    ephemeralPorts: s.ephemeralPorts,
    // Written only when the scenario wrote them: every scenario before them keeps its trace.
    ...(s.allowForeignDataPeer !== undefined ? { allowForeignDataPeer: s.allowForeignDataPeer } : {}),
    ...(s.relay !== undefined ? { relay: s.relay } : {}),
  };
}

/** Server B of a server-to-server transfer: a server like the first, at another address. */
const FXP_SERVER_IP = "10.99.3.30";
const fxpServerFields = serverFields.extend({ ip: ipv4.default(FXP_SERVER_IP) });

/**
 * A server-to-server transfer (RFC 959 §2.3, figure 2; "FXP"): the client holds a control
 * connection to the server (A, the source) and to `server` (B, the target), sends PASV to A,
 * PORT or EPRT naming A's address to B, then RETR to A and STOR to B, and the file flows from A
 * to B. The client is a script (Python's ftplib, as test/real/multi-host drives it).
 */
const fxpSchema = z.strictObject({
  server: fxpServerFields.transform(resolveServer).prefault(fxpServerFields.parse({})),
  /** The file A sends. */
  file: z.string().min(1).max(255).regex(/^[^/\s]+$/, { error: "expected a plain file name" }).default("hello.txt"),
  /** The name B stores it under; unwritten, the same name. */
  as: z.string().min(1).max(255).regex(/^[^/\s]+$/, { error: "expected a plain file name" }).optional(),
  /** What names A's address to B: PORT (RFC 959) or EPRT (RFC 2428). */
  announce: z.enum(["PORT", "EPRT"], { error: 'expected "PORT" or "EPRT"' }).default("PORT"),
  /** Which goes first once B accepted the address: RETR to A, or STOR to B. */
  order: z.enum(["retr-first", "stor-first"], { error: 'expected "retr-first" or "stor-first"' }).default("retr-first"),
});

/**
 * A command line as any client may send it: one line of printable ASCII (a CR or LF in it would
 * smuggle a second command onto the control connection). What a program itself would refuse is
 * checked against the program below (programCommands): the console sends every such line as typed.
 */
const commandLine = z
  .string()
  .min(1, { error: "expected a command such as LIST or RETR hello.txt" })
  .max(256, { error: "expected a command of at most 256 characters" })
  .refine((s) => /^[\x20-\x7e]*$/.test(s), { error: "expected printable ASCII with no line breaks" });

export const scenarioSchema = z.strictObject({
  title: z.string().max(200).optional(),
  // prefault: the default goes through the transforms too (the passive range, the file stores);
  // the JSON Schema shows it as written.
  client: clientSchema.prefault(clientFields.parse({})),
  server: serverSchema.prefault(serverFields.parse({})),
  tls: z.boolean().default(false),
  user: credentials.default({ name: "demo", password: "demo" }),
  files: fileRecord(
    z.string().min(1).max(255).regex(/^[^/\s]+$/, { error: "expected a plain file name" }),
    z.string().max(65_536, { error: "expected at most 64 KiB of text" }),
  )
    .refine((f) => Object.keys(f).length <= 64, { error: "expected at most 64 files" })
    .prefault({ "hello.txt": "Hello, FTP!\n" }),
  commands: z.array(commandLine).max(32, { error: "expected at most 32 commands" }).default(["LIST"]),
  /** Seeds the generator behind ephemeral ports, passive ports and sequence numbers. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** Simulated time after which the session is cut off, in ms: every scenario ends. */
  timeLimitMs: ms(3_600_000).default(600_000),
  /** A server-to-server transfer instead of the commands: server B and what flows to it. */
  fxp: fxpSchema.optional(),
})
  .superRefine(clientProgramCanDo)
  .superRefine(programCommands)
  .superRefine(hostsFit);

/**
 * What the hosts of a scenario must agree on (their addresses: validate.ts): a relay only in front of a
 * server that has no NAT router; a server-to-server transfer driven by a client that can hold two
 * control connections, from a file A has.
 */
function hostsFit(
  s: {
    client: { software: ClientSoftware };
    server: { nat: unknown; relay?: unknown };
    tls: boolean;
    files: Record<string, string>;
    fxp?: { server: { relay?: unknown }; file: string };
  },
  ctx: z.RefinementCtx,
): void {
  if (s.server.relay && s.server.nat) ctx.addIssue({ code: "custom", path: ["server", "relay"], message: "expected a relay or a NAT router in front of the server, not both" });
  if (!s.fxp) return;
  if (s.client.software !== "ftplib") {
    ctx.addIssue({ code: "custom", path: ["client", "software"], message: 'a server-to-server transfer needs a client that holds two control connections: "ftplib" (a Python script)' });
  }
  if (s.tls) ctx.addIssue({ code: "custom", path: ["tls"], message: "the lab has no model of FXP over TLS (it needs SSCN or CPSV)" });
  if (s.server.relay) ctx.addIssue({ code: "custom", path: ["server", "relay"], message: "the lab has no model of a server-to-server transfer through a relay" });
  if (s.fxp.server.relay) ctx.addIssue({ code: "custom", path: ["fxp", "server", "relay"], message: "the lab has no model of a server-to-server transfer through a relay" });
  if (!Object.hasOwn(s.files, s.fxp.file)) ctx.addIssue({ code: "custom", path: ["fxp", "file"], message: `expected one of the server's files (${Object.keys(s.files).join(", ") || "none"})` });
}

/** What the client program cannot do at all is refused by name (sim/software's ClientProfile). */
function clientProgramCanDo(s: { client: { software: ClientSoftware; mode: "active" | "passive"; extended: boolean }; tls: boolean }, ctx: z.RefinementCtx): void {
  // A client that failed its own checks has no defaults filled in: its errors say enough.
  if (s.client.mode === undefined || !hasClientProfile(s.client.software)) return;
  for (const { path, message } of incapacities(clientProfile(s.client.software), { ...s.client, tls: s.tls })) ctx.addIssue({ code: "custom", path: [...path], message });
}

/**
 * What a client program will not send as written: a line with surrounding spaces (it trims what it
 * is given), a file command without its file name (curl, lftp and the others ask for one). The
 * console sends every printable line as typed, and the server answers it (501, 500…) as it would.
 */
function programCommands(s: { client: { software: ClientSoftware }; commands: readonly string[] }, ctx: z.RefinementCtx): void {
  if (s.client.software === "console") return;
  s.commands.forEach((line, i) => {
    // A line that is not printable ASCII has its own issue already (commandLine).
    if (!/^[\x20-\x7e]+$/.test(line)) return;
    if (line.trim() !== line) ctx.addIssue({ code: "custom", path: ["commands", i], message: "expected no spaces around the command" });
    else if (/^(RETR|STOR|APPE|SIZE)$/i.test(line)) ctx.addIssue({ code: "custom", path: ["commands", i], message: "RETR, STOR, APPE and SIZE need a file name" });
  });
}

/** A scenario as written: every field optional where the spec gives a default. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in: what the simulator runs. */
export type Scenario = z.output<typeof scenarioSchema>;
export type FirewallConfig = z.output<typeof firewallSchema>;
export type FirewallRules = z.output<typeof firewallRulesSchema>;
export type FirewallRule = z.output<typeof ruleSchema>;
export type NatConfig = z.output<typeof natSchema>;
export type ClientConfig = Scenario["client"];
export type ServerConfig = Scenario["server"];
export type RelayConfig = z.output<typeof relaySchema>;
export type FxpConfig = z.output<typeof fxpSchema>;
