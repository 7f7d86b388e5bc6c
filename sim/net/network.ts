/**
 * The network between the hosts: the client, optionally behind its NAT router, the internet,
 * optionally the server's NAT router, and the server (and server B, in a server-to-server
 * transfer). A segment takes 10 ms end to end (1 ms on each side's LAN, 8 ms between the
 * routers). Each host's firewall filters what arrives at it; a NAT router rewrites what crosses
 * it; an address hidden behind a NAT router cannot be reached from outside.
 *
 * A relay (a connector, a TCP proxy) is a host of its own in front of the server: the server's
 * LAN is behind it, 1 ms away. The relay is no router (net.ipv4.ip_forward=0): it terminates
 * connections on its own ports and opens new ones to the server (relay.ts), and a packet for an
 * address behind it, or from the server to anywhere but the relay, goes no further (the
 * reference: Linux discards such a packet without an ICMP error, so the sender times out).
 */
import { formatEndpoint } from "./addresses";
import type { Firewall } from "./firewall";
import { HOST_NAMES } from "./hosts";
import type { NatRouter } from "./nat";
import { natHiddenAddress } from "./nat-kinds";
import { describeFlags, type Packet } from "./packet";
import type { TcpStack, Wire } from "./tcp";
import type { Scheduler } from "../scheduler";
import type { FirewallCheck, HostId, NodeId, TraceWriter } from "../trace/events";

const LAN_MS = 1;
const WAN_MS = 8;

export interface Site {
  readonly host: HostId;
  readonly ip: string;
  readonly firewall: Firewall;
  readonly nat: NatRouter | null;
  /** The relay this host sits behind: only the relay reaches it, and it reaches only the relay. */
  readonly behind?: HostId;
  stack: TcpStack | null;
}

function describePacket(p: Packet): string {
  const what = describeFlags(p);
  return `${what === "data" ? "segment" : what} ${formatEndpoint(p.src)} → ${formatEndpoint(p.dst)}`;
}

function describeCheck(check: FirewallCheck): string {
  const rule = check.rule === null ? check.ruleText : `rule ${check.rule + 1}: ${check.ruleText}`;
  return `${HOST_NAMES[check.firewall]} firewall (${rule})`;
}

/** The address others use to reach a site: its NAT's public address, or its own. */
const reachableAt = (site: Site): string => (site.nat ? site.nat.publicIp : site.ip);

export class Network implements Wire {
  private readonly sites: Partial<Record<HostId, Site>>;
  /** Each site's possible receivers, in the order the scenario lists the hosts. */
  private readonly peers: Partial<Record<HostId, readonly Site[]>> = {};
  /** The hosts behind a relay (none in most sessions). */
  private readonly relayed: readonly Site[];

  constructor(
    sites: readonly Site[],
    private readonly scheduler: Scheduler,
    private readonly trace: TraceWriter,
  ) {
    this.sites = Object.fromEntries(sites.map((s) => [s.host, s]));
    for (const s of sites) this.peers[s.host] = sites.filter((o) => o !== s);
    this.relayed = sites.filter((s) => s.behind !== undefined);
  }

  private site(host: HostId): Site {
    const site = this.sites[host];
    if (!site) throw new Error(`the network has no ${host} host`);
    return site;
  }

  /** The address the other side uses to reach `host`: its relay's, its NAT's public address, or its own. */
  publicAddress(host: HostId): string {
    const site = this.site(host);
    return site.behind ? this.publicAddress(site.behind) : reachableAt(site);
  }

  transmit(from: HostId, packet: Packet): void {
    const site = this.site(from);
    this.trace.emit({ type: "send", node: from, packet });
    site.firewall.outbound(packet);
    if (site.behind) {
      this.fromBehindRelay(packet, this.site(site.behind));
      return;
    }
    const relayed = this.behindRelay(packet.dst.ip);
    if (relayed?.behind === from) {
      this.scheduler.after(LAN_MS, () => this.arrive(packet, relayed));
      return;
    }
    if (relayed) {
      this.toRelay(packet, relayed, from);
      return;
    }
    const to = this.receiver(from, packet.dst.ip);
    const nat = site.nat;
    if (nat) this.scheduler.after(LAN_MS, () => this.acrossInternet(nat.outbound(packet), to, LAN_MS));
    else this.acrossInternet(packet, to, 0);
  }

