/**
 * FileZilla Server 1.7.3, which cannot run here: modelled from its source (sig-rodv/filezilla-server
 * at 278758e, configure.ac "FileZilla Server 1.7.3"; paths below are in it) and
 * test/real/fixtures/software/DOCUMENTED.md §4, which cites each line. Not checked against the
 * real program. What differs from vsftpd:
 * - a two-line banner, "220-FileZilla Server 1.7.3" / "220 Please visit https://filezilla-project.org/";
 *   replies are tokens joined by single spaces, several without a trailing period: "200 Type set
 *   to I", "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)", "226 Operation successful"
 *   (src/filezilla/ftp/commander.cpp);
 * - its 150 goes out as soon as the transfer starts, before the data connection is open:
 *   "150 Starting data transfer." when the data socket exists (active mode: the connect has
 *   just been started; passive: the client already connected), else "150 About to start data
 *   transfer." — so a failed active connect reads 150, then 425 (session.cpp start_data_transfer,
 *   setup_data_channel);
 * - a PORT or EPRT to any address is accepted and connected to: 1.7.3 does not compare it with
 *   the control peer (commander.cpp PORT/EPRT, session.cpp set_data_peer_hostaddress) — unlike
 *   0.9.x, which answered "421 Rejected command, requested IP address does not match control
 *   connection IP."; nor does it refuse a port below 1024;
 * - a passive data connection from another address than the control peer is aborted: "425 Unable
 *   to build data connection: EINVAL - Invalid argument passed" (session.cpp on_socket_event);
 * - the 227 names the control connection's local address unless "Use the following host"
 *   (host_override) is set, and even then not to a peer on a private network while "Use the
 *   default host for local connections" (do_not_override_host_if_peer_is_local) is on, as it is
 *   by default (session.cpp get_data_local_info; libfilezilla is_routable_address);
 * - active connections leave from an ephemeral port: the data socket is connected without a bind.
 */
import { inCidr } from "../net/addresses";
import { VSFTPD_REPLIES, reply, type Reply, type ServerReplies } from "../ftp/replies";
import type { ServerProfile } from "./server-profile";
import { SERVER_NAMES } from "./program-names";

/** A reply whose every line carries the code (its banner: responder with emit_xyz_on_each_line). */
const lines = (code: number, ...texts: string[]): Reply => ({
  code,
  text: texts.map((t, i) => `${code}${i < texts.length - 1 ? "-" : " "}${t}`).join("\r\n"),
});

/** A multi-line reply as RFC 959 §4.2 writes it: "xyz-" first, indented lines, "xyz " last (FEAT, HELP). */
const framed = (code: number, first: string, middle: readonly string[], last: string): Reply => ({
  code,
  text: [`${code}-${first}`, ...middle.map((l) => ` ${l}`), `${code} ${last}`].join("\r\n"),
});

/** libfilezilla's is_routable_address for IPv4 (lib/iputils.cpp): loopback, RFC 1918 and link-local are not. */
const NOT_ROUTABLE = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"];
const routable = (ip: string) => !NOT_ROUTABLE.some((cidr) => inCidr(ip, cidr));

/** libfilezilla's socket_error_description: the errno's name, " - ", its text (lib/socket_errors.cpp). */
const ETIMEDOUT = "ETIMEDOUT - Connection attempt timed out";
const ECONNREFUSED = "ECONNREFUSED - Connection refused by server";
const EINVAL = "EINVAL - Invalid argument passed";
const ECONNRESET = "ECONNRESET - Connection reset by peer";

