/**
 * File names come from a scenario and from command lines: any string, including the names of
 * Object.prototype's properties ("constructor", "toString", "__proto__"). The server's files and
 * the client's uploads must treat them as the plain names they are (issue 16).
 */
import { describe, expect, it } from "vitest";
import { parseScenario, simulate, type Trace } from "@/sim/index";
import { DEFAULT_UPLOAD } from "@/sim/ftp/client-session";
import { decide, initialServerState, type Decision, type ServerPolicy, type ServerState } from "@/sim/ftp/server-session";
import { VSFTPD_REPLIES } from "@/sim/ftp/replies";

const PEER = "10.99.1.10";
const POLICY: ServerPolicy = { userName: "demo", password: "demo", tls: false, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES };
const INHERITED = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];

const loggedIn: ServerState = { ...initialServerState({ "hello.txt": "Hello, FTP!\n" }), loggedIn: true };
const withPasv: ServerState = { ...loggedIn, dataPlan: { kind: "pasv", extended: false } };
const replyText = (d: Decision): string => (d.kind === "reply" ? d.reply.text : d.kind);

const replies = (t: Trace): string[] => t.result.transcript.filter((l) => l.from === "server").map((l) => l.line);

describe("a name that Object.prototype also has", () => {
  it.each(INHERITED)("is a missing file to SIZE, DELE and RETR: %s", (name) => {
    expect(replyText(decide(loggedIn, `SIZE ${name}`, POLICY, PEER))).toBe("550 Could not get file size.");
    expect(replyText(decide(loggedIn, `DELE ${name}`, POLICY, PEER))).toBe("550 Delete operation failed.");
    expect(replyText(decide(withPasv, `RETR ${name}`, POLICY, PEER))).toBe("550 Failed to open file.");
  });

  it.each(["RETR constructor", "RETR hasOwnProperty", "STOR constructor", "APPE constructor", "APPE toString"])("runs %s without an internal error", (line) => {
    const t = simulate({ commands: [line] });
    expect(t.result.transfers).toHaveLength(1);
  });

  it("stores what the client sent under such a name, and nothing inherited", () => {
    const t = simulate({ commands: ["APPE toString", "SIZE toString", "STOR constructor", "SIZE constructor", "DELE constructor", "SIZE constructor"] });
    expect(t.result.transfers.map((x) => x.result)).toEqual(["ok", "ok"]);
    const answers = replies(t).filter((l) => /^(213|250|550) /.test(l));
    expect(answers).toEqual([
      `213 ${DEFAULT_UPLOAD.length}`,
      `213 ${DEFAULT_UPLOAD.length}`,
      "250 Delete operation successful.",
      "550 Could not get file size.",
    ]);
  });

  it("keeps a file literally named __proto__ (JSON.parse makes it an own property) and serves it", () => {
    const input: unknown = JSON.parse('{"files": {"__proto__": "x", "hello.txt": "hi"}, "commands": ["SIZE __proto__", "RETR __proto__", "NLST"]}');
    const t = simulate(input);
    expect(replies(t)).toContain("213 1");
    expect(t.result.transfers.map((x) => x.result)).toEqual(["ok", "ok"]);
  });

  it("keeps a client upload literally named __proto__", () => {
    const input: unknown = JSON.parse('{"client": {"files": {"__proto__": "abc"}}, "commands": ["STOR __proto__", "SIZE __proto__"]}');
    expect(replies(simulate(input))).toContain("213 3");
  });
});

describe("a file named __proto__ in the scenario", () => {
  it("is checked like any other file, and named in the error", () => {
    const r = parseScenario(JSON.parse(`{"files": {"__proto__": ${JSON.stringify("x".repeat(70_000))}}}`));
    expect(r.ok ? [] : r.errors).toEqual(["files.__proto__: expected at most 64 KiB of text"]);
  });

  it("stays where the JSON put it, among the others", () => {
    const r = parseScenario(JSON.parse('{"files": {"a.txt": "a", "__proto__": "p", "b.txt": "b"}}'));
    expect(r.ok && Object.entries(r.scenario.files)).toEqual([["a.txt", "a"], ["__proto__", "p"], ["b.txt", "b"]]);
  });
});
