/**
 * What vsftpd 3.0.3 answers to each command, as pure functions of the session's state: the
 * server machine asks `decide` and acts on the decision. Reply texts are vsftpd's own
 * (replies.ts); the security checks on PORT and EPRT are vsftpd's answer to RFC 2577 §3
 * (the bounce attack): a data address must be the control connection's peer, on a port ≥ 1024.
 */
import type { Endpoint } from "../net/addresses";
import { parseCommand, type Command } from "./commands";
import { byteLength, fileContent, fileStore, withoutFile, type FileStore } from "./files";
import { parseEprtArgument, parseHostPort } from "./hostport";
import { mdtmReply, sizeReply, type Reply, type ServerReplies } from "./replies";
import { TRANSFER_VERBS, isTransferVerb, type TransferVerbName } from "./transfer-verbs";

export interface ServerPolicy {
  readonly userName: string;
  readonly password: string;
  /** ssl_enable: AUTH TLS, PBSZ and PROT are offered. */
  readonly tls: boolean;
  /** The server understands EPRT and EPSV (RFC 2428). */
  readonly extended: boolean;
  /** port_promiscuous. */
  readonly allowForeignDataAddress: boolean;
  /** connect_from_port_20: active-mode connections are made by the privileged process, from port 20. */
  readonly connectFromPort20: boolean;
  /** The server program's words (sim/software): vsftpd's unless the scenario names another. */
  readonly replies: ServerReplies;
  /** Anonymous is asked for a password (ProFTPD's 331); vsftpd's reference setup has no_anon_password. */
  readonly anonymousPassword?: boolean;
  /**
   * The program's refusal of a PORT or EPRT target (RFC 2577 §3), null to accept; absent: vsftpd's
   * (500 Illegal PORT command. for another address or a port below 1024, unless port_promiscuous).
   */
  readonly refuseDataAddress?: (verb: "PORT" | "EPRT", target: Endpoint, peerIp: string) => Reply | null;
  /** Where the program actually connects for an accepted PORT/EPRT (ProFTPD's NAT rule); absent: where it says. */
  readonly dataTarget?: (target: Endpoint, peerIp: string) => Endpoint;
  /**
   * The program's last refusal of an accepted PORT/EPRT target when the transfer comes, which
   * ends the session, null to connect; absent: vsftpd's (activeConnectRefusal below).
   */
  readonly refuseConnect?: (target: Endpoint) => Reply | null;
  /**
   * The address its 227 names, from the one configured (null: none) and the control peer's
   * (FileZilla Server keeps its own for a peer on a private network); absent: the configured one.
   */
  readonly passiveAddressFor?: (configured: string | null, peerIp: string) => string | null;
}

export type DataPlan = { kind: "port"; endpoint: Endpoint } | { kind: "pasv"; extended: boolean };

export interface ServerState {
  readonly loggedIn: boolean;
  readonly pendingUser: string | null;
  readonly type: "A" | "I";
  readonly dataPlan: DataPlan | null;
  readonly tlsActive: boolean;
  readonly protPrivate: boolean;
  readonly epsvAll: boolean;
  readonly files: FileStore;
}

export interface PendingTransfer {
  readonly verb: TransferVerbName;
  readonly name: string;
}

export type Decision =
  | { kind: "reply"; reply: Reply; patch?: Partial<ServerState>; releaseData?: boolean }
  | { kind: "passive"; extended: boolean }
  | { kind: "transfer"; transfer: PendingTransfer }
  | { kind: "auth" }
  | { kind: "quit" }
  /** vsftpd's die(): "500 OOPS: …" and the session process exits, closing the control connection. */
  | { kind: "oops"; reply: Reply };

const ANONYMOUS = new Set(["anonymous", "ftp"]);

export const initialServerState = (files: FileStore): ServerState => ({
  loggedIn: false,
  pendingUser: null,
  type: "A",
  dataPlan: null,
  tlsActive: false,
  protPrivate: false,
  epsvAll: false,
  // A store of our own, read by own properties only, whatever the caller handed in.
  files: fileStore(Object.entries(files)),
});

const answer = (r: Reply, patch?: Partial<ServerState>, releaseData?: boolean): Decision => ({ kind: "reply", reply: r, patch, releaseData });

export function decide(state: ServerState, line: string, policy: ServerPolicy, peerIp: string): Decision {
  const cmd = parseCommand(line);
  return state.loggedIn ? afterLogin(state, cmd, policy, peerIp) : beforeLogin(state, cmd, policy);
}

