/**
 * The corpus (issue 13): real client logs of every Debian client program recorded by
 * verify:real (test/real/fixtures/software/clients), real captures and the curl -v beside each
 * (test/fixtures/logs/pcap), logs from each format's published examples and from the real servers
 * (test/fixtures/logs). Each failing one must get its known cause first; each working one, no
 * failure; the same logs masked and HTML-escaped as forums show them keep their cause; text with
 * nothing FTP in it gets no format and no cause; a log where nothing failed, a format and no cause.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../../sim/diagnose";
import type { CauseId } from "../../../sim/diagnose/causes";

const bytes = (path: string) => new Uint8Array(readFileSync(path));
const text = (path: string) => readFileSync(path, "utf8");
const first = (d: ReturnType<typeof diagnose>) => d.causes[0]?.id ?? null;

/** A verify:real case's cause, from its name (CLIENTS.md): what a person who set it up would name. */
function caseCause(name: string): CauseId | null {
  if (name.includes("client-stateful-active")) return "active-blocked-at-client";
  if (name.includes("client-nat-active")) return "active-port-refused";
  if (name.includes("server-control-only-passive")) return "passive-port-blocked-at-server";
  if (name.includes("server-nat-private-227")) return "passive-private-address";
  return null;
}

const CLIENT_LOGS = "test/real/fixtures/software/clients";
const clientLogs = readdirSync(CLIENT_LOGS).filter((f) => f.endsWith(".log"));

describe("real client logs recorded by verify:real", () => {
  it("cover every Debian client program", () => {
    expect(new Set(clientLogs.map((f) => f.split("--")[0]))).toEqual(new Set(["bsd-ftp", "ftplib", "inetutils-ftp", "lftp"]));
  });

  for (const f of clientLogs) {
    const d = diagnose(bytes(join(CLIENT_LOGS, f)));
    const expected = caseCause(f);
    // lftp and ftplib get past a private 227 (lftp fixes it, ftplib was told to ignore it): their sessions worked.
    const worked = expected === null || (expected === "passive-private-address" && d.failure === null);
    it(`${f}: ${worked ? "no failure" : expected}`, () => {
      expect(d.format).toBe(f.split("--")[0]);
      if (worked) {
        expect(d.failure).toBeNull();
        expect(d.causes).toEqual([]);
      } else {
        expect(first(d)).toBe(expected);
        expect(d.causes[0]!.evidence).toContain(d.failure!.line);
        expect(d.causes[0]!.fixes.some((x) => x.verified)).toBe(true);
      }
    });
  }
});

/**
 * The reference lab's real curl -v runs against vsftpd (../shared/reference, copied to
 * test/fixtures/logs/curl/reference): its client firewall (cli-fw) and its server firewall that
 * lets in port 21 only (srv-fw-21), in every mode; outcomes.tsv says which failed.
 */
describe("the reference lab's curl -v runs", () => {
  const dir = "test/fixtures/logs/curl/reference";
  const expected = (f: string): CauseId | null => {
    const active = /-(port|eprt)\.curl\.log$/.test(f);
    if (f.startsWith("cli-fw--")) return active ? "active-blocked-at-client" : null;
    if (f.startsWith("srv-fw-21--")) return active ? null : "passive-port-blocked-at-server";
    return null;
  };
  const files = readdirSync(dir).filter((f) => f.endsWith(".log"));
  it("hold both setups in every mode and direction", () => expect(files.length).toBe(30));
  for (const f of files) {
    const cause = expected(f);
    it(`${f}: ${cause ?? "no failure"}`, () => {
      const d = diagnose(text(join(dir, f)));
      expect(d.format).toBe("curl");
      if (cause === null) expect(d).toMatchObject({ failure: null, causes: [] });
      else expect(first(d)).toBe(cause);
    });
  }
});

