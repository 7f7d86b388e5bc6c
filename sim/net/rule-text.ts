/**
 * A firewall rule as `nft list ruleset` would print it: the firewall's trace records it and the
 * network view lists a host's rules with it. Apart from firewall.ts so that a view needs neither
 * conntrack nor the FTP helper to print a rule.
 */
import { formatPortSpec } from "./addresses";
import type { FirewallRule } from "../scenario/schema";

export function formatRule(rule: FirewallRule): string {
  const parts: string[] = [];
  if (rule.saddr) parts.push(`ip saddr ${rule.saddr}`);
  if (rule.state) parts.push(`ct state ${rule.state.join(",")}`);
  if (rule.sport !== undefined) parts.push(`tcp sport ${formatPortSpec(rule.sport)}`);
  if (rule.dport !== undefined) parts.push(`tcp dport ${formatPortSpec(rule.dport)}`);
  parts.push(rule.action === "reject" ? "reject with tcp reset" : rule.action);
  return parts.join(" ");
}
