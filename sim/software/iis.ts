/**
 * IIS's FTP service (Microsoft FTP Service, FTP 7.5 and later: Windows Server 2008 R2 to 2022),
 * which cannot run here: modelled from Microsoft's documentation and published sessions
 * (test/real/fixtures/software/DOCUMENTED.md §5 cites each line). Not checked against the real
 * program; its source is not public, so a reply no published session shows is marked unconfirmed
 * below and follows the pattern of those that are ("<VERB> command successful.").
 * What differs from vsftpd:
 * - "220 Microsoft FTP Service", "215 Windows_NT", "230 User logged in.", and periods at the end:
 *   "200 Type set to I.", "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).", "226 Transfer complete.";
 * - a transfer over a data connection that is already open starts "125 Data connection already
 *   open; Transfer starting." (in active mode always: FTP 7.5 connects when PORT comes, KB 2505047);
 *   a passive one the client has not opened yet, "150 Opening ASCII mode data connection.";
 * - a PORT or EPRT naming another address than the control peer's is "501 Server cannot accept
 *   argument." (dataChannelSecurity matchClientAddressForPort, true by default; nmap ftp-bounce);
 *   a passive connection from another address is refused too (matchClientAddressForPasv, true
 *   by default), in words no published session shows;
 * - active connections leave from port 20 ("Configuring FTP Firewall Support", Microsoft);
 * - the passive range is lowDataChannelPort/highDataChannelPort, 0-0 by default: Windows'
 *   ephemeral range, 49152-65535 since Vista/2008 (the lab keeps the scenario's server ephemeral
 *   range, as it does for every program: the host's, not the program's);
 * - the 227 names externalIp4Address ("External IP Address of Firewall") when set, else the
 *   server's own address.
 * Where the lab's machine differs: FTP 7.5 opens the active data connection before it answers
 * PORT; here it connects when the transfer command comes (the 125 then follows the open, one
 * round trip later than IIS's).
 */
import { FTP_DATA_PORT } from "../net/ftp-ports";
import { VSFTPD_REPLIES, reply, type Reply, type ServerReplies } from "../ftp/replies";
import type { ServerProfile } from "./server-profile";
import { SERVER_NAMES } from "./program-names";

/** A multi-line reply as RFC 959 §4.2 writes it: "xyz-" first, indented lines, "xyz " last. */
const framed = (code: number, first: string, middle: readonly string[], last: string): Reply => ({
  code,
  text: [`${code}-${first}`, ...middle.map((l) => ` ${l}`), `${code} ${last}`].join("\r\n"),
});

const ALREADY_OPEN = reply(125, "Data connection already open; Transfer starting.");
// ERROR_FILE_NOT_FOUND's text: published sessions (h3imdall/ftp-remote-edit#313) and Microsoft's
// FTP 7.5 fix "550 The system cannot find the file specified" (support.microsoft.com).
const NOT_FOUND = reply(550, "The system cannot find the file specified.");
// RFC 959's wording for 425; no IIS capture found (unconfirmed).
const CANT_OPEN = reply(425, "Can't open data connection.");
// Windows' ERROR_ACCESS_DENIED text (unconfirmed as an FTP reply).
const ACCESS_DENIED = reply(550, "Access is denied.");
// RFC 959's wording (unconfirmed for IIS).
const NOT_FOR_PARAMETER = reply(504, "Command not implemented for that parameter.");
const BAD_SEQUENCE = reply(503, "Bad sequence of commands.");

