/**
 * ProFTPD and Pure-FTPd as the lab simulates them, line by line against what the real programs
 * answered curl 7.88.1 (curl -v logs in test/real/fixtures/software/<server>/, recorded in the
 * lab's network namespaces; see that folder's README). The numbers no two runs share — ports,
 * Pure-FTPd's measured speed — are masked; the banner is left out (Pure-FTPd's depends on how it
 * was started). Every other line must be the real program's, word for word.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../../sim/simulate";
import { toScenario } from "../../../sim/scenario/validate";

const FIXTURES = "test/real/fixtures/software";

/** Where each real server listened when recorded (one namespace held both). */
const ADDRESS = { "pure-ftpd": "10.99.2.20", proftpd: "10.99.2.21" } as const;

/** The curl flags each fixture was recorded with, as scenario fields. */
const CASES = {
  "pasv-list": { client: { mode: "passive", extended: false }, commands: ["LIST"] },
  "epsv-list": { client: { mode: "passive", extended: true }, commands: ["LIST"] },
  "pasv-retr": { client: { mode: "passive", extended: false }, commands: ["RETR hello.txt"] },
  "port-list": { client: { mode: "active", extended: false }, commands: ["LIST"] },
  "eprt-list": { client: { mode: "active", extended: true }, commands: ["LIST"] },
  "pasv-stor": { client: { mode: "passive", extended: false }, commands: ["STOR up.txt"] },
} as const;

const mask = (line: string) =>
  line
    .replace(/\r$/, "")
    .replace(/^(PORT \d+,\d+,\d+,\d+),\d+,\d+/, "$1,#,#")
    .replace(/^(EPRT \|1\|[\d.]+\|)\d+\|/, "$1#|")
    .replace(/\((\d+,\d+,\d+,\d+),\d+,\d+\)/, "($1,#,#)")
    .replace(/\(\|\|\|\d+\|\)/, "(|||#|)")
    .replace(/Connecting to port \d+/, "Connecting to port #")
    .replace(/^226 [\d.]+ seconds \(measured here\), [\d.]+ Kbytes per second$/, "226 # seconds (measured here), # Kbytes per second")
    // The real uploads had their own names.
    .replace(/up-[a-z-]+\.txt/, "up.txt")
    .replace(/^PASS .*/, "PASS ****");

/** curl's side of the control connection after the banner: "> " sent, "< " received. */
function realLines(server: string, name: string): string[] {
  const log = readFileSync(`${FIXTURES}/${server}/${name}.log`, "utf8").split("\n");
  return log
    .filter((l) => /^[<>] /.test(l) && !/^< 220[- ]/.test(l))
    .map((l) => `${l.slice(0, 2)}${mask(l.slice(2))}`)
    // curl uploads into /upload with CWD first; the simulated server has no folders.
    .filter((l, i, all) => !/^> CWD upload$/.test(l) && !(i > 0 && /^> CWD upload$/.test(all[i - 1]!)));
}

function simulatedLines(server: keyof typeof ADDRESS, name: keyof typeof CASES): string[] {
  const c = CASES[name];
  const trace = run(
    toScenario({
      server: { software: server, ip: ADDRESS[server], passivePorts: [30000, 30049] },
      client: c.client,
      user: { name: "anonymous", password: "ftp@example.com" },
      // The real server's folder held hello.txt and the upload folder: two names listed.
      files: { "hello.txt": "Hello, FTP!\n", upload: "" },
      commands: [...c.commands],
    }),
  );
  return trace.result.transcript
    .filter((l) => !/^220[- ]/.test(l.line) && !/^(QUIT|221)/.test(l.line))
    .map((l) => `${l.from === "client" ? "> " : "< "}${mask(l.line)}`);
}

describe.each(["proftpd", "pure-ftpd"] as const)("%s, simulated vs real", (server) => {
  it.each(Object.keys(CASES) as (keyof typeof CASES)[])("%s: every command and reply, word for word", (name) => {
    expect(simulatedLines(server, name)).toEqual(realLines(server, name));
  });
});