const FILEZILLA_SERVER_REPLIES: ServerReplies = {
  ...VSFTPD_REPLIES,
  // commander::set_socket: PACKAGE_NAME PACKAGE_VERSION, then "Please visit " PACKAGE_URL, each line with its code.
  greeting: lines(220, "FileZilla Server 1.7.3", "Please visit https://filezilla-project.org/"),
  specifyPassword: reply(331, "Please, specify the password."),
  loginOk: reply(230, "Login successful."),
  loginIncorrect: reply(530, "Login incorrect."),
  pleaseLogin: reply(530, "Please log in with USER and PASS first."),
  userFirst: reply(503, "Login with USER first."),
  syst: reply(215, "UNIX emulated by FileZilla."),
  pwd: reply(257, '"/" is current directory.'),
  cwdOk: reply(250, "CWD command successful"),
  // tvfs result::nofile; which result a missing directory gives is unconfirmed (nodir would read "Couldn't open the directory").
  cwdFailed: reply(550, "Couldn't open the file"),
  typeAscii: reply(200, "Type set to A"),
  typeBinary: reply(200, "Type set to I"),
  typeBad: reply(501, "Unsupported type. Supported types are I, I N, A, A N and L 8."),
  modeOk: reply(200, "MODE set to S"),
  modeBad: reply(504, "Unknown MODE type"),
  struOk: reply(200, "Using file structure 'File'"),
  struBad: reply(504, "Command not implemented for that parameter"),
  portOk: reply(200, "PORT command successful."),
  portIllegal: reply(500, "Illegal PORT command."),
  // No vsftpd-style death: a passive port it cannot listen on is "425 Cannot prepare for data
  // connection." and the session goes on (the lab's machine still ends it there: an approximation).
  oopsBind: reply(425, "Cannot prepare for data connection."),
  eprtOk: reply(200, "EPRT command successful."),
  eprtBad: reply(500, "Illegal EPRT command."),
  eprtBadProtocol: reply(522, "Network protocol not supported, use (1,2)"),
  eprtIllegal: reply(500, "Illegal EPRT command."),
  epsvAll: reply(200, "EPSV ALL command successful."),
  epsvBadProtocol: reply(522, "Network protocol not supported, use (1,2)"),
  // After EPSV ALL it says "500 Illegal PASV command, EPSV ALL in effect." (PORT, EPRT alike); the lab has one reply for all three.
  permissionDenied: reply(500, "Illegal PASV command, EPSV ALL in effect."),
  listing: reply(150, "Starting data transfer."),
  listingDone: reply(226, "Operation successful"),
  storReady: reply(150, "Starting data transfer."),
  transferComplete: reply(226, "Operation successful"),
  // "425 Error while transfering data: <error>" (sic); which errno a lost connection gives is unconfirmed.
  writeFailed: reply(425, `Error while transfering data: ${ECONNRESET}`),
  readFailed: reply(425, `Error while transfering data: ${ECONNRESET}`),
  failedToOpen: reply(550, "Couldn't open the file"),
  couldNotCreate: reply(550, "Invalid file name or path"),
  sizeMissing: reply(550, "Couldn't open the file"),
  // Unconfirmed: taken to be SIZE's wording.
  mdtmMissing: reply(550, "Couldn't open the file"),
  noop: reply(200, "Noop ok."),
  goodbye: reply(221, "Goodbye."),
  unknown: reply(500, "Wrong command."),
  usePortOrPasv: reply(425, "Use PORT or PASV first."),
  failedToConnect: reply(425, `Unable to build data connection: ${ETIMEDOUT}`),
  badIpConnecting: reply(425, `Unable to build data connection: ${EINVAL}`),
  noTransferToAbort: reply(226, "ABOR command successful."),
  authProceed: reply(234, "Using authentication type TLS."),
  authUnknown: reply(504, "Auth type not supported."),
  pbszOk: reply(200, "PBSZ=0"),
  // PBSZ and PROT are needs_security commands (commander.hpp): refused before AUTH.
  pbszNeedsTls: reply(502, "Command PBSZ not implemented for this authentication type"),
  protPrivate: reply(200, "Protection level set to P"),
  // It never allows a clear data connection under a secure control connection (session.cpp
  // set_data_protection_mode); the lab's session still forgets PROT P there, an approximation.
  protClear: reply(534, "Protection level C not allowed"),
  // For PROT S; PROT E reads "536 Protection level E not supported".
  protUnsupported: reply(536, "Protection level S not supported"),
  protUnknown: reply(504, "Unknown protection level"),
  protNeedsTls: reply(502, "Command PROT not implemented for this authentication type"),
  // "Require explicit FTP over TLS": USER before AUTH.
  nonAnonymousNeedsTls: reply(503, "Use AUTH first."),
  cantChangeUser: reply(503, "Already logged in. QUIT first."),
  alreadyLoggedIn: reply(503, "Already logged in."),
  deleteOk: reply(250, "File deleted successfully."),
  deleteFailed: reply(550, "Couldn't open the file"),
  mkdFailed: reply(550, "Permission denied"),
  rmdFailed: reply(550, "Permission denied"),
  passive: (hostPort) => reply(227, `Entering Passive Mode (${hostPort})`),
  extendedPassive: (port) => reply(229, `Entering Extended Passive Mode (|||${port}|)`),
  retrOpening: () => reply(150, "Starting data transfer."),
  restOk: (offset) => reply(350, `Restarting at ${offset}`),
  // Its FEAT lists every feature it has, whatever is configured (commander.cpp FEAT; FluentFTP
  // issue #1507 shows the same list from 1.8.1).
  feat: () =>
    framed(211, "Features:", ["MDTM", "REST STREAM", "SIZE", "MLST type*;size*;modify*;perm*;", "MLSD", "AUTH SSL", "AUTH TLS", "PROT", "PBSZ", "UTF8", "TVFS", "EPSV", "EPRT", "MFMT"], "End"),
  // commander.cpp HELP: these two lines with its commands between them, ten to a line; the lab leaves the commands out.
  help: () => framed(214, "The following commands are recognized.", [], "Help ok."),
  passwordFor: () => reply(331, "Please, specify the password."),
  loggedIn: () => reply(230, "Login successful."),
  transferWords: {
    // Sent at once (session.cpp start_data_transfer): the socket exists in active mode, and in passive once the client connected.
    early: (t, connected) => reply(150, t.activePort !== null || connected ? "Starting data transfer." : "About to start data transfer."),
    opening: () => reply(150, "Starting data transfer."),
    completion: () => null,
    // The connect's error as libfilezilla words it. A passive wait has no timer of its own (its
    // 1 h activity timeout ends the session with "421 Activity timeout."): the lab's accept
    // timeout stands in, worded as a connect that timed out.
    noConnection: (t) => reply(425, `Unable to build data connection: ${t.failure === "refused" ? ECONNREFUSED : ETIMEDOUT}`),
  },
};

