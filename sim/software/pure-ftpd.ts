/**
 * Pure-FTPd 1.0.50 as Debian 12 ships it, its words as it answered curl 7.88.1 and Python's
 * ftplib in the lab's namespaces (test/real/servers/pure-ftpd.ts; fixtures in
 * test/real/fixtures/software/pure-ftpd.txt). What differs from vsftpd:
 * - a six-line banner, and chatty replies: "257 "/" is your current location", "200 Zzz...";
 * - 150 says how the data connection came: "Accepted data connection" (passive) or
 *   "Connecting to port 51925" (active) — sent once the connection is open, as vsftpd does;
 * - 226 comes in two lines: the listing's "Options: -l" and "1 matches total", a file's
 *   "File successfully transferred" and the measured speed (its numbers vary from run to run);
 * - a PORT to another address: "500 I won't open a connection to 10.99.1.11 (only to
 *   10.99.1.10)"; to a port below 1024: "501 Sorry, but I won't connect to ports < 1024" (RFC 2577 §3);
 * - no 227 trailing dot, and EPRT is answered "200 PORT command successful".
 */
import { FTP_DATA_PORT } from "../net/ftp-ports";
import { VSFTPD_REPLIES, reply, type Reply, type ServerReplies } from "../ftp/replies";
import type { ServerProfile } from "./server-profile";
import { SERVER_NAMES } from "./program-names";

const lines = (code: number, ...texts: string[]): Reply => ({
  code,
  text: texts.map((t, i) => `${code}${i < texts.length - 1 ? "-" : " "}${t}`).join("\r\n"),
});

/** Its speed line: the real server measures the transfer; the lab writes 1 ms, a LAN's order of magnitude. */
const measured = (bytes: number) => `0.001 seconds (measured here), ${(bytes / 1024 / 0.001).toFixed(2)} Kbytes per second`;

const PURE_FTPD_REPLIES: ServerReplies = {
  ...VSFTPD_REPLIES,
  greeting: lines(
    220,
    "--------- Welcome to Pure-FTPd [privsep] [TLS] ----------",
    "You are user number 1 of 25 allowed.",
    "Local time is now 00:00. Server port: 21.",
    "IPv6 connections are also welcome on this server.",
    "You will be disconnected after 15 minutes of inactivity.",
  ),
  loginIncorrect: reply(530, "Login authentication failed"),
  syst: reply(215, "UNIX Type: L8"),
  pwd: reply(257, '"/" is your current location'),
  typeAscii: reply(200, "TYPE is now ASCII"),
  typeBinary: reply(200, "TYPE is now 8-bit binary"),
  modeOk: reply(200, "S OK"),
  struOk: reply(200, "F OK"),
  portOk: reply(200, "PORT command successful"),
  eprtOk: reply(200, "PORT command successful"),
  sizeMissing: reply(550, "Can't check for file existence"),
  mdtmMissing: reply(550, "Can't check for file existence"),
  noop: reply(200, "Zzz..."),
  // Measured: inetutils ftp's ABOR after a refused 227 address (fixtures/software/clients).
  noTransferToAbort: reply(226, "Since you see this ABOR must've succeeded"),
  goodbye: lines(221, "Goodbye. You uploaded 0 and downloaded 0 kbytes.", "Logout."),
  passive: (hostPort) => reply(227, `Entering Passive Mode (${hostPort})`),
  extendedPassive: (port) => reply(229, `Extended Passive mode OK (|||${port}|)`),
  passwordFor: (user) => reply(331, `User ${user} OK. Password required`),
  loggedIn: (_user, anonymous) => (anonymous ? reply(230, "Anonymous user logged in") : reply(230, "OK. Current restricted directory is /")),
  naming: {
    cwdFailed: (dir) => reply(550, `Can't change directory to ${dir}: No such file or directory`),
    failedToOpen: (name) => reply(550, `Can't open ${name}: No such file or directory`),
    sizeMissing: () => reply(550, "Can't check for file existence"),
  },
  transferWords: {
    opening: (t) => reply(150, t.activePort === null ? "Accepted data connection" : `Connecting to port ${t.activePort}`),
    completion: (t) =>
      t.verb === "LIST" || t.verb === "NLST" ? lines(226, "Options: -l ", `${t.entries} matches total`) : lines(226, "File successfully transferred", measured(t.bytes)),
    // MSG_CNX_PORT_FAILED ": %s" with strerror(errno) (src/ftpd.c doport3): a REJECT is not a timeout.
    noConnection: (t) => reply(425, `Could not open data connection to port ${t.activePort ?? 0}: ${t.failure === "refused" ? "Connection refused" : "Connection timed out"}`),
  },
};

export const PURE_FTPD_PROFILE: ServerProfile = {
  software: "pure-ftpd",
  ...SERVER_NAMES["pure-ftpd"],
  provenance: { kind: "checked", by: "test/real (Pure-FTPd 1.0.50 from Debian 12, in network namespaces)" },
  replies: () => PURE_FTPD_REPLIES,
  defaults: {
    // Measured: its active-mode SYN leaves from port 20.
    activeSourcePort: FTP_DATA_PORT,
    allowForeignDataAddress: false,
    extended: true,
    // No timer of its own for the active connect: the kernel's SYN retries (tcp_syn_retries=6),
    // measured: the 425 came 134.5 s after LIST.
    connectTimeoutMs: 134_500,
    acceptTimeoutMs: 300_000,
  },
  options: {
    ...SERVER_NAMES["pure-ftpd"].options,
    passiveAddress: "-P / ForcePassiveIP",
    passivePorts: "-p / PassivePortRange",
    allowForeignDataAddress: "(none: always refused)",
    activeSourcePort: "(port 20 unless built without privileges)",
  },
  anonymousPassword: false,
  refuseDataAddress: (_verb, target, peerIp) => {
    if (target.ip !== peerIp) return reply(500, `I won't open a connection to ${target.ip} (only to ${peerIp})`);
    if (target.port < 1024) return reply(501, "Sorry, but I won't connect to ports < 1024");
    return null;
  },
};
