/**
 * Three namespaces joined by veth pairs, as in shared/reference/README.md:
 *   client (client.ip/24)  ⇄  router (.1 of each /24, forwarding)  ⇄  server (server.ip/24)
 * With NAT the router also owns the public addresses: a client NAT's on the server side, a server
 * NAT's on the client side (see router.ts for what it does with them). The router has a blackhole
 * default route: a packet to an address nobody has is lost silently, as on the simulator's
 * Internet, instead of drawing an ICMP "unreachable".
 * Names: ftpr-<id>-{c,r,s}; veth names are v<id>{c,rc,rs,s} (≤ 15 characters, so id ≤ 10).
 */
import { run, runSync, nsRun } from "./sh";

export interface TopologyPlan {
  clientIp: string;
  serverIp: string;
  /** The client NAT's public address, owned by the router on the server's side. */
  clientPublic?: string | null;
  /** The server NAT's public address, owned by the router on the client's side. */
  serverPublic?: string | null;
}

export interface Topology extends Required<TopologyPlan> {
  id: string;
  client: string;
  router: string;
  server: string;
  clientGw: string;
  serverGw: string;
  /** Router interface names: towards the client, towards the server. */
  routerToClient: string;
  routerToServer: string;
}

function gatewayFor(ip: string): string {
  const p = ip.split(".").map(Number);
  const last = p[3] === 1 ? 254 : 1;
  return `${p[0]}.${p[1]}.${p[2]}.${last}`;
}

export const net24 = (ip: string) => `${ip.split(".").slice(0, 3).join(".")}.0/24`;

export function namesFor(id: string) {
  return { client: `ftpr-${id}-c`, router: `ftpr-${id}-r`, server: `ftpr-${id}-s` };
}

export async function createTopology(id: string, plan: TopologyPlan): Promise<Topology> {
  if (!/^[a-z0-9]{1,10}$/.test(id)) throw new Error(`bad topology id ${id}`);
  const { clientIp, serverIp } = plan;
  if (net24(clientIp) === net24(serverIp)) {
    throw new Error(`client ${clientIp} and server ${serverIp} share a /24: the router topology needs two networks`);
  }
  const n = namesFor(id);
  const vc = `v${id}c`, vrc = `v${id}rc`, vrs = `v${id}rs`, vs = `v${id}s`;
  const t: Topology = {
    id,
    ...n,
    clientIp,
    serverIp,
    clientPublic: plan.clientPublic ?? null,
    serverPublic: plan.serverPublic ?? null,
    clientGw: gatewayFor(clientIp),
    serverGw: gatewayFor(serverIp),
    routerToClient: vrc,
    routerToServer: vrs,
  } as Topology;
  await Promise.all(
    [t.client, t.router, t.server].map(async (ns) => {
      await run("ip", ["netns", "add", ns]);
      await nsRun(ns, "ip", ["link", "set", "lo", "up"]);
    }),
  );
  await run("ip", ["link", "add", vc, "netns", t.client, "type", "veth", "peer", "name", vrc, "netns", t.router]);
  await run("ip", ["link", "add", vs, "netns", t.server, "type", "veth", "peer", "name", vrs, "netns", t.router]);
  // One `ip -batch` per namespace: a few processes instead of a dozen.
  const batch = (ns: string, lines: string[]) => nsRun(ns, "ip", ["-batch", "-"], { input: lines.join("\n") + "\n" });
  await Promise.all([
    batch(t.client, [`addr add ${clientIp}/24 dev ${vc}`, `link set ${vc} up`, `route add default via ${t.clientGw}`]),
    batch(t.server, [`addr add ${serverIp}/24 dev ${vs}`, `link set ${vs} up`, `route add default via ${t.serverGw}`]),
    batch(t.router, [
      `addr add ${t.clientGw}/24 dev ${vrc}`,
      `addr add ${t.serverGw}/24 dev ${vrs}`,
      ...(t.serverPublic ? [`addr add ${t.serverPublic}/32 dev ${vrc}`] : []),
      ...(t.clientPublic ? [`addr add ${t.clientPublic}/32 dev ${vrs}`] : []),
      `link set ${vrc} up`,
      `link set ${vrs} up`,
      "route add blackhole default",
    ]),
  ]);
  await nsRun(t.router, "sysctl", ["-qw", "net.ipv4.ip_forward=1"]);
  return t;
}

/** SIGKILL every process in a namespace. Synchronous, for exit paths too. */
export function killAllIn(ns: string): void {
  // Only processes this harness started live in its namespaces (a curl cut short, vsftpd sessions).
  for (const pid of runSync("ip", ["netns", "pids", ns], { allowFail: true }).stdout.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/** Delete the namespaces of one id (their veths go with them). Never throws; synchronous so it also works on exit paths. */
export function destroyTopology(id: string): string[] {
  const errors: string[] = [];
  const n = namesFor(id);
  const existing = runSync("ip", ["netns", "list"], { allowFail: true }).stdout;
  for (const ns of [n.client, n.router, n.server]) {
    if (!new RegExp(`^${ns}(\\s|$)`, "m").test(existing)) continue;
    killAllIn(ns);
    const r = runSync("ip", ["netns", "del", ns], { allowFail: true });
    if (r.code !== 0) errors.push(`ip netns del ${ns}: ${r.stderr.trim()}`);
  }
  return errors;
}
