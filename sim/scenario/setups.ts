/**
 * Where the server runs: the setups people really have, as data, and how to put one into a
 * scenario or recognise it in one. The playground offers them as one choice (knobs.ts), with the
 * addresses and passive range the scenario already has.
 *
 *   - "lan": reachable at its own address, nothing in between (the reference lab's server).
 *   - "home-router": a 192.168.1.x server behind a NAT router that forwards port 21 (and the
 *     passive range, when someone added the forward).
 *   - "cloud-vm": a VM whose public address is 1:1 NAT to its private one (AWS's 172.31.x), with
 *     a security group in front allowing port 21; the VM never sees its public address, so
 *     vsftpd writes the private one in its 227 unless pasv_address says otherwise.
 *   - "docker": a container at 172.17.0.2 on the Docker host's bridge, reachable on the ports
 *     the host publishes (`docker run -p 21:21 -p 21000-21010:21000-21010`).
 *
 * A server with no passive range set (vsftpd without pasv_min_port/pasv_max_port) is not a place
 * but a setting of any of them: `passivePorts: null` below. What the setup does not decide it
 * leaves as the scenario has it: the host's own firewall, the program, the client.
 */
import { FTP_CONTROL_PORT } from "../net/ftp-ports";
import { natKindOf, type NatKind } from "../net/nat-kinds";
import { ownPassiveRange } from "./passive-range";
import type { NatConfig, Scenario } from "./schema";

export const SERVER_SETUP_IDS = ["lan", "home-router", "cloud-vm", "docker"] as const;
export type ServerSetupId = (typeof SERVER_SETUP_IDS)[number];

export interface ServerSetup {
  readonly id: ServerSetupId;
  /** Its name in a list of choices (short: the playground's select is ~260 px wide). */
  readonly label: string;
  /** What is in front of the server: none, or a NAT of this kind (sim/net/nat-kinds.ts). */
  readonly nat: NatKind | null;
  /** The server's own address, unless the caller gives one (null: the scenario's, as it is). */
  readonly privateIp: string | null;
  /** Whether the passive range is let in unless the caller says: forwarded, allowed, published. */
  readonly opensPassiveRange: boolean;
}

/** The documentation address every setup's public side gets unless the caller gives one (RFC 5737). */
export const SETUP_PUBLIC_IP = "203.0.113.5";

export const SERVER_SETUPS: readonly ServerSetup[] = [
  { id: "lan", label: "reachable directly (no NAT)", nat: null, privateIp: null, opensPassiveRange: false },
  // Forwarding the range is what a router guide has you do; forgetting it is the classic failure (openPassiveRange: false).
  { id: "home-router", label: "behind a NAT router", nat: "router", privateIp: "192.168.1.10", opensPassiveRange: true },
  // A new security group allows what was asked for: 21. The passive range is the rule people forget.
  { id: "cloud-vm", label: "cloud VM + security group", nat: "cloud", privateIp: "172.31.20.5", opensPassiveRange: false },
  // Docker's docs and every vsftpd image's README publish the range with 21.
  { id: "docker", label: "Docker container (-p)", nat: "docker", privateIp: "172.17.0.2", opensPassiveRange: true },
];

const SETUPS_BY_ID = new Map(SERVER_SETUPS.map((s) => [s.id, s]));
export const serverSetup = (id: ServerSetupId): ServerSetup => SETUPS_BY_ID.get(id)!;

export interface ServerSetupOptions {
  /** The address the world connects to (the router's, the VM's public IP, the Docker host's). Default: SETUP_PUBLIC_IP. */
  readonly publicIp?: string;
  /** The server's own address: the LAN or VM's private address, the container's. Default: the setup's (lan: the scenario's). */
  readonly privateIp?: string;
  /** The server's passive range ([low, high]); null: none set (vsftpd's default, any free port). Unwritten: the scenario's. */
  readonly passivePorts?: readonly [number, number] | null;
  /** Let the passive range in (forward it, allow it in the security group, publish it). Unwritten: the setup's habit. Without a range set, there is none to open. */
  readonly openPassiveRange?: boolean;
  /** What the 227 reply names (vsftpd pasv_address): "public" for the public address, an address, or null for the server's own. Unwritten: the scenario's. */
  readonly passiveAddress?: "public" | string | null;
}

/**
 * The scenario with this passive range, or with none set: then the server listens where its
 * kernel puts it, its ephemeral range, which is how passive-range.ts reads "none".
 */
export function withPassivePorts(s: Scenario, range: readonly [number, number] | null): Scenario {
  return { ...s, server: { ...s.server, passivePorts: range ? [range[0], range[1]] : [...s.server.ephemeralPorts] } };
}

/**
 * `scenario` with its server put where `id` says: its address, what is in front of it and what
 * that lets in, and the options' passive range and 227 address. Pure: a new scenario.
 */
export function withServerSetup(scenario: Scenario, id: ServerSetupId, options: ServerSetupOptions = {}): Scenario {
  const setup = serverSetup(id);
  const s = options.passivePorts === undefined ? scenario : withPassivePorts(scenario, options.passivePorts);
  const ip = options.privateIp ?? setup.privateIp ?? s.server.ip;
  let nat: NatConfig | null = null;
  if (setup.nat) {
    const range = ownPassiveRange(s);
    const open = options.openPassiveRange ?? setup.opensPassiveRange;
    const forward: NatConfig["forward"] = range && open ? [FTP_CONTROL_PORT, range] : [FTP_CONTROL_PORT];
    // A new NAT has no FTP helper (clouds and Docker have none; the playground's own knob turns a router's on).
    const common = { publicIp: options.publicIp ?? SETUP_PUBLIC_IP, forward, ftpHelper: false };
    // A router is written without its kind: the scenario reads as one written before kinds existed.
    nat = setup.nat === "router" ? common : { kind: setup.nat, ...common };
  }
  const passiveAddress = options.passiveAddress === undefined ? s.server.passiveAddress : options.passiveAddress === "public" ? (nat?.publicIp ?? ip) : options.passiveAddress;
  return { ...s, server: { ...s.server, ip, nat, passiveAddress } };
}

/** Which setup a scenario's server is in, by what stands in front of it. */
export function setupOf(scenario: Scenario): ServerSetupId {
  const nat = scenario.server.nat && natKindOf(scenario.server.nat);
  return SERVER_SETUPS.find((x) => x.nat === nat)!.id;
}

/** Whether `id` can go into the scenario with these options: every host and router keeps its own address. */
export function canPlaceServerSetup(scenario: Scenario, id: ServerSetupId, options: ServerSetupOptions = {}): boolean {
  const s = withServerSetup(scenario, id, options);
  const ips = [s.client.ip, s.client.nat?.publicIp, s.server.ip, s.server.nat?.publicIp].filter((ip) => ip !== undefined);
  return new Set(ips).size === ips.length;
}
