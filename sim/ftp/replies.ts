/**
 * FTP replies: RFC 959 §4.2's three-digit codes, and vsftpd 3.0.3's exact wording for each
 * (shared/reference; vsftpd's prelogin.c, postlogin.c, ssl.c, features.c).
 */

export interface Reply {
  readonly code: number;
  /** The reply as sent, without the final CRLF; a multi-line reply keeps its inner CRLFs. */
  readonly text: string;
}

export const reply = (code: number, message: string): Reply => ({ code, text: `${code} ${message}` });

/** RFC 959 §4.2: 1yz preliminary, 2yz completion, 3yz intermediate, 4yz transient, 5yz permanent. */
export const isPreliminary = (code: number): boolean => code >= 100 && code < 200;
export const isCompletion = (code: number): boolean => code >= 200 && code < 300;
export const isIntermediate = (code: number): boolean => code >= 300 && code < 400;
export const isFailure = (code: number): boolean => code >= 400;

export const VSFTPD = {
  greeting: reply(220, "(vsFTPd 3.0.3)"),
  specifyPassword: reply(331, "Please specify the password."),
  loginOk: reply(230, "Login successful."),
  loginIncorrect: reply(530, "Login incorrect."),
  pleaseLogin: reply(530, "Please login with USER and PASS."),
  userFirst: reply(503, "Login with USER first."),
  syst: reply(215, "UNIX Type: L8"),
  pwd: reply(257, '"/" is the current directory'),
  cwdOk: reply(250, "Directory successfully changed."),
  cwdFailed: reply(550, "Failed to change directory."),
  typeAscii: reply(200, "Switching to ASCII mode."),
  typeBinary: reply(200, "Switching to Binary mode."),
  typeBad: reply(500, "Unrecognised TYPE command."),
  modeOk: reply(200, "Mode set to S."),
  modeBad: reply(504, "Bad MODE command."),
  struOk: reply(200, "Structure set to F."),
  struBad: reply(504, "Bad STRU command."),
  portOk: reply(200, "PORT command successful. Consider using PASV."),
  portIllegal: reply(500, "Illegal PORT command."),
  oopsIllegalPort: reply(500, "OOPS: Illegal port request"),
  oopsBind: reply(500, "OOPS: vsf_sysutil_bind"),
  eprtOk: reply(200, "EPRT command successful. Consider using EPSV."),
  eprtBad: reply(500, "Bad EPRT command."),
  eprtBadProtocol: reply(500, "Bad EPRT protocol."),
  eprtIllegal: reply(500, "Illegal EPRT command."),
  epsvAll: reply(200, "EPSV ALL ok."),
  epsvBadProtocol: reply(522, "Bad network protocol."),
  permissionDenied: reply(550, "Permission denied."),
  listing: reply(150, "Here comes the directory listing."),
  listingDone: reply(226, "Directory send OK."),
  storReady: reply(150, "Ok to send data."),
  transferComplete: reply(226, "Transfer complete."),
  /** RFC 959 §4.2: 426, the data connection opened and was lost (the server was sending, or receiving). */
  writeFailed: reply(426, "Failure writing network stream."),
  readFailed: reply(426, "Failure reading network stream."),
  failedToOpen: reply(550, "Failed to open file."),
  couldNotCreate: reply(553, "Could not create file."),
  sizeMissing: reply(550, "Could not get file size."),
  mdtmMissing: reply(550, "Could not get file modification time."),
  noop: reply(200, "NOOP ok."),
  goodbye: reply(221, "Goodbye."),
  unknown: reply(500, "Unknown command."),
  usePortOrPasv: reply(425, "Use PORT or PASV first."),
  failedToConnect: reply(425, "Failed to establish connection."),
  badIpConnecting: reply(425, "Security: Bad IP connecting."),
  noTransferToAbort: reply(225, "No transfer to ABOR."),
  authProceed: reply(234, "Proceed with negotiation."),
  authUnknown: reply(504, "Unknown AUTH type."),
  pbszOk: reply(200, "PBSZ set to 0."),
  pbszNeedsTls: reply(503, "PBSZ needs a secure connection."),
  protPrivate: reply(200, "PROT now Private."),
  protClear: reply(200, "PROT now Clear."),
  protUnsupported: reply(536, "PROT not supported."),
  protUnknown: reply(504, "PROT not recognized."),
  protNeedsTls: reply(503, "PROT needs a secure connection."),
  nonAnonymousNeedsTls: reply(530, "Non-anonymous sessions must use encryption."),
  cantChangeUser: reply(530, "Can't change to another user."),
  alreadyLoggedIn: reply(230, "Already logged in."),
  deleteOk: reply(250, "Delete operation successful."),
  deleteFailed: reply(550, "Delete operation failed."),
  mkdFailed: reply(550, "Create directory operation failed."),
  rmdFailed: reply(550, "Remove directory operation failed."),
} as const;

