/**
 * decide(): what vsftpd 3.0.3 answers to each command (prelogin.c, postlogin.c, ssl.c,
 * features.c), as a pure function of the session's state. Run with the reference's settings:
 * port_promiscuous=NO, pasv_promiscuous=NO, the account demo/demo.
 */
import { describe, expect, it } from "vitest";
import { decide, initialServerState, type Decision, type ServerPolicy, type ServerState } from "@/sim/ftp/server-session";
import { VSFTPD_REPLIES } from "@/sim/ftp/replies";
import { TRANSFER_VERBS } from "@/sim/ftp/transfer-verbs";

const PEER = "10.99.1.2";
const FILES = { "hello.txt": "Hello, FTP!\n" };
const POLICY: ServerPolicy = { userName: "demo", password: "demo", tls: false, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES };
const TLS_POLICY: ServerPolicy = { ...POLICY, tls: true };

const fresh: ServerState = initialServerState(FILES);
const loggedIn: ServerState = { ...fresh, loggedIn: true };
const withPort: ServerState = { ...loggedIn, dataPlan: { kind: "port", endpoint: { ip: PEER, port: 50000 } } };
const withPasv: ServerState = { ...loggedIn, dataPlan: { kind: "pasv", extended: false } };

function answer(state: ServerState, line: string, policy: ServerPolicy = POLICY): Extract<Decision, { kind: "reply" }> {
  const d = decide(state, line, policy, PEER);
  if (d.kind !== "reply") throw new Error(`${line}: expected a reply, got ${d.kind}`);
  return d;
}
const text = (state: ServerState, line: string, policy: ServerPolicy = POLICY): string => answer(state, line, policy).reply.text;

describe("before login", () => {
  it.each(["LIST", "PASV", "PORT 10,99,1,2,195,80", "EPSV", "RETR hello.txt", "PWD", "SYST", "XYZZY"])("answers %s with 530 Please login with USER and PASS.", (line) => {
    expect(text(fresh, line)).toBe("530 Please login with USER and PASS.");
  });

  it("asks for the password after USER, then logs in with the right one: 331, 230", () => {
    const user = answer(fresh, "USER demo");
    expect(user.reply.text).toBe("331 Please specify the password.");
    const pending = { ...fresh, ...user.patch };
    const pass = answer(pending, "PASS demo");
    expect(pass.reply.text).toBe("230 Login successful.");
    expect(pass.patch?.loggedIn).toBe(true);
  });

  it("refuses a wrong password with 530 Login incorrect. and forgets the user", () => {
    const pending = { ...fresh, pendingUser: "demo" };
    const d = answer(pending, "PASS wrong");
    expect(d.reply.text).toBe("530 Login incorrect.");
    expect(d.patch?.loggedIn ?? false).toBe(false);
    expect(d.patch?.pendingUser).toBeNull();
  });

  it("refuses the right password for another user name", () => {
    expect(text({ ...fresh, pendingUser: "mallory" }, "PASS demo")).toBe("530 Login incorrect.");
  });

  it("answers PASS without USER with 503 Login with USER first.", () => {
    expect(text(fresh, "PASS demo")).toBe("503 Login with USER first.");
  });

  it("logs anonymous in at once when the server is anonymous-only with no_anon_password (the reference's set-up)", () => {
    const anon: ServerPolicy = { ...POLICY, userName: "anonymous", password: "" };
    for (const name of ["anonymous", "ftp", "ANONYMOUS"]) {
      const d = answer(fresh, `USER ${name}`, anon);
      expect(d.reply.text).toBe("230 Login successful.");
      expect(d.patch?.loggedIn).toBe(true);
    }
  });

  it("answers FEAT before login with vsftpd's multi-line feature list", () => {
    const r = answer(fresh, "FEAT").reply;
    expect(r.code).toBe(211);
    expect(r.text.split("\r\n")[0]).toBe("211-Features:");
    expect(r.text.split("\r\n").at(-1)).toBe("211 End");
  });

  it("quits on QUIT", () => {
    expect(decide(fresh, "QUIT", POLICY, PEER).kind).toBe("quit");
  });

  it("reads command verbs case-insensitively (RFC 959 §5.3)", () => {
    expect(text(fresh, "user demo")).toBe("331 Please specify the password.");
  });
});

