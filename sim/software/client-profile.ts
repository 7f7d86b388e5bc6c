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

/**
 * What a client does with a 227 address it judges wrong when it was told to use the address
 * (pasvAddress "use"): connect to the control connection's host instead, and say so in its log.
 */
export interface PasvFix {
  /**
   * "private-mismatch": the 227 address and the control host are not both private or both public
   * (lftp's ftp:fix-pasv-address); "unroutable": the 227 address is private while the control
   * host is not (FileZilla's "unroutable address" substitution).
   */
  readonly when: "private-mismatch" | "unroutable";
  /** The program's own log line when it does. */
  readonly note: string;
}

export interface ClientProfile {
  readonly software: ClientSoftware;
  /** Its name in a sentence: "curl", "lftp". */
  readonly name: string;
  /** As the lab names it: "curl 7.88.1". */
  readonly label: string;
  readonly provenance: Provenance;
  readonly defaults: ClientDefaults;
  /** Its correction of a wrong 227 address, if it has one. */
  readonly pasvFix: PasvFix | null;
}
