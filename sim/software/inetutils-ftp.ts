/**
 * GNU inetutils ftp 2.4 as Debian 12 ships it (CLIENTS.md, 14 logs against vsftpd). Active mode
 * with PORT by default (passive with -p; EPSV/EPRT only after `epsv4`); SYST before USER (vsftpd
 * answers 530); no TYPE of its own — the lab's inetutils ftp, like verify:real's, has been told
 * `binary` before a file transfer (TYPE I). A refused PORT is tried again as RFC 1639's LPRT, then
 * it gives up; a 227 address other than the control peer's gets "Passive mode address mismatch.",
 * ABOR and no data connection. No timeouts of its own.
 */
import { KERNEL_CONNECT_TIMEOUT_MS, typedVerbs, type ClientProfile } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const INETUTILS_FTP_PROFILE: ClientProfile = {
  software: "inetutils-ftp",
  ...CLIENT_NAMES["inetutils-ftp"],
  provenance: { kind: "checked", by: "test/real (inetutils-ftp 2.4 from Debian 12, in network namespaces)" },
  defaults: { mode: "active", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: KERNEL_CONNECT_TIMEOUT_MS },
  modes: ["active", "passive"],
  extended: { passive: true, active: true },
  tls: false,
  responseTimeoutMs: null,
  acceptTimeoutMs: null,
  conversation: { beforeLogin: ["SYST"], afterLogin: [], typeEveryTime: false, commandBeforeConnect: false, verbs: typedVerbs(null) },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "fail", portRefused: "lprt", reconnectDelayMs: 0 },
  messages: { silence: (s) => `No reply within ${s} s`, epsvDisabled: null, eprtDisabled: null, switchToPassive: null, switchToActive: null },
  log: "inetutils-ftp",
};
