/**
 * The namespaces of the multi-host captures (issue 18), named ftpm-<id>-<role>:
 *
 * - a LAN: one bridge in a namespace of its own (role "l") and every host on it by a veth pair,
 *   all in one /24 (FXP: the client and servers A and B, RFC 959 §2.3 figure 2);
 * - a relay chain: client ⇄ relay ⇄ server on two veth links, the relay owning a virtual address
 *   on the client's side (what the client dials) and forwarding nothing by itself: only the
 *   ports its socat processes map (relay.ts) reach the server. How it treats a packet for the
 *   server's network is the plan's `forward`: "off" (ip_forward=0: the kernel's own way, which is
 *   to drop it without a word), "drop" (forwarding on, an nftables forward chain dropping
 *   everything) or "reject" (the same chain answering ICMP host unreachable).
 *
 * Veth names are m<id><role> and m<id><role>x (≤ 15 characters: id ≤ 10). Nothing here touches
 * the host's own network namespace.
 */
import { run, runSync, nsRun } from "../sh";
import { killAllIn } from "../namespaces";

export const nsName = (id: string, role: string) => `ftpm-${id}-${role}`;

function checkId(id: string): void {
  if (!/^[a-z0-9]{1,10}$/.test(id)) throw new Error(`bad topology id ${id}`);
}

const batch = (ns: string, lines: string[]) => nsRun(ns, "ip", ["-batch", "-"], { input: lines.join("\n") + "\n" });

async function addNamespace(ns: string): Promise<void> {
  await run("ip", ["netns", "add", ns]);
  await nsRun(ns, "ip", ["link", "set", "lo", "up"]);
}

export interface Lan {
  id: string;
  /** Role → namespace. */
  ns: Record<string, string>;
  /** Role → address. */
  ip: Record<string, string>;
  /** Every namespace made, the bridge's included (for cleanup and the watchdog). */
  namespaces: string[];
}

/** Hosts by role ("c", "a", "b": one letter each) with their addresses, all in one /24 on a bridge. */
export async function createLan(id: string, hosts: Record<string, string>): Promise<Lan> {
  checkId(id);
  const sw = nsName(id, "l");
  const lan: Lan = { id, ns: {}, ip: { ...hosts }, namespaces: [sw] };
  for (const role of Object.keys(hosts)) {
    if (!/^[a-z]$/.test(role) || role === "l") throw new Error(`bad role ${role}`);
    lan.ns[role] = nsName(id, role);
    lan.namespaces.push(lan.ns[role]!);
  }
  await Promise.all(lan.namespaces.map(addNamespace));
  await nsRun(sw, "ip", ["link", "add", "br0", "type", "bridge"]);
  for (const [role, ip] of Object.entries(hosts)) {
    const inside = `m${id}${role}`;
    const port = `m${id}${role}x`;
    await run("ip", ["link", "add", inside, "netns", lan.ns[role]!, "type", "veth", "peer", "name", port, "netns", sw]);
    await batch(lan.ns[role]!, [`addr add ${ip}/24 dev ${inside}`, `link set ${inside} up`]);
    await batch(sw, [`link set ${port} master br0`, `link set ${port} up`]);
  }
  await nsRun(sw, "ip", ["link", "set", "br0", "up"]);
  return lan;
}

export interface RelayPlan {
  clientIp: string;
  /** The relay's own address on the client's link (the client's gateway). */
  relayClientIp: string;
  /** The address the client dials: the relay's "virtual host", a /32 on the client's link. */
  virtualIp: string;
  relayServerIp: string;
  serverIp: string;
  /** What the relay does with a packet for the server's network that is not one of its mappings. */
  forward: "off" | "drop" | "reject";
}

export interface RelayChain extends RelayPlan {
  id: string;
  client: string;
  relay: string;
  server: string;
  namespaces: string[];
}

/** The relay's forward chain: none ("off": forwarding disabled), drop everything, or reject with ICMP host unreachable. */
export function forwardRuleset(forward: RelayPlan["forward"]): string | null {
  if (forward === "off") return null;
  const verdict = forward === "drop" ? "" : "\n\t\treject with icmp type host-unreachable";
  return `table inet ftpmrelay {
\tchain forward {
\t\ttype filter hook forward priority filter; policy drop;${verdict}
\t}
}
`;
}

export const FORWARDING: Record<RelayPlan["forward"], string> = {
  off: "net.ipv4.ip_forward=0 (a host, not a router)",
  drop: "net.ipv4.ip_forward=1, nftables forward chain: policy drop",
  reject: "net.ipv4.ip_forward=1, nftables forward chain: reject with icmp type host-unreachable",
};

export async function createRelayChain(id: string, plan: RelayPlan): Promise<RelayChain> {
  checkId(id);
  const t: RelayChain = { ...plan, id, client: nsName(id, "c"), relay: nsName(id, "r"), server: nsName(id, "s"), namespaces: [] };
  t.namespaces = [t.client, t.relay, t.server];
  await Promise.all(t.namespaces.map(addNamespace));
  const vc = `m${id}c`, vrc = `m${id}rc`, vrs = `m${id}rs`, vs = `m${id}s`;
  await run("ip", ["link", "add", vc, "netns", t.client, "type", "veth", "peer", "name", vrc, "netns", t.relay]);
  await run("ip", ["link", "add", vs, "netns", t.server, "type", "veth", "peer", "name", vrs, "netns", t.relay]);
  await Promise.all([
    batch(t.client, [`addr add ${plan.clientIp}/24 dev ${vc}`, `link set ${vc} up`, `route add default via ${plan.relayClientIp}`]),
    batch(t.server, [`addr add ${plan.serverIp}/24 dev ${vs}`, `link set ${vs} up`, `route add default via ${plan.relayServerIp}`]),
    batch(t.relay, [
      `addr add ${plan.relayClientIp}/24 dev ${vrc}`,
      `addr add ${plan.virtualIp}/32 dev ${vrc}`,
      `addr add ${plan.relayServerIp}/24 dev ${vrs}`,
      `link set ${vrc} up`,
      `link set ${vrs} up`,
    ]),
  ]);
  const ruleset = forwardRuleset(plan.forward);
  if (ruleset) {
    await nsRun(t.relay, "nft", ["-f", "-"], { input: ruleset });
    await nsRun(t.relay, "sysctl", ["-qw", "net.ipv4.ip_forward=1"]);
  } else {
    await nsRun(t.relay, "sysctl", ["-qw", "net.ipv4.ip_forward=0"]);
  }
  return t;
}

/** Kill what runs in the namespaces and delete them. Never throws; synchronous (exit paths too). */
export function destroyNamespaces(namespaces: readonly string[]): string[] {
  const errors: string[] = [];
  const existing = runSync("ip", ["netns", "list"], { allowFail: true }).stdout;
  for (const ns of namespaces) {
    if (!new RegExp(`^${ns}(\\s|$)`, "m").test(existing)) continue;
    killAllIn(ns);
    const r = runSync("ip", ["netns", "del", ns], { allowFail: true });
    if (r.code !== 0) errors.push(`ip netns del ${ns}: ${r.stderr.trim()}`);
  }
  return errors;
}
