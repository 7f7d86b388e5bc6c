/**
 * The knobs: every setting a learner can turn, each written once: the scenario field it sets
 * (the name lessons use), its URL parameter (the playground's links, an embed's URL and its
 * `setup` message), its default, its options and the one label each option has wherever it is
 * shown, its section of the setup panel, when it applies, and its glossary term. The
 * playground's URL and scenario, the setup panel, the embed and the lessons' try-it steps (and
 * the lesson schema's list of knob names) are all read from this list; adding a knob is adding
 * an entry here.
 *
 * Why here, in sim/scenario: a knob is a named change of a scenario, and the scenario is the one
 * contract between the lessons, the playground URL and the simulator (spec/scenario.md).
 * lessons/ and components/ both already stand on sim/scenario, and lessons/ must not stand on
 * components/. The module is plain data and functions: no React, and zod only as types, so the
 * lesson and embed pages that read it ship neither. Its words are the lab's words, as those of
 * sim/trace/labels.ts are; a glossary term is an id of components/glossary/terms.ts, checked by a
 * test (nothing in sim/ imports components/).
 *
 * Entries apply in the order listed, so a knob that reads another's field comes after it (the
 * server's NAT forwards the passive range: the range comes first). Each `write` returns a new
 * scenario; a knob that does not apply leaves the scenario as it is.
 */
import { FTP_DATA_PORT } from "../net/ftp-ports";
import { natKindOf, type NatKind } from "../net/nat-kinds";
import { hasOwnPassiveRange, ownPassiveRange } from "./passive-range";
import { MAX_RELAY_PORTS } from "./hosts";
import { FIREWALL_PRESETS, type FirewallPreset } from "./preset-names";
import type { Scenario } from "./schema";
import { SERVER_SETUPS, SETUP_PUBLIC_IP, canPlaceServerSetup, serverSetup, setupOf, withPassivePorts, withServerSetup, type ServerSetupId, type ServerSetupOptions } from "./setups";
import type { ClientSoftware, ServerSoftware } from "../software/names";
import { CLIENT_PROFILES, SERVER_PROFILES, clientProfile, serverProfile } from "../software/profiles";
import type { Provenance, ServerOptionNames } from "../software/server-profile";
import { withClientSoftware, withServerSoftware } from "../software/switch-program";

/** A value a knob can take (one of its options). */
export type KnobValue = string | number | boolean | null;

export interface KnobOption<V extends KnobValue = KnobValue> {
  readonly value: V;
  /** What the lab shows for this value, the same wherever it is shown. */
  readonly label: string;
}

/** The setup panel's groups, in order; a knob names the one it sits in. */
export const SECTIONS = [
  { id: "programs", legend: "Programs" },
  { id: "mode", legend: "Mode" },
  { id: "firewalls", legend: "Firewalls" },
  { id: "nat", legend: "NAT", term: "nat" },
  { id: "server", legend: "Server" },
  { id: "hosts", legend: "More hosts" },
  { id: "commands", legend: "Commands" },
] as const satisfies readonly { id: string; legend: string; term?: string }[];
export type SectionId = (typeof SECTIONS)[number]["id"];

interface KnobCommon<P extends string> {
  /** The scenario field it sets, as a lesson's try-it names it: "client.mode". Unique. */
  readonly path: P;
  /** Its URL parameter (the playground, an embed, a `setup` message): a-z only. Unique. */
  readonly param: string;
  /** Its name on screen and for assistive technology. */
  readonly label: string;
  /** A few words shown after the label (a reference such as "RFC 4217"). */
  readonly hint?: string;
  /** The server setting it stands for: shown by the scenario's server program's own name for it (pasv_address, MasqueradeAddress, -P). */
  readonly setting?: keyof ServerOptionNames;
  /** The id of its entry in the glossary (components/glossary/terms.ts). */
  readonly term?: string;
  /** Its label and term where they follow the scenario (what lets the passive range in: a router's forward, a security group's rule, Docker's -p). */
  labelIn?(s: Scenario): { readonly label: string; readonly term?: string };
  readonly section: SectionId;
  /** Whether it means anything for this scenario (a NAT helper needs a NAT); default: always. */
  readonly applies?: (s: Scenario) => boolean;
}