describe("AUTH TLS, PBSZ and PROT (RFC 4217) only when TLS is on (ssl_enable)", () => {
  it("does not know AUTH when TLS is off", () => {
    expect(text(fresh, "AUTH TLS")).toBe("530 Please login with USER and PASS.");
    expect(text(loggedIn, "AUTH TLS")).toBe("500 Unknown command.");
  });

  it("starts the handshake on AUTH TLS when TLS is on, for TLS and its aliases, in any case", () => {
    for (const line of ["AUTH TLS", "AUTH tls", "AUTH SSL", "AUTH TLS-C"]) expect(decide(fresh, line, TLS_POLICY, PEER).kind).toBe("auth");
  });

  it("refuses an unknown AUTH mechanism with 504 and AUTH once secure with 500", () => {
    expect(text(fresh, "AUTH KERBEROS", TLS_POLICY)).toBe("504 Unknown AUTH type.");
    expect(text({ ...fresh, tlsActive: true }, "AUTH TLS", TLS_POLICY)).toBe("500 Unknown command.");
  });

  it("requires the secure channel for PBSZ and PROT", () => {
    expect(text(fresh, "PBSZ 0", TLS_POLICY)).toBe("503 PBSZ needs a secure connection.");
    expect(text(fresh, "PROT P", TLS_POLICY)).toBe("503 PROT needs a secure connection.");
    const secure = { ...fresh, tlsActive: true };
    expect(text(secure, "PBSZ 0", TLS_POLICY)).toBe("200 PBSZ set to 0.");
    const p = answer(secure, "PROT P", TLS_POLICY);
    expect(p.reply.text).toBe("200 PROT now Private.");
    expect(p.patch?.protPrivate).toBe(true);
    expect(text(secure, "PROT C", TLS_POLICY)).toBe("200 PROT now Clear.");
    expect(text(secure, "PROT S", TLS_POLICY)).toBe("536 PROT not supported.");
    expect(text(secure, "PROT Q", TLS_POLICY)).toBe("504 PROT not recognized.");
  });

  it("refuses a non-anonymous login before AUTH TLS (force_local_logins_ssl)", () => {
    expect(text(fresh, "USER demo", TLS_POLICY)).toBe("530 Non-anonymous sessions must use encryption.");
    expect(text({ ...fresh, tlsActive: true }, "USER demo", TLS_POLICY)).toBe("331 Please specify the password.");
  });

  it("lists AUTH TLS, PBSZ and PROT in FEAT only with TLS", () => {
    expect(text(fresh, "FEAT", TLS_POLICY)).toContain(" AUTH TLS");
    expect(text(fresh, "FEAT", TLS_POLICY)).toContain(" PROT");
    expect(text(fresh, "FEAT")).not.toContain("AUTH");
  });

  it("answers PBSZ and PROT after login with 550 Permission denied. when TLS is off", () => {
    expect(text(loggedIn, "PBSZ 0")).toBe("550 Permission denied.");
    expect(text(loggedIn, "PROT P")).toBe("550 Permission denied.");
  });
});