/** Captures and the curl -v of the same run (test/fixtures/logs/pcap/README.md). */
const CAPTURES: ReadonlyArray<readonly [string, CauseId | null]> = [
  ["passive-drop.pcap", "passive-port-blocked-at-server"],
  ["passive-drop.pcap.curl-v.txt", "passive-port-blocked-at-server"],
  ["passive-icmp-prohibited.pcap", "data-connection-refused"],
  ["passive-icmp-prohibited.pcap.curl-v.txt", "data-connection-refused"],
  ["active-drop.pcap", "active-blocked-at-client"],
  ["active-drop.pcap.curl-v.txt", "active-blocked-at-client"],
  ["active-reject-rst.pcap", "data-connection-refused"],
  ["passive-ok.pcap", null],
  ["passive-ok.pcapng", null],
  ["passive-ok-converted.pcapng", null],
  ["active-eprt-ok.pcap", null],
];

describe("real captures, and curl's log of the same run", () => {
  for (const [file, cause] of CAPTURES) {
    it(`${file}: ${cause ?? "no failure"}`, () => {
      const d = diagnose(bytes(join("test/fixtures/logs/pcap", file)));
      expect(d.format).toBe(file.endsWith(".txt") ? "curl" : "pcap");
      if (cause === null) expect(d).toMatchObject({ failure: null, causes: [] });
      else {
        expect(first(d)).toBe(cause);
        expect(d.causes[0]!.confidence).toBeGreaterThanOrEqual(0.5);
      }
    });
  }

  it("active-reject-rst.pcap.curl-v.txt: curl's words cannot tell a REJECT from a drop; the capture can", () => {
    // vsftpd answers both with "425 Failed to establish connection." and curl -v prints no time.
    const curl = diagnose(bytes("test/fixtures/logs/pcap/active-reject-rst.pcap.curl-v.txt"));
    expect(curl.causes.slice(0, 2).map((c) => c.id).sort()).toEqual(["active-blocked-at-client", "data-connection-refused"]);
    expect(first(diagnose(bytes("test/fixtures/logs/pcap/active-reject-rst.pcap")))).toBe("data-connection-refused");
  });

  it("damaged captures break nothing", () => {
    for (const f of readdirSync("test/fixtures/logs/pcap").filter((n) => n.startsWith("corrupt-"))) {
      const d = diagnose(bytes(join("test/fixtures/logs/pcap", f)));
      expect(d.causes.every((c) => c.confidence >= 0 && c.confidence <= 1)).toBe(true);
    }
  });
});

/** Published and written logs of each format (test/fixtures/logs/README.md) and what they show. */
const PUBLISHED: Readonly<Record<string, CauseId | null>> = {
  "filezilla/ftp-cloudfs-46--passive-timeout.log": "passive-port-blocked-at-server",
  "filezilla/german-logfile--written.log": "passive-port-blocked-at-server",
  "filezilla/galaxy-4384--active-timeout.log": "active-blocked-at-client",
  "filezilla/aapanel-123--unroutable-227.log": "tls-hides-data-port",
  "filezilla/ftp-srv-217--french.log": "active-port-refused",
  "filezilla/code2care--trace-spaces.log": null,
  "filezilla-server/legacy-0.9--written.log": "passive-port-blocked-at-server",
  "filezilla-server/modern-1x--written.log": "passive-port-blocked-at-server",
  "lftp/debug-t-p--written.log": "passive-port-blocked-at-server",
  "basic-ftp/verbose--written.log": null,
  "curl/v--proftpd.log": null,
  "ftplib/debuglevel1--pure-ftpd.log": null,
  "proftpd/debug-d10.log": null,
  "proftpd/extendedlog.log": null,
  "proftpd/transferlog.log": null,
  "pure-ftpd/syslog-d-d.log": null,
  "vsftpd/protocol-log--curl-ftplib.log": null,
  "windows-ftp/dummies--iis.log": null,
  "winscp/far-netbox-256--download.log": null,
  "plain/cyberduck-13294--filezilla-server.log": null,
};