const IIS_REPLIES: ServerReplies = {
  ...VSFTPD_REPLIES,
  greeting: reply(220, "Microsoft FTP Service"),
  specifyPassword: reply(331, "Password required"),
  loginOk: reply(230, "User logged in."),
  loginIncorrect: reply(530, "User cannot log in."),
  // Unconfirmed.
  pleaseLogin: reply(530, "Please login with USER and PASS."),
  userFirst: BAD_SEQUENCE,
  syst: reply(215, "Windows_NT"),
  pwd: reply(257, '"/" is current directory.'),
  cwdOk: reply(250, "CWD command successful."),
  cwdFailed: NOT_FOUND,
  // "Type set to I." is published; A by the same pattern (unconfirmed).
  typeAscii: reply(200, "Type set to A."),
  typeBinary: reply(200, "Type set to I."),
  typeBad: NOT_FOR_PARAMETER,
  // The "<VERB> command successful." pattern of CWD, PORT, EPRT, OPTS and ABOR (unconfirmed for these).
  modeOk: reply(200, "MODE command successful."),
  modeBad: NOT_FOR_PARAMETER,
  struOk: reply(200, "STRU command successful."),
  struBad: NOT_FOR_PARAMETER,
  portOk: reply(200, "PORT command successful."),
  // A foreign address (published); a malformed argument, unconfirmed.
  portIllegal: reply(501, "Server cannot accept argument."),
  // A passive port it cannot listen on (unconfirmed; the lab's machine ends the session there).
  oopsBind: CANT_OPEN,
  eprtOk: reply(200, "EPRT command successful."),
  eprtBad: reply(501, "Server cannot accept argument."),
  // RFC 2428 §2's reply (unconfirmed for IIS).
  eprtBadProtocol: reply(522, "Network protocol not supported, use (1,2)."),
  eprtIllegal: reply(501, "Server cannot accept argument."),
  epsvAll: reply(200, "EPSV ALL command successful."),
  epsvBadProtocol: reply(522, "Network protocol not supported, use (1,2)."),
  permissionDenied: ACCESS_DENIED,
  listing: ALREADY_OPEN,
  listingDone: reply(226, "Transfer complete."),
  storReady: ALREADY_OPEN,
  transferComplete: reply(226, "Transfer complete."),
  // RFC 959's wording for 426 (unconfirmed for IIS).
  writeFailed: reply(426, "Connection closed; transfer aborted."),
  readFailed: reply(426, "Connection closed; transfer aborted."),
  failedToOpen: NOT_FOUND,
  // Windows' ERROR_INVALID_NAME text (unconfirmed as an FTP reply).
  couldNotCreate: reply(550, "The filename, directory name, or volume label syntax is incorrect."),
  sizeMissing: NOT_FOUND,
  mdtmMissing: NOT_FOUND,
  noop: reply(200, "NOOP command successful."),
  // Unconfirmed.
  goodbye: reply(221, "Goodbye."),
  unknown: reply(500, "Command not understood."),
  usePortOrPasv: CANT_OPEN,
  failedToConnect: CANT_OPEN,
  // matchClientAddressForPasv: the refusal's words are unconfirmed.
  badIpConnecting: CANT_OPEN,
  noTransferToAbort: reply(226, "ABOR command successful."),
  // The TLS replies are unconfirmed.
  authProceed: reply(234, "AUTH command ok. Expecting TLS Negotiation."),
  authUnknown: NOT_FOR_PARAMETER,
  pbszOk: reply(200, "PBSZ command successful."),
  pbszNeedsTls: BAD_SEQUENCE,
  protPrivate: reply(200, "PROT command successful."),
  protClear: reply(200, "PROT command successful."),
  protUnsupported: NOT_FOR_PARAMETER,
  protUnknown: NOT_FOR_PARAMETER,
  protNeedsTls: BAD_SEQUENCE,
  nonAnonymousNeedsTls: reply(534, "Policy requires SSL."),
  cantChangeUser: BAD_SEQUENCE,
  alreadyLoggedIn: reply(230, "User logged in."),
  deleteOk: reply(250, "DELE command successful."),
  deleteFailed: NOT_FOUND,
  mkdFailed: ACCESS_DENIED,
  rmdFailed: ACCESS_DENIED,
  passive: (hostPort) => reply(227, `Entering Passive Mode (${hostPort}).`),
  extendedPassive: (port) => reply(229, `Entering Extended Passive Mode (|||${port}|)`),
  retrOpening: () => ALREADY_OPEN,
  // Unconfirmed.
  restOk: (offset) => reply(350, `Restarting at ${offset}.`),
  // As published (robinrodricks/FluentFTP#1544, a site with FTPS); without FTPS the lab leaves the
  // TLS lines out (unconfirmed). It does not list EPSV or EPRT, yet answers them.
  feat: (tls) =>
    framed(211, "Extended features supported:", [...(tls ? ["AUTH TLS;TLS-C;SSL;TLS-P;", "PBSZ", "PROT C;P;", "CCC"] : []), "HOST", "SIZE", "MDTM", "REST STREAM"], "END"),
  // Unconfirmed.
  help: () => reply(214, "HELP command successful."),
  passwordFor: (user) =>
    ["anonymous", "ftp"].includes(user.toLowerCase()) ? reply(331, "Anonymous access allowed, send identity (e-mail name) as password.") : reply(331, "Password required"),
  loggedIn: () => reply(230, "User logged in."),
  transferWords: {
    // Passive, the client not yet connected: 150 at once (IIS 7's published wording for ASCII;
    // "BINARY" for TYPE I by the same pattern, unconfirmed). Otherwise the connection is open: 125.
    early: (t, connected) => (t.activePort === null && !connected ? reply(150, `Opening ${t.type === "I" ? "BINARY" : "ASCII"} mode data connection.`) : null),
    opening: () => ALREADY_OPEN,
    completion: () => null,
    noConnection: () => CANT_OPEN,
  },
};

