/**
 * Whether a scenario gives the server a passive range of its own (vsftpd's pasv_min_port and
 * pasv_max_port) or leaves it to the default, the kernel's ephemeral range (spec/scenario.md).
 * toScenario resolves the default once, so `server.passivePorts` is always the range the server
 * listens on; where the lab speaks of "the passive range" as something the scenario chose (a
 * data port's kind, the NAT knobs that forward the range), it asks here. No zod: the browser
 * reads it.
 */
import type { Scenario } from "./schema";

/**
 * A range equal to the ephemeral one is what the default reads as once resolved, and it names no
 * port the ephemeral range does not: it counts as none.
 */
export function hasOwnPassiveRange(s: Scenario): boolean {
  const [low, high] = s.server.passivePorts;
  return low !== s.server.ephemeralPorts[0] || high !== s.server.ephemeralPorts[1];
}

/** The server's own passive range, or null when it listens on its ephemeral ports. */
export const ownPassiveRange = (s: Scenario): Scenario["server"]["passivePorts"] | null => (hasOwnPassiveRange(s) ? s.server.passivePorts : null);