/** The replies a server profile words in its own way: every fixed one by name, and those that carry a value. */
export type FixedReplyName = keyof typeof VSFTPD;
export type ServerReplies = Readonly<Record<FixedReplyName, Reply>> & {
  /** RFC 959 §4.1.2 PASV: "227 … (h1,h2,h3,h4,p1,p2)". */
  passive(hostPort: string): Reply;
  /** RFC 2428 §3 EPSV: "229 … (|||port|)". */
  extendedPassive(port: number): Reply;
  /** The 150 of a RETR, which names the file and its size. */
  retrOpening(name: string, size: number): Reply;
  /** RFC 3659 §5 REST STREAM. */
  restOk(offset: number): Reply;
  feat(tls: boolean, extended: boolean): Reply;
  help(): Reply;
  /** "331 …" after USER: a program may name the user. */
  passwordFor(user: string): Reply;
  /** "230 …" once logged in: anonymous and named users may be greeted apart. */
  loggedIn(user: string, anonymous: boolean): Reply;
  /**
   * Where a program's 150, 226 or 425 carries more than transfer-verbs.ts's table knows — the
   * client's port, the number of names listed, the bytes sent: its own words; null keeps the table's.
   */
  readonly transferWords?: TransferWords;
  /** Refusals that name the path (ProFTPD's "550 nowhere: No such file or directory"); absent: the fixed words. */
  readonly naming?: {
    cwdFailed(dir: string): Reply;
    failedToOpen(name: string): Reply;
    sizeMissing(name: string): Reply;
  };
};

/** What a server knows when it words a transfer's replies. */
export interface TransferFacts {
  readonly verb: string;
  readonly name: string;
  /** Active mode: the port the server connects to; null in passive mode. */
  readonly activePort: number | null;
  /** The names a listing holds. */
  readonly entries: number;
  /** Bytes sent or received over the data connection. */
  readonly bytes: number;
  /** The representation type in force (RFC 959 §3.1.1.1): "A" (ASCII) or "I" (image). */
  readonly type: "A" | "I";
  /** Why the data connection never opened ("timeout", "refused", …): for noConnection only. */
  readonly failure?: string;
}

export interface TransferWords {
  opening(t: TransferFacts): Reply | null;
  completion(t: TransferFacts): Reply | null;
  noConnection(t: TransferFacts): Reply | null;
  /**
   * A program that answers the transfer command at once, before its data connection is open
   * (FileZilla Server's "150 About to start data transfer."), words it here; `connected`: the
   * client's passive connection had already arrived. Null or absent: the 150 waits until the
   * connection is open, as vsftpd's does; when a reply is sent here, none is sent at the open.
   */
  early?(t: TransferFacts, connected: boolean): Reply | null;
}

