/**
 * Windows' ftp.exe (DOCUMENTED.md §3 cites each line). Not a program Debian ships: modelled from
 * Microsoft's documentation and published sessions, not checked.
 *
 * - Active mode only: it has no passive command, and `quote pasv` does not change the PORT it
 *   sends for the next transfer (learn.microsoft.com, windows-commands/ftp; user reports).
 * - PORT on IPv4 (EPRT only on IPv6); an ephemeral data port, not N+1 (captured sessions show
 *   2067, 2097, 2113, … for successive transfers).
 * - OPTS UTF8 ON right after the greeting (newer Windows); no TYPE for a listing (ASCII), and the
 *   lab's ftp.exe has been told `binary` before a file transfer (TYPE I).
 * - No timeout option: it waits for the server's verdict (425) on an active connection that
 *   never comes; Windows gives up a TCP connect after 21 s (two SYN retransmissions, 3 + 6 + 12 s).
 */
import type { ClientProfile } from "./client-profile";
import { typedVerbs } from "./client-profile";
import { CLIENT_NAMES } from "./program-names";

export const WINDOWS_FTP_PROFILE: ClientProfile = {
  software: "windows-ftp",
  ...CLIENT_NAMES["windows-ftp"],
  provenance: { kind: "documented", sources: ["learn.microsoft.com/windows-server/administration/windows-commands/ftp", "published ftp.exe sessions (DOCUMENTED.md §3)"] },
  defaults: { mode: "active", extended: false, pasvAddress: "use", activePort: "ephemeral", connectTimeoutMs: 21_000 },
  modes: ["active"],
  extended: { passive: false, active: false },
  tls: false,
  responseTimeoutMs: null,
  acceptTimeoutMs: null,
  conversation: { beforeLogin: ["OPTS UTF8 ON"], afterLogin: [], typeEveryTime: false, commandBeforeConnect: false, verbs: typedVerbs(null) },
  fallbacks: { epsvFailed: "classic", eprtRefused: "classic", pasvRefused: "fail", passiveConnectFailed: "fail", portRefused: "fail", reconnectDelayMs: 0 },
  messages: { silence: (s) => `No reply within ${s} s`, epsvDisabled: null, eprtDisabled: null, switchToPassive: null, switchToActive: null },
  log: "windows-ftp",
};