/** One value out of a few, or a yes/no (options exactly false, true): a select, radios or a checkbox. */
export interface ChoiceKnob<K extends string = string, V extends KnobValue = KnobValue, P extends string = string> extends KnobCommon<P> {
  readonly kind: "choice";
  /** Its field in a playground setup. */
  readonly key: K;
  readonly options: readonly KnobOption<V>[];
  readonly default: V;
  /** Radio buttons instead of a select. */
  readonly control?: "radio";
  /** URL texts that also read as an option: what links said before the option had its name (snat=1). */
  readonly aliases?: Readonly<Record<string, V>>;
  /** Its write also moves other knobs' fields (a program switch moves the settings at its defaults): the panel follows. */
  readonly movesOthers?: boolean;
  /** A sentence under the control about the chosen value (how the lab knows the program), or null. */
  describe?(s: Scenario): string | null;
  /** Other knobs' defaults when it has this value, by path (a program's own defaults): what a link leaves unwritten. */
  followDefaults?(v: V): Readonly<Record<string, KnobValue>>;
  /** The scenario's value; may be none of the options (a firewall written as rules). */
  read(s: Scenario): KnobValue;
  write(s: Scenario, v: V): Scenario;
}

/** A range of ports, [low, high]: two number fields. */
export interface PortRangeKnob<L extends string = string, H extends string = string, P extends string = string> extends KnobCommon<P> {
  readonly kind: "portRange";
  readonly keys: { readonly low: L; readonly high: H };
  readonly min: number;
  readonly max: number;
  readonly default: readonly [number, number];
  read(s: Scenario): readonly [number, number] | null;
  write(s: Scenario, v: readonly [number, number]): Scenario;
}

/** Some of its options, in any order, repeats allowed (the commands to run): checkboxes. */
export interface ListKnob<K extends string = string, V extends string = string, P extends string = string> extends KnobCommon<P> {
  readonly kind: "list";
  readonly key: K;
  readonly options: readonly KnobOption<V>[];
  readonly default: readonly V[];
  readonly maxLength: number;
  /** The scenario's list, or null when it holds something no option is. */
  read(s: Scenario): readonly V[] | null;
  write(s: Scenario, v: readonly V[]): Scenario;
}

export type Knob = ChoiceKnob | PortRangeKnob | ListKnob;

// ---------- helpers for entries ----------

type Client = Scenario["client"];
type Server = Scenario["server"];
type ScalarKey<T> = { [K in keyof T]-?: T[K] extends KnobValue ? K : never }[keyof T];

/** path, read and write of a plain field of the client. */
const clientField = <F extends ScalarKey<Client>>(field: F) => ({
  path: `client.${field}` as const,
  read: (s: Scenario): KnobValue => s.client[field] as KnobValue,
  write: (s: Scenario, v: Client[F]): Scenario => ({ ...s, client: { ...s.client, [field]: v } }),
});

/** path, read and write of a plain field of the server. */
const serverField = <F extends ScalarKey<Server>>(field: F) => ({
  path: `server.${field}` as const,
  read: (s: Scenario): KnobValue => s.server[field] as KnobValue,
  write: (s: Scenario, v: Server[F]): Scenario => ({ ...s, server: { ...s.server, [field]: v } }),
});

/** An entry, typed: its options' values must be values its `write` takes, its default one of them. */
function choice<const K extends string, const O extends readonly KnobOption[], const P extends string>(
  k: Omit<ChoiceKnob<K, O[number]["value"], P>, "kind" | "options" | "default" | "write"> & {
    options: O;
    default: NoInfer<O[number]["value"]>;
    write: (s: Scenario, v: NoInfer<O[number]["value"]>) => Scenario;
  },
): ChoiceKnob<K, O[number]["value"], P> {
  return { kind: "choice", ...k };
}

const yesNo = (no: string, yes: string) => [
  { value: false, label: no },
  { value: true, label: yes },
] as const;

const sameRange = (a: number | readonly [number, number], b: readonly [number, number] | null) => b !== null && Array.isArray(a) && a[0] === b[0] && a[1] === b[1];

/** The client router's public address when a knob puts the client behind NAT (the reference lab's; the server's is setups.ts'). */
const CLIENT_PUBLIC_IP = "198.51.100.7";

const FIREWALL_OPTIONS: readonly KnobOption<FirewallPreset>[] = FIREWALL_PRESETS.map((p) => ({
  value: p,
  label: {
    open: "open (no firewall)",
    stateful: "stateful (established, related)",
    "stateful+ftp-helper": "stateful+ftp-helper (stateful + FTP helper)",
    "control-only": "control-only (stateful + port 21)",
    "control+passive-range": "control+passive-range (control-only + passive range)",
  }[p],
}));
/** Whether no host or router of the scenario has this address yet (a new NAT router needs its own). */
const addressFree = (s: Scenario, ip: string) =>
  ![s.client.ip, s.server.ip, s.client.nat?.publicIp, s.server.nat?.publicIp, s.server.relay?.ip, s.fxp?.server.ip, s.fxp?.server.nat?.publicIp].includes(ip);
const firewallName = (f: Client["firewall"]) => (typeof f === "string" ? f : "custom");

/** The passive range a learner gets on asking for one (the range knob's default). */
const PLAYGROUND_RANGE: readonly [number, number] = [30000, 30009];

