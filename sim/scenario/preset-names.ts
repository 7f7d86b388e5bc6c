/** The firewall presets of spec/scenario.md, by name (their rules are in presets.ts). Free of zod, for the browser. */
export const FIREWALL_PRESETS = ["open", "stateful", "stateful+ftp-helper", "control-only", "control+passive-range"] as const;

export type FirewallPreset = (typeof FIREWALL_PRESETS)[number];