describe("published and written logs of every format", () => {
  const all = readdirSync("test/fixtures/logs").flatMap((d) =>
    statSync(join("test/fixtures/logs", d)).isDirectory() && d !== "pcap" ? readdirSync(join("test/fixtures/logs", d)).filter((f) => f.endsWith(".log")).map((f) => `${d}/${f}`) : [],
  );

  it("every fixture log has an expected diagnosis here", () => {
    expect(all.filter((f) => !(f in PUBLISHED) && !f.startsWith("proftpd/systemlog"))).toEqual([]);
  });

  for (const [file, cause] of Object.entries(PUBLISHED)) {
    it(`${file}: ${cause ?? "no failure"}`, () => {
      const d = diagnose(text(join("test/fixtures/logs", file)));
      expect(d.format).toBe(file.split("/")[0]);
      if (cause === null) expect(d).toMatchObject({ failure: null, causes: [] });
      else expect(first(d)).toBe(cause);
    });
  }
});

/** How forums show a log: addresses masked, HTML-escaped, every line wrapped in a quote. */
const NOISE: ReadonlyArray<readonly [string, (s: string) => string]> = [
  ["addresses masked as xxx", (s) => s.replace(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g, "xxx.xxx.xxx.xxx").replace(/\((\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),/g, "(xxx,xxx,xxx,xxx,")],
  ["last octet masked", (s) => s.replace(/\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b/g, "$1.x")],
  ["HTML-escaped", (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")],
  ["CRLF line ends and trailing spaces", (s) => s.replace(/\n/g, "  \r\n")],
];

describe("the same real logs with forum noise keep their cause", () => {
  const failing = clientLogs.filter((f) => caseCause(f) !== null && !f.includes("--driver"));
  for (const [noise, apply] of NOISE) {
    // Some forty logs diagnosed twice each: seconds on a loaded 2-core machine.
    it(`${noise}`, { timeout: 60_000 }, () => {
      const wrong: string[] = [];
      for (const f of failing) {
        const clean = diagnose(bytes(join(CLIENT_LOGS, f)));
        if (clean.failure === null) continue;
        const noisy = diagnose(apply(text(join(CLIENT_LOGS, f))));
        if (first(noisy) !== first(clean)) wrong.push(`${f}: ${first(clean)} became ${first(noisy)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("a log with lines missing still gets a cause from the spec's list, and never throws", { timeout: 120_000 }, () => {
    for (const f of failing) {
      const lines = text(join(CLIENT_LOGS, f)).split("\n");
      for (let skip = 2; skip <= 5; skip++) {
        const d = diagnose(lines.filter((_, i) => i % skip !== 1).join("\n"));
        for (const c of d.causes) expect(c.confidence).toBeGreaterThan(0);
      }
    }
  });
});

describe("a log saved by Windows' Notepad as Unicode (UTF-16)", () => {
  const log = text(join(CLIENT_LOGS, "lftp--server-control-only-passive.log"));
  const utf16le = (withBom: boolean) => new Uint8Array([...(withBom ? [0xff, 0xfe] : []), ...Buffer.from(log.replace(/\n/g, "\r\n"), "utf16le")]);
  for (const withBom of [true, false]) {
    it(`${withBom ? "with" : "without"} its byte-order mark reads as the same log`, () => {
      const d = diagnose(utf16le(withBom));
      expect(d.format).toBe("lftp");
      expect(first(d)).toBe("passive-port-blocked-at-server");
    });
  }
});

describe("text with nothing FTP in it", () => {
  const NOT_FTP: Readonly<Record<string, string>> = {
    empty: "",
    "a Python traceback": 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nZeroDivisionError: division by zero\n',
    "an nginx access log": '203.0.113.9 - - [06/Dec/2026:03:05:43 +0000] "GET /index.html HTTP/1.1" 200 612 "-" "curl/7.88.1"\n'.repeat(20),
    "an SMTP session": "220 mail.example.com ESMTP Postfix\nEHLO client\n250-mail.example.com\n250 PIPELINING\nMAIL FROM:<a@b>\n250 2.1.0 Ok\n",
    prose: "The quick brown fox jumps over the lazy dog. ".repeat(50),
  };
  for (const [what, input] of Object.entries(NOT_FTP)) {
    it(`${what}: no format, no causes`, () => {
      expect(diagnose(input)).toMatchObject({ format: null, causes: [] });
    });
  }

  it("random bytes: no format, no causes", () => {
    const junk = new Uint8Array(64 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    expect(diagnose(junk)).toMatchObject({ format: null, causes: [] });
  });
});
