/**
 * The router's nftables ruleset for a scenario's NAT, as Linux NAT routers are set up:
 *   - a client NAT masquerades the client's network to its public address (snat keeps the source
 *     port when it is free, as the simulator's NAT does);
 *   - a server NAT forwards its listed ports from its public address to the server (dnat) and
 *     masquerades the server's own outbound connections (active mode's port-20 SYN);
 *   - with ftpHelper the "ftp-std" conntrack helper is attached to port 21, so nf_nat_ftp rewrites
 *     PORT/EPRT/227/229 and opens the announced port (Linux ≥ 4.7 never attaches it by itself);
 *   - default deny: nothing reaches the router itself, and a network behind a NAT is reachable
 *     from outside only through a mapping (dnat/helper) or as a reply. A private address is
 *     therefore unreachable from outside, as the simulator's Internet says.
 */
import type { Scenario, NatConfig } from "../../sim/scenario/schema";
import { net24, type Topology } from "./namespaces";
import { FTP_HELPER_OBJECT, ports } from "./nft";

/** Why this scenario's NAT cannot be built on one router, or null. */
export function routerUnsupported(s: Scenario): string | null {
  const c = s.client.nat;
  const v = s.server.nat;
  if (c && v && c.ftpHelper !== v.ftpHelper) return "client and server NAT with different ftpHelper settings (one router carries both)";
  return null;
}

function guardInside(iface: string, insideNet: string): string[] {
  return [
    `\t\tiifname "${iface}" ip daddr ${insideNet} ct status dnat accept`,
    `\t\tiifname "${iface}" ip daddr ${insideNet} ct state established,related accept`,
    `\t\tiifname "${iface}" ip daddr ${insideNet} drop`,
  ];
}

export function routerRuleset(s: Scenario, t: Topology): string | null {
  const cn: NatConfig | null | undefined = s.client.nat;
  const sn: NatConfig | null | undefined = s.server.nat;
  if (!cn && !sn) return null;
  const helper = Boolean(cn?.ftpHelper || sn?.ftpHelper);
  const lines = ["table inet ftpn {"];
  if (helper) lines.push(...FTP_HELPER_OBJECT);
  lines.push("\tchain pre {", "\t\ttype nat hook prerouting priority dstnat; policy accept;");
  if (sn) {
    const fwd = sn.forward.map(ports);
    if (fwd.length) lines.push(`\t\tiifname "${t.routerToClient}" ip daddr ${sn.publicIp} tcp dport { ${fwd.join(", ")} } dnat ip to ${t.serverIp}`);
  }
  lines.push("\t}", "", "\tchain post {", "\t\ttype nat hook postrouting priority srcnat; policy accept;");
  if (cn) lines.push(`\t\toifname "${t.routerToServer}" ip saddr ${net24(t.clientIp)} snat ip to ${cn.publicIp}`);
  if (sn) lines.push(`\t\toifname "${t.routerToClient}" ip saddr ${net24(t.serverIp)} snat ip to ${sn.publicIp}`);
  lines.push("\t}", "");
  if (helper) {
    lines.push("\tchain helpers {", "\t\ttype filter hook prerouting priority filter; policy accept;", '\t\ttcp dport 21 ct helper set "ftp-std"', "\t}", "");
  }
  lines.push("\tchain forward {", "\t\ttype filter hook forward priority filter; policy accept;");
  if (cn) lines.push(...guardInside(t.routerToServer, net24(t.clientIp)));
  if (sn) lines.push(...guardInside(t.routerToClient, net24(t.serverIp)));
  lines.push("\t}", "", "\tchain input {", "\t\ttype filter hook input priority filter; policy drop;", "\t}", "}");
  return lines.join("\n") + "\n";
}
