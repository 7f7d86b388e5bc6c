/**
 * Every real or published log the project holds is recognised as the program that wrote it:
 * lftp, tnftp, GNU inetutils ftp and Python ftplib recorded against vsftpd, ProFTPD and Pure-FTPd
 * (test/real/fixtures/software/clients, CLIENTS.md), curl -v against ProFTPD and Pure-FTPd
 * (test/real/fixtures/software/<server>/*.log), and test/fixtures/logs/<format>/ (README.md there
 * says which are recorded, which published, which written from the program's source).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEXT_READERS } from "../../../../sim/diagnose/formats";
import { LOG_FORMATS, type LogFormat } from "../../../../sim/diagnose/log-types";

const ROOT = process.cwd();
const SOFTWARE = join(ROOT, "test/real/fixtures/software");
const LOGS = join(ROOT, "test/fixtures/logs");

function detected(text: string): { format: LogFormat; score: number } {
  let best = { format: "plain" as LogFormat, score: -1 };
  for (const r of TEXT_READERS) {
    const score = r.detect(text);
    if (score > best.score) best = { format: r.format, score };
  }
  return best;
}

const files = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

const cases: [string, LogFormat][] = [
  ...files(join(SOFTWARE, "clients"), ".log").map((f): [string, LogFormat] => [f, f.split("/").at(-1)!.split("--")[0] as LogFormat]),
  ...files(join(SOFTWARE, "proftpd"), ".log").map((f): [string, LogFormat] => [f, "curl"]),
  ...files(join(SOFTWARE, "pure-ftpd"), ".log").map((f): [string, LogFormat] => [f, "curl"]),
  ...readdirSync(LOGS)
    .filter((d) => (LOG_FORMATS as readonly string[]).includes(d) && d !== "pcap")
    .flatMap((d) => files(join(LOGS, d), ".log").map((f): [string, LogFormat] => [f, d as LogFormat])),
];

describe("real and published logs are detected as their format", () => {
  it("has logs of every text format", () => {
    const seen = new Set(cases.map(([, f]) => f));
    for (const f of LOG_FORMATS) if (f !== "pcap" && f !== "basic-ftp" && f !== "windows-ftp" && f !== "filezilla-server") expect(seen).toContain(f);
    expect(cases.length).toBeGreaterThan(100);
  });

  for (const [file, format] of cases) {
    it(`${file.slice(ROOT.length + 1)} → ${format}`, () => {
      const d = detected(readFileSync(file, "utf8"));
      expect(d.format).toBe(format);
      // plain is the fallback: sure enough to be read (≥ 0.2), never surer than a program's own format.
      expect(d.score).toBeGreaterThanOrEqual(format === "plain" ? 0.2 : 0.5);
    });
  }
});