/**
 * Where the playground puts the server for a setup: the router's public address stays, and a
 * home router goes in front of the server where it is (so a link written as snat=1, before the
 * setups, builds what it built). The same setup again changes nothing.
 */
const setupOptions = (s: Scenario, id: ServerSetupId): ServerSetupOptions => ({
  publicIp: s.server.nat?.publicIp ?? SETUP_PUBLIC_IP,
  ...(id === "home-router" ? { privateIp: s.server.ip } : {}),
});
const canPlace = (s: Scenario, id: ServerSetupId) => setupOf(s) === id || canPlaceServerSetup(s, id, setupOptions(s, id));
/** Every setup can go in: otherwise the choice does not apply (a host already at the router's address, a relay in front), and changes nothing. */
const canPlaceAll = (s: Scenario) => !s.server.relay && SERVER_SETUPS.every((x) => canPlace(s, x.id));
const placeServer = (s: Scenario, id: ServerSetupId): Scenario => (setupOf(s) === id || !canPlaceAll(s) ? s : withServerSetup(s, id, setupOptions(s, id)));
/** A sentence under the choice: where the world reaches the server, and what stands between. */
function setupNote(s: Scenario): string {
  const { ip, nat } = s.server;
  switch (setupOf(s)) {
    case "lan":
      return `The client reaches the server at its own address, ${ip}.`;
    case "home-router":
      return `The world reaches ${nat!.publicIp}; the router forwards what it lists to ${ip}.`;
    case "cloud-vm":
      return `The world reaches ${nat!.publicIp}, mapped 1:1 to the VM's ${ip}; the security group lets in only what it lists, and the VM never sees its public address.`;
    case "docker":
      return `The world reaches the Docker host at ${nat!.publicIp}; only its published ports lead to the container at ${ip}.`;
  }
}
/** What lets a new connection through the server's NAT, by kind: the fwd knob's words. */
const LET_IN: Readonly<Record<NatKind, { label: string; term: string }>> = {
  router: { label: "Forward the passive range", term: "port-forward" },
  cloud: { label: "Security group allows the passive range", term: "security-group" },
  docker: { label: "Publish the passive range (-p)", term: "published-port" },
};
const PUBLIC_ADDRESS: Readonly<Record<NatKind, string>> = {
  router: "227 advertises the router's public address",
  cloud: "227 advertises the VM's public address",
  docker: "227 advertises the Docker host's address",
};

/**
 * The relay a knob puts in front of the server (a connector's virtual host, as in seed 000's
 * Cloud Connector story), and what it maps: port 21 alone, or 21 and the passive range, with
 * the 227 naming the relay (pasv_address = the virtual host) or the server's own address.
 */
const RELAY_IP = "10.99.2.80";
const RELAY_CHOICES = [
  { value: "none", label: "none" },
  { value: "control", label: "maps port 21 only" },
  { value: "range", label: "maps 21 and the passive range" },
  { value: "range-private", label: "maps 21 and the range; 227 names the server itself" },
] as const;
type RelayChoice = (typeof RELAY_CHOICES)[number]["value"];

function relayOf(s: Scenario): RelayChoice {
  const relay = s.server.relay;
  if (!relay) return "none";
  if (!relay.ports.some((p) => p !== 21)) return "control";
  return s.server.passiveAddress === relay.ip ? "range" : "range-private";
}

function withRelay(s: Scenario, v: RelayChoice): Scenario {
  if (v === relayOf(s)) return s;
  if (v === "none") {
    const { relay: _gone, ...server } = s.server;
    return { ...s, server: { ...server, passiveAddress: s.server.passiveAddress === _gone?.ip ? null : s.server.passiveAddress } };
  }
  if (s.server.nat || s.fxp || (!s.server.relay && !addressFree(s, RELAY_IP))) return s;
  const ip = s.server.relay?.ip ?? RELAY_IP;
  // A connector maps a short list: the server gets a passive range of its own if it has none, or
  // the playground's ten ports if its own is longer than a relay maps (schema: 1024 ports at most).
  const own = ownPassiveRange(s);
  const range = own && own[1] - own[0] + 1 < MAX_RELAY_PORTS ? own : PLAYGROUND_RANGE;
  const relay = { ip, ports: v === "control" ? [21] : [21, [range[0], range[1]] as [number, number]], unmapped: s.server.relay?.unmapped ?? ("reset" as const) };
  return { ...s, server: { ...s.server, passivePorts: [range[0], range[1]], passiveAddress: v === "range-private" ? null : ip, relay } };
}

/** Server B of the playground's server-to-server transfer: vsftpd beside the server, connecting from an ephemeral port (vsftpd cannot bind 20 with port_promiscuous=YES). */
const FXP_B_IP = "10.99.3.30";

