/**
 * nftables rulesets from a scenario's firewall, written like shared/reference/rulesets/*.nft:
 * table inet ftpo, an input chain filtering what arrives, and with ftpHelper the "ftp-std" helper
 * attached to port 21 (client: output chain; server: prerouting chain). Presets are expanded here,
 * independently of the simulator, to the rules of spec/scenario.md.
 */
import type { FirewallConfig, FirewallRules, FirewallRule } from "../../sim/scenario/schema";
import { nsRun } from "./sh";

type PortSpec = number | [number, number];

const STATEFUL: FirewallRule = { action: "accept", state: ["established", "related"] };

/** `passiveRange`: the server's passive ports (its ephemeral range when the scenario sets none, as vsftpd.conf here does). */
export function expandPreset(config: FirewallConfig, passiveRange: readonly [number, number]): FirewallRules {
  if (typeof config !== "string") return config;
  switch (config) {
    case "open":
      return { policy: "accept", rules: [], ftpHelper: false };
    case "stateful":
      return { policy: "drop", rules: [STATEFUL], ftpHelper: false };
    case "stateful+ftp-helper":
      return { policy: "drop", rules: [STATEFUL], ftpHelper: true };
    case "control-only":
      return { policy: "drop", rules: [STATEFUL, { action: "accept", dport: 21 }], ftpHelper: false };
    case "control+passive-range":
      return { policy: "drop", rules: [STATEFUL, { action: "accept", dport: 21 }, { action: "accept", dport: [passiveRange[0], passiveRange[1]] }], ftpHelper: false };
  }
}

/** nftables' spelling of a port or a [low, high] range. */
export const ports = (p: number | readonly [number, number]) => (typeof p === "number" ? String(p) : `${p[0]}-${p[1]}`);

/** The "ftp-std" conntrack helper object, declared in a table before a rule attaches it. */
export const FTP_HELPER_OBJECT = ['\tct helper ftp-std {', '\t\ttype "ftp" protocol tcp', "\t\tl3proto inet", "\t}", ""];

function ruleLine(r: FirewallRule): string {
  const parts: string[] = [];
  if (r.saddr) parts.push(`ip saddr ${r.saddr}`);
  if (r.state) parts.push(`ct state ${r.state.join(",")}`);
  if (r.sport !== undefined) parts.push(`tcp sport ${ports(r.sport as PortSpec)}`);
  if (r.dport !== undefined) parts.push(`tcp dport ${ports(r.dport as PortSpec)}`);
  const verdict = r.action === "reject" ? "reject with tcp reset" : r.action;
  if (r.action === "reject") parts.unshift("meta l4proto tcp");
  return [...parts, verdict].join(" ");
}

/** The ruleset text for one host, or null when it needs none (policy accept, no rules, no helper). */
export function rulesetFor(side: "client" | "server", config: FirewallConfig, passiveRange: readonly [number, number]): string | null {
  const fw = expandPreset(config, passiveRange);
  if (fw.policy === "accept" && fw.rules.length === 0 && !fw.ftpHelper) return null;
  const lines = ["table inet ftpo {"];
  if (fw.ftpHelper) {
    lines.push(...FTP_HELPER_OBJECT);
    if (side === "client") {
      lines.push("\tchain out {", "\t\ttype filter hook output priority filter; policy accept;", '\t\ttcp dport 21 ct helper set "ftp-std"', "\t}", "");
    } else {
      lines.push("\tchain pre {", "\t\ttype filter hook prerouting priority filter; policy accept;", '\t\ttcp dport 21 ct helper set "ftp-std"', "\t}", "");
    }
  }
  const policy = fw.policy === "reject" ? "drop" : fw.policy;
  lines.push("\tchain input {", `\t\ttype filter hook input priority filter; policy ${policy};`, '\t\tiif "lo" accept');
  for (const r of fw.rules) lines.push(`\t\t${ruleLine(r)}`);
  if (fw.policy === "reject") lines.push("\t\tmeta l4proto tcp reject with tcp reset", "\t\treject");
  lines.push("\t}", "}");
  return lines.join("\n") + "\n";
}

export async function applyRuleset(ns: string, ruleset: string | null): Promise<void> {
  if (ruleset === null) return;
  await nsRun(ns, "nft", ["-f", "-"], { input: ruleset });
}
