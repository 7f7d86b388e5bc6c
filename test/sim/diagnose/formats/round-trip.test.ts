/**
 * What the lab renders as each client program's log (sim/software/program-log.ts) read back: the
 * format is recognised as that program's, and the commands and reply lines come back as the
 * trace's transcript, in order. The password is compared as each program masks it; Windows
 * ftp.exe echoes no command, so only its replies are compared.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "../../../../sim/index";
import { TEXT_READERS } from "../../../../sim/diagnose/formats";
import type { LogReader, ParsedLog } from "../../../../sim/diagnose/log-types";
import { programLog } from "../../../../sim/software/program-log";
import type { ClientSoftware } from "../../../../sim/software/names";

const CASES: Record<string, object> = {
  "passive, open": { commands: ["LIST", "RETR hello.txt"] },
  "active, open": { client: { mode: "active" }, commands: ["LIST", "STOR up.txt"] },
  "passive, server firewall drops the data port": { client: { mode: "passive" }, server: { firewall: "control-only" } },
  "active, client firewall drops the server's connect": { client: { mode: "active", firewall: "stateful" } },
  "passive behind the server's NAT": { server: { ip: "10.99.2.20", passivePorts: [30000, 30049], nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } } },
};

const PROGRAMS: readonly ClientSoftware[] = ["curl", "lftp", "bsd-ftp", "inetutils-ftp", "ftplib", "filezilla", "winscp", "windows-ftp"];

function trace(software: ClientSoftware, scenario: object): Trace {
  const s = scenario as { client?: object; server?: object; commands?: string[] };
  return simulate({ ...s, client: { ...s.client, software }, user: { name: "demo", password: "secret" }, commands: s.commands ?? ["LIST"] });
}

function best(text: string): { reader: LogReader; score: number } {
  return TEXT_READERS.map((reader) => ({ reader, score: reader.detect(text) })).reduce((a, b) => (b.score > a.score ? b : a));
}

/** PASS as every program masks it (XXXX, ****, one * per character): the verb is what is compared. */
const maskPass = (line: string) => (/^PASS /i.test(line) ? "PASS" : line);
const said = (log: ParsedLog, from: "client" | "server") => log.entries.filter((e) => e.from === from).map((e) => maskPass(e.text));

describe("a rendered program log reads back as that program's, with the trace's transcript", () => {
  for (const program of PROGRAMS) {
    for (const [name, scenario] of Object.entries(CASES)) {
      // ftp.exe has no passive mode: the scenario refuses it.
      if (program === "windows-ftp" && (scenario as { client?: { mode?: string } }).client?.mode === "passive") continue;
      it(`${program}: ${name}`, () => {
        const t = trace(program, scenario);
        const text = programLog(t).map((l) => l.text).join("\n");
        const { reader, score } = best(text);
        expect(reader.format).toBe(program);
        expect(score).toBeGreaterThanOrEqual(0.5);
        const log = reader.parse(text);
        const transcript = t.result.transcript;
        expect(said(log, "server")).toEqual(transcript.filter((l) => l.from === "server").map((l) => l.line));
        if (program !== "windows-ftp") expect(said(log, "client")).toEqual(transcript.filter((l) => l.from === "client").map((l) => maskPass(l.line)));
        expect(log.client).toBe(program);
        expect(log.server).toBe("vsftpd");
      });
    }
  }

  it("WinSCP's stamps become ms since the first line", () => {
    const t = trace("winscp", CASES["passive, server firewall drops the data port"]!);
    const log = winscpRead(programLog(t).map((l) => l.text).join("\n"));
    const times = log.entries.map((e) => e.t);
    expect(times[0]).toBe(0);
    expect(times.every((x) => typeof x === "number")).toBe(true);
    // The data connect that never completes: the log ends well after it began.
    expect(Math.max(...(times as number[]))).toBeGreaterThan(1000);
  });
});

function winscpRead(text: string): ParsedLog {
  return TEXT_READERS.find((r) => r.format === "winscp")!.parse(text);
}