function withFxp(s: Scenario, on: boolean): Scenario {
  if (on === (s.fxp !== undefined)) return s;
  if (!on) {
    const { fxp: _gone, ...rest } = s;
    return rest;
  }
  if (s.server.relay || !addressFree(s, FXP_B_IP)) return s;
  const b = { ...s.server, ip: FXP_B_IP, firewall: "open" as const, nat: null, passivePorts: [41000, 41009] as [number, number], passiveAddress: null, activeSourcePort: "ephemeral" as const, allowForeignDataAddress: false };
  const file = Object.keys(s.files)[0] ?? "hello.txt";
  const files = Object.keys(s.files).length > 0 ? s.files : { "hello.txt": "Hello, FTP!\n" };
  return { ...withClientSoftware(s, "ftplib"), tls: false, files, fxp: { server: b, file, announce: "PORT", order: "retr-first" } };
}

/** Neither of the two servers' settings below means anything without a server-to-server transfer; the client's mode settings mean nothing with one. */
const isFxp = (s: Scenario) => s.fxp !== undefined;

/** What each command of the playground runs (the stage has hello.txt; STOR uploads upload.txt). */
const COMMAND_LINES = { LIST: "LIST", RETR: "RETR hello.txt", STOR: "STOR upload.txt" } as const;
type CommandName = keyof typeof COMMAND_LINES;

/** A program's defaults as knob paths ("client.mode": "passive"); followedDefaults keeps those a knob has. */
const byPath = (side: "client" | "server", defaults: object): Record<string, KnobValue> =>
  Object.fromEntries(Object.entries(defaults).map(([k, v]) => [`${side}.${k}`, v as KnobValue]));

/** A program's option: its name and version, and how the lab knows what it does. */
const programLabel = (label: string, p: Provenance) => `${label}${p.kind === "checked" ? "" : " (documented)"}`;
/** How the lab knows what the chosen program does, in a sentence under its select. */
const provenanceNote = (name: string, p: Provenance) =>
  p.kind === "checked" ? `${name}: checked against the real program.` : `${name}: modelled from its source and documentation, not checked against the real program.`;
// The console is not a program to pick here: the lab's console view sets it, with the lines typed there.
const CLIENT_OPTIONS = Object.values(CLIENT_PROFILES)
  .filter((p) => p!.software !== "console")
  .map((p) => ({ value: p!.software, label: programLabel(p!.label, p!.provenance) })) as readonly KnobOption<ClientSoftware>[];
const SERVER_OPTIONS = Object.values(SERVER_PROFILES).map((p) => ({ value: p!.software, label: programLabel(p!.label, p!.provenance) })) as readonly KnobOption<ServerSoftware>[];

// ---------- the knobs ----------