describe("after login: simple commands", () => {
  it.each([
    ["PWD", '257 "/" is the current directory'],
    ["XPWD", '257 "/" is the current directory'],
    ["CWD /", "250 Directory successfully changed."],
    ["CWD nowhere", "550 Failed to change directory."],
    ["CDUP", "250 Directory successfully changed."],
    ["SYST", "215 UNIX Type: L8"],
    ["NOOP", "200 NOOP ok."],
    ["MODE S", "200 Mode set to S."],
    ["MODE B", "504 Bad MODE command."],
    ["STRU F", "200 Structure set to F."],
    ["STRU R", "504 Bad STRU command."],
    ["ABOR", "225 No transfer to ABOR."],
    ["REST 100", "350 Restart position accepted (100)."],
    ["USER other", "530 Can't change to another user."],
    ["PASS demo", "230 Already logged in."],
    ["XYZZY", "500 Unknown command."],
    ["pwd", '257 "/" is the current directory'],
  ])("%s → %s", (line, reply) => {
    expect(text(loggedIn, line)).toBe(reply);
  });

  it.each([
    ["TYPE A", "200 Switching to ASCII mode.", "A"],
    ["TYPE a", "200 Switching to ASCII mode.", "A"],
    ["TYPE A N", "200 Switching to ASCII mode.", "A"],
    ["TYPE I", "200 Switching to Binary mode.", "I"],
    ["TYPE L 8", "200 Switching to Binary mode.", "I"],
    ["TYPE L8", "200 Switching to Binary mode.", "I"],
  ])("%s → %s and switches the type", (line, reply, type) => {
    const d = answer(type === "A" ? { ...loggedIn, type: "I" } : loggedIn, line);
    expect(d.reply.text).toBe(reply);
    expect(d.patch?.type).toBe(type);
  });

  it("refuses an unknown TYPE with 500 Unrecognised TYPE command. and keeps the type", () => {
    const d = answer(loggedIn, "TYPE E");
    expect(d.reply.text).toBe("500 Unrecognised TYPE command.");
    expect(d.patch?.type).toBeUndefined();
  });

  it("answers SIZE with the file's size in bytes, or 550 when it is missing", () => {
    expect(text(loggedIn, "SIZE hello.txt")).toBe("213 12");
    expect(text(loggedIn, "SIZE missing.txt")).toBe("550 Could not get file size.");
  });

  it("answers FEAT and HELP with multi-line replies that end on the same code", () => {
    for (const [line, code] of [["FEAT", 211], ["HELP", 214]] as const) {
      const r = answer(loggedIn, line).reply;
      const lines = r.text.split("\r\n");
      expect(r.code).toBe(code);
      expect(lines.length).toBeGreaterThan(2);
      expect(lines[0]!.startsWith(`${code}-`)).toBe(true);
      expect(lines.at(-1)!.startsWith(`${code} `)).toBe(true);
    }
  });

  it("deletes a file on DELE and says so", () => {
    const d = answer(loggedIn, "DELE hello.txt");
    expect(d.reply.text).toBe("250 Delete operation successful.");
    expect(d.patch?.files).toEqual({});
    expect(text(loggedIn, "DELE missing.txt")).toBe("550 Delete operation failed.");
  });
});

