/**
 * WinSCP's FTP engine (a fork of FileZilla 2's; DOCUMENTED.md §2 cites each line). Not a program
 * Debian ships: modelled from its source and documentation, not checked.
 *
 * - Passive ("FtpPasvMode = true", source/core/SessionData.cpp) with PASV on IPv4 (EPSV on IPv6
 *   only, source/filezilla/FtpControlSocket.cpp).
 * - SYST, FEAT after login, then PWD; TYPE A before a listing, TYPE I before a file; the transfer
 *   command right after the 227, the data connection meanwhile (the Far-NetBox log in DOCUMENTED.md).
 * - "Force IP address for passive mode connections: Auto": an unroutable 227 address (0/8 included)
 *   while the control host is routable is replaced: "Server sent passive reply with unroutable
 *   address {address}, using host address instead." (CheckForcePasvIp, IsRoutableAddress).
 * - A refused PASV or PORT switches once to the other mode (ParsePasvPort).
 * - Timeout 15 s: "Timeout detected. (control connection)" / "(data connection)".
 */
import type { ClientProfile } from "./client-profile";
import { typedVerbs } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const WINSCP_PROFILE: ClientProfile = {
  software: "winscp",
  ...CLIENT_NAMES.winscp,
  provenance: { kind: "documented", sources: ["WinSCP source: source/filezilla/FtpControlSocket.cpp, source/core/SessionData.cpp, source/core/SessionInfo.cpp", "winscp.net/eng/docs/ui_login_connection"] },
  defaults: { mode: "passive", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: 15_000 },
  modes: ["active", "passive"],
  extended: { passive: false, active: false },
  tls: true,
  responseTimeoutMs: 15_000,
  acceptTimeoutMs: 15_000,
  conversation: { beforeLogin: [], afterLogin: ["SYST", "FEAT", "PWD"], typeEveryTime: false, commandBeforeConnect: true, verbs: typedVerbs("A") },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "active", passiveConnectFailed: "fail", portRefused: "passive", reconnectDelayMs: 0 },
  messages: {
    silence: () => "Timeout detected. (control connection)",
    epsvDisabled: null,
    eprtDisabled: null,
    switchToPassive: null,
    switchToActive: null,
  },
  log: "winscp",
};
