/**
 * tnftp 20210827, the BSD ftp client as Debian 12 ships it (`bsd-ftp`; CLIENTS.md, 13 logs
 * against vsftpd). "passive auto": passive with EPSV first (epsv4 on), EPRT first in active mode;
 * USER, then SYST and FEAT; LIST with no TYPE, RETR after TYPE I and SIZE with MDTM after it,
 * STOR after TYPE I. A refused EPSV/EPRT falls back to PASV/PORT ("disabling epsv4 for this
 * connection", RFC 2428); a passive data connection that cannot be made falls back to active
 * mode in the same session. It uses a 227 address only when it is the control peer's (RFC 2577
 * §3's advice, taken by a client): "Passive mode address mismatch." and no data connection.
 * No connect timeout of its own (the kernel's); a reply it waits 60 s for at most.
 */
import { KERNEL_CONNECT_TIMEOUT_MS, type ClientProfile, type VerbHabit } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

const ascii: VerbHabit = { type: null, before: [], afterConnect: [], after: [] };
const binary: VerbHabit = { type: "I", before: ["TYPE"], afterConnect: [], after: [] };

export const BSD_FTP_PROFILE: ClientProfile = {
  software: "bsd-ftp",
  ...CLIENT_NAMES["bsd-ftp"],
  provenance: { kind: "checked", by: "test/real (tnftp 20210827 from Debian 12, in network namespaces)" },
  defaults: { mode: "passive", extended: true, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: KERNEL_CONNECT_TIMEOUT_MS },
  modes: ["active", "passive"],
  extended: { passive: true, active: true },
  tls: false,
  // getreply() arms alarmtimer(quit_time ? quit_time : 60): a server silent for 60 s ends the
  // session with tnftp's own 421 (measured against ProFTPD and Pure-FTPd, whose 425 comes at 134 s).
  responseTimeoutMs: 60_000,
  acceptTimeoutMs: null,
  conversation: {
    beforeLogin: [],
    afterLogin: ["SYST", "FEAT"],
    typeEveryTime: false,
    commandBeforeConnect: false,
    verbs: { LIST: ascii, NLST: ascii, RETR: { type: "I", before: ["TYPE", "SIZE"], afterConnect: [], after: ["MDTM"] }, STOR: binary, APPE: binary },
  },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "active", passiveConnectFailed: "active", portRefused: "fail", reconnectDelayMs: 0 },
  messages: {
    silence: () => "421 Service not available, remote server timed out. Connection closed.",
    epsvDisabled: "disabling epsv4 for this connection",
    eprtDisabled: "disabling epsv4 for this connection",
    switchToPassive: null,
    switchToActive: null,
  },
  log: "bsd-ftp",
};
