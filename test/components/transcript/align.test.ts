import { describe, expect, it } from "vitest";
import { alignLines, cleanLine, lineKey, partsOf, type LogLine } from "../../../components/transcript/align";
import { compareRun, simulatedBlocks } from "../../../components/transcript/compare-run";
import type { RealRun } from "../../../lessons/real-run";
import { lessonBySlug } from "../../../lessons/catalog";
import { realRunFor } from "../../../lessons/real-runs";
import { simulate, run } from "../../../sim/index";
import { timelineOf } from "../../../sim/trace/steps";

const sent = (text: string): LogLine => ({ dir: "sent", text });
const received = (text: string): LogLine => ({ dir: "received", text });
const note = (text: string): LogLine => ({ dir: "note", text });
const randoms = (line: LogLine) => partsOf(line).filter((p) => p.random).map((p) => p.text);

describe("random numbers", () => {
  it("are the ports of PORT, EPRT, 227 and 229, and ephemeral ports in curl's remarks", () => {
    expect(randoms(sent("PORT 10,99,1,10,174,159"))).toEqual(["174", "159"]);
    expect(randoms(sent("EPRT |1|10.99.1.10|44703|"))).toEqual(["44703"]);
    expect(randoms(received("227 Entering Passive Mode (10,99,2,20,117,74).\r"))).toEqual(["117", "74"]);
    expect(randoms(received("229 Entering Extended Passive Mode (|||30042|)"))).toEqual(["30042"]);
    expect(randoms(note("  Trying 10.99.2.20:30026..."))).toEqual(["30026"]);
    expect(randoms(note("Connecting to 10.99.2.20 (10.99.2.20) port 30026"))).toEqual(["30026"]);
  });

  it("are not the fixed ports 20 and 21, reply codes, addresses or byte counts", () => {
    expect(randoms(note("Connected to 10.99.2.20 (10.99.2.20) port 21 (#0)"))).toEqual([]);
    expect(randoms(note("  Trying 10.99.2.20:21..."))).toEqual([]);
    expect(randoms(received("150 Opening BINARY mode data connection for hello.txt (12 bytes)."))).toEqual([]);
    expect(randoms({ dir: "data", text: "{ [131 bytes data]" })).toEqual([]);
    expect(randoms(received("200 PORT command successful. Consider using PASV."))).toEqual([]);
  });

  it("are masked in the key, so two runs' PORT lines are the same line", () => {
    expect(lineKey(sent("PORT 10,99,1,10,236,49"))).toBe(lineKey(sent("PORT 10,99,1,10,174,159\r")));
    expect(lineKey(sent("PORT 10,99,1,11,236,49"))).not.toBe(lineKey(sent("PORT 10,99,1,10,236,49")));
    // A command and a reply are never the same line, whatever their text.
    expect(lineKey(sent("LIST"))).not.toBe(lineKey(received("LIST")));
  });
});

describe("cleanLine", () => {
  it("drops curl's CR and indent and masks the password", () => {
    expect(cleanLine("230 Login successful.\r")).toBe("230 Login successful.");
    expect(cleanLine("  Trying 10.99.2.20:21...")).toBe("Trying 10.99.2.20:21...");
    expect(cleanLine("PASS hunter2\r")).toBe("PASS ****");
  });
});

describe("alignLines", () => {
  it("marks same, random-only and one-sided lines", () => {
    const sim = [received("220 (vsFTPd 3.0.3)"), sent("USER demo"), received("331 Please specify the password."), sent("PASS demo"), received("230 Login successful."), sent("PASV"), received("227 Entering Passive Mode (10,99,2,20,117,97).")];
    const real = [note("Connected to 10.99.2.20 (10.99.2.20) port 21 (#0)"), received("220 (vsFTPd 3.0.3)\r"), sent("USER anonymous\r"), received("230 Login successful.\r"), sent("PASV\r"), note("Connect data stream passively"), received("227 Entering Passive Mode (10,99,2,20,117,74).\r")];
    const rows = alignLines(sim, real);
    expect(rows.map((r) => [r.mark, r.simParts?.map((p) => p.text).join("") ?? null, r.realParts?.map((p) => p.text).join("") ?? null])).toEqual([
      ["real-only", null, "Connected to 10.99.2.20 (10.99.2.20) port 21 (#0)"],
      ["same", "220 (vsFTPd 3.0.3)", "220 (vsFTPd 3.0.3)"],
      ["login", "USER demo", "USER anonymous"],
      ["login", "331 Please specify the password.", null],
      ["login", "PASS ****", null],
      ["same", "230 Login successful.", "230 Login successful."],
      ["same", "PASV", "PASV"],
      ["real-only", null, "Connect data stream passively"],
      ["random", "227 Entering Passive Mode (10,99,2,20,117,97).", "227 Entering Passive Mode (10,99,2,20,117,74)."],
    ]);
  });

  it("keeps every line of both sides, in order", () => {
    const sim = [sent("A"), sent("B"), sent("C"), received("200 x")];
    const real = [sent("B"), note("n"), sent("A"), received("200 x")];
    const rows = alignLines(sim, real);
    expect(rows.filter((r) => r.sim).map((r) => r.sim!.text)).toEqual(sim.map((l) => l.text));
    expect(rows.filter((r) => r.real).map((r) => r.real!.text)).toEqual(real.map((l) => l.text));
    expect(rows.filter((r) => r.mark === "same")).toHaveLength(2);
  });

  it("handles empty sides", () => {
    expect(alignLines([], [])).toEqual([]);
    expect(alignLines([sent("LIST")], []).map((r) => r.mark)).toEqual(["sim-only"]);
    expect(alignLines([], [sent("LIST")]).map((r) => r.mark)).toEqual(["real-only"]);
  });
});

