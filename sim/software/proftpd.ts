/**
 * ProFTPD 1.3.8 as Debian 12 ships it (proftpd-core), its words as it answered curl 7.88.1 and
 * Python's ftplib in the lab's namespaces (test/real/servers/proftpd.ts; fixtures in
 * test/real/fixtures/software/proftpd.txt). What differs from vsftpd:
 * - the banner names the address it listens on: "220 ProFTPD Server (ProFTPD) [10.99.2.20]";
 * - anonymous is asked for an e-mail address as its password (331) before it is let in;
 * - no trailing dots on most replies ("226 Transfer complete"), but 227 keeps one;
 * - PORT or EPRT to another address than the control peer, or to a port below 1024, is
 *   "500 Illegal PORT command" / "500 Illegal EPRT command" (AllowForeignAddress off, RFC 2577 §3)
 *   — except a private address from a public peer: a client behind NAT, ProFTPD reasons, so it
 *   answers 200 and connects to the peer's address on the port named (core_port's NAT case;
 *   measured: test/real/scenarios/software/proftpd--client-nat--active.json);
 * - with an anonymous login it has given up root, so its active connections leave from an
 *   ephemeral port, not 20 (measured in every active case).
 * Replies the checks did not provoke keep RFC 959 §4.2's wording and say so below.
 */
import { isPrivateIp } from "../net/addresses";
import { VSFTPD_REPLIES, reply, type ServerReplies } from "../ftp/replies";
import type { ServerProfile } from "./server-profile";
import { SERVER_NAMES } from "./program-names";

/** A private address announced from a public peer: a client behind NAT that does not know its public address. */
const behindNat = (announced: string, peerIp: string) => isPrivateIp(announced) && !isPrivateIp(peerIp);

function proftpdReplies(ip: string): ServerReplies {
  return {
    ...VSFTPD_REPLIES,
    greeting: reply(220, `ProFTPD Server (ProFTPD) [${ip}]`),
    specifyPassword: reply(331, "Password required"),
    loginOk: reply(230, "Login successful"),
    loginIncorrect: reply(530, "Login incorrect."),
    pleaseLogin: reply(530, "Please login with USER and PASS"),
    syst: reply(215, "UNIX Type: L8"),
    pwd: reply(257, '"/" is the current directory'),
    cwdOk: reply(250, "CWD command successful"),
    typeAscii: reply(200, "Type set to A"),
    typeBinary: reply(200, "Type set to I"),
    modeOk: reply(200, "Mode set to S"),
    struOk: reply(200, "Structure set to F"),
    portOk: reply(200, "PORT command successful"),
    portIllegal: reply(500, "Illegal PORT command"),
    eprtOk: reply(200, "EPRT command successful"),
    eprtIllegal: reply(500, "Illegal EPRT command"),
    listing: reply(150, "Opening ASCII mode data connection for file list"),
    listingDone: reply(226, "Transfer complete"),
    transferComplete: reply(226, "Transfer complete"),
    noop: reply(200, "NOOP command successful"),
    // Measured: inetutils ftp's ABOR after a refused 227 address (fixtures/software/clients).
    noTransferToAbort: reply(226, "Abort successful"),
    goodbye: reply(221, "Goodbye."),
    // Measured: the active connect to a client whose firewall drops it, after the kernel gives up.
    failedToConnect: reply(425, "Unable to build data connection: Connection timed out"),
    passive: (hostPort) => reply(227, `Entering Passive Mode (${hostPort}).`),
    extendedPassive: (port) => reply(229, `Entering Extended Passive Mode (|||${port}|)`),
    retrOpening: (name, size) => reply(150, `Opening BINARY mode data connection for ${name} (${size} bytes)`),
    passwordFor: (user) =>
      ["anonymous", "ftp"].includes(user.toLowerCase()) ? reply(331, "Anonymous login ok, send your complete email address as your password") : reply(331, `Password required for ${user}`),
    loggedIn: (user, anonymous) => (anonymous ? reply(230, "Anonymous access granted, restrictions apply") : reply(230, `User ${user} logged in`)),
    naming: {
      cwdFailed: (dir) => reply(550, `${dir}: No such file or directory`),
      failedToOpen: (name) => reply(550, `${name}: No such file or directory`),
      // In TYPE I (curl's before RETR); in ASCII mode it says "550 SIZE not allowed in ASCII mode".
      sizeMissing: (name) => reply(550, `${name}: No such file or directory`),
    },
    transferWords: {
      opening: (t) => (t.verb === "STOR" || t.verb === "APPE" ? reply(150, `Opening BINARY mode data connection for ${t.name}`) : null),
      completion: () => null,
      // strerror(errno) of the failed connect (src/data.c, "Unable to build data connection: %s"): a REJECT is not a timeout.
      noConnection: (t) => (t.failure === "refused" ? reply(425, "Unable to build data connection: Connection refused") : null),
    },
  };
}

export const PROFTPD_PROFILE: ServerProfile = {
  software: "proftpd",
  ...SERVER_NAMES.proftpd,
  provenance: { kind: "checked", by: "test/real (ProFTPD 1.3.8 from Debian 12's proftpd-core, in network namespaces)" },
  replies: (server) => proftpdReplies(server.ip),
  defaults: {
    // Measured: the active SYN leaves from an ephemeral port (the session has given up root).
    activeSourcePort: "ephemeral",
    allowForeignDataAddress: false,
    extended: true,
    // Its active connect has no timer of its own: the kernel's SYN retries (tcp_syn_retries=6),
    // measured: the 425 came 134.5 s after LIST.
    connectTimeoutMs: 134_500,
    // TimeoutNoTransfer (300 s) is what ends a passive wait nobody answers.
    acceptTimeoutMs: 300_000,
  },
  options: {
    ...SERVER_NAMES.proftpd.options,
    passiveAddress: "MasqueradeAddress",
    passivePorts: "PassivePorts",
    allowForeignDataAddress: "AllowForeignAddress",
    activeSourcePort: "(port 20 only while the session keeps root: RootRevoke off, not anonymous)",
  },
  anonymousPassword: true,
  refuseDataAddress: (verb, target, peerIp) => {
    if (target.port < 1024) return reply(500, `Illegal ${verb} command`);
    if (target.ip === peerIp || behindNat(target.ip, peerIp)) return null;
    return reply(500, `Illegal ${verb} command`);
  },
  dataTarget: (target, peerIp) => (behindNat(target.ip, peerIp) ? { ip: peerIp, port: target.port } : target),
};
