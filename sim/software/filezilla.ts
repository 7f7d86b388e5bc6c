/**
 * FileZilla 3 (read at 3.62.0; test/real/fixtures/software/DOCUMENTED.md §1 cites each line).
 * Not a program Debian ships here: modelled from its source and documentation, not checked.
 *
 * - Passive with PASV ("Use Pasv mode" 1); EPSV/EPRT only on IPv6 (src/engine/ftp/rawtransfer.cpp
 *   GetPassiveCommand), so `extended` has nothing to change on IPv4.
 * - SYST and FEAT after login, PWD before the first listing, TYPE I before every transfer when
 *   the last TYPE was not I (rawtransfer.cpp, list.cpp, filetransfer.cpp); SIZE/MDTM come from
 *   the listing, so a download asks neither.
 * - The transfer command goes out right after the 227 and the data connection is opened
 *   meanwhile (rawtransfer.cpp: SetupPassiveTransfer in rawtransfer_transfer).
 * - A 227 address in 10/8, 172.16/12, 192.168/16, 127/8 or 169.254/16 while the control host is
 *   not: "Server sent passive reply with unroutable address. Using server address instead."
 *   (rawtransfer.cpp l.373-390; libfilezilla iputils.cpp is_routable_address: 0.0.0.0 counts as
 *   routable, and is dialled).
 * - "Allow transfermode fallback" (default on): a refused PASV or PORT switches once to the other
 *   mode, silently; a data connection that fails after a good 227 is an error, not a fallback.
 * - "Timeout" 20 s of inactivity on the control and data connections: "Connection timed out after
 *   20 seconds of inactivity" and the control connection is closed (controlsocket.cpp OnTimer).
 */
import type { ClientProfile } from "./client-profile";
import { typedVerbs } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const FILEZILLA_PROFILE: ClientProfile = {
  software: "filezilla",
  ...CLIENT_NAMES.filezilla,
  provenance: { kind: "documented", sources: ["FileZilla 3.62.0 source: src/engine/ftp/rawtransfer.cpp, src/engine/controlsocket.cpp, src/engine/engine_options.cpp", "libfilezilla 0.35 lib/iputils.cpp"] },
  defaults: { mode: "passive", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: 20_000 },
  modes: ["active", "passive"],
  extended: { passive: false, active: false },
  tls: true,
  responseTimeoutMs: 20_000,
  acceptTimeoutMs: 20_000,
  conversation: { beforeLogin: [], afterLogin: ["SYST", "FEAT", "PWD"], typeEveryTime: false, commandBeforeConnect: true, verbs: typedVerbs("I") },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "active", passiveConnectFailed: "fail", portRefused: "passive", reconnectDelayMs: 0 },
  messages: {
    silence: (s) => `Connection timed out after ${s} seconds of inactivity`,
    epsvDisabled: null,
    eprtDisabled: null,
    switchToPassive: null,
    switchToActive: null,
  },
  log: "filezilla",
};
