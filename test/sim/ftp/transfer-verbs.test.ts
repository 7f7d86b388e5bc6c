/**
 * The transfer verb table (sim/ftp/transfer-verbs.ts) is what both ends know about a transfer:
 * the server (vsftpd) accepts exactly its verbs and answers them with its 150 and 226; the client
 * (curl) sets its TYPE and asks SIZE as it says, and the bytes go the way it says.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "@/sim/index";
import { decide, initialServerState, type ServerPolicy } from "@/sim/ftp/server-session";
import { VSFTPD_REPLIES } from "@/sim/ftp/replies";
import { CURL_PROFILE } from "@/sim/software/curl";
import { TRANSFER_VERBS, isTransferVerb, type TransferVerbName } from "@/sim/ftp/transfer-verbs";

const PEER = "10.99.1.10";
const POLICY: ServerPolicy = { userName: "demo", password: "demo", tls: false, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES };
const FILES = { "hello.txt": "Hello, FTP!\n" };
const VERBS = Object.keys(TRANSFER_VERBS) as TransferVerbName[];

describe("the table", () => {
  it("says what curl and vsftpd do: listings in ASCII, files in binary, SIZE before RETR only", () => {
    const facts = Object.fromEntries(VERBS.map((v) => [v, [TRANSFER_VERBS[v].sender, CURL_PROFILE.conversation.verbs[v].type, CURL_PROFILE.conversation.verbs[v].afterConnect.includes("SIZE")]]));
    expect(facts).toEqual({
      LIST: ["server", "A", false],
      NLST: ["server", "A", false],
      RETR: ["server", "I", true],
      STOR: ["client", "I", false],
      APPE: ["client", "I", false],
    });
  });

  it("knows only its own keys as transfer verbs (not inherited names, not other commands)", () => {
    for (const v of VERBS) expect(isTransferVerb(v)).toBe(true);
    for (const v of ["SIZE", "MLSD", "STOU", "TYPE", "constructor", "toString", "list"]) expect(isTransferVerb(v)).toBe(false);
  });
});

describe("the server reads it", () => {
  // Every verb vsftpd's HELP names, and the RFC 3659 listings it does not implement.
  const HELP_VERBS = "ABOR ACCT ALLO APPE CDUP CWD DELE EPRT EPSV FEAT HELP LIST MDTM MKD MODE NLST NOOP OPTS PASS PASV PORT PWD QUIT REIN REST RETR RMD RNFR RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD XPWD XRMD MLSD MLST".split(" ");
  const ready = { ...initialServerState(FILES), loggedIn: true, dataPlan: { kind: "pasv", extended: false } as const };

  it("hands exactly the table's verbs to a data transfer, in any case", () => {
    const transfers = HELP_VERBS.filter((verb) => decide(ready, `${verb.toLowerCase()} hello.txt`, POLICY, PEER).kind === "transfer");
    expect(transfers.sort()).toEqual([...VERBS].sort());
  });

  it("refuses before any connection as the table says: RETR of a missing file, STOR/APPE of a path", () => {
    const refusals = VERBS.map((v) => [v, decide(ready, `${v} missing/x`, POLICY, PEER)] as const).filter(([, d]) => d.kind === "reply");
    expect(refusals.map(([v, d]) => [v, d.kind === "reply" ? d.reply.text : null])).toEqual([
      ["RETR", "550 Failed to open file."],
      ["STOR", "553 Could not create file."],
      ["APPE", "553 Could not create file."],
    ]);
  });
});

/** One session that runs every verb of the table once, passive, on a server holding hello.txt. */
function everyVerb(): Trace {
  return simulate({
    client: { mode: "passive", files: { "up.txt": "abc\n" } },
    files: FILES,
    commands: ["LIST", "NLST", "RETR hello.txt", "STOR up.txt", "APPE up.txt", "RETR up.txt"],
  });
}