export const KNOBS = [
  // The programs come first: switching one moves the settings still at its defaults (switch-program.ts), which the knobs below may then set.
  choice({
    path: "client.software",
    key: "clientSoftware",
    param: "cli",
    section: "programs",
    label: "Client program",
    options: CLIENT_OPTIONS,
    default: "curl",
    movesOthers: true,
    describe: (s) => provenanceNote(clientProfile(s.client.software).name, clientProfile(s.client.software).provenance),
    followDefaults: (v) => byPath("client", clientProfile(v).defaults),
    // A server-to-server transfer's client is a script with two control connections (Python's ftplib).
    applies: (s) => !isFxp(s),
    read: (s) => s.client.software,
    write: (s, v) => (isFxp(s) ? s : withClientSoftware(s, v)),
  }),
  choice({
    path: "server.software",
    key: "serverSoftware",
    param: "srv",
    section: "programs",
    label: "Server program",
    options: SERVER_OPTIONS,
    default: "vsftpd",
    movesOthers: true,
    describe: (s) => provenanceNote(serverProfile(s.server.software).name, serverProfile(s.server.software).provenance),
    followDefaults: (v) => byPath("server", serverProfile(v).defaults),
    read: (s) => s.server.software,
    write: withServerSoftware,
  }),
  choice({
    ...clientField("mode"),
    write: (s, v) => (isFxp(s) ? s : clientField("mode").write(s, v)),
    key: "mode",
    param: "mode",
    section: "mode",
    // Windows' ftp.exe has no passive mode; a server-to-server transfer's client sends PASV to one server and PORT to the other.
    applies: (s) => !isFxp(s) && clientProfile(s.client.software).modes.length > 1,
    control: "radio",
    label: "Client mode",
    options: [
      { value: "active", label: "active (PORT)" },
      { value: "passive", label: "passive (PASV)" },
    ],
    default: "passive",
  }),
  choice({
    ...clientField("extended"),
    write: (s, v) => (isFxp(s) ? s : clientField("extended").write(s, v)),
    key: "extended",
    param: "ext",
    section: "mode",
    // FileZilla, WinSCP, ftplib and ftp.exe send EPSV/EPRT only over IPv6.
    applies: (s) => { const e = clientProfile(s.client.software).extended; return !isFxp(s) && (e.passive || e.active); },
    label: "Extended: EPRT / EPSV (RFC 2428)",
    options: yesNo("PORT / PASV", "EPRT / EPSV (RFC 2428)"),
    default: false,
  }),
  choice({
    ...clientField("pasvAddress"),
    write: (s, v) => (isFxp(s) ? s : clientField("pasvAddress").write(s, v)),
    key: "pasvAddress",
    param: "pasvip",
    section: "mode",
    applies: (s) => !isFxp(s),
    label: "Address in the 227 reply",
    options: [
      { value: "ignore", label: "ignore it, as curl does" },
      { value: "use", label: "use it (RFC 959)" },
    ],
    default: "ignore",
  }),
  choice({
    path: "client.firewall",
    key: "clientFirewall",
    param: "cfw",
    section: "firewalls",
    label: "Client firewall",
    options: FIREWALL_OPTIONS,
    default: "open",
    read: (s) => firewallName(s.client.firewall),
    write: (s, v) => ({ ...s, client: { ...s.client, firewall: v } }),
  }),
  choice({
    path: "server.firewall",
    key: "serverFirewall",
    param: "sfw",
    section: "firewalls",
    label: "Server firewall",
    options: FIREWALL_OPTIONS,
    default: "open",
    read: (s) => firewallName(s.server.firewall),
    write: (s, v) => ({ ...s, server: { ...s.server, firewall: v } }),
  }),
  choice({
    path: "server.passivePorts.set",
    key: "passiveRangeSet",
    param: "rangeset",
    section: "server",
    label: "Set a passive range",
    hint: "(unset: any free port)",
    term: "passive-range",
    options: yesNo("no: any free port", "yes"),
    default: true,
    // A relay maps the range it found (or gave the server) when it was put in front: it stays.
    applies: (s) => !s.server.relay,
    read: hasOwnPassiveRange,
    write: (s, v) => (v === hasOwnPassiveRange(s) || s.server.relay ? s : withPassivePorts(s, v ? PLAYGROUND_RANGE : null)),
  }),
  {
    kind: "portRange",
    path: "server.passivePorts",
    keys: { low: "passiveLow", high: "passiveHigh" },
    param: "range",
    section: "server",
    label: "Passive range",
    setting: "passivePorts",
    term: "passive-range",
    // With none set, the server takes any free port: there are no bounds to type. With a relay,
    // the range is the one it maps (set the range first, then put the relay in front).
    applies: (s) => hasOwnPassiveRange(s) && !s.server.relay,
    min: 1024,
    max: 65535,
    default: PLAYGROUND_RANGE,
    read: ownPassiveRange,
    write: (s, v) => (s.server.relay ? s : { ...s, server: { ...s.server, passivePorts: [v[0], v[1]] } }),
  } satisfies PortRangeKnob<"passiveLow", "passiveHigh", "server.passivePorts">,
  choice({
    path: "server.nat",
    key: "serverSetup",
    // The parameter of the yes/no knob it grew from: snat=0 and snat=1 still read.
    param: "snat",
    aliases: { "0": "lan", "1": "home-router" },
    section: "nat",
    label: "Where the server runs",
    term: "nat",
    options: SERVER_SETUPS.map((x) => ({ value: x.id, label: x.label })) as readonly KnobOption<ServerSetupId>[],
    default: "lan",
    movesOthers: true,
    describe: setupNote,
    // A link that names only the setup means its habit: a cloud's security group without the passive range, Docker publishing it.
    followDefaults: (v): Record<string, KnobValue> => (v === "lan" ? {} : { "server.nat.forward": serverSetup(v).opensPassiveRange }),
    applies: canPlaceAll,
    read: setupOf,
    write: placeServer,
  }),
  choice({
    path: "client.nat",
    key: "clientNat",
    param: "cnat",
    section: "nat",
    label: "Client behind NAT",
    options: yesNo("no", "yes"),
    default: false,
    applies: (s) => s.client.nat !== null || addressFree(s, CLIENT_PUBLIC_IP),
    read: (s) => s.client.nat !== null,
    write: (s, v) => {
      if (v && s.client.nat === null && !addressFree(s, CLIENT_PUBLIC_IP)) return s;
      return { ...s, client: { ...s.client, nat: v ? (s.client.nat ?? { publicIp: CLIENT_PUBLIC_IP, forward: [], ftpHelper: false }) : null } };
    },
  }),
  choice({
    path: "client.nat.ftpHelper",
    key: "clientNatHelper",
    param: "cnath",
    section: "nat",
    label: "Client router's FTP helper",
    term: "ftp-helper",
    options: yesNo("off", "on (nf_nat_ftp)"),
    default: false,
    applies: (s) => s.client.nat !== null,
    read: (s) => s.client.nat?.ftpHelper ?? false,
    write: (s, v) => (s.client.nat ? { ...s, client: { ...s.client, nat: { ...s.client.nat, ftpHelper: v } } } : s),
  }),
  choice({
    path: "server.nat.ftpHelper",
    key: "serverNatHelper",
    param: "snath",
    section: "nat",
    label: "Server router's FTP helper",
    term: "ftp-helper",
    options: yesNo("off", "on (nf_nat_ftp)"),
    default: false,
    // A cloud's 1:1 NAT and Docker's port publishing have no FTP helper.
    applies: (s) => s.server.nat !== null && natKindOf(s.server.nat) === "router",
    read: (s) => s.server.nat?.ftpHelper ?? false,
    write: (s, v) => (s.server.nat ? { ...s, server: { ...s.server, nat: { ...s.server.nat, ftpHelper: v } } } : s),
  }),
  choice({
    path: "server.nat.forward",
    key: "forwardPassive",
    param: "fwd",
    section: "nat",
    // Its words before a NAT is chosen are a router's.
    ...LET_IN.router,
    labelIn: (s) => LET_IN[natKindOf(s.server.nat)],
    options: yesNo("no (port 21 only)", "yes"),
    default: true,
    applies: (s) => s.server.nat !== null && hasOwnPassiveRange(s),
    read: (s) => s.server.nat?.forward.some((p) => sameRange(p, ownPassiveRange(s))) ?? false,
    write: (s, v) => {
      const { nat } = s.server;
      const range = ownPassiveRange(s);
      if (!nat || !range) return s;
      const others = nat.forward.filter((p) => !sameRange(p, range));
      const forward = !v ? others : others.length === nat.forward.length ? [...nat.forward, range] : nat.forward;
      return { ...s, server: { ...s.server, nat: { ...nat, forward } } };
    },
  }),
  choice({
    path: "server.passiveAddress",
    key: "advertisePublic",
    param: "pasvaddr",
    section: "nat",
    label: PUBLIC_ADDRESS.router,
    labelIn: (s) => ({ label: PUBLIC_ADDRESS[natKindOf(s.server.nat)] }),
    setting: "passiveAddress",
    options: yesNo("unset (its own address)", "the router's public address"),
    default: false,
    applies: (s) => s.server.nat !== null,
    read: (s) => s.server.passiveAddress !== null,
    write: (s, v) => (s.server.nat ? { ...s, server: { ...s.server, passiveAddress: v ? s.server.nat.publicIp : null } } : s),
  }),
  choice({
    path: "tls",
    key: "tls",
    param: "tls",
    section: "server",
    // tnftp, inetutils ftp and ftp.exe have no FTPS; the lab has no FXP over TLS.
    applies: (s) => !isFxp(s) && clientProfile(s.client.software).tls,
    label: "TLS (explicit FTPS)",
    hint: "RFC 4217",
    term: "ftps",
    options: yesNo("off", "on"),
    default: false,
    read: (s) => s.tls,
    write: (s, v) => (isFxp(s) ? s : { ...s, tls: v }),
  }),
  choice({
    ...serverField("allowForeignDataAddress"),
    key: "allowForeignDataAddress",
    param: "promisc",
    section: "server",
    label: "PORT to a foreign address",
    setting: "allowForeignDataAddress",
    term: "bounce-attack",
    options: yesNo("refused (RFC 2577 §3)", "allowed"),
    default: false,
  }),
  choice({
    ...serverField("activeSourcePort"),
    key: "activeSourcePort",
    param: "srcport",
    section: "server",
    label: "Active-mode source port",
    setting: "activeSourcePort",
    options: [
      { value: FTP_DATA_PORT, label: "20" },
      { value: "ephemeral", label: "ephemeral" },
    ],
    default: FTP_DATA_PORT,
  }),
  choice({
    path: "server.relay",
    key: "relay",
    param: "relay",
    section: "hosts",
    label: "A relay in front of the server",
    hint: "a connector, a TCP proxy",
    options: RELAY_CHOICES,
    default: "none",
    movesOthers: true,
    applies: (s) => s.server.relay !== undefined || (s.server.nat === null && !isFxp(s) && addressFree(s, RELAY_IP)),
    describe: (s) =>
      s.server.relay
        ? `The client dials the relay at ${s.server.relay.ip}; the relay opens its own connection to the same port of ${s.server.ip} for each port it maps, and forwards nothing else.`
        : null,
    read: relayOf,
    write: withRelay,
  }),
  choice({
    path: "server.relay.unmapped",
    key: "relayUnmapped",
    param: "relayun",
    section: "hosts",
    label: "A port the relay does not map",
    options: [
      { value: "reset", label: "refused at once (RST)" },
      { value: "drop", label: "dropped by its firewall" },
    ],
    default: "reset",
    applies: (s) => s.server.relay !== undefined,
    read: (s) => s.server.relay?.unmapped ?? "reset",
    write: (s, v) => (s.server.relay ? { ...s, server: { ...s.server, relay: { ...s.server.relay, unmapped: v } } } : s),
  }),
  choice({
    path: "fxp",
    key: "fxp",
    param: "fxp",
    section: "hosts",
    label: "Server-to-server transfer (FXP)",
    hint: "RFC 959 figure 2",
    options: yesNo("off", "on: the file goes from the server to server B"),
    default: false,
    movesOthers: true,
    applies: (s) => isFxp(s) || (!s.server.relay && addressFree(s, FXP_B_IP)),
    describe: (s) =>
      s.fxp
        ? `A script (Python's ftplib) logs in to both, sends PASV to the server, PORT with its address to server B at ${s.fxp.server.ip}, then RETR ${s.fxp.file} to the server and STOR to B: B connects to the server.`
        : null,
    read: isFxp,
    write: withFxp,
  }),
  choice({
    path: "fxp.announce",
    key: "fxpAnnounce",
    param: "fxpcmd",
    section: "hosts",
    label: "What tells server B the address",
    options: [
      { value: "PORT", label: "PORT (RFC 959)" },
      { value: "EPRT", label: "EPRT (RFC 2428)" },
    ],
    default: "PORT",
    applies: isFxp,
    read: (s) => s.fxp?.announce ?? "PORT",
    write: (s, v) => (s.fxp ? { ...s, fxp: { ...s.fxp, announce: v } } : s),
  }),
  choice({
    path: "fxp.server.allowForeignDataAddress",
    key: "fxpAllowForeign",
    param: "bpromisc",
    section: "hosts",
    label: "Server B: PORT naming the server",
    setting: "allowForeignDataAddress",
    term: "bounce-attack",
    options: yesNo("refused (RFC 2577 §3)", "allowed"),
    default: false,
    applies: isFxp,
    read: (s) => s.fxp?.server.allowForeignDataAddress ?? false,
    write: (s, v) => (s.fxp ? { ...s, fxp: { ...s.fxp, server: { ...s.fxp.server, allowForeignDataAddress: v } } } : s),
  }),
  choice({
    path: "server.allowForeignDataPeer",
    key: "allowForeignDataPeer",
    param: "pasvpromisc",
    section: "hosts",
    label: "Server: data connection from server B",
    hint: "vsftpd pasv_promiscuous",
    options: yesNo("refused (RFC 2577 §4)", "allowed"),
    default: false,
    applies: isFxp,
    read: (s) => s.server.allowForeignDataPeer ?? false,
    // Written only when allowed: a scenario that never asked keeps its shape (and its trace).
    write: (s, v) => {
      if (!s.fxp) return s;
      const { allowForeignDataPeer: _old, ...server } = s.server;
      return { ...s, server: v ? { ...server, allowForeignDataPeer: true } : server };
    },
  }),
  {
    kind: "list",
    path: "commands",
    key: "commands",
    param: "cmd",
    section: "commands",
    label: "Commands",
    options: (Object.keys(COMMAND_LINES) as CommandName[]).map((c) => ({ value: c, label: COMMAND_LINES[c] })),
    default: ["LIST", "RETR"],
    maxLength: 6,
    // A server-to-server transfer runs its own commands (RETR to one server, STOR to the other).
    applies: (s) => !isFxp(s),
    read: (s) => {
      const names = s.commands.map((line) => (Object.keys(COMMAND_LINES) as CommandName[]).find((c) => COMMAND_LINES[c] === line));
      return names.every((n) => n !== undefined) ? (names as CommandName[]) : null;
    },
    // No command at all would be no session: LIST then.
    write: (s, v) => (isFxp(s) ? s : { ...s, commands: v.length > 0 ? v.map((c) => COMMAND_LINES[c]) : ["LIST"] }),
  } satisfies ListKnob<"commands", CommandName, "commands">,
] as const;