describe("PORT (RFC 959) with vsftpd's bounce defence (RFC 2577 §3, port_promiscuous=NO)", () => {
  it("accepts the control peer's address on an unprivileged port: 200 PORT command successful. Consider using PASV.", () => {
    const d = answer(loggedIn, "PORT 10,99,1,2,195,80");
    expect(d.reply.text).toBe("200 PORT command successful. Consider using PASV.");
    expect(d.patch?.dataPlan).toEqual({ kind: "port", endpoint: { ip: PEER, port: 195 * 256 + 80 } });
  });

  it("accepts port 1024, the first unprivileged port", () => {
    expect(text(loggedIn, "PORT 10,99,1,2,4,0")).toBe("200 PORT command successful. Consider using PASV.");
  });

  it.each([
    ["a third host (the bounce attack)", "PORT 10,99,3,30,0,25"],
    ["another client address", "PORT 10,99,1,3,195,80"],
    ["the server itself", "PORT 10,99,2,2,195,80"],
  ])("refuses %s with 500 Illegal PORT command.", (_what, line) => {
    const d = answer(loggedIn, line);
    expect(d.reply.text).toBe("500 Illegal PORT command.");
    expect(d.patch?.dataPlan).toBeNull();
  });

  it.each([
    ["port 1023", "PORT 10,99,1,2,3,255"],
    ["port 25", "PORT 10,99,1,2,0,25"],
    ["port 21", "PORT 10,99,1,2,0,21"],
    ["port 0", "PORT 10,99,1,2,0,0"],
  ])("refuses a privileged %s of the peer with 500 Illegal PORT command.", (_what, line) => {
    expect(text(loggedIn, line)).toBe("500 Illegal PORT command.");
  });

  it("accepts a foreign address and a privileged port when allowForeignDataAddress (port_promiscuous=YES)", () => {
    const promiscuous = { ...POLICY, allowForeignDataAddress: true, connectFromPort20: true, replies: VSFTPD_REPLIES };
    const d = answer(loggedIn, "PORT 10,99,3,30,0,25", promiscuous);
    expect(d.reply.text).toBe("200 PORT command successful. Consider using PASV.");
    expect(d.patch?.dataPlan).toEqual({ kind: "port", endpoint: { ip: "10.99.3.30", port: 25 } });
  });

  // Measured with vsftpd 3.0.3 (test/real/scenarios/bounce): what PORT let through, the connect refuses, and the session dies.
  it.each([
    ["a reserved port, from port 20", { ip: "10.99.3.30", port: 25 }, true, "500 OOPS: Illegal port request"],
    ["a reserved port, from an ephemeral port", { ip: "10.99.3.30", port: 25 }, false, "500 OOPS: Illegal port request"],
    ["a high port, from port 20", { ip: "10.99.3.30", port: 2525 }, true, "500 OOPS: vsf_sysutil_bind"],
  ])("with port_promiscuous=YES, ends the session at LIST for %s", (_what, endpoint, connectFromPort20, expected) => {
    const promiscuous = { ...POLICY, allowForeignDataAddress: true, connectFromPort20 };
    const d = decide({ ...loggedIn, dataPlan: { kind: "port", endpoint } }, "LIST", promiscuous, PEER);
    expect(d).toEqual({ kind: "oops", reply: expect.objectContaining({ code: 500, text: expected }) });
  });

  it("with port_promiscuous=YES and an ephemeral source port, connects to a foreign high port", () => {
    const promiscuous = { ...POLICY, allowForeignDataAddress: true, connectFromPort20: false };
    const d = decide({ ...loggedIn, dataPlan: { kind: "port", endpoint: { ip: "10.99.3.30", port: 2525 } } }, "LIST", promiscuous, PEER);
    expect(d.kind).toBe("transfer");
  });

  it.each([
    ["five numbers", "PORT 10,99,1,2,195"],
    ["a number above 255", "PORT 10,99,1,2,300,80"],
    ["letters", "PORT ten,99,1,2,195,80"],
    ["no argument", "PORT"],
  ])("refuses a malformed PORT (%s) with 500 Illegal PORT command.", (_what, line) => {
    expect(text(loggedIn, line)).toBe("500 Illegal PORT command.");
  });

  it("forgets any earlier PORT or PASV, accepted or not (pasv_cleanup and port_cleanup come first)", () => {
    for (const before of [withPort, withPasv]) {
      for (const line of ["PORT 10,99,1,2,195,80", "PORT 10,99,3,30,195,80", "PORT garbage"]) {
        expect(answer(before, line).releaseData, line).toBe(true);
      }
    }
  });
});

