/**
 * The console (sim/software/console.ts, sim/ftp/console-machine.ts): the learner's lines go out as
 * typed, each after the complete reply to the last; the data helper connects where a 227/229 said
 * or listens where the learner's own PORT/EPRT said; the replies are the server program's. And the
 * property the lab's console view relies on: one more line never changes what came before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, simulate, type Trace, type TraceEvent } from "@/sim/index";
import { parse227, parse229 } from "@/sim/ftp/hostport";
import { timelineOf } from "@/sim/trace/steps";
import { typedExchanges } from "@/sim/trace/typed-exchanges";
import { commandLines, connections, drops, eventsOf, expectTransfer } from "../harness/trace-queries";
import { scenario } from "../harness/scenario";

const CLIENT_IP = "10.99.1.2";
const SERVER_IP = "10.99.2.2";
const LOGIN = ["USER demo", "PASS demo"];

/** The reference setup with the console typing `commands`, anything else overridden. */
function typed(commands: readonly string[], overrides: { client?: Record<string, unknown>; server?: Record<string, unknown> } = {}): Trace {
  return simulate(scenario({ client: { software: "console", ...overrides.client }, server: { ...overrides.server }, commands }));
}

/** The server's reply lines to the `nth` sending of `line` (a 1yz and its final reply together). */
function answerTo(trace: Trace, line: string, nth = 0): string[] {
  const answers: string[][] = [];
  let open: string[] | null = null;
  for (const l of trace.result.transcript) {
    if (l.from === "client") {
      open = l.line === line ? [] : null;
      if (open) answers.push(open);
    } else open?.push(l.line);
  }
  const found = answers[nth];
  if (!found) throw new Error(`${line} was not sent ${nth + 1} time(s): ${JSON.stringify(trace.result.transcript.map((l) => l.line))}`);
  return found;
}

describe("the console sends what was typed, nothing else", () => {
  it("sends each line verbatim, in order, with no login, mode command or TYPE of its own", () => {
    const lines = ["user demo", "PASS demo", "syst", "TYPE I", "PWD", "CWD /", "NOOP", "QUIT"];
    const trace = typed(lines);
    expect(commandLines(trace)).toEqual(lines);
    expect(answerTo(trace, "syst")).toEqual(["215 UNIX Type: L8"]);
    expect(answerTo(trace, "QUIT")).toEqual(["221 Goodbye."]);
  });

  it("waits for each complete reply: a line goes out only after the final reply to the one before", () => {
    const trace = typed([...LOGIN, "PASV", "LIST", "NOOP"]);
    const control = trace.events.filter((e) => e.type === "command" || e.type === "reply");
    // Between two commands there is a final reply (2yz–5yz), never only a 1yz.
    control.forEach((e, i) => {
      if (e.type !== "command" || i === 0) return;
      const before = control[i - 1]!;
      expect(before.type).toBe("reply");
      if (before.type === "reply") expect(before.code).toBeGreaterThanOrEqual(200);
    });
  });

  it("records the learner's login as the session's login", () => {
    expect(typed(LOGIN).result.login).toEqual({ result: "ok", reply: 230 });
    expect(typed(["USER demo", "PASS wrong"]).result.login).toEqual({ result: "failed", reply: 530 });
  });

  it("ends the session with QUIT: 221, and the lines after it are never sent", () => {
    const trace = typed([...LOGIN, "QUIT", "SYST", "LIST"]);
    expect(commandLines(trace)).toEqual([...LOGIN, "QUIT"]);
    expect(answerTo(trace, "QUIT")).toEqual(["221 Goodbye."]);
    expect(trace.result.endedBy).toBe("done");
    expect(trace.result.transfers).toMatchObject([{ command: "LIST", result: "failed", cause: "not attempted: the session ended first" }]);
  });

  it("stops after its last line without a packet of its own: no QUIT, no FIN on the control connection", () => {
    const trace = typed([...LOGIN, "NOOP"]);
    expect(commandLines(trace)).toEqual([...LOGIN, "NOOP"]);
    const control = connections(trace, { purpose: "control" })[0]!;
    expect(eventsOf(trace, "send").filter((s) => s.packet.conn === control.id && s.packet.flags.includes("FIN"))).toEqual([]);
    expect(trace.events.at(-1)).toMatchObject({ type: "session-end", reason: "done" });
  });
});