export type KnobEntry = (typeof KNOBS)[number];
/** The knobs a lesson's try-it step can hand the learner: every one-of-a-few choice. */
export type ChoiceKnobPath = Extract<KnobEntry, { kind: "choice" }>["path"];

/** A yes/no knob: its options are exactly false and true (a checkbox). */
export const isYesNo = (k: ChoiceKnob): boolean => k.options.length === 2 && k.options[0]!.value === false && k.options[1]!.value === true;
export const knobApplies = (k: Knob, s: Scenario): boolean => k.applies?.(s) ?? true;

// ---------- settings: a value for every knob, by key ----------

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type FieldsOf<E> = E extends { kind: "choice"; key: infer K extends string; options: readonly { readonly value: infer V }[] }
  ? { [P in K]: V }
  : E extends { kind: "portRange"; keys: { low: infer L extends string; high: infer H extends string } }
    ? { [P in L | H]: number }
    : E extends { kind: "list"; key: infer K extends string; options: readonly { readonly value: infer V }[] }
      ? { [P in K]: readonly V[] }
      : never;
type Flat<T> = { [K in keyof T]: T[K] };

/** A value for every knob of a list, by key (a playground setup). */
export type KnobSettings<Ks extends readonly Knob[]> = Flat<UnionToIntersection<FieldsOf<Ks[number]>>>;
/** Settings of any knob list, as generic code sees them. */
export type AnySettings = Readonly<Record<string, KnobValue | readonly string[]>>;

