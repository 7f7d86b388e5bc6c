/**
 * What a client profile holds: only what differs between FTP client programs. The client machine
 * is one (sim/ftp/client-machine.ts); a profile parameterises it — the defaults a scenario leaves
 * unwritten (its mode, whether it starts with EPSV/EPRT, what it does with the 227 address, its
 * timeouts, where it listens in active mode) and the name the lab gives it.
 */
import type { ClientSoftware } from "./names";
import type { Provenance } from "./server-profile";

export interface ClientDefaults {
  readonly mode: "active" | "passive";
  readonly extended: boolean;
  /** RFC 959 §4.1.2: "use" connects to the 227 address; "ignore" reuses the control connection's host. */
  readonly pasvAddress: "use" | "ignore";
  readonly activePort: "ephemeral" | "n+1";
  readonly connectTimeoutMs: number;
}

export interface ClientProfile {
  readonly software: ClientSoftware;
  /** As the lab names it: "curl 7.88.1". */
  readonly label: string;
  readonly provenance: Provenance;
  readonly defaults: ClientDefaults;
}
