/**
 * lftp 4.9.2 as Debian 12 ships it (test/real/fixtures/software/CLIENTS.md, 16 logs against
 * vsftpd). Passive, PASV on IPv4 (EPSV only with ftp:prefer-epsv, never EPRT on IPv4); FEAT
 * before USER, PWD once logged in; LIST with no TYPE (ASCII assumed), RETR after TYPE I, SIZE,
 * MDTM, STOR after TYPE I and followed by SITE UTIME. ftp:fix-pasv-address replaces a private 227
 * address when the control host is public. A refused PORT or EPSV makes it switch modes — on a
 * new control connection, 15 s later (net:reconnect-interval-base). Its net:timeout (300 s) is
 * longer than the kernel's connect timeout, which ends a blocked data connection first.
 *
 * Left out: lftp retries a failed transfer until net:max-retries (1000 by default: for ever); the
 * lab's lftp gives up after the first failure, as `verify:real`'s runs with net:max-retries 2 end.
 */
import { KERNEL_CONNECT_TIMEOUT_MS, type ClientProfile, type VerbHabit } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

const ascii: VerbHabit = { type: null, before: [], afterConnect: [], after: [] };

export const LFTP_PROFILE: ClientProfile = {
  software: "lftp",
  ...CLIENT_NAMES.lftp,
  provenance: { kind: "checked", by: "test/real (lftp 4.9.2 from Debian 12, in network namespaces)" },
  defaults: { mode: "passive", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: KERNEL_CONNECT_TIMEOUT_MS },
  modes: ["active", "passive"],
  // ftp:prefer-epsv covers passive mode only: active mode is PORT on IPv4 whatever it says.
  extended: { passive: true, active: false },
  tls: true,
  responseTimeoutMs: 300_000,
  acceptTimeoutMs: 300_000,
  conversation: {
    beforeLogin: ["FEAT"],
    afterLogin: ["PWD"],
    typeEveryTime: false,
    commandBeforeConnect: false,
    verbs: {
      LIST: ascii,
      NLST: ascii,
      RETR: { type: "I", before: ["TYPE", "SIZE", "MDTM"], afterConnect: [], after: [] },
      STOR: { type: "I", before: ["TYPE"], afterConnect: [], after: ["SITE UTIME"] },
      APPE: { type: "I", before: ["TYPE"], afterConnect: [], after: [] },
    },
  },
  fallbacks: { epsvFailed: "reconnect", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "fail", portRefused: "reconnect", reconnectDelayMs: 15_000 },
  messages: {
    silence: () => "Timeout - reconnecting",
    epsvDisabled: "Switching passive mode off",
    eprtDisabled: null,
    switchToPassive: "Switching passive mode on",
    switchToActive: "Switching passive mode off",
  },
  log: "lftp",
};
