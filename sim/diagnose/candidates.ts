/**
 * The setups that could have produced a log, one or more per cause: the rebuilt session
 * (rebuild.ts) with one obstacle added — a firewall that drops the passive port, a NAT that
 * leaves a private address in the 227 reply, a client firewall that drops the server's SYN, a
 * server that refuses a PORT naming a private address (RFC 2577 §3), an FTP helper blinded by
 * TLS. Each is simulated and compared with the log (match.ts); hard evidence only rules a setup
 * out where it cannot fit at all (a passive cause for an active log).
 */
import { inCidr, isPrivateIp } from "../net/addresses";
import type { NatKind } from "../net/nat-kinds";
import type { FirewallConfig, ScenarioInput } from "../scenario/schema";
import type { CauseId } from "./causes";
import { withClient, withServer } from "./scenario-patch";
import { STAND_IN, baseScenario, canBeNatted, rangeAround, type Rebuild } from "./rebuild";

export interface Candidate {
  readonly cause: CauseId;
  /** What this variant assumes, in words: "a firewall on the server", "a NAT router in front of the server". */
  readonly setup: string;
  readonly scenario: ScenarioInput;
}

const CONTROL_ONLY_REJECT: FirewallConfig = {
  policy: "reject",
  rules: [
    { action: "accept", state: ["established", "related"] },
    { action: "accept", dport: 21 },
  ],
  ftpHelper: false,
};

/** Port 21 open, and the FTP conntrack helper to let in the data connections it reads on it. */
export const CONTROL_WITH_HELPER: FirewallConfig = {
  policy: "drop",
  rules: [
    { action: "accept", state: ["established", "related"] },
    { action: "accept", dport: 21 },
  ],
  ftpHelper: true,
};

const STATEFUL_REJECT: FirewallConfig = { policy: "reject", rules: [{ action: "accept", state: ["established", "related"] }], ftpHelper: false };

type Build = (r: Rebuild) => Candidate[];

/** The private address behind the server's NAT: the one the 227 names, else a stand-in. */
const serverPrivate = (r: Rebuild) => (r.pasvIp !== null && isPrivateIp(r.pasvIp) ? r.pasvIp : STAND_IN.serverPrivate);
const passiveRange = (r: Rebuild): [number, number] => (r.pasvPort !== null ? rangeAround(r.pasvPort, r.server) : [30000, 30049]);

const passivePortBlocked: Build = (r) => {
  if (r.mode !== "passive") return [];
  const base = baseScenario(r);
  const out: Candidate[] = [{ cause: "passive-port-blocked-at-server", setup: "a firewall on the server that lets in port 21 only", scenario: withServer(base, { firewall: "control-only" }) }];
  if (canBeNatted(r)) {
    // A router, cloud NAT or Docker host letting in port 21 only; the client reaches the public
    // address (it ignores or repairs the 227's private one), and the SYN to the passive port dies there.
    const place = placeOf(serverPrivate(r));
    out.push({
      cause: "passive-port-blocked-at-server",
      setup: `${place.words} that ${place.letsIn} port 21 only`,
      scenario: withClient(withServer(base, { ip: serverPrivate(r), nat: natIn(r, place, [21]) }), { pasvAddress: "ignore" }),
    });
    out.push({
      cause: "passive-port-blocked-at-server",
      setup: `${place.words} that ${place.letsIn} port 21 only, with the server announcing its public address`,
      scenario: withServer(base, { ip: serverPrivate(r), passiveAddress: r.serverIp, nat: natIn(r, place, [21]) }),
    });
  }
  return out;
};

/**
 * Where a server with this private address most likely runs (sim/scenario/setups.ts): Docker's
 * default bridge is 172.17.0.0/16, AWS's default VPC 172.31.0.0/16 and GCP's default network
 * 10.128.0.0/9; anything else, a NAT router.
 */
function placeOf(privateIp: string): { kind: NatKind; words: string; letsIn: string } {
  if (inCidr(privateIp, "172.17.0.0/16")) return { kind: "docker", words: `a Docker container (${privateIp}) whose host`, letsIn: "publishes" };
  if (inCidr(privateIp, "172.31.0.0/16") || inCidr(privateIp, "10.128.0.0/9")) return { kind: "cloud", words: `a cloud VM (${privateIp}, 1:1 NAT) whose security group`, letsIn: "allows" };
  return { kind: "router", words: "a NAT router in front of the server", letsIn: "forwards" };
}

function natIn(r: Rebuild, place: { kind: NatKind }, forward: Array<number | [number, number]>) {
  return { publicIp: r.serverIp, forward, ...(place.kind === "router" ? {} : { kind: place.kind }) };
}

