/**
 * The console: no client program, the learner at a raw FTP prompt (a telnet to port 21 with a
 * data helper beside it). It reads the 220 greeting, then sends each of the scenario's commands
 * exactly as typed, one at a time, each after the complete reply to the last (RFC 959 §4.2: a
 * 1yz is followed by its final reply). No login, mode command or TYPE of its own; the data
 * connection is made as the learner's helper would make it (sim/ftp/console-session.ts), and
 * every reply is the server program's.
 *
 * The profile is what the rest of the lab reads about a client; most of it does not apply to the
 * console (sim/ftp/console-machine.ts runs it, not the client machine): no fallbacks, no words of
 * its own but its remarks on the data helper, no response timeout (a learner waits; the
 * scenario's time limit ends every session).
 */
import { KERNEL_CONNECT_TIMEOUT_MS, typedVerbs, type ClientProfile } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const CONSOLE_PROFILE: ClientProfile = {
  software: "console",
  ...CLIENT_NAMES.console,
  provenance: { kind: "documented", sources: ["RFC 959 §4.1–4.2 (commands as typed, replies)", "RFC 2428 §2–3 (EPRT, EPSV)"] },
  // The mode fields are the setup's, kept for a switch back to a program: the learner's commands choose.
  defaults: { mode: "passive", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: KERNEL_CONNECT_TIMEOUT_MS },
  modes: ["active", "passive"],
  extended: { passive: true, active: true },
  // AUTH TLS typed by hand gets its handshake (openssl s_client -starttls ftp does the same).
  tls: true,
  responseTimeoutMs: null,
  acceptTimeoutMs: null,
  conversation: { beforeLogin: [], afterLogin: [], typeEveryTime: false, commandBeforeConnect: true, verbs: typedVerbs(null) },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "fail", portRefused: "fail", reconnectDelayMs: 0 },
  messages: { silence: (s) => `No reply within ${s} s`, epsvDisabled: null, eprtDisabled: null, switchToPassive: null, switchToActive: null },
  log: "console",
};
