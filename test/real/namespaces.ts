/**
 * Three namespaces joined by veth pairs, as in shared/reference/README.md:
 *   client (client.ip/24)  ⇄  router (.1 of each /24, forwarding)  ⇄  server (server.ip/24)
 * Names: ftpr-<id>-{c,r,s}; veth names are v<id>{c,rc,rs,s} (≤ 15 characters, so id ≤ 10).
 */
import { run, nsRun } from "./sh";

export interface Topology {
  id: string;
  client: string;
  router: string;
  server: string;
  clientIp: string;
  serverIp: string;
  clientGw: string;
  serverGw: string;
}

function gatewayFor(ip: string): string {
  const p = ip.split(".").map(Number);
  const last = p[3] === 1 ? 254 : 1;
  return `${p[0]}.${p[1]}.${p[2]}.${last}`;
}

const net24 = (ip: string) => ip.split(".").slice(0, 3).join(".");

export function namesFor(id: string) {
  return { client: `ftpr-${id}-c`, router: `ftpr-${id}-r`, server: `ftpr-${id}-s` };
}

export function createTopology(id: string, clientIp: string, serverIp: string): Topology {
  if (!/^[a-z0-9]{1,10}$/.test(id)) throw new Error(`bad topology id ${id}`);
  if (net24(clientIp) === net24(serverIp)) {
    throw new Error(`client ${clientIp} and server ${serverIp} share a /24: the router topology needs two networks`);
  }
  const n = namesFor(id);
  const t: Topology = { id, ...n, clientIp, serverIp, clientGw: gatewayFor(clientIp), serverGw: gatewayFor(serverIp) };
  const vc = `v${id}c`, vrc = `v${id}rc`, vrs = `v${id}rs`, vs = `v${id}s`;
  for (const ns of [t.client, t.router, t.server]) {
    run("ip", ["netns", "add", ns]);
    nsRun(ns, "ip", ["link", "set", "lo", "up"]);
  }
  run("ip", ["link", "add", vc, "netns", t.client, "type", "veth", "peer", "name", vrc, "netns", t.router]);
  run("ip", ["link", "add", vs, "netns", t.server, "type", "veth", "peer", "name", vrs, "netns", t.router]);
  nsRun(t.client, "ip", ["addr", "add", `${clientIp}/24`, "dev", vc]);
  nsRun(t.client, "ip", ["link", "set", vc, "up"]);
  nsRun(t.client, "ip", ["route", "add", "default", "via", t.clientGw]);
  nsRun(t.server, "ip", ["addr", "add", `${serverIp}/24`, "dev", vs]);
  nsRun(t.server, "ip", ["link", "set", vs, "up"]);
  nsRun(t.server, "ip", ["route", "add", "default", "via", t.serverGw]);
  nsRun(t.router, "ip", ["addr", "add", `${t.clientGw}/24`, "dev", vrc]);
  nsRun(t.router, "ip", ["addr", "add", `${t.serverGw}/24`, "dev", vrs]);
  nsRun(t.router, "ip", ["link", "set", vrc, "up"]);
  nsRun(t.router, "ip", ["link", "set", vrs, "up"]);
  nsRun(t.router, "sysctl", ["-qw", "net.ipv4.ip_forward=1"]);
  return t;
}

/** Delete the namespaces of one id (their veths go with them). Never throws. */
export function destroyTopology(id: string): string[] {
  const errors: string[] = [];
  const n = namesFor(id);
  const existing = run("ip", ["netns", "list"], { allowFail: true }).stdout;
  for (const ns of [n.client, n.router, n.server]) {
    if (!new RegExp(`^${ns}(\\s|$)`, "m").test(existing)) continue;
    // Only processes this harness started live in its namespaces (a curl cut short, vsftpd sessions).
    for (const pid of run("ip", ["netns", "pids", ns], { allowFail: true }).stdout.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        /* gone */
      }
    }
    // Only processes this harness started live in its namespaces (a curl cut short, vsftpd sessions).
    for (const pid of run("ip", ["netns", "pids", ns], { allowFail: true }).stdout.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        /* gone */
      }
    }
    const r = run("ip", ["netns", "del", ns], { allowFail: true });
    if (r.code !== 0) errors.push(`ip netns del ${ns}: ${r.stderr.trim()}`);
  }
  return errors;
}
