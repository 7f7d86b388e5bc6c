/**
 * The firewall presets of spec/scenario.md as rule lists, so one evaluator serves presets and
 * hand-written rules alike. They mirror the reference rulesets in shared/reference/rulesets.
 */
import type { PortSpec } from "../net/addresses";
import { FTP_CONTROL_PORT } from "../net/ftp-ports";
import type { FirewallConfig, FirewallRules } from "./schema";

const STATEFUL = { action: "accept", state: ["established", "related"] } as const;

export function resolveFirewall(config: FirewallConfig, passiveRange: PortSpec): FirewallRules {
  if (typeof config !== "string") return config;
  switch (config) {
    case "open":
      return { policy: "accept", rules: [], ftpHelper: false };
    case "stateful":
      return { policy: "drop", rules: [{ ...STATEFUL, state: [...STATEFUL.state] }], ftpHelper: false };
    case "stateful+ftp-helper":
      return { policy: "drop", rules: [{ ...STATEFUL, state: [...STATEFUL.state] }], ftpHelper: true };
    case "control-only":
      return { policy: "drop", rules: [{ ...STATEFUL, state: [...STATEFUL.state] }, { action: "accept", dport: FTP_CONTROL_PORT }], ftpHelper: false };
    case "control+passive-range":
      return {
        policy: "drop",
        rules: [
          { ...STATEFUL, state: [...STATEFUL.state] },
          { action: "accept", dport: FTP_CONTROL_PORT },
          { action: "accept", dport: typeof passiveRange === "number" ? passiveRange : [passiveRange[0], passiveRange[1]] },
        ],
        ftpHelper: false,
      };
  }
}