export const passiveReply = (hostPort: string): Reply => reply(227, `Entering Passive Mode (${hostPort}).`);
export const extendedPassiveReply = (port: number): Reply => reply(229, `Entering Extended Passive Mode (|||${port}|)`);
export const retrOpening = (name: string, size: number): Reply =>
  reply(150, `Opening BINARY mode data connection for ${name} (${size} bytes).`);
export const sizeReply = (size: number): Reply => ({ code: 213, text: `213 ${size}` });
/** The lab's files have one modification time, 2026-01-01 00:00:00 UTC: MDTM's 213 (RFC 3659 §3) in its YYYYMMDDhhmmss form. */
export const FILE_MODIFIED = "20260101000000";
export const mdtmReply = (): Reply => ({ code: 213, text: `213 ${FILE_MODIFIED}` });

/** RFC 2389 FEAT: what this server supports (vsftpd's features.c order). */
export function featReply(tls: boolean, extended = true): Reply {
  const lines = ["211-Features:"];
  if (tls) lines.push(" AUTH TLS");
  if (extended) lines.push(" EPRT", " EPSV");
  lines.push(" MDTM", " PASV");
  if (tls) lines.push(" PBSZ", " PROT");
  // No UTF8: vsftpd lists it only with utf8_filesystem=YES, which Debian's configuration leaves off
  // (the FEAT lftp and tnftp recorded, test/real/fixtures/software/clients).
  lines.push(" REST STREAM", " SIZE", " TVFS", "211 End");
  return { code: 211, text: lines.join("\r\n") };
}

export const restOk = (offset: number): Reply => reply(350, `Restart position accepted (${offset}).`);

export function helpReply(): Reply {
  return {
    code: 214,
    text: [
      "214-The following commands are recognized.",
      " ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MKD",
      " MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REIN REST RETR RMD  RNFR",
      " RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD",
      " XPWD XRMD",
      "214 Help OK.",
    ].join("\r\n"),
  };
}

/** vsftpd 3.0.3's words for everything: the default server's, and the reference's. */
export const VSFTPD_REPLIES: ServerReplies = {
  ...VSFTPD,
  passive: passiveReply,
  extendedPassive: extendedPassiveReply,
  retrOpening,
  restOk,
  feat: featReply,
  help: helpReply,
  passwordFor: () => VSFTPD.specifyPassword,
  loggedIn: () => VSFTPD.loginOk,
};

/**
 * Reads replies out of the bytes of a control connection. RFC 959 §4.2: a multi-line reply
 * starts "xyz-" and ends with a line starting "xyz " with the same code.
 */
export class ReplyReader {
  private buffer = "";
  private pending: string[] = [];
  private pendingCode: string | null = null;

  push(bytes: string): Reply[] {
    this.buffer += bytes;
    const out: Reply[] = [];
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      const r = this.line(line);
      if (r) out.push(r);
    }
    return out;
  }

  private line(line: string): Reply | null {
    if (this.pendingCode !== null) {
      this.pending.push(line);
      if (line.startsWith(`${this.pendingCode} `) || line === this.pendingCode) {
        const code = Number(this.pendingCode);
        const text = this.pending.join("\r\n");
        this.pending = [];
        this.pendingCode = null;
        return { code, text };
      }
      return null;
    }
    const m = /^(\d{3})([ -]|$)/.exec(line);
    if (!m) return { code: 0, text: line }; // not a reply: the client reports it as a protocol error
    if (m[2] === "-") {
      this.pendingCode = m[1]!;
      this.pending = [line];
      return null;
    }
    return { code: Number(m[1]), text: line };
  }
}

/** Splits the bytes of a control connection into command lines (Telnet end-of-line, RFC 959 §4.1). */
export class LineReader {
  private buffer = "";

  push(bytes: string): string[] {
    this.buffer += bytes;
    const out: string[] = [];
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      out.push(this.buffer.slice(0, nl).replace(/\r$/, ""));
      this.buffer = this.buffer.slice(nl + 1);
    }
    return out;
  }
}