/** Every knob at its default (fresh arrays: a caller may keep them). */
export function defaultSettings<const Ks extends readonly Knob[]>(knobs: Ks): KnobSettings<Ks> {
  const out: Record<string, unknown> = {};
  for (const k of knobs) {
    if (k.kind === "portRange") {
      out[k.keys.low] = k.default[0];
      out[k.keys.high] = k.default[1];
    } else out[k.key] = k.kind === "list" ? [...k.default] : k.default;
  }
  return out as KnobSettings<Ks>;
}

/**
 * The defaults given the programs these settings choose: a knob a program has a default for (its
 * mode, its 227 rule, its source port) takes the program's, so a link that names only `cli=lftp`
 * means lftp as it comes.
 */
export function followedDefaults<S extends AnySettings>(settings: S, knobs: readonly Knob[]): S {
  let d = defaultSettings(knobs) as AnySettings;
  for (const k of knobs) {
    if (k.kind !== "choice" || !k.followDefaults) continue;
    for (const [path, v] of Object.entries(k.followDefaults(settings[k.key] as never))) {
      const other = knobs.find((o) => o.path === path);
      if (other?.kind === "choice" && other.options.some((o) => o.value === v)) d = withSetting(d, other, v);
    }
  }
  return d as S;
}

/** A knob's value in the settings ([low, high] for a range). */
export function settingOf(k: Knob, settings: AnySettings): KnobValue | readonly string[] | readonly [number, number] {
  return k.kind === "portRange" ? [settings[k.keys.low] as number, settings[k.keys.high] as number] : settings[k.key]!;
}