function tlsCommand(state: ServerState, cmd: Command, policy: ServerPolicy): Decision | null {
  if (!policy.tls) return null;
  if (cmd.verb === "AUTH") {
    if (state.tlsActive) return answer(policy.replies.unknown);
    return ["TLS", "TLS-C", "SSL", "TLS-P"].includes(cmd.arg.toUpperCase()) ? { kind: "auth" } : answer(policy.replies.authUnknown);
  }
  if (cmd.verb === "PBSZ") return answer(state.tlsActive ? policy.replies.pbszOk : policy.replies.pbszNeedsTls);
  if (cmd.verb === "PROT") {
    if (!state.tlsActive) return answer(policy.replies.protNeedsTls);
    const level = cmd.arg.toUpperCase();
    if (level === "P") return answer(policy.replies.protPrivate, { protPrivate: true });
    if (level === "C") return answer(policy.replies.protClear, { protPrivate: false });
    return answer(level === "S" || level === "E" ? policy.replies.protUnsupported : policy.replies.protUnknown);
  }
  return null;
}

function beforeLogin(state: ServerState, cmd: Command, policy: ServerPolicy): Decision {
  const tls = tlsCommand(state, cmd, policy);
  if (tls) return tls;
  switch (cmd.verb) {
    case "USER": {
      const name = cmd.arg;
      // The reference server runs with no_anon_password: anonymous logs in at once.
      if (ANONYMOUS.has(name.toLowerCase()) && ANONYMOUS.has(policy.userName.toLowerCase()) && !policy.anonymousPassword) {
        return answer(policy.replies.loggedIn(name, true), { loggedIn: true, pendingUser: null });
      }
      if (policy.tls && !state.tlsActive && !ANONYMOUS.has(name.toLowerCase())) {
        return answer(policy.replies.nonAnonymousNeedsTls);
      }
      return answer(policy.replies.passwordFor(name), { pendingUser: name });
    }
    case "PASS":
      if (state.pendingUser === null) return answer(policy.replies.userFirst);
      if (ANONYMOUS.has(state.pendingUser.toLowerCase()) && ANONYMOUS.has(policy.userName.toLowerCase())) {
        return answer(policy.replies.loggedIn(state.pendingUser, true), { loggedIn: true, pendingUser: null });
      }
      return state.pendingUser === policy.userName && cmd.arg === policy.password
        ? answer(policy.replies.loggedIn(state.pendingUser, false), { loggedIn: true, pendingUser: null })
        : answer(policy.replies.loginIncorrect, { pendingUser: null });
    case "FEAT":
      return answer(policy.replies.feat(policy.tls, policy.extended));
    case "QUIT":
      return { kind: "quit" };
    default:
      return answer(policy.replies.pleaseLogin);
  }
}

/** RFC 2577 §3 via vsftpd: the data address must be the control peer's, and not a privileged port. */
function dataAddressAllowed(e: Endpoint, policy: ServerPolicy, peerIp: string): boolean {
  return policy.allowForeignDataAddress || (e.ip === peerIp && e.port >= 1024);
}

/** The program's refusal of a data address, or vsftpd's. */
function dataAddressRefusal(verb: "PORT" | "EPRT", e: Endpoint, policy: ServerPolicy, peerIp: string): Reply | null {
  if (policy.refuseDataAddress && !policy.allowForeignDataAddress) return policy.refuseDataAddress(verb, e, peerIp);
  if (dataAddressAllowed(e, policy, peerIp)) return null;
  return verb === "PORT" ? policy.replies.portIllegal : policy.replies.eprtIllegal;
}

/**
 * What port_promiscuous=YES lets through PORT/EPRT but vsftpd still refuses when it comes to
 * connecting, measured with vsftpd 3.0.3 (test/real/scenarios/bounce): a reserved port (< 1024)
 * ends the session with "Illegal port request" (its last line of defence against RFC 2577 §3
 * bounces); with connect_from_port_20=YES the privileged connect cannot bind port 20 at all.
 */
function activeConnectRefusal(target: Endpoint, policy: ServerPolicy): Reply | null {
  if (target.port < 1024) return policy.replies.oopsIllegalPort;
  if (policy.allowForeignDataAddress && policy.connectFromPort20) return policy.replies.oopsBind;
  return null;
}

/** A command that needs the data connection (transfer-verbs.ts): refused, or handed to the transfer. */
function transferCommand(state: ServerState, verb: TransferVerbName, name: string, policy: ServerPolicy): Decision {
  if (state.dataPlan === null) return answer(policy.replies.usePortOrPasv);
  const refusal = TRANSFER_VERBS[verb].refusal(name, state.files, policy.replies);
  if (refusal) return answer(refusal);
  if (state.dataPlan.kind === "port") {
    const target = state.dataPlan.endpoint;
    const oops = policy.refuseConnect ? policy.refuseConnect(target) : activeConnectRefusal(target, policy);
    if (oops) return { kind: "oops", reply: oops };
  }
  return { kind: "transfer", transfer: { verb, name } };
}

