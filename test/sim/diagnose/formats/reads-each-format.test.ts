/**
 * What each reader takes out of a real or published sample of its format: the commands and reply
 * lines without the format's prefix, the program's errors marked, the times, the addresses and
 * the programs the log names.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEXT_READERS } from "../../../../sim/diagnose/formats";
import type { LogFormat, ParsedLog } from "../../../../sim/diagnose/log-types";

const read = (format: LogFormat, text: string): ParsedLog => TEXT_READERS.find((r) => r.format === format)!.parse(text);
const fixture = (path: string) => readFileSync(join(process.cwd(), path), "utf8");
const texts = (log: ParsedLog, from: string) => log.entries.filter((e) => e.from === from).map((e) => e.text);

describe("client logs", () => {
  it("FileZilla: a published passive timeout, replies and errors in order", () => {
    const log = read("filezilla", fixture("test/fixtures/logs/filezilla/ftp-cloudfs-46--passive-timeout.log"));
    expect(texts(log, "client")).toEqual(["PWD", "TYPE I", "PASV", "MLSD"]);
    expect(texts(log, "server")).toContain("227 Entering passive mode (92,222,XXX,XXX,128,133).");
    const errors = log.entries.filter((e) => e.error);
    expect(errors.map((e) => e.line)).toEqual([10, 12]);
    expect(errors[0]!.text).toBe("The data connection could not be established: ETIMEDOUT - Connection attempt timed out");
  });

  it("FileZilla: padded prefixes of a copied window keep the text exact", () => {
    const log = read("filezilla", fixture("test/fixtures/logs/filezilla/galaxy-4384--active-timeout.log"));
    expect(texts(log, "client")).toEqual(["PWD", "TYPE I", "PORT 10,0,0,7,235,90", "MLSD"]);
    expect(texts(log, "program")[0]).toBe("Logged in");
  });

  it("FileZilla in French and German (its own translations), with the log file's stamps", () => {
    const fr = read("filezilla", fixture("test/fixtures/logs/filezilla/ftp-srv-217--french.log"));
    expect(texts(fr, "client")).toEqual(["PASV", "PORT 192,168,1,91,253,224"]);
    expect(fr.entries.at(-1)).toMatchObject({ from: "program", error: true, line: 5 });
    const de = read("filezilla", fixture("test/fixtures/logs/filezilla/german-logfile--written.log"));
    expect(de.control).toMatchObject({ serverIp: "203.0.113.5", port: 21 });
    expect(de.server).toBe("vsftpd");
    expect(de.entries.at(-1)).toMatchObject({ error: true, t: 21_000 });
    expect(texts(de, "server")).toContain("227 Entering Passive Mode (10,0,0,5,117,48).");
  });

  it("FileZilla with a single space after the prefix and Trace lines: Pure-FTPd named by its banner", () => {
    const log = read("filezilla", fixture("test/fixtures/logs/filezilla/code2care--trace-spaces.log"));
    expect(log.server).toBe("pure-ftpd");
    expect(texts(log, "client")).toContain("PASS *************");
  });

  it("WinSCP: [Background 1] dropped, stamps to ms, the data connect is not the control's", () => {
    const log = read("winscp", fixture("test/fixtures/logs/winscp/far-netbox-256--download.log"));
    expect(texts(log, "client")).toEqual(["TYPE I", "PASV", "RETR clear.cmd"]);
    expect(texts(log, "server")).toEqual(expect.arrayContaining(["226-File successfully transferred", "226 0.000 seconds (measured here), 59.53 Kbytes per second"]));
    expect(log.entries[1]).toMatchObject({ t: 1 });
    expect(log.entries.at(-1)!.t).toBe(101);
  });

  it("curl -v (recorded against ProFTPD): the progress meter cut off the first line", () => {
    const log = read("curl", fixture("test/fixtures/logs/curl/v--proftpd.log"));
    expect(log.control).toMatchObject({ host: "10.99.2.21", serverIp: "10.99.2.21", port: 21 });
    expect(log.server).toBe("proftpd");
    expect(texts(log, "client")).toEqual(["USER anonymous", "PASS ftp@example.com", "PWD", "PASV", "TYPE A", "LIST"]);
    expect(log.entries[0]).toMatchObject({ from: "program", text: "Trying 10.99.2.21:21..." });
  });

  it("curl: a failed data connect and the exit line are errors", () => {
    const text = fixture("test/real/fixtures/software/proftpd/pasv-list.log").split("\n").slice(0, 17).join("\n") +
      "\n* Failed to connect to 10.99.2.21 port 21 after 10002 ms: Couldn't connect to server\n* Closing connection 0\ncurl: (28) Failed to connect to 10.99.2.21 port 21 after 10002 ms: Couldn't connect to server\n";
    const log = read("curl", text);
    expect(log.entries.filter((e) => e.error).map((e) => e.text)).toEqual([
      "Failed to connect to 10.99.2.21 port 21 after 10002 ms: Couldn't connect to server",
      "curl: (28) Failed to connect to 10.99.2.21 port 21 after 10002 ms: Couldn't connect to server",
    ]);
  });

  it("lftp: recorded debug log, FEAT continuation lines keep their space, **** is an error", () => {
    const log = read("lftp", fixture("test/real/fixtures/software/clients/lftp--server-control-only-passive--driver.log"));
    expect(log.control).toMatchObject({ host: "10.99.2.20", serverIp: "10.99.2.20", port: 21 });
    expect(texts(log, "server").slice(1, 4)).toEqual(["211-Features:", " EPRT", " EPSV"]);
    expect(log.entries.filter((e) => e.error).map((e) => e.text)).toEqual(["Timeout - reconnecting", "Timeout - reconnecting", "ls: Fatal error: max-retries exceeded"]);
  });

  it("lftp with debug -t -p: pid and stamp dropped, times kept", () => {
    const log = read("lftp", fixture("test/fixtures/logs/lftp/debug-t-p--written.log"));
    expect(log.control).toMatchObject({ host: "ftp.example.com", serverIp: "203.0.113.5", port: 21 });
    expect(log.entries.at(-1)).toMatchObject({ text: "Timeout - reconnecting", error: true, t: 20_000 });
  });

  it("ftplib level 2: one entry per command and per reply line, the traceback's last line an error", () => {
    const log = read("ftplib", fixture("test/real/fixtures/software/clients/ftplib--server-control-only-passive.log"));
    expect(texts(log, "client")).toEqual(["USER anonymous", "TYPE A", "PASV"]);
    expect(texts(log, "server")).toEqual(["220 (vsFTPd 3.0.3)", "230 Login successful.", "200 Switching to ASCII mode.", "227 Entering Passive Mode (10,99,2,20,117,75)."]);
    expect(log.entries.at(-1)).toMatchObject({ from: "program", error: true, text: "TimeoutError: [Errno 110] Connection timed out" });
  });

  it("ftplib level 1 (recorded against Pure-FTPd): a multi-line *resp* is split into its lines", () => {
    const log = read("ftplib", fixture("test/fixtures/logs/ftplib/debuglevel1--pure-ftpd.log"));
    const server = texts(log, "server");
    expect(server.slice(0, 6)).toHaveLength(6);
    expect(server[0]).toBe("220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------");
    expect(server[5]).toBe("220 You will be disconnected after 15 minutes of inactivity.");
    expect(log.server).toBe("pure-ftpd");
  });

  it("basic-ftp: chunks with CRLFs, a multi-line FEAT reply, the listing left out", () => {
    const log = read("basic-ftp", fixture("test/fixtures/logs/basic-ftp/verbose--written.log"));
    expect(log.control).toMatchObject({ serverIp: "10.99.2.20", port: 21 });
    const server = texts(log, "server");
    expect(server).toContain(" REST STREAM");
    expect(server).toContain("211 End");
    expect(server.at(-1)).toBe("226 Directory send OK.");
    expect(texts(log, "client")).toContain("PASS ###");
  });

  it("tnftp: the -d echo of a 229 is read once", () => {
    const log = read("bsd-ftp", fixture("test/real/fixtures/software/clients/bsd-ftp--open-passive.log"));
    expect(texts(log, "server").filter((t) => t.startsWith("229"))).toHaveLength(1);
    expect(texts(log, "server")).not.toContain("-rw-r--r--    1 0        0              12 Dec 05 20:31 hello.txt");
    expect(log.control.host).toBe("10.99.2.20");
  });

  it("inetutils ftp: a failed data connect is an error", () => {
    const log = read("inetutils-ftp", fixture("test/real/fixtures/software/clients/inetutils-ftp--server-control-only-passive.log"));
    expect(log.entries.some((e) => e.error && /Connection timed out/.test(e.text))).toBe(true);
  });

  it("Windows ftp.exe: replies only, the host from its command line, IIS from the banner", () => {
    const log = read("windows-ftp", fixture("test/fixtures/logs/windows-ftp/dummies--iis.log"));
    expect(log.control.host).toBe("ftp.lowewriter.com");
    expect(log.server).toBe("iis");
    expect(texts(log, "client")).toEqual([]);
    expect(texts(log, "server")).toEqual(expect.arrayContaining(["200 PORT command successful.", "226 Transfer complete."]));
    expect(texts(log, "server")).not.toContain("06-30-07 08:05PM <DIR> pics");
  });
});

describe("server logs", () => {
  it("vsftpd (recorded): commands and replies, the client's address, PASS as vsftpd hides it", () => {
    const log = read("vsftpd", fixture("test/fixtures/logs/vsftpd/protocol-log--curl-ftplib.log"));
    expect(log).toMatchObject({ side: "server", server: "vsftpd", control: { clientIp: "10.99.1.10" } });
    expect(log.entries[1]).toMatchObject({ from: "server", text: "220 (vsFTPd 3.0.3)", t: 0 });
    expect(texts(log, "client").slice(0, 4)).toEqual(["USER anonymous", "PASS <password>", "PWD", "PASV"]);
    expect(texts(log, "server")).toContain('257 "/" is the current directory');
  });

  it("ProFTPD debug (recorded): one command per dispatch, the 227 from core_pasv's line", () => {
    const log = read("proftpd", fixture("test/fixtures/logs/proftpd/debug-d10.log"));
    expect(texts(log, "client").slice(0, 6)).toEqual(["USER anonymous", "PASS (hidden)", "PWD", "PASV", "TYPE A", "LIST"]);
    expect(texts(log, "server")[0]).toMatch(/^227 Entering Passive Mode \(10,99,2,23,\d+,\d+\)\.$/);
    expect(log.control).toMatchObject({ clientIp: "10.99.1.10", serverIp: "10.99.2.23", port: 21 });
  });

  it("ProFTPD ExtendedLog (recorded): the command and its reply code; TransferLog: the transfer", () => {
    const ext = read("proftpd", fixture("test/fixtures/logs/proftpd/extendedlog.log"));
    expect(ext.entries.slice(0, 4).map((e) => [e.from, e.text])).toEqual([["client", "USER anonymous"], ["server", "331"], ["client", "PASS (hidden)"], ["server", "230"]]);
    const xfer = read("proftpd", fixture("test/fixtures/logs/proftpd/transferlog.log"));
    expect(texts(xfer, "client")).toEqual(["RETR /tmp/srv/ftproot/hello.txt"]);
  });

  it("Pure-FTPd -d -d (recorded): commands upper-cased, replies, the client's address", () => {
    const log = read("pure-ftpd", fixture("test/fixtures/logs/pure-ftpd/syslog-d-d.log"));
    expect(log.control.clientIp).toBe("10.99.1.10");
    expect(texts(log, "client").slice(0, 5)).toEqual(["USER anonymous", "PWD", "PASV", "TYPE A", "LIST"]);
    expect(texts(log, "server")).toContain("227 Entering Passive Mode (10,99,2,22,117,75)");
    expect(log.entries.find((e) => e.text === "PASV")!.t).toBe(0);
  });

  it("FileZilla Server 0.9 and 1.x: the same > for command and reply, told apart by the code", () => {
    const old = read("filezilla-server", fixture("test/fixtures/logs/filezilla-server/legacy-0.9--written.log"));
    expect(texts(old, "client")).toEqual(["USER anonymous", "PASS ****", "PASV", "LIST"]);
    expect(texts(old, "server").at(-1)).toBe('425 Can\'t open data connection for transfer of "/"');
    expect(old.control.clientIp).toBe("10.99.1.10");
    const modern = read("filezilla-server", fixture("test/fixtures/logs/filezilla-server/modern-1x--written.log"));
    expect(texts(modern, "client")).toEqual(["USER myUsername", "PASS ****", "PASV", "MLSD"]);
    expect(modern.control.clientIp).toBe("11.222.33.44");
    expect(modern.entries.at(-1)).toMatchObject({ error: true, t: 60_000 });
  });

  it("plain: bare lines pasted from a forum", () => {
    const log = read("plain", fixture("test/fixtures/logs/plain/cyberduck-13294--filezilla-server.log"));
    expect(texts(log, "client")).toEqual(["PWD", "CWD /", "TYPE A", "PASV", "MLSD"]);
    expect(texts(log, "server")).toHaveLength(6);
  });
});