/** The settings with one knob set. */
export function withSetting<S extends AnySettings>(settings: S, k: Knob, value: KnobValue | readonly string[] | readonly [number, number]): S {
  if (k.kind === "portRange") {
    const [low, high] = value as readonly [number, number];
    return { ...settings, [k.keys.low]: low, [k.keys.high]: high };
  }
  return { ...settings, [k.key]: value };
}

/**
 * The settings after the learner turns knob `k` to `value` on `scenario`: that knob's setting,
 * and every other choice knob whose field the write moved with it (switching the client program
 * moves the settings still at its defaults to the new program's; a NAT put in front of the server
 * shows what it lets in) — so the panel shows what runs.
 */
export function withSettingFollowed<S extends AnySettings>(settings: S, scenario: Scenario, k: Knob, value: KnobValue | readonly string[] | readonly [number, number], knobs: readonly Knob[]): S {
  let next = withSetting(settings, k, value);
  if (k.kind !== "choice" || !k.movesOthers) return next;
  const after = k.write(scenario, value as never);
  for (const other of knobs) {
    if (other === k || other.kind !== "choice") continue;
    // A knob that did not apply had no say in the scenario: once it applies, it shows what the write made (a security group's rules).
    const applied = knobApplies(other, scenario);
    if (!applied && !knobApplies(other, after)) continue;
    const was = applied ? other.read(scenario) : undefined;
    const now = other.read(after);
    if (was !== now && other.options.some((o) => o.value === now)) next = withSetting(next, other, now);
  }
  return next;
}

/** `base` with every knob set as the settings say, in the knobs' order. */
export function applySettings(base: Scenario, settings: AnySettings, knobs: readonly Knob[]): Scenario {
  let s = base;
  for (const k of knobs) {
    // A knob that means nothing here is not written (ftp.exe's mode: it has only active).
    if (k.applies && !k.applies(s)) continue;
    const v = settingOf(k, settings);
    if (k.kind === "choice") s = k.write(s, v as KnobValue);
    else if (k.kind === "portRange") s = k.write(s, v as readonly [number, number]);
    else s = k.write(s, v as readonly string[]);
  }
  return s;
}

/** A knob's label and glossary term as this scenario has them (a security group allows what a router forwards). */
export function knobWords(k: Knob, s: Scenario): { readonly label: string; readonly term?: string | undefined } {
  return k.labelIn?.(s) ?? k;
}

/** The knob's setting as the scenario's server program names it ("vsftpd pasv_address"), or null. */
export function knobSetting(k: Knob, s: Scenario): string | null {
  if (!k.setting) return null;
  const p = serverProfile(s.server.software);
  return `${p.name}: ${p.options[k.setting]}`;
}
