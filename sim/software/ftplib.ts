/**
 * Python 3.11's ftplib as a typical script uses it (CLIENTS.md, 13 logs against vsftpd): login(),
 * then retrlines("LIST") / retrbinary("RETR …") / storbinary("STOR …"). Passive with PASV
 * (EPSV/EPRT only on IPv6 sockets); TYPE A or TYPE I before every transfer; no FEAT, SYST or PWD.
 * It ignores the 227 address (trust_server_pasv_ipv4_address = False) without a word. No
 * fallbacks: every failure is an exception. FTP() has no timeout: the kernel's connect timeout.
 */
import { KERNEL_CONNECT_TIMEOUT_MS, typedVerbs, type ClientProfile } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const FTPLIB_PROFILE: ClientProfile = {
  software: "ftplib",
  ...CLIENT_NAMES.ftplib,
  provenance: { kind: "checked", by: "test/real (Python 3.11 ftplib, in network namespaces)" },
  defaults: { mode: "passive", extended: false, pasvAddress: "ignore", activePort: "ephemeral", connectTimeoutMs: KERNEL_CONNECT_TIMEOUT_MS },
  modes: ["active", "passive"],
  extended: { passive: false, active: false },
  tls: true,
  responseTimeoutMs: null,
  acceptTimeoutMs: null,
  conversation: { beforeLogin: [], afterLogin: [], typeEveryTime: true, commandBeforeConnect: false, verbs: typedVerbs("A") },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "fail", portRefused: "fail", reconnectDelayMs: 0 },
  messages: { silence: () => "TimeoutError: timed out", epsvDisabled: null, eprtDisabled: null, switchToPassive: null, switchToActive: null },
  log: "ftplib",
};
