/**
 * The network between the two hosts: the client, optionally behind its NAT router, the
 * internet, optionally the server's NAT router, and the server. A segment takes 10 ms end to
 * end (1 ms on each side's LAN, 8 ms between the routers). Each host's firewall filters what
 * arrives at it; a NAT router rewrites what crosses it; an address hidden behind a NAT router
 * cannot be reached from the other side.
 */
import { formatEndpoint } from "./addresses";
import type { Firewall } from "./firewall";
import { otherHost } from "./hosts";
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
  stack: TcpStack | null;
}

function describePacket(p: Packet): string {
  const what = describeFlags(p);
  return `${what === "data" ? "segment" : what} ${formatEndpoint(p.src)} → ${formatEndpoint(p.dst)}`;
}

function describeCheck(check: FirewallCheck): string {
  const rule = check.rule === null ? check.ruleText : `rule ${check.rule + 1}: ${check.ruleText}`;
  return `${check.firewall} firewall (${rule})`;
}

export class Network implements Wire {
  constructor(
    private readonly sites: Record<HostId, Site>,
    private readonly scheduler: Scheduler,
    private readonly trace: TraceWriter,
  ) {}

  /** The address the other side uses to reach `host`: its NAT's public address, or its own. */
  publicAddress(host: HostId): string {
    const site = this.sites[host];
    return site.nat ? site.nat.publicIp : site.ip;
  }

  transmit(from: HostId, packet: Packet): void {
    const site = this.sites[from];
    this.trace.emit({ type: "send", node: from, packet });
    site.firewall.outbound(packet);
    const to = this.sites[otherHost(from)];
    const nat = site.nat;
    if (nat) this.scheduler.after(LAN_MS, () => this.acrossInternet(nat.outbound(packet), to, LAN_MS));
    else this.acrossInternet(packet, to, 0);
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