describe("compareRun", () => {
  it("lines up the passive-mode lesson with its recording: every command and reply agrees", () => {
    const lesson = lessonBySlug("passive-mode")!;
    const trace = run(lesson.scenario);
    const [t, ...more] = compareRun(trace, timelineOf(trace.events), realRunFor(lesson.scenario)!);
    expect(more).toEqual([]);
    expect(t!.agree).toBe(true);
    expect(t!.real).toMatchObject({ result: "ok", lastReply: 226 });
    expect(t!.simulated).toEqual({ result: "ok", lastReply: 226 });
    const paired = t!.rows.filter((r) => r.sim && r.real);
    expect(paired.map((r) => r.sim!.text)).toEqual(["220 (vsFTPd 3.0.3)", "USER demo", "230 Login successful.", "PWD", '257 "/" is the current directory', "PASV", expect.stringMatching(/^227 /), "TYPE A", "200 Switching to ASCII mode.", "LIST", "150 Here comes the directory listing.", "226 Directory send OK."]);
    expect(paired.find((r) => r.sim!.text.startsWith("227"))!.mark).toBe("random");
    // The login by role: demo's USER faces anonymous's, demo's password step is the same step for another account.
    expect(t!.rows.filter((r) => r.mark === "login").map((r) => [r.sim?.text ?? null, r.real?.text ?? null])).toEqual([["USER demo", "USER anonymous\r"], ["331 Please specify the password.", null], ["PASS demo", null]]);
    // What only the simulator has: the QUIT curl does not log. No login line is a disagreement.
    expect(t!.rows.filter((r) => r.mark === "sim-only").map((r) => r.simParts!.map((p) => p.text).join(""))).toEqual(["QUIT", "221 Goodbye."]);
    expect(t!.rows.filter((r) => r.mark === "real-only" && r.real!.dir !== "note").map((r) => r.real!.text)).toEqual(["{ [131 bytes data]"]);
  });

  it("cuts a session into transfers: login with the first, QUIT with the last", () => {
    const trace = simulate({ commands: ["LIST", "RETR hello.txt"] });
    const blocks = simulatedBlocks(trace, timelineOf(trace.events));
    expect(blocks).toHaveLength(2);
    expect(blocks[0]![0]!.text).toMatch(/^220 /);
    expect(blocks[0]!.map((l) => l.text)).toContain("LIST");
    expect(blocks[0]!.map((l) => l.text)).not.toContain("RETR hello.txt");
    expect(blocks[1]!.map((l) => l.text)).toContain("RETR hello.txt");
    expect(blocks[1]!.at(-2)!.text).toBe("QUIT");
  });

  it("disagrees when the outcomes differ, and shows a transfer only one side has", () => {
    const trace = simulate({ commands: ["LIST"] });
    const real: RealRun = {
      name: "made-up",
      title: "made up",
      recorded: { date: "2026-11-23", server: "vsftpd 3.0.3", client: "curl 7.88.1", kernel: "Linux 6.18", curlMode: "pasv" },
      scenario: {},
      transfers: [
        { command: "LIST", result: "failed", lastReply: 425, dataEndpoint: null, durationMs: 3000, log: [{ kind: "received", text: "425 Failed to establish connection.\r" }] },
        { command: "RETR hello.txt", result: "ok", lastReply: 226, dataEndpoint: "10.99.2.20:30001", durationMs: 40, log: [] },
      ],
    };
    const [first, second] = compareRun(trace, timelineOf(trace.events), real);
    expect(first!.agree).toBe(false);
    expect(first!.simulated).toEqual({ result: "ok", lastReply: 226 });
    expect(second!.command).toBe("RETR hello.txt");
    expect(second!.simulated).toBeNull();
    expect(second!.agree).toBe(false);
  });
});
