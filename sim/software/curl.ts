/**
 * curl 7.88.1 as Debian 12 ships it, run as the reference ran it: the lab's first client and every
 * scenario's default. `--disable-epsv` is the lab's default (PASV), EPSV the `extended` knob;
 * since 7.74 curl ignores the 227 address and reuses the control host (`--ftp-skip-pasv-ip`);
 * `--connect-timeout 3`. Its order is lib/ftp.c's state machine: PWD after login; per transfer
 * the mode command, the data connection, TYPE when it changes, SIZE before RETR, the command.
 */
import type { ClientProfile, VerbHabit } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

const afterConnect = (type: "A" | "I", size = false): VerbHabit => ({ type, before: [], afterConnect: size ? ["TYPE", "SIZE"] : ["TYPE"], after: [] });

export const CURL_PROFILE: ClientProfile = {
  software: "curl",
  ...CLIENT_NAMES.curl,
  provenance: { kind: "checked", by: "test/real (every scenario and lesson, curl 7.88.1 in network namespaces)" },
  defaults: { mode: "passive", extended: false, pasvAddress: "ignore", activePort: "ephemeral", connectTimeoutMs: 3000 },
  modes: ["active", "passive"],
  extended: { passive: true, active: true },
  tls: true,
  // lib/ftp.c RESP_TIMEOUT (measured: "server response timeout" 120 s after LIST).
  responseTimeoutMs: 120_000,
  // CURLOPT_ACCEPTTIMEOUT_MS's default.
  acceptTimeoutMs: 60_000,
  conversation: {
    beforeLogin: [],
    afterLogin: ["PWD"],
    typeEveryTime: false,
    commandBeforeConnect: false,
    verbs: { LIST: afterConnect("A"), NLST: afterConnect("A"), RETR: afterConnect("I", true), STOR: afterConnect("I"), APPE: afterConnect("I") },
  },
  // ftp_epsv_disable: a refused EPSV, or its failed connection, leads to PASV for the session.
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "pasv", portRefused: "fail", reconnectDelayMs: 0 },
  messages: {
    silence: (s) => `No reply from the server within ${s} s: giving up`,
    epsvDisabled: "Failed EPSV attempt. Disabling EPSV",
    eprtDisabled: "disabling EPRT usage",
    switchToPassive: null,
    switchToActive: null,
  },
  log: "curl",
};