function afterLogin(state: ServerState, cmd: Command, policy: ServerPolicy, peerIp: string): Decision {
  const tls = tlsCommand(state, cmd, policy);
  if (tls) return tls;
  const { verb, arg } = cmd;
  if (isTransferVerb(verb)) return transferCommand(state, verb, arg, policy);
  switch (verb) {
    case "USER":
      return answer(policy.replies.cantChangeUser);
    case "PASS":
      return answer(policy.replies.alreadyLoggedIn);
    case "SYST":
      return answer(policy.replies.syst);
    case "PWD":
    case "XPWD":
      return answer(policy.replies.pwd);
    case "CWD":
    case "XCWD":
      return answer(arg === "/" || arg === "." || arg === "" ? policy.replies.cwdOk : (policy.replies.naming?.cwdFailed(arg) ?? policy.replies.cwdFailed));
    case "CDUP":
    case "XCUP":
      return answer(policy.replies.cwdOk);
    case "TYPE": {
      const t = arg.toUpperCase();
      if (t === "A" || t === "A N") return answer(policy.replies.typeAscii, { type: "A" });
      if (t === "I" || t === "L8" || t === "L 8") return answer(policy.replies.typeBinary, { type: "I" });
      return answer(policy.replies.typeBad);
    }
    case "MODE":
      return answer(arg.toUpperCase() === "S" ? policy.replies.modeOk : policy.replies.modeBad);
    case "STRU":
      return answer(arg.toUpperCase() === "F" ? policy.replies.struOk : policy.replies.struBad);
    case "PASV":
      if (state.epsvAll) return answer(policy.replies.permissionDenied);
      return { kind: "passive", extended: false };
    case "EPSV": {
      if (!policy.extended) return answer(policy.replies.unknown);
      const a = arg.toUpperCase();
      if (a === "ALL") return answer(policy.replies.epsvAll, { epsvAll: true });
      if (a !== "" && a !== "1") return answer(policy.replies.epsvBadProtocol);
      return { kind: "passive", extended: true };
    }
    case "PORT": {
      if (state.epsvAll) return answer(policy.replies.permissionDenied);
      // vsftpd forgets any earlier PORT or PASV before it even parses this one.
      const endpoint = parseHostPort(arg);
      if (!endpoint) return answer(policy.replies.portIllegal, { dataPlan: null }, true);
      const refusal = dataAddressRefusal("PORT", endpoint, policy, peerIp);
      if (refusal) return answer(refusal, { dataPlan: null }, true);
      return answer(policy.replies.portOk, { dataPlan: { kind: "port", endpoint: policy.dataTarget?.(endpoint, peerIp) ?? endpoint } }, true);
    }
    case "EPRT": {
      if (!policy.extended) return answer(policy.replies.unknown);
      // vsftpd's handle_eprt splits on "|" only, though RFC 2428 §2 allows any delimiter.
      const parsed = arg.startsWith("|") ? parseEprtArgument(arg) : ({ ok: false, reason: "syntax" } as const);
      if (!parsed.ok) return answer(parsed.reason === "protocol" ? policy.replies.eprtBadProtocol : policy.replies.eprtBad, { dataPlan: null }, true);
      const endpoint = { ip: parsed.ip, port: parsed.port };
      const refusal = dataAddressRefusal("EPRT", endpoint, policy, peerIp);
      if (refusal) return answer(refusal, { dataPlan: null }, true);
      return answer(policy.replies.eprtOk, { dataPlan: { kind: "port", endpoint: policy.dataTarget?.(endpoint, peerIp) ?? endpoint } }, true);
    }
    case "SIZE": {
      const content = fileContent(state.files, arg);
      return answer(content === undefined ? (policy.replies.naming?.sizeMissing(arg) ?? policy.replies.sizeMissing) : sizeReply(byteLength(content)));
    }
    case "MDTM": {
      // RFC 3659 §3 (lftp asks it before RETR, tnftp after).
      const content = fileContent(state.files, arg);
      return answer(content === undefined ? (policy.replies.naming?.sizeMissing(arg) ?? policy.replies.mdtmMissing) : mdtmReply());
    }
    case "REST": {
      const n = Math.max(0, Number.parseInt(arg, 10) || 0);
      return answer(policy.replies.restOk(n));
    }
    case "DELE":
      if (fileContent(state.files, arg) === undefined) return answer(policy.replies.deleteFailed);
      return answer(policy.replies.deleteOk, { files: withoutFile(state.files, arg) });
    case "MKD":
    case "XMKD":
      return answer(policy.replies.mkdFailed);
    case "RMD":
    case "XRMD":
      return answer(policy.replies.rmdFailed);
    case "NOOP":
      return answer(policy.replies.noop);
    case "FEAT":
      return answer(policy.replies.feat(policy.tls, policy.extended));
    case "HELP":
      return answer(policy.replies.help());
    case "ABOR":
      return answer(policy.replies.noTransferToAbort);
    case "QUIT":
      return { kind: "quit" };
    case "AUTH":
      return answer(policy.replies.unknown);
    case "PBSZ":
    case "PROT":
      return answer(policy.replies.permissionDenied);
    default:
      return answer(policy.replies.unknown);
  }
}
