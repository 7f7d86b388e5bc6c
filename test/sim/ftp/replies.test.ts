/** Reading the control connection: RFC 959 §4.2 replies (single- and multi-line) and command lines. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LineReader, ReplyReader, VSFTPD, extendedPassiveReply, featReply, isCompletion, isFailure, isIntermediate, isPreliminary, passiveReply, retrOpening } from "@/sim/ftp/replies";

describe("ReplyReader", () => {
  it("reads one reply per CRLF-terminated line", () => {
    const r = new ReplyReader();
    expect(r.push("220 (vsFTPd 3.0.3)\r\n")).toEqual([{ code: 220, text: "220 (vsFTPd 3.0.3)" }]);
  });

  it("returns nothing until the line is complete, then the whole reply", () => {
    const r = new ReplyReader();
    expect(r.push("230 Login")).toEqual([]);
    expect(r.push(" successful.\r")).toEqual([]);
    expect(r.push("\n")).toEqual([{ code: 230, text: "230 Login successful." }]);
  });

  it("reads two replies that arrive in one segment (150 and 226 together)", () => {
    const r = new ReplyReader();
    expect(r.push("150 Here comes the directory listing.\r\n226 Directory send OK.\r\n")).toEqual([
      { code: 150, text: "150 Here comes the directory listing." },
      { code: 226, text: "226 Directory send OK." },
    ]);
  });

  it("joins a multi-line reply (xyz- … xyz ) into one reply with its inner CRLFs", () => {
    const r = new ReplyReader();
    const feat = featReply(false);
    expect(r.push(`${feat.text}\r\n`)).toEqual([{ code: 211, text: feat.text }]);
  });

  it("joins a multi-line reply split across packets at any byte", () => {
    const text = "211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n211 End\r\n";
    for (let cut = 1; cut < text.length; cut++) {
      const r = new ReplyReader();
      const out = [...r.push(text.slice(0, cut)), ...r.push(text.slice(cut))];
      expect(out, `cut at ${cut}`).toEqual([{ code: 211, text: text.slice(0, -2) }]);
    }
  });

  it("delivers a multi-line reply only at its last line, even byte by byte", () => {
    const text = "214-The following commands are recognized.\r\n ABOR ACCT\r\n214 Help OK.\r\n";
    const r = new ReplyReader();
    const out: ReturnType<ReplyReader["push"]>[] = [];
    for (const ch of text) out.push(r.push(ch));
    const nonEmpty = out.filter((x) => x.length > 0);
    expect(nonEmpty).toEqual([[{ code: 214, text: text.slice(0, -2) }]]);
    expect(out.at(-1)).toEqual(nonEmpty[0]);
  });

  it("keeps inner lines that start with digits, as RFC 959 §4.2's example does", () => {
    // RFC 959: "123-First line / Second line / 234 A line beginning with numbers / 123 The last line"
    const text = "123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n123 The last line\r\n";
    const r = new ReplyReader();
    expect(r.push(text)).toEqual([{ code: 123, text: text.slice(0, -2) }]);
  });

  it("does not end a multi-line reply on a line with another code, nor on 'xyz-' with the same code", () => {
    const r = new ReplyReader();
    expect(r.push("211-Features:\r\n")).toEqual([]);
    expect(r.push("234 not the end\r\n")).toEqual([]);
    expect(r.push("211-still not the end\r\n")).toEqual([]);
    expect(r.push("211 End\r\n")).toEqual([{ code: 211, text: "211-Features:\r\n234 not the end\r\n211-still not the end\r\n211 End" }]);
  });

  it("reads the reply that follows a multi-line reply in the same segment", () => {
    const r = new ReplyReader();
    expect(r.push("211-Features:\r\n UTF8\r\n211 End\r\n200 NOOP ok.\r\n").map((x) => x.code)).toEqual([211, 200]);
  });

  it("accepts a bare LF as the end of a line", () => {
    const r = new ReplyReader();
    expect(r.push("221 Goodbye.\n")).toEqual([{ code: 221, text: "221 Goodbye." }]);
  });

  it("reports a line that is not a reply with code 0 so the client can call it a protocol error", () => {
    const r = new ReplyReader();
    expect(r.push("hello there\r\n")).toEqual([{ code: 0, text: "hello there" }]);
    expect(r.push("22 short\r\n")).toEqual([{ code: 0, text: "22 short" }]);
  });
});

describe("LineReader", () => {
  it("splits commands at CRLF and keeps a partial line for later", () => {
    const r = new LineReader();
    expect(r.push("USER demo\r\nPA")).toEqual(["USER demo"]);
    expect(r.push("SS demo\r\n")).toEqual(["PASS demo"]);
  });

  it("returns several commands from one segment, in order", () => {
    expect(new LineReader().push("TYPE I\r\nSIZE hello.txt\r\nRETR hello.txt\r\n")).toEqual(["TYPE I", "SIZE hello.txt", "RETR hello.txt"]);
  });

  it("splits a CRLF across segments without leaving a stray CR", () => {
    const r = new LineReader();
    expect(r.push("NOOP\r")).toEqual([]);
    expect(r.push("\n")).toEqual(["NOOP"]);
  });

  it("accepts a bare LF and keeps an empty line as an empty command", () => {
    expect(new LineReader().push("PWD\n\r\n")).toEqual(["PWD", ""]);
  });
});

describe("reply classes (RFC 959 §4.2.1)", () => {
  it("classifies 1yz, 2yz, 3yz and 4yz/5yz", () => {
    expect([150, 226, 331, 425, 500].map((c) => [isPreliminary(c), isCompletion(c), isIntermediate(c), isFailure(c)])).toEqual([
      [true, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
      [false, false, false, true],
    ]);
  });
});

describe("vsftpd 3.0.3's reply texts (shared/reference README)", () => {
  it.each([
    [VSFTPD.greeting, "220 (vsFTPd 3.0.3)"],
    [VSFTPD.loginOk, "230 Login successful."],
    [VSFTPD.pwd, '257 "/" is the current directory'],
    [VSFTPD.cwdOk, "250 Directory successfully changed."],
    [VSFTPD.portOk, "200 PORT command successful. Consider using PASV."],
    [VSFTPD.eprtOk, "200 EPRT command successful. Consider using EPSV."],
    [VSFTPD.typeAscii, "200 Switching to ASCII mode."],
    [VSFTPD.typeBinary, "200 Switching to Binary mode."],
    [VSFTPD.listing, "150 Here comes the directory listing."],
    [VSFTPD.storReady, "150 Ok to send data."],
    [VSFTPD.listingDone, "226 Directory send OK."],
    [VSFTPD.transferComplete, "226 Transfer complete."],
    [VSFTPD.failedToConnect, "425 Failed to establish connection."],
    [VSFTPD.portIllegal, "500 Illegal PORT command."],
    [VSFTPD.goodbye, "221 Goodbye."],
  ])("%o reads %s", (r, text) => {
    expect(r.text).toBe(text);
    expect(r.code).toBe(Number(text.slice(0, 3)));
  });

  it("builds 227, 229 and the RETR 150 as the reference saw them", () => {
    expect(passiveReply("10,99,2,2,117,61").text).toBe("227 Entering Passive Mode (10,99,2,2,117,61).");
    expect(extendedPassiveReply(30042).text).toBe("229 Entering Extended Passive Mode (|||30042|)");
    expect(retrOpening("hello.txt", 34).text).toBe("150 Opening BINARY mode data connection for hello.txt (34 bytes).");
  });

  it("lists FEAT as vsftpd does, with AUTH TLS, PBSZ and PROT only when TLS is on", () => {
    // As the real vsftpd answered lftp's FEAT (its -d log prefixes each line with "<--- ").
    const log = readFileSync(resolve(import.meta.dirname, "../../real/fixtures/software/clients/lftp--open-passive.log"), "utf8").split("\n");
    const from = log.indexOf("<--- 211-Features:");
    const recorded = log.slice(from, log.indexOf("<--- 211 End", from) + 1).map((l) => l.replace(/^<--- /, ""));
    expect(featReply(false).text.split("\r\n")).toEqual(recorded);
    const tls = featReply(true).text.split("\r\n");
    expect(tls).toContain(" AUTH TLS");
    expect(tls).toContain(" PBSZ");
    expect(tls).toContain(" PROT");
    expect(tls[0]).toBe("211-Features:");
    expect(tls.at(-1)).toBe("211 End");
  });
});