/** The lines of the control connection from the transfer's command back to its mode command. */
function exchange(trace: Trace, index: number): string[] {
  const lines = trace.result.transcript.map((l) => l.line);
  const command = trace.result.transfers[index]!.command;
  const at = lines.indexOf(command);
  let start = at;
  while (start > 0 && lines[start] !== "PASV") start--;
  let end = at;
  while (end < lines.length && !/^2\d\d|^[45]\d\d/.test(lines[end]!)) end++;
  return lines.slice(start, end + 1);
}

describe("both ends read it in one session", () => {
  it("the client sets TYPE and asks SIZE as the table says; the server answers with the table's 150 and 226", () => {
    const t = everyVerb();
    expect(t.result.transfers.map((x) => x.result)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    let type: string | null = null;
    t.result.transfers.forEach((x, i) => {
      const verb = { ...TRANSFER_VERBS[x.command.split(" ")[0] as TransferVerbName], ...CURL_PROFILE.conversation.verbs[x.command.split(" ")[0] as TransferVerbName] };
      const name = x.command.split(" ")[1] ?? "";
      const lines = exchange(t, i);
      const typeLine = lines.find((l) => l.startsWith("TYPE "));
      // TYPE only when it changes (curl remembers what it set).
      expect(typeLine, x.command).toBe(type === verb.type ? undefined : `TYPE ${verb.type}`);
      type = verb.type;
      expect(lines.some((l) => l.startsWith("SIZE ")), x.command).toBe(verb.afterConnect.includes("SIZE"));
      const files = i === 5 ? { ...FILES, "up.txt": "abc\nabc\n" } : FILES;
      expect(lines.at(-2), x.command).toBe(verb.opening(name, files, VSFTPD_REPLIES).text);
      expect(lines.at(-1), x.command).toBe(verb.completion(VSFTPD_REPLIES).text);
    });
  });

  it("the bytes go the way the table says, and APPE appends to what STOR stored", () => {
    const t = everyVerb();
    const dataConns = t.events.flatMap((e) => (e.type === "connect" && e.purpose === "data" ? [e.conn] : []));
    const senders = dataConns.map((conn) => [...new Set(t.events.flatMap((e) => (e.type === "send" && e.packet.conn === conn && e.packet.payload !== "" ? [e.node] : [])))]);
    expect(senders).toEqual(t.result.transfers.map((x) => [TRANSFER_VERBS[x.command.split(" ")[0] as TransferVerbName].sender]));
    // hello.txt is 12 bytes; up.txt is 4 bytes uploaded, appended, then 8 bytes downloaded.
    expect(t.result.transfers.slice(2).map((x) => x.bytes)).toEqual([12, 4, 4, 8]);
  });
});

describe("the client's commands around a transfer come from its program's profile", () => {
  const retr = (software: "curl" | "lftp" | "bsd-ftp" | "ftplib") =>
    simulate({ client: { software, mode: "passive", extended: false }, files: FILES, commands: ["RETR hello.txt"] }).result.transcript.filter((l) => l.from === "client").map((l) => l.line.split(" ")[0]);

  it("curl: the mode command, then TYPE I and SIZE once the data connection is open; lftp: TYPE I, SIZE, MDTM before PASV", () => {
    expect(retr("curl")).toEqual(["USER", "PASS", "PWD", "PASV", "TYPE", "SIZE", "RETR", "QUIT"]);
    expect(retr("lftp")).toEqual(["FEAT", "USER", "PASS", "PWD", "TYPE", "SIZE", "MDTM", "PASV", "RETR", "QUIT"]);
  });

  it("tnftp asks MDTM after the download; ftplib sends only TYPE I before PASV", () => {
    expect(retr("bsd-ftp")).toEqual(["USER", "PASS", "SYST", "FEAT", "TYPE", "SIZE", "PASV", "RETR", "MDTM", "QUIT"]);
    expect(retr("ftplib")).toEqual(["USER", "PASS", "TYPE", "PASV", "RETR", "QUIT"]);
  });
});