export const IIS_PROFILE: ServerProfile = {
  software: "iis",
  ...SERVER_NAMES.iis,
  provenance: {
    kind: "documented",
    sources: [
      "learn.microsoft.com/iis/configuration/system.ftpserver/firewallsupport (lowDataChannelPort/highDataChannelPort, 0-0: the ephemeral range)",
      "learn.microsoft.com/previous-versions/iis/settings-schema/ff713742(v=vs.90) (dataChannelSecurity matchClientAddressForPort/matchClientAddressForPasv, default true)",
      "learn.microsoft.com/previous-versions/iis/settings-schema/ff713760(v=vs.90) (firewallSupport externalIp4Address)",
      "learn.microsoft.com/previous-versions/iis/settings-schema/ff713723(v=vs.90) (connections dataChannelTimeout, default 30 s)",
      "learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd464003(v=ws.10) (Configuring FTP Firewall Support: port 20, External IP Address of Firewall)",
      "support.microsoft.com/kb/2505047 (Changes in Microsoft FTP 7.5: the active connection before 200 PORT)",
      "published sessions: vscode-sftp#1005, robinrodricks/FluentFTP#1541, #1544, #1546, patrickjuchli/basic-ftp#261, nmap ftp-bounce scans (test/real/fixtures/software/DOCUMENTED.md §5)",
    ],
  },
  replies: () => IIS_REPLIES,
  // Both named and anonymous users get a 331 first (published sessions).
  anonymousPassword: true,
  defaults: {
    // "…establish a data connection from TCP port 20 on the server to the client" (dd464003).
    activeSourcePort: FTP_DATA_PORT,
    // matchClientAddressForPort defaults to true.
    allowForeignDataAddress: false,
    extended: true,
    // No documented setting: Windows gives up a TCP connect after 21 s (two SYN retransmissions,
    // 3 + 6 + 12 s; as for ftp.exe). Unconfirmed for IIS's data connection.
    connectTimeoutMs: 21_000,
    // dataChannelTimeout, 30 s: "timed out because of inactivity on the data channel"; that it
    // bounds the wait for a passive connection is unconfirmed.
    acceptTimeoutMs: 30_000,
  },
  options: {
    ...SERVER_NAMES.iis.options,
    passiveAddress: 'externalIp4Address ("External IP Address of Firewall", FTP Firewall Support)',
    passivePorts: 'lowDataChannelPort / highDataChannelPort ("Data Channel Port Range"; 0-0: Windows\' ephemeral range)',
    allowForeignDataAddress: "dataChannelSecurity matchClientAddressForPort (false lets it through)",
    activeSourcePort: "(none: always port 20)",
  },
  // matchClientAddressForPort: the address only (a port below 1024 on the peer's own address: unconfirmed, accepted here).
  refuseDataAddress: (_verb, target, peerIp) => (target.ip === peerIp ? null : reply(501, "Server cannot accept argument.")),
  // No last check at the connect (vsftpd's OOPS for a port below 1024, or for port 20 with port_promiscuous, is vsftpd's own).
  refuseConnect: () => null,
};
