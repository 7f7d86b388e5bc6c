/**
 * What a server profile holds: only what differs between FTP server programs. The server machine
 * is one (sim/ftp/server-machine.ts); a profile parameterises it — the words of every reply, the
 * defaults a scenario leaves unwritten, how the program refuses what RFC 2577 §3 warns about, and
 * the name each setting has in the program's own configuration, so the lab can say "set
 * pasv_address" to a vsftpd admin and "MasqueradeAddress" to a ProFTPD one.
 */
import type { Endpoint } from "../net/addresses";
import type { Reply, ServerReplies } from "../ftp/replies";
import type { ServerSoftware } from "./names";
import type { ServerNames } from "./program-names";

/** How a profile was made: run against the real program (test/real), or written from its source and documentation. */
export type Provenance = { readonly kind: "checked"; readonly by: string } | { readonly kind: "documented"; readonly sources: readonly string[] };

/** The server settings a scenario may leave unwritten: the program's own defaults (as the lab's reference setups configure them). */
export interface ServerDefaults {
  readonly activeSourcePort: 20 | "ephemeral";
  readonly allowForeignDataAddress: boolean;
  readonly extended: boolean;
  readonly connectTimeoutMs: number;
  readonly acceptTimeoutMs: number;
}

/** The program's name for each setting the lab's knobs stand for. */
export interface ServerOptionNames {
  readonly passiveAddress: string;
  readonly passivePorts: string;
  readonly allowForeignDataAddress: string;
  readonly activeSourcePort: string;
  readonly connectTimeout: string;
  readonly acceptTimeout: string;
}

/** Its names and its timeouts' names come from program-names.ts (what the views read without the profile). */
export interface ServerProfile extends Omit<ServerNames, "options"> {
  readonly software: ServerSoftware;
  readonly provenance: Provenance;
  /** Its words, for a server listening on `ip` (ProFTPD's banner names its address). */
  replies(server: { readonly ip: string }): ServerReplies;
  readonly defaults: ServerDefaults;
  readonly options: ServerOptionNames;
  /** Anonymous is asked for a password (331) before it is let in. */
  readonly anonymousPassword: boolean;
  /** Its refusal of a PORT/EPRT target (RFC 2577 §3), null to accept; absent: vsftpd's rule and words. */
  readonly refuseDataAddress?: (verb: "PORT" | "EPRT", target: Endpoint, peerIp: string) => Reply | null;
  /** Where it actually connects for an accepted PORT/EPRT; absent: where the command says. */
  readonly dataTarget?: (target: Endpoint, peerIp: string) => Endpoint;
  /** Its last check of an accepted PORT/EPRT target at the transfer (a reply ends the session), null to connect; absent: vsftpd's. */
  readonly refuseConnect?: (target: Endpoint) => Reply | null;
  /** The address its 227 names from the configured one (null: none) and the control peer's; absent: the configured one. */
  readonly passiveAddressFor?: (configured: string | null, peerIp: string) => string | null;
}