describe("hand-typed data connections", () => {
  it("passive: LIST after PASV connects to the port the 227 named, and the listing arrives", () => {
    const trace = typed([...LOGIN, "PASV", "LIST"]);
    const reply = eventsOf(trace, "reply").find((r) => r.code === 227)!;
    const announced = parse227(reply.text)!;
    const data = connections(trace, { purpose: "data" });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ initiator: "client", to: announced });
    expectTransfer(trace, "LIST", { result: "ok", reply: 226, modeCommand: "PASV", modeReply: 227, initiator: "client", serverPort: announced.port });
  });

  it("passive: after EPSV the console connects to the control connection's server address (RFC 2428 §3)", () => {
    const trace = typed([...LOGIN, "EPSV", "RETR hello.txt"]);
    const port = parse229(eventsOf(trace, "reply").find((r) => r.code === 229)!.text)!;
    expect(connections(trace, { purpose: "data" })[0]).toMatchObject({ initiator: "client", to: { ip: SERVER_IP, port } });
    expectTransfer(trace, "RETR", { result: "ok", modeCommand: "EPSV", bytes: "hello from the real vsftpd oracle\n".length });
  });

  it("active: PORT with the console's own address is listened on, and vsftpd dials it from port 20", () => {
    const trace = typed([...LOGIN, "PORT 10,99,1,2,117,48", "RETR hello.txt"]);
    expect(eventsOf(trace, "listen").filter((l) => l.host === "client")).toEqual([expect.objectContaining({ socket: { ip: CLIENT_IP, port: 30000 } })]);
    expect(answerTo(trace, "PORT 10,99,1,2,117,48")).toEqual(["200 PORT command successful. Consider using PASV."]);
    expectTransfer(trace, "RETR", { result: "ok", reply: 226, modeCommand: "PORT", initiator: "server", serverPort: 20, clientPort: 30000 });
  });

  it("active: EPRT with the console's own address works too", () => {
    const trace = typed([...LOGIN, "EPRT |1|10.99.1.2|40000|", "NLST"]);
    expectTransfer(trace, "NLST", { result: "ok", modeCommand: "EPRT", initiator: "server", clientPort: 40000 });
  });

  it("a data command with no PASV, EPSV, PORT or EPRT before it gets the server's refusal", () => {
    const trace = typed([...LOGIN, "LIST"]);
    expect(answerTo(trace, "LIST")).toEqual(["425 Use PORT or PASV first."]);
    expect(connections(trace, { purpose: "data" })).toEqual([]);
    expectTransfer(trace, "LIST", { result: "failed", reply: 425, modeCommand: null });
  });

  it("one data connection per PASV: a second LIST needs a new PASV, as the server says", () => {
    const trace = typed([...LOGIN, "PASV", "LIST", "LIST"]);
    expect(answerTo(trace, "LIST", 1)).toEqual(["425 Use PORT or PASV first."]);
  });

  it("a stateful client firewall without the FTP helper still drops the server's SYN in hand-typed active mode", () => {
    const trace = typed([...LOGIN, "PORT 10,99,1,2,117,48", "LIST"], { client: { firewall: "stateful" } });
    const dropped = drops(trace, (d) => d.node === "client" && d.packet.flags.includes("SYN") && d.packet.dst.port === 30000);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]!.packet.src).toEqual({ ip: SERVER_IP, port: 20 });
    expectTransfer(trace, "LIST", { result: "failed", reply: 425, initiator: "server" });
    // The helper stops listening once the server has given up.
    expect(eventsOf(trace, "unlisten").some((u) => u.host === "client" && u.socket.port === 30000)).toBe(true);
  });

  it("with the stateful firewall's FTP helper, the same hand-typed PORT gets through", () => {
    const trace = typed([...LOGIN, "PORT 10,99,1,2,117,48", "LIST"], { client: { firewall: "stateful+ftp-helper" } });
    expectTransfer(trace, "LIST", { result: "ok", initiator: "server" });
  });
});

