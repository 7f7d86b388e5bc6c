/**
 * Logs as people paste them: masked addresses, lost lines, CRLF or CR line endings and a BOM,
 * HTML entities from a forum, lines a forum wrapped, two formats mixed; and text that is no FTP
 * log at all. The readers never throw, and nothing FTP reads as nothing (readLog → null).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEXT_READERS } from "../../../../sim/diagnose/formats";
import { readLog } from "../../../../sim/diagnose/read-log";
import type { ParsedLog } from "../../../../sim/diagnose/log-types";

const fixture = (path: string) => readFileSync(join(process.cwd(), path), "utf8");
const said = (log: ParsedLog | null) => (log?.entries ?? []).filter((e) => e.from === "client" || e.from === "server").map((e) => `${e.from} ${e.text}`);

const LFTP = fixture("test/real/fixtures/software/clients/lftp--open-passive.log");
const CURL = fixture("test/real/fixtures/software/pure-ftpd/pasv-list.log");

describe("messy pastes", () => {
  it("CRLF, CR-only, a BOM, trailing blanks and tabs read the same as LF", () => {
    const plain = readLog(LFTP)!;
    const lines = LFTP.replace(/\n$/, "").split("\n");
    for (const variant of [lines.join("\r\n"), lines.join("\r"), `\ufeff${lines.join("\n")}`, lines.map((l) => `${l} \t `).join("\n")]) {
      const log = readLog(variant);
      expect(log?.format).toBe("lftp");
      expect(said(log)).toEqual(said(plain));
    }
  });

  it("a forum's HTML entities are decoded", () => {
    const escaped = CURL.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const log = readLog(escaped);
    expect(log?.format).toBe("curl");
    expect(said(log)).toEqual(said(readLog(CURL)));
    expect(said(log)).toContain('server 257 "/" is your current location');
  });

  it("masked addresses are kept as written", () => {
    const masked = CURL.replace(/10\.99\.2\.20/g, "1.2.3.x").replace(/10,99,2,20/g, "xxx,xxx,xxx,xxx");
    const log = readLog(masked)!;
    expect(log.format).toBe("curl");
    expect(log.control).toMatchObject({ serverIp: "1.2.3.x", port: 21 });
    expect(said(log).some((l) => l.includes("(xxx,xxx,xxx,xxx,"))).toBe(true);
  });

  it("lost lines: every other line of a vsftpd log still reads as vsftpd, line numbers as pasted", () => {
    const lines = fixture("test/fixtures/logs/vsftpd/protocol-log--curl-ftplib.log").split("\n");
    const half = lines.filter((_, i) => i % 2 === 0).join("\n");
    const log = readLog(half)!;
    expect(log.format).toBe("vsftpd");
    const first = log.entries[0]!;
    expect(half.split("\n")[first.line - 1]).toContain(first.text);
  });

  it("a line a forum wrapped is joined to the entry it belongs to", () => {
    const text = "Command:\tPASV\nResponse:\t227 Entering Passive Mode\n(10,99,2,20,117,81).\nCommand:\tLIST\n";
    const log = readLog(text)!;
    expect(log.format).toBe("filezilla");
    expect(said(log)).toEqual(["client PASV", "server 227 Entering Passive Mode (10,99,2,20,117,81).", "client LIST"]);
    const py = "*cmd* 'PASV'\n*resp* '227 Entering Passive Mode\n(10,99,2,20,117,81).'\n*cmd* 'LIST'\n";
    expect(said(readLog(py))).toEqual(["client PASV", "server 227 Entering Passive Mode(10,99,2,20,117,81).", "client LIST"]);
  });

  it("a paste mixing two formats is read as the one with more lines", () => {
    const fz = fixture("test/fixtures/logs/filezilla/german-logfile--written.log");
    const mixed = `${CURL.split("\n").slice(0, 4).join("\n")}\n${fz}`;
    expect(readLog(mixed)?.format).toBe("filezilla");
    expect(readLog(`${fz.split("\n").slice(0, 3).join("\n")}\n${CURL}`)?.format).toBe("curl");
  });

  it("merged replies in a console client's paste (two replies on consecutive lines, no command between) are both kept", () => {
    const log = readLog("Connected to 10.0.0.5.\n220 ready\n---> PASV\n227 Entering Passive Mode (10,0,0,5,4,1)\n---> LIST\n150 Here it comes\n226 Done\n");
    expect(said(log).slice(-2)).toEqual(["server 150 Here it comes", "server 226 Done"]);
  });
});

describe("text that is no FTP log", () => {
  const NOT_FTP: Record<string, string> = {
    prose: "Hello, I have a problem with my server.\nIt does not work since yesterday.\nThanks for any help!\n",
    "a Python traceback alone": 'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    main()\nValueError: bad value\n',
    "curl -v of an HTTP request": "*   Trying 93.184.216.34:80...\n* Connected to example.com (93.184.216.34) port 80 (#0)\n> GET / HTTP/1.1\n> Host: example.com\n> User-Agent: curl/7.88.1\n>\n< HTTP/1.1 200 OK\n< Content-Type: text/html\n",
    "a web server's access log": '203.0.113.9 - - [06/Dec/2026:03:05:43 +0000] "GET / HTTP/1.1" 200 512\n203.0.113.9 - - [06/Dec/2026:03:05:44 +0000] "GET /favicon.ico HTTP/1.1" 404 0\n',
    "a syslog of another daemon": "Dec  6 03:05:45 vm sshd[123]: Accepted publickey for root\nDec  6 03:05:46 vm systemd[1]: Started Session 4.\n",
    empty: "",
  };
  for (const [name, text] of Object.entries(NOT_FTP)) {
    it(`${name}: every reader scores it below 0.2, readLog gives null`, () => {
      for (const r of TEXT_READERS) expect(r.detect(text), r.format).toBeLessThan(0.2);
      expect(readLog(text)).toBeNull();
    });
  }

  // How fast: `npm run bench` (diagnose read 1 MB), never a timed test.
  it("1 MB of random text: no reader throws", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,:;<>*-'\"\\\t\r\n&#[]()|@";
    let text = "";
    while (text.length < 1_000_000) text += alphabet[Math.floor(rand() * alphabet.length)];
    for (const r of TEXT_READERS) expect(r.detect(text)).toBeLessThan(0.2);
    for (const r of TEXT_READERS) expect(() => r.parse(text)).not.toThrow();
    expect(() => readLog(text)).not.toThrow();
    expect(() => readLog("x".repeat(1_000_000))).not.toThrow();
  });

  it("a 1 MB real log is read whole", () => {
    let text = "";
    while (text.length < 1_000_000) text += LFTP;
    const log = readLog(text);
    expect(log?.format).toBe("lftp");
    expect(log!.entries.length).toBeGreaterThan(1000);
  });
});
