/**
 * The console's history in a link (console=) and as a scenario: every line that can be typed
 * survives the round trip; a link's bad lines are left out with a notice that says which and why;
 * the scenario is the setup's with the console as its client.
 */
import { describe, expect, it } from "vitest";
import { CONSOLE_PARAM, consoleScenario, parseConsole, sendProblem, writeConsoleParam } from "../../../components/console/console-history";
import { parseScenario, run } from "../../../sim/index";
import { scenario } from "../../harness/scenario";

const roundTrip = (history: readonly string[]) => {
  const params = new URLSearchParams("mode=active");
  writeConsoleParam(params, history);
  return parseConsole(new URLSearchParams(params.toString()).get(CONSOLE_PARAM));
};

describe("console= in a link", () => {
  it("keeps every line through a link, spaces, &, =, %, + and # included", () => {
    const history = ["USER demo", "PASS a&b=c%20+d#e", "PORT 10,99,1,2,117,48", " LIST ", "RETR"];
    expect(roundTrip(history)).toEqual({ history, notices: [] });
  });

  it("writes nothing for an empty history, and reads no parameter as no history", () => {
    const params = new URLSearchParams("console=LIST");
    writeConsoleParam(params, []);
    expect(params.has(CONSOLE_PARAM)).toBe(false);
    expect(parseConsole(null)).toEqual({ history: [], notices: [] });
  });

  it("leaves out each bad line with a notice naming it and why", () => {
    const parsed = parseConsole(["USER demo", "RETR h\u00e9llo", "", "X".repeat(300), "PASV\tx", "LIST"].join("\n"));
    expect(parsed.history).toEqual(["USER demo", "LIST"]);
    expect(parsed.notices).toEqual([
      'Ignored line 2 of console= "RETR héllo": Use printable ASCII only: letters, digits, spaces and punctuation, no line breaks or accented letters.',
      "Ignored line 3 of console= (empty): Type a command first, such as USER demo or PASV.",
      `Ignored line 4 of console= "${"X".repeat(40)}…": That line has 300 characters: a command can have at most 256.`,
      'Ignored line 5 of console= "PASV\\tx": Use printable ASCII only: letters, digits, spaces and punctuation, no line breaks or accented letters.',
    ]);
  });

  it("keeps the first 32 commands of a longer history, and says so once", () => {
    const parsed = parseConsole(Array.from({ length: 40 }, (_, i) => `NOOP ${i}`).join("\n"));
    expect(parsed.history).toHaveLength(32);
    expect(parsed.history.at(-1)).toBe("NOOP 31");
    expect(parsed.notices).toEqual(["console= has 40 commands; the first 32 are kept."]);
  });

  it("reads a hand-edited CRLF as a line break", () => {
    expect(parseConsole("USER demo\r\nPASS demo")).toEqual({ history: ["USER demo", "PASS demo"], notices: [] });
  });

  it("bounds what a huge link can make it say", () => {
    expect(parseConsole(Array.from({ length: 1000 }, () => "\u00e9").join("\n")).notices.length).toBeLessThanOrEqual(6);
  });
});

describe("sendProblem", () => {
  it("accepts a printable line while there is room", () => {
    expect(sendProblem("PORT 1,2,3", [])).toBeNull();
    expect(sendProblem("NOOP", Array.from({ length: 31 }, () => "NOOP"))).toBeNull();
  });

  it("refuses an empty, overlong or non-printable line, and a 33rd", () => {
    expect(sendProblem("", [])).toMatch(/Type a command first/);
    expect(sendProblem("X".repeat(257), [])).toMatch(/at most 256/);
    expect(sendProblem("LIST\n", [])).toMatch(/printable ASCII/);
    expect(sendProblem("NOOP", Array.from({ length: 32 }, () => "NOOP"))).toMatch(/at most 32 commands/);
  });
});

describe("consoleScenario", () => {
  const base = parseScenario(scenario({ client: { firewall: "stateful" }, server: { software: "proftpd" }, commands: ["LIST", "RETR hello.txt"] }));
  if (!base.ok) throw new Error(base.errors.join("; "));

  it("is the setup's scenario with the console typing the history", () => {
    const s = consoleScenario(base.scenario, ["USER demo", "PASS demo", "RETR"]);
    expect(s.client.software).toBe("console");
    expect(s.commands).toEqual(["USER demo", "PASS demo", "RETR"]);
    expect(s.client.firewall).toBe("stateful");
    expect(s.server).toEqual(base.scenario.server);
    // Valid as the schema reads it, and it runs.
    expect(parseScenario(s).ok).toBe(true);
    expect(run(s).result.transcript.map((l) => l.line)).toContain("331 Password required for demo");
  });
});