describe("the server program's own words", () => {
  it("vsftpd refuses a PORT naming another host with its bounce refusal (RFC 2577 §3), and the console opens nothing", () => {
    const trace = typed([...LOGIN, "PORT 10,99,1,9,117,48", "LIST"]);
    expect(answerTo(trace, "PORT 10,99,1,9,117,48")).toEqual(["500 Illegal PORT command."]);
    expect(eventsOf(trace, "listen").filter((l) => l.host === "client")).toEqual([]);
    expect(answerTo(trace, "LIST")).toEqual(["425 Use PORT or PASV first."]);
  });

  it.each([
    ["proftpd", "PORT 10,99,1,9,117,48", "500 Illegal PORT command"],
    ["pure-ftpd", "PORT 10,99,1,9,117,48", "500 I won't open a connection to 10.99.1.9 (only to 10.99.1.2)"],
    ["iis", "PORT 10,99,1,9,117,48", "501 Server cannot accept argument."],
    ["vsftpd", "PORT 1,2,3", "500 Illegal PORT command."],
    ["vsftpd", "FOO", "500 Unknown command."],
    ["filezilla-server", "FOO", "500 Wrong command."],
    ["iis", "FOO", "500 Command not understood."],
  ])("%s answers %s in its own words (a bounce, a malformed PORT, an unknown command)", (software, line, words) => {
    expect(answerTo(typed([...LOGIN, line], { server: { software } }), line)).toEqual([words]);
  });

  it("with port_promiscuous vsftpd accepts the bounce and dials the other host; the console listens nowhere", () => {
    const trace = typed([...LOGIN, "PORT 10,99,1,9,117,48", "LIST"], { server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral" } });
    expect(answerTo(trace, "PORT 10,99,1,9,117,48")[0]).toMatch(/^200 /);
    expect(eventsOf(trace, "listen").filter((l) => l.host === "client")).toEqual([]);
    expect(connections(trace, { purpose: "data", initiator: "server" })[0]).toMatchObject({ to: { ip: "10.99.1.9", port: 30000 } });
    expectTransfer(trace, "LIST", { result: "failed" });
  });

  it("LIST before the login gets 530", () => {
    const trace = typed(["LIST"]);
    expect(answerTo(trace, "LIST")).toEqual(["530 Please login with USER and PASS."]);
    expectTransfer(trace, "LIST", { result: "failed", reply: 530 });
  });

  it("a file command without its file name is sent, and the server answers it", () => {
    const trace = typed([...LOGIN, "PASV", "RETR"]);
    expect(commandLines(trace)).toContain("RETR");
    expect(answerTo(trace, "RETR")).toEqual(["550 Failed to open file."]);
  });
});

describe("what the schema lets the console send", () => {
  const errorsOf = (commands: unknown) => {
    const r = parseScenario({ client: { software: "console" }, commands });
    return r.ok ? [] : r.errors;
  };

  it("accepts every printable line, as typed (no file-name or spacing rule of a program)", () => {
    expect(errorsOf(["RETR", " LIST ", "stor", "~!@#$%^&*()"])).toEqual([]);
  });

  it("refuses line breaks, overlong lines and more than 32 commands with a specific message", () => {
    expect(errorsOf(["LIST\r\nDELE hello.txt"])).toEqual(["commands[0]: expected printable ASCII with no line breaks"]);
    expect(errorsOf(["X".repeat(257)])).toEqual(["commands[0]: expected a command of at most 256 characters"]);
    expect(errorsOf(Array.from({ length: 33 }, () => "NOOP"))).toEqual(["commands: expected at most 32 commands"]);
    expect(errorsOf([""])).toEqual(["commands[0]: expected a command such as LIST or RETR hello.txt"]);
  });

  it("still refuses a bare RETR for a real client program", () => {
    const r = parseScenario({ commands: ["RETR"] });
    expect(r.ok ? [] : r.errors).toEqual(["commands[0]: RETR, STOR, APPE and SIZE need a file name"]);
  });
});

// Properties ----------------------------------------------------------------------------------

const POOL = [
  "USER demo",
  "PASS demo",
  "PASS nope",
  "PASV",
  "EPSV",
  "LIST",
  "NLST",
  "RETR hello.txt",
  "RETR missing.txt",
  "STOR up.txt",
  "PORT 10,99,1,2,117,48",
  "PORT 10,99,1,9,117,48",
  "EPRT |1|10.99.1.2|40001|",
  "PORT 1,2,3",
  "TYPE I",
  "NOOP",
  "SYST",
  "FOO",
  "QUIT",
];
const lineArb = fc.constantFrom(...POOL);
const setupArb = fc.constantFrom<Record<string, unknown>>({}, { client: { firewall: "stateful" } }, { server: { software: "proftpd" } }, { server: { software: "pure-ftpd" } });

const consoleTrace = (setup: Record<string, unknown>, commands: readonly string[]): Trace => {
  const { client, server } = setup as { client?: Record<string, unknown>; server?: Record<string, unknown> };
  return typed(commands, { client, server });
};

const same = (a: TraceEvent, b: TraceEvent) => JSON.stringify(a) === JSON.stringify(b);
function commonPrefix(a: readonly TraceEvent[], b: readonly TraceEvent[]): number {
  let k = 0;
  while (k < a.length && k < b.length && same(a[k]!, b[k]!)) k++;
  return k;
}

/** What the console and the server said and decided: every one of these belongs to an exchange. */
const EXCHANGE_EVENTS = new Set<TraceEvent["type"]>(["command", "reply", "login", "transfer-start", "transfer-end"]);

describe("properties", () => {
  it("one more line never changes the trace of the lines before it, up to the moment the console turns to it", () => {
    fc.assert(
      fc.property(setupArb, fc.array(lineArb, { minLength: 0, maxLength: 6 }), lineArb, (setup, lines, extra) => {
        const a = consoleTrace(setup, lines).events;
        const b = consoleTrace(setup, [...lines, extra]).events;
        const k = commonPrefix(a, b);
        // Everything of the first n exchanges (and every listener the helper opened for them) is in the shared prefix.
        a.forEach((e, i) => {
          if (EXCHANGE_EVENTS.has(e.type) || (e.type === "listen" && e.host === "client")) expect(i, `${e.type} at ${i} of [${lines.join(" | ")}] + ${extra}`).toBeLessThan(k);
        });
        const sentA = a.filter((e) => e.type === "command").length;
        const sentB = b.filter((e) => e.type === "command").length;
        if (sentB === sentA) {
          // The extra line was never sent (after QUIT, or a lost control connection): the same session.
          expect(b.length).toBe(a.length);
          expect(k).toBe(a.length);
        } else {
          expect(sentB).toBe(sentA + 1);
          // The first difference is the console's doing for the extra line, at or before its command.
          const extraCommand = b.findIndex((e, i) => e.type === "command" && b.slice(0, i).filter((x) => x.type === "command").length === sentA);
          expect(k).toBeLessThanOrEqual(extraCommand);
        }
      }),
      { seed: 20_260_601, numRuns: 60 },
    );
  });

  it("keeps each earlier line's steps when one more is typed, so the picture can go on where it was", () => {
    fc.assert(
      fc.property(setupArb, fc.array(lineArb, { minLength: 1, maxLength: 5 }), lineArb, (setup, lines, extra) => {
        const exchangesOf = (commands: readonly string[]) => {
          const events = consoleTrace(setup, commands).events;
          return typedExchanges(events, timelineOf(events), commands);
        };
        const before = exchangesOf(lines);
        expect(exchangesOf([...lines, extra]).slice(0, lines.length)).toEqual(before);
      }),
      { seed: 20_260_603, numRuns: 40 },
    );
  });

  it("is deterministic: the same lines give the same trace, byte for byte", () => {
    const lines = [...LOGIN, "PASV", "LIST", "PORT 10,99,1,2,117,48", "RETR hello.txt", "QUIT"];
    expect(JSON.stringify(typed(lines))).toBe(JSON.stringify(typed(lines)));
  });

  it("never throws and always ends, whatever printable lines are typed", () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
    const line = fc.oneof(printable, lineArb, printable.map((s) => `PORT ${s}`), printable.map((s) => `EPRT ${s}`));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const parsed = parseScenario(scenario({ client: { software: "console" }, commands: lines }));
        expect(parsed.ok).toBe(true);
        const trace = typed(lines);
        const end = trace.events.at(-1)!;
        expect(end.type).toBe("session-end");
        expect(end.t).toBeLessThanOrEqual(trace.scenario.timeLimitMs);
        // Every line sent is one typed, in order.
        const sent = commandLines(trace);
        expect(sent).toEqual(lines.slice(0, sent.length));
      }),
      { seed: 20_260_602, numRuns: 80 },
    );
  });
});