  /**
   * Who gets a packet for `ip`: the host (or NAT router) at that address, else the host whose
   * private address it is (the drop says so), else the first other host (the drop says no host
   * has it). With two hosts that is always the other one.
   */
  private receiver(from: HostId, ip: string): Site {
    const peers = this.peers[from]!;
    return peers.find((s) => !s.behind && reachableAt(s) === ip) ?? peers.find((s) => s.nat !== null && s.ip === ip) ?? peers[0]!;
  }

  /** The host behind a relay that has address `ip`. */
  private behindRelay(ip: string): Site | null {
    for (const s of this.relayed) if (s.ip === ip) return s;
    return null;
  }

  /** The relay and the host behind it share a LAN: 1 ms, and nothing else gets in or out that way. */
  private fromBehindRelay(p: Packet, relay: Site): void {
    if (p.dst.ip === relay.ip) {
      this.scheduler.after(LAN_MS, () => this.arrive(p, relay));
      return;
    }
    const reason = `the relay forwards no packets (it is not a router): ${describePacket(p)} is lost`;
    this.scheduler.after(LAN_MS, () => this.trace.emit({ type: "drop", node: relay.host, packet: p, check: null, reason }));
  }

  /** A packet sent across the internet to an address on the relay's inside network reaches the relay, which discards it. */
  private toRelay(p: Packet, behind: Site, from: HostId): void {
    const relay = behind.behind!;
    const delay = (this.site(from).nat ? LAN_MS : 0) + LAN_MS + WAN_MS;
    const reason = `${p.dst.ip} is on the ${HOST_NAMES[relay]}'s inside network and the ${HOST_NAMES[relay]} forwards no packets (it is not a router): ${describePacket(p)} is lost`;
    this.scheduler.after(delay, () => this.trace.emit({ type: "drop", node: relay, packet: p, check: null, reason }));
  }

  private acrossInternet(p: Packet, to: Site, elapsed: number): void {
    const toNat = to.nat;
    if (toNat && p.dst.ip === toNat.publicIp) {
      this.scheduler.after(LAN_MS + WAN_MS - elapsed, () => {
        const result = toNat.inbound(p);
        if (!result.ok) {
          this.trace.emit({ type: "drop", node: toNat.id, packet: p, check: null, reason: `${result.reason}: ${describePacket(p)} dropped` });
          return;
        }
        this.scheduler.after(LAN_MS, () => this.arrive(result.packet, to));
      });
      return;
    }
    if (!toNat && p.dst.ip === to.ip) {
      this.scheduler.after(2 * LAN_MS + WAN_MS - elapsed, () => this.arrive(p, to));
      return;
    }
    const reason =
      toNat && p.dst.ip === to.ip
        ? `${p.dst.ip} is ${natHiddenAddress(toNat.kind, to.host)}: unreachable from outside, ${describePacket(p)} is lost`
        : `no host has the address ${p.dst.ip}: ${describePacket(p)} is lost`;
    this.scheduler.after(WAN_MS / 2, () => this.trace.emit({ type: "drop", node: "network", packet: p, check: null, reason }));
  }

  private arrive(p: Packet, site: Site): void {
    const check = site.firewall.inbound(p);
    if (check.verdict === "accept") {
      this.trace.emit({ type: "deliver", node: site.host, packet: p, check });
      site.stack?.receive(p);
      return;
    }
    const verb = check.verdict === "drop" ? "dropped" : "rejected";
    this.trace.emit({ type: "drop", node: site.host, packet: p, check, reason: `${describeCheck(check)} ${verb} ${describePacket(p)}` });
    // nft "reject with tcp reset": the host answers in the name of the port it protects.
    if (check.verdict === "reject" && !p.flags.includes("RST")) site.stack?.resetFor(p);
  }
}

export type { NodeId };
