/**
 * The hosts a scenario has, and each one's network settings, read one way everywhere: the client
 * and the server always; server B in a server-to-server transfer (scenario.fxp); the relay when
 * the server has one. The relay's firewall is what its `unmapped` says: nothing (its kernel
 * answers RST on a port nobody listens on) or an input chain that accepts only the mapped ports.
 * No zod: the browser reads it.
 */
import { LINUX_EPHEMERAL_PORTS } from "../net/addresses";
import type { HostId } from "../trace/events";
import type { FirewallConfig, NatConfig, RelayConfig, Scenario, ServerConfig } from "./schema";

/** The most ports a relay maps: a connector forwards a short list (the schema holds a scenario to it). */
export const MAX_RELAY_PORTS = 1024;

export interface HostConfig {
  readonly ip: string;
  readonly firewall: FirewallConfig;
  readonly nat: NatConfig | null;
  readonly ephemeralPorts: readonly [number, number];
}

/** The hosts of a scenario, in the order the network view lays them out. */
export function hostsOf(s: Scenario): readonly HostId[] {
  if (s.fxp) return ["client", "server", "server-b"];
  if (s.server.relay) return ["client", "relay", "server"];
  return ["client", "server"];
}

export const hasHost = (s: Scenario, host: HostId): boolean => hostsOf(s).includes(host);

/** The relay's input chain: none when it resets (the kernel answers), or with `unmapped: "drop"` nftables' policy drop after the mapped ports (the reference's ruleset). */
export function relayFirewall(relay: RelayConfig): FirewallConfig {
  // Nothing listens on an unmapped port and no rule filters: the kernel's RST answers it.
  if (relay.unmapped === "reset") return "open";
  return {
    policy: "drop",
    rules: [
      { action: "accept", state: ["established", "related"] },
      ...relay.ports.map((dport) => ({ action: "accept" as const, dport, comment: "mapped" })),
    ],
    ftpHelper: false,
  };
}

/** A server's own settings: the server's, or server B's. */
export function serverConfig(s: Scenario, host: "server" | "server-b"): ServerConfig {
  if (host === "server") return s.server;
  if (!s.fxp) throw new Error("this scenario has no server B");
  return s.fxp.server;
}

export function hostConfig(s: Scenario, host: HostId): HostConfig {
  switch (host) {
    case "client":
      return s.client;
    case "server":
    case "server-b":
      return serverConfig(s, host);
    case "relay": {
      const relay = s.server.relay;
      if (!relay) throw new Error("this scenario has no relay");
      return { ip: relay.ip, firewall: relayFirewall(relay), nat: null, ephemeralPorts: LINUX_EPHEMERAL_PORTS };
    }
  }
}

/** The passive range a host's firewall presets open ("control+passive-range"): the host's own, or the server's. */
export const passiveRangeOf = (s: Scenario, host: HostId): readonly [number, number] => (host === "server-b" ? serverConfig(s, host).passivePorts : s.server.passivePorts);