describe("EPRT (RFC 2428 §2) as vsftpd's handle_eprt reads it", () => {
  it("accepts |1|peer|port|: 200 EPRT command successful. Consider using EPSV.", () => {
    const d = answer(loggedIn, "EPRT |1|10.99.1.2|51185|");
    expect(d.reply.text).toBe("200 EPRT command successful. Consider using EPSV.");
    expect(d.patch?.dataPlan).toEqual({ kind: "port", endpoint: { ip: PEER, port: 51185 } });
    expect(d.releaseData).toBe(true);
  });

  it("refuses another host with 500 Illegal EPRT command.", () => {
    const d = answer(loggedIn, "EPRT |1|10.99.3.30|51185|");
    expect(d.reply.text).toBe("500 Illegal EPRT command.");
    expect(d.patch?.dataPlan).toBeNull();
  });

  it("refuses a privileged port of the peer with 500 Illegal EPRT command.", () => {
    expect(text(loggedIn, "EPRT |1|10.99.1.2|1023|")).toBe("500 Illegal EPRT command.");
  });

  it("accepts another host when allowForeignDataAddress", () => {
    expect(text(loggedIn, "EPRT |1|10.99.3.30|51185|", { ...POLICY, allowForeignDataAddress: true, connectFromPort20: true, replies: VSFTPD_REPLIES })).toBe("200 EPRT command successful. Consider using EPSV.");
  });

  it.each([
    ["no delimiters", "EPRT 10.99.1.2 51185"],
    ["a bad address", "EPRT |1|10.99.1.256|51185|"],
    ["a missing port", "EPRT |1|10.99.1.2||"],
    ["port 65536", "EPRT |1|10.99.1.2|65536|"],
    ["no argument", "EPRT"],
  ])("refuses a malformed EPRT (%s) with 500 Bad EPRT command.", (_what, line) => {
    const d = answer(loggedIn, line);
    expect(d.reply.text).toBe("500 Bad EPRT command.");
    expect(d.releaseData).toBe(true);
  });

  it("refuses IPv6 (protocol 2) on an IPv4 server and unknown protocols with 500 Bad EPRT protocol.", () => {
    expect(text(loggedIn, "EPRT |2|::1|51185|")).toBe("500 Bad EPRT protocol.");
    expect(text(loggedIn, "EPRT |3|10.99.1.2|51185|")).toBe("500 Bad EPRT protocol.");
  });

  // vsftpd's handle_eprt splits on '|' only (str_split_char(…, '|')): any other delimiter,
  // though RFC 2428 allows it, leaves text before the first '|' and goes to bad_eprt.
  it("refuses an EPRT with a delimiter other than '|' with 500 Bad EPRT command., as vsftpd does", () => {
    expect(text(loggedIn, "EPRT !1!10.99.1.2!51185!")).toBe("500 Bad EPRT command.");
  });

  // vsftpd: port 0 passes "port < 0 || port > 65535", then vsf_sysutil_is_port_reserved(0) is
  // true, so the answer is the security refusal, not the syntax one.
  it("refuses port 0 of the peer with 500 Illegal EPRT command., as vsftpd does", () => {
    expect(text(loggedIn, "EPRT |1|10.99.1.2|0|")).toBe("500 Illegal EPRT command.");
  });
});

describe("PASV and EPSV", () => {
  it("opens a passive listener on PASV, EPSV and EPSV 1", () => {
    expect(decide(loggedIn, "PASV", POLICY, PEER)).toEqual({ kind: "passive", extended: false });
    expect(decide(loggedIn, "EPSV", POLICY, PEER)).toEqual({ kind: "passive", extended: true });
    expect(decide(loggedIn, "EPSV 1", POLICY, PEER)).toEqual({ kind: "passive", extended: true });
  });

  it("refuses EPSV 2 (IPv6) on an IPv4 server with 522 Bad network protocol.", () => {
    expect(text(loggedIn, "EPSV 2")).toBe("522 Bad network protocol.");
    expect(text(loggedIn, "EPSV 7")).toBe("522 Bad network protocol.");
  });

  it("after EPSV ALL refuses PASV and PORT with 550 Permission denied. but still serves EPSV", () => {
    const d = answer(loggedIn, "EPSV ALL");
    expect(d.reply.text).toBe("200 EPSV ALL ok.");
    const all = { ...loggedIn, ...d.patch };
    expect(text(all, "PASV")).toBe("550 Permission denied.");
    expect(text(all, "PORT 10,99,1,2,195,80")).toBe("550 Permission denied.");
    expect(decide(all, "EPSV", POLICY, PEER).kind).toBe("passive");
  });

  it("does not know EPSV or EPRT on a server without RFC 2428 support", () => {
    const old = { ...POLICY, extended: false };
    expect(text(loggedIn, "EPSV", old)).toBe("500 Unknown command.");
    expect(text(loggedIn, "EPRT |1|10.99.1.2|51185|", old)).toBe("500 Unknown command.");
  });

  // RFC 2389 §3.2: FEAT lists the extensions the server supports. A server that answers EPSV and
  // EPRT with 500 must not advertise them.
  it("does not advertise EPRT and EPSV in FEAT on a server without RFC 2428 support", () => {
    const lines = text(loggedIn, "FEAT", { ...POLICY, extended: false }).split("\r\n");
    expect(lines).not.toContain(" EPRT");
    expect(lines).not.toContain(" EPSV");
  });
});

