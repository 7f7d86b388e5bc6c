/** Which logs of a real run become client fixtures, and under which names (transcripts.ts). */
import { describe, expect, it } from "vitest";
import type { CaseResult, Row } from "../case";
import { clientFixtures } from "./transcripts";

const row = (command: string, log: string): Row => ({
  command,
  sim: { result: "ok", lastReply: 226, shape: { initiator: "client", serverPort: "passive range", connected: true } },
  real: { command, op: command.split(" ")[0]!, result: "ok", lastReply: 226, dataEndpoint: "203.0.113.5:30001", exitCode: 0, durationMs: 80, log, invocation: "lftp -d -c '…'", shape: { initiator: "client", serverPort: "passive range", connected: true } },
  agree: true,
  why: null,
});

const result = (name: string, client: string, server: string, rows: Row[]): CaseResult =>
  ({ name, file: `${name}.json`, mode: "pasv", driver: client, rows, setupMs: 0, transfersMs: 0, totalMs: 0, rulesets: { client: null, router: null, server: null }, raw: { client: { software: client }, server: { software: server } } }) as CaseResult;

describe("client fixtures from a run", () => {
  it("names each log <client>--<server>--<case>[--<op>].log, for the cases asked for, against ProFTPD and Pure-FTPd only", () => {
    const open = result("clients/lftp--proftpd--open-passive", "lftp", "proftpd", [row("LIST", "a"), row("RETR hello.txt", "b"), row("STOR up.txt", "c")]);
    expect(clientFixtures(open, ["open-passive"]).map((f) => [f.file, f.log])).toEqual([
      ["lftp--proftpd--open-passive.log", "a"],
      ["lftp--proftpd--open-passive--retr.log", "b"],
      ["lftp--proftpd--open-passive--stor.log", "c"],
    ]);
    expect(clientFixtures(open, ["open-passive"])[0]!.entry).toMatchObject({ client: "lftp", server: "proftpd", case: "open-passive", command: "LIST", agree: true, real: { dataConnection: "client dialled, server passive range" } });
    expect(clientFixtures(open, ["server-nat-private-227"])).toEqual([]);
    expect(clientFixtures(result("clients/lftp--vsftpd--open-passive", "lftp", "vsftpd", [row("LIST", "a")]), ["open-passive"])).toEqual([]);
    expect(clientFixtures(result("software/proftpd--open--pasv", "curl", "proftpd", [row("LIST", "a")]), ["open--pasv"])).toEqual([]);
  });
});