const passivePrivateAddress: Build = (r) => {
  if (r.mode !== "passive" || r.extended) return [];
  const base = withClient(baseScenario(r), { pasvAddress: "use" });
  const out: Candidate[] = [];
  // Only where the log points at the address: a private one the server is not at, or the client's own complaint about it.
  const privateAnnounced = r.pasvIp !== null && isPrivateIp(r.pasvIp) && r.pasvIp !== r.serverIp;
  // A server on a LAN can hide behind NAT too: a container on it (Docker's 172.17.0.2) announces an address only its host reaches.
  if (privateAnnounced || (canBeNatted(r) && r.pasvSuspect && (r.pasvIp === null || isPrivateIp(r.pasvIp)))) {
    const range = passiveRange(r);
    const place = placeOf(serverPrivate(r));
    out.push({
      cause: "passive-private-address",
      setup: `${place.words} that ${place.letsIn} port 21 and the passive range, with the server announcing its private address`,
      scenario: withServer(base, { ip: serverPrivate(r), passivePorts: range, nat: natIn(r, place, [21, range]) }),
    });
  }
  if (r.pasvIp !== null && !isPrivateIp(r.pasvIp) && r.pasvIp !== r.serverIp) {
    // A wrong public address (an old pasv_address, another machine's) or 0.0.0.0.
    out.push({ cause: "passive-private-address", setup: `a server announcing ${r.pasvIp}, an address that is not its own`, scenario: withServer(base, { passiveAddress: r.pasvIp }) });
  }
  return out;
};

const activeBlockedAtClient: Build = (r) => {
  if (r.mode !== "active") return [];
  const base = baseScenario(r);
  const out: Candidate[] = [{ cause: "active-blocked-at-client", setup: "a stateful firewall on the client that drops new inbound connections", scenario: withClient(base, { firewall: "stateful" }) }];
  if (isPrivateIp(r.clientIp)) {
    // Behind a NAT router with no FTP helper: nothing forwards the server's SYN to the client.
    out.push({
      cause: "active-blocked-at-client",
      setup: "a NAT router in front of the client, and a server that connects to the address PORT names",
      scenario: withServer(withClient(base, { nat: { publicIp: r.clientSeenAs ?? STAND_IN.clientPublic } }), { allowForeignDataAddress: true }),
    });
    out.push({
      cause: "active-blocked-at-client",
      setup: "a NAT router in front of the client whose FTP helper rewrites PORT, and a firewall on the client",
      scenario: withClient(base, { nat: { publicIp: r.clientSeenAs ?? STAND_IN.clientPublic, ftpHelper: true }, firewall: "stateful" }),
    });
  }
  return out;
};

const activePortRefused: Build = (r) => {
  if (r.mode !== "active") return [];
  const base = baseScenario(r);
  if (isPrivateIp(r.clientIp)) {
    return [{ cause: "active-port-refused", setup: "a NAT router in front of the client: PORT names its private address, the server sees the public one", scenario: withClient(base, { nat: { publicIp: r.clientSeenAs ?? STAND_IN.clientPublic } }) }];
  }
  return [{ cause: "active-port-refused", setup: "a client announcing an address other than the one it connects from", scenario: withClient(withClient(base, { ip: STAND_IN.clientPrivate }), { advertise: { ip: r.clientIp } }) }];
};

const tlsHidesDataPort: Build = (r) => {
  if (!r.tls) return [];
  const base = baseScenario(r);
  if (r.mode === "passive") {
    const out: Candidate[] = [{ cause: "tls-hides-data-port", setup: "a server firewall that relies on the FTP conntrack helper to open the passive port", scenario: withServer(base, { firewall: CONTROL_WITH_HELPER }) }];
    if (canBeNatted(r)) {
      out.push({
        cause: "tls-hides-data-port",
        setup: "a NAT router whose FTP helper would rewrite the 227 and open the port, blinded by TLS",
        scenario: withServer(base, { ip: serverPrivate(r), nat: { publicIp: r.serverIp, forward: [21], ftpHelper: true } }),
      });
    }
    return out;
  }
  return [{ cause: "tls-hides-data-port", setup: "a client firewall that relies on the FTP conntrack helper to let the server's connection in", scenario: withClient(base, { firewall: "stateful+ftp-helper" }) }];
};

const dataConnectionRefused: Build = (r) => {
  const base = baseScenario(r);
  return r.mode === "passive"
    ? [{ cause: "data-connection-refused", setup: "a server firewall that rejects (REJECT) new connections to the passive port", scenario: withServer(base, { firewall: CONTROL_ONLY_REJECT }) }]
    : [{ cause: "data-connection-refused", setup: "a client firewall that rejects (REJECT) the server's connection", scenario: withClient(base, { firewall: STATEFUL_REJECT }) }];
};

const notNetwork: Build = (r) => [{ cause: "not-network", setup: "an open network: the data connection is not what fails", scenario: baseScenario(r) }];

const BUILDERS: readonly Build[] = [passivePortBlocked, passivePrivateAddress, activeBlockedAtClient, activePortRefused, tlsHidesDataPort, dataConnectionRefused, notNetwork];

export function candidatesOf(r: Rebuild): Candidate[] {
  return BUILDERS.flatMap((b) => b(r));
}