export const FILEZILLA_SERVER_PROFILE: ServerProfile = {
  software: "filezilla-server",
  ...SERVER_NAMES["filezilla-server"],
  provenance: {
    kind: "documented",
    sources: [
      "github.com/sig-rodv/filezilla-server@278758e (FileZilla Server 1.7.3): src/filezilla/ftp/commander.cpp, src/filezilla/ftp/session.cpp, src/filezilla/ftp/session.hpp, src/filezilla/port_randomizer.hpp, src/server/server_settings.hpp, src/gui/settingsdialog.cpp",
      "github.com/lauxjpn/libfilezilla@8d9f69c (libfilezilla 0.35.0): lib/iputils.cpp, lib/socket_errors.cpp",
      "filezillapro.com/docs/server/advanced-options/filezilla-server-passive-mode/",
      "published sessions: iterate-ch/cyberduck#13294, robinrodricks/FluentFTP#1507 (test/real/fixtures/software/DOCUMENTED.md §4)",
    ],
  },
  replies: () => FILEZILLA_SERVER_REPLIES,
  // USER always gets "331 Please, specify the password." (commander.cpp handle_authenticate_user_response).
  anonymousPassword: true,
  defaults: {
    // session.cpp setup_data_channel: data_socket_->connect(host, port), no bind — the kernel picks the port.
    activeSourcePort: "ephemeral",
    // 1.7.3 has no check of the PORT/EPRT address at all (allowForeignDataAddress stands for that).
    allowForeignDataAddress: true,
    extended: true,
    // No connect timer of its own: the kernel's. The lab's server host is Linux (its ephemeral
    // range): tcp_syn_retries=6, 134.5 s as measured for ProFTPD (on Windows: 21 s).
    connectTimeoutMs: 134_500,
    // No passive wait timer of its own (unconfirmed beyond its login 1 min / activity 1 h
    // timeouts, server_settings.hpp): the lab's longest wait, which the session's time limit reaches first.
    acceptTimeoutMs: 600_000,
  },
  options: {
    ...SERVER_NAMES["filezilla-server"].options,
    passiveAddress: 'host_override ("Use the following host", Passive mode; not for local peers while "Use the default host for local connections" is on)',
    // Off by default: the OS's ephemeral port (listen(0)); the GUI suggests 49152-65534.
    passivePorts: 'port_range ("Use custom port range", From/To, suggested 49152-65534)',
    allowForeignDataAddress: "(none: 1.7.3 connects wherever PORT/EPRT says)",
    activeSourcePort: "(none: an ephemeral port)",
  },
  // Accepted whatever the address and port (the lab's allowForeignDataAddress changes nothing here).
  refuseDataAddress: () => null,
  // No last check at the connect either (vsftpd's OOPS for a port below 1024 is vsftpd's own).
  refuseConnect: () => null,
  // session.cpp get_data_local_info: host_override unless empty, or the peer is not routable and
  // do_not_override_host_if_peer_is_local (default true) holds.
  passiveAddressFor: (configured, peerIp) => (configured !== null && routable(peerIp) ? configured : null),
};