describe("transfer commands", () => {
  it.each(["LIST", "NLST", "RETR hello.txt", "STOR upload.txt", "APPE upload.txt"])("answers %s without PORT or PASV with 425 Use PORT or PASV first.", (line) => {
    expect(text(loggedIn, line)).toBe("425 Use PORT or PASV first.");
  });

  it("checks for PORT/PASV before it looks for the file (425 before 550)", () => {
    expect(text(loggedIn, "RETR missing.txt")).toBe("425 Use PORT or PASV first.");
  });

  it("answers RETR of a missing file with 550 Failed to open file. without touching the data connection", () => {
    const d = answer(withPasv, "RETR missing.txt");
    expect(d.reply.text).toBe("550 Failed to open file.");
    expect(d.releaseData ?? false).toBe(false);
  });

  it("starts a transfer for LIST, RETR of a file that exists, and STOR, after PORT or PASV", () => {
    for (const state of [withPort, withPasv]) {
      expect(decide(state, "LIST", POLICY, PEER)).toEqual({ kind: "transfer", transfer: { verb: "LIST", name: "" } });
      expect(decide(state, "RETR hello.txt", POLICY, PEER)).toEqual({ kind: "transfer", transfer: { verb: "RETR", name: "hello.txt" } });
      expect(decide(state, "STOR upload.txt", POLICY, PEER)).toEqual({ kind: "transfer", transfer: { verb: "STOR", name: "upload.txt" } });
    }
  });

  it("refuses to STOR into a path with 553 Could not create file.", () => {
    expect(text(withPasv, "STOR ../etc/passwd")).toBe("553 Could not create file.");
    expect(text(withPasv, "STOR /upload.txt")).toBe("553 Could not create file.");
  });

  it("opens and completes transfers in vsftpd's words", () => {
    expect(TRANSFER_VERBS.LIST.opening("", FILES, VSFTPD_REPLIES).text).toBe("150 Here comes the directory listing.");
    expect(TRANSFER_VERBS.NLST.opening("", FILES, VSFTPD_REPLIES).text).toBe("150 Here comes the directory listing.");
    expect(TRANSFER_VERBS.RETR.opening("hello.txt", FILES, VSFTPD_REPLIES).text).toBe("150 Opening BINARY mode data connection for hello.txt (12 bytes).");
    expect(TRANSFER_VERBS.STOR.opening("upload.txt", FILES, VSFTPD_REPLIES).text).toBe("150 Ok to send data.");
    expect(TRANSFER_VERBS.APPE.opening("upload.txt", FILES, VSFTPD_REPLIES).text).toBe("150 Ok to send data.");
    expect(TRANSFER_VERBS.LIST.completion(VSFTPD_REPLIES).text).toBe("226 Directory send OK.");
    expect(TRANSFER_VERBS.NLST.completion(VSFTPD_REPLIES).text).toBe("226 Directory send OK.");
    expect(TRANSFER_VERBS.RETR.completion(VSFTPD_REPLIES).text).toBe("226 Transfer complete.");
    expect(TRANSFER_VERBS.STOR.completion(VSFTPD_REPLIES).text).toBe("226 Transfer complete.");
    expect(TRANSFER_VERBS.APPE.completion(VSFTPD_REPLIES).text).toBe("226 Transfer complete.");
  });
});
