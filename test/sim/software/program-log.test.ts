/**
 * Each client program's own log of a simulated session (sim/software/program-log.ts), held against
 * what the real program printed: lftp, tnftp, GNU inetutils ftp and Python's ftplib against the
 * recordings in test/real/fixtures/software/clients/ (CLIENTS.md), curl against the recorded real
 * runs in lessons/real-runs/, FileZilla, WinSCP and Windows ftp.exe against the published logs
 * quoted in DOCUMENTED.md. The comparison is line for line after the random parts are set aside
 * (ports, byte counts and rates, the listing's owner and dates); where the lab does not model
 * what the program did, the difference is named in the test, not hidden in the normalization.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "../../../sim/index";
import { CLIENT_PROFILES } from "../../../sim/software/profiles";
import { abbreviateFileZilla, formatG, programLog, pyRepr, winscpTimestamp, type ProgramLogLine } from "../../../sim/software/program-log";
import type { ClientSoftware } from "../../../sim/software/names";
import passiveMode from "../../../lessons/real-runs/passive-mode.json";
import clientStatefulActive from "../../../lessons/real-runs/client-stateful--active.json";
import serverControlOnly from "../../../lessons/real-runs/server-control-only--pasv.json";

const FIXTURES = join(process.cwd(), "test/real/fixtures/software/clients");
const fixture = (name: string): string[] => readFileSync(join(FIXTURES, `${name}.log`), "utf8").replace(/\n$/, "").split("\n");

/** The recordings logged in anonymously (vsftpd: 230 at once): so does the lab here. */
const ANONYMOUS = { name: "anonymous", password: "anon@" };

const CASES = {
  open: {},
  "open-active": { client: { mode: "active" } },
  "client-nat-active": { client: { mode: "active", ip: "192.168.1.10", nat: { publicIp: "198.51.100.7" } }, server: { ip: "203.0.113.5" } },
  "server-nat-private-227": { server: { ip: "10.99.2.20", passivePorts: [30000, 30049], nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30049]] } } },
  "server-control-only-passive": { client: { mode: "passive" }, server: { firewall: "control-only" } },
  "client-stateful-active": { client: { mode: "active", firewall: "stateful" } },
} as const;
type Case = keyof typeof CASES;

function run(software: ClientSoftware, c: Case, more: { client?: object; server?: object; commands?: string[]; user?: object | null } = {}): Trace {
  const base = CASES[c] as { client?: object; server?: object };
  return simulate({
    ...base,
    client: { ...base.client, software, ...more.client },
    server: { ...base.server, ...more.server },
    ...(more.user === null ? {} : { user: more.user ?? ANONYMOUS }),
    commands: more.commands ?? ["LIST"],
  });
}

const texts = (lines: readonly ProgramLogLine[]) => lines.map((l) => l.text);

/** A directory listing's line (owner, size and date are the server's): one token per listing. */
const LISTING = /^[-dl][rwxsStT-]{9}\s/;

/**
 * The random and the incidental set aside: data ports (in PORT/227 tuples, EPRT/229, "port N",
 * "ip:N"), byte counts, rates and times of a transfer line, a listing's lines (collapsed to one),
 * and the 213 time of MDTM (the recorded files' own times).
 */
function normalize(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const l = raw.replace(/\r$/, "");
    let n = l.replace(/^(<--- |)213 \d{14}$/, "$1213 <time>");
    if (LISTING.test(l)) n = "<listing>";
    else if (/LPRT /.test(l)) n = l.replace(/,2,\d+,\d+$/, ",2,p1,p2");
    else if (/bytes (received|sent) in/.test(l)) n = l.replace(/\d+(\.\d+)?(e[-+]\d+)?/g, "n");
    else {
      n = l
        .replace(/(\d+,\d+,\d+,\d+),\d+,\d+/g, "$1,p1,p2")
        .replace(/\|(\d+)\|/g, (m, p: string) => (Number(p) >= 1024 ? "|port|" : m))
        .replace(/([ :(])(\d{4,5})\b/g, (m, pre: string, p: string) => (Number(p) >= 1024 && Number(p) <= 65535 ? `${pre}port` : m))
        .replace(/\{ \[\d+ bytes data\]/, "{ [n bytes data]");
    }
    if (n === "<listing>" && out.at(-1) === "<listing>") continue;
    out.push(n);
  }
  return out;
}

describe("lftp -d", () => {
  it("reads like lftp--client-nat-active.log line for line: PORT refused, passive mode on, a new control connection, PASV", () => {
    const lab = normalize(texts(programLog(run("lftp", "client-nat-active"))));
    // Not modelled: on the dead active attempt lftp still sends LIST and ABOR before it closes.
    const real = normalize(fixture("lftp--client-nat-active"));
    const switched = real.indexOf("---- Switching passive mode on");
    expect(real.slice(switched + 1, switched + 3)).toEqual(["---> LIST", "---> ABOR"]);
    real.splice(switched + 1, 2);
    expect(lab).toEqual(real);
  });

  it("reads like lftp--open-passive.log and lftp--open-active.log", () => {
    expect(normalize(texts(programLog(run("lftp", "open"))))).toEqual(normalize(fixture("lftp--open-passive")));
    expect(normalize(texts(programLog(run("lftp", "open-active"))))).toEqual(normalize(fixture("lftp--open-active")));
  });

  it("says it fixed a private 227 address, as in lftp--server-nat-private-227.log", () => {
    const lines = programLog(run("lftp", "server-nat-private-227"));
    expect(normalize(texts(lines))).toEqual(normalize(fixture("lftp--server-nat-private-227")));
    const fix = lines.find((l) => l.text.includes("has been fixed"))!;
    expect(fix.kind).toBe("note");
  });

  it("gives up a 425 as lftp--client-stateful-active--driver.log ends (the lab's lftp stops after the first try)", () => {
    const lab = normalize(texts(programLog(run("lftp", "client-stateful-active"))));
    const real = normalize(fixture("lftp--client-stateful-active--driver"));
    const firstTry = real.indexOf("---- Closing data socket") + 1;
    const giveUp = real.indexOf("ls: Fatal error: max-retries exceeded");
    // The first try as recorded, then the driver's ending (its second try is the one the lab leaves out).
    expect(lab).toEqual([...real.slice(0, firstTry), ...real.slice(giveUp)]);
  });

  it("prints PASS XXXX for a named user, as lftp hides passwords", () => {
    const lines = texts(programLog(run("lftp", "open", { user: null })));
    expect(lines).toContain("---> USER demo");
    expect(lines).toContain("---> PASS XXXX");
  });
});

describe("tnftp -d -v (bsd-ftp)", () => {
  /** tnftp's socket-buffer debug lines are about the host, not the session: the lab has none. */
  const real = (name: string) => normalize(fixture(name)).filter((l) => !l.startsWith("setupsockbufsize:"));

  it("reads like bsd-ftp--open-passive.log: Connected to, SYST and its remarks, the features, a 229 printed twice, the listing", () => {
    expect(normalize(texts(programLog(run("bsd-ftp", "open"))))).toEqual(real("bsd-ftp--open-passive"));
  });

  it("reads like bsd-ftp--client-nat-active.log: EPRT and PORT refused, then Can't bind", () => {
    const lines = programLog(run("bsd-ftp", "client-nat-active"));
    expect(normalize(texts(lines))).toEqual(real("bsd-ftp--client-nat-active"));
    expect(lines.find((l) => l.text.startsWith("tnftp: Can't bind"))!.kind).toBe("error");
  });

  it("reads like bsd-ftp--server-control-only-passive.log: the kernel gives up the EPSV connection, EPRT in the same session", () => {
    const lines = programLog(run("bsd-ftp", "server-control-only-passive"));
    expect(normalize(texts(lines))).toEqual(real("bsd-ftp--server-control-only-passive"));
    const cant = lines.find((l) => l.text.startsWith("tnftp: Can't connect"))!;
    // The kernel's connect timeout, over two minutes: tnftp has none of its own.
    expect(cant.t).toBeGreaterThan(120_000);
  });
});

describe("GNU inetutils ftp -d -v", () => {
  it("reads like inetutils-ftp--open-active.log and inetutils-ftp--client-nat-active.log (PORT, then LPRT, then bind)", () => {
    expect(normalize(texts(programLog(run("inetutils-ftp", "open"))))).toEqual(normalize(fixture("inetutils-ftp--open-active")));
    expect(normalize(texts(programLog(run("inetutils-ftp", "client-nat-active"))))).toEqual(normalize(fixture("inetutils-ftp--client-nat-active")));
  });

  it("reads like inetutils-ftp--server-nat-private-227.log (-p): mismatch, ABOR, QUIT", () => {
    const lab = normalize(texts(programLog(run("inetutils-ftp", "server-nat-private-227", { client: { mode: "passive" } }))));
    expect(lab).toEqual(normalize(fixture("inetutils-ftp--server-nat-private-227")));
  });

  it("reads like inetutils-ftp--open-passive--retr.log (-p, binary): the bytes-received line in %g", () => {
    const lab = normalize(texts(programLog(run("inetutils-ftp", "open", { client: { mode: "passive" }, commands: ["RETR hello.txt"] }))));
    expect(lab).toEqual(normalize(fixture("inetutils-ftp--open-passive--retr")));
  });
});

describe("Python ftplib, set_debuglevel(2)", () => {
  /** Only ftplib's own lines: its *…* debug output and the exception's last line (the recording script printed replies itself, and Python the traceback's frames). */
  const real = (name: string) => normalize(fixture(name).filter((l) => l.startsWith("*") || /^[\w.]+(Error|error_\w+): /.test(l)));

  it("reads like ftplib--open-passive.log", () => {
    expect(normalize(texts(programLog(run("ftplib", "open"))))).toEqual(real("ftplib--open-passive"));
  });

  it("reads like ftplib--client-nat-active.log up to its exception; the lab's script then quits", () => {
    const lab = normalize(texts(programLog(run("ftplib", "client-nat-active"))));
    const recorded = real("ftplib--client-nat-active");
    expect(recorded.at(-1)).toBe("ftplib.error_perm: 500 Illegal PORT command.");
    expect(lab.slice(0, recorded.length)).toEqual(recorded);
    expect(lab.slice(recorded.length)).toEqual(["*cmd* 'QUIT'", "*put* 'QUIT\\r\\n'", "*get* '221 Goodbye.\\n'", "*resp* '221 Goodbye.'"]);
  });

  it("reads like ftplib--client-stateful-active.log: error_temp for the 425", () => {
    const lab = normalize(texts(programLog(run("ftplib", "client-stateful-active", { client: { mode: "active", firewall: "stateful" } }))));
    const recorded = real("ftplib--client-stateful-active");
    expect(lab.slice(0, recorded.length)).toEqual(recorded);
  });

  it("sanitizes PASS with one star per character, and writes repr() as Python does", () => {
    const lines = texts(programLog(run("ftplib", "open", { user: { name: "demo", password: "s3cret" } })));
    expect(lines).toContain("*cmd* 'PASS ******'");
    expect(lines).toContain("*put* 'PASS ******\\r\\n'");
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr("a\tb\\c\x01")).toBe("'a\\tb\\\\c\\x01'");
  });
});

describe("curl -v", () => {
  /** A recorded run's transfer as curl -v printed it (`* ` notes, `> ` sent, `< ` received), curl's internal bookkeeping left out. */
  const INTERNAL = /^\* (ftp_perform ends with SECONDARY|sa_addr inet_ntop\(\) failed|Remembering we are in dir|Request has same path as previous transfer|ipv4 connect timeout after)/;
  function recorded(runJson: { transfers: readonly { log: readonly { kind: string; text: string }[] }[] }): string[] {
    const lines = runJson.transfers[0]!.log.map((l) => (l.kind === "note" && !l.text.startsWith("curl: (") ? `* ${l.text}` : l.kind === "sent" ? `> ${l.text}` : l.kind === "received" ? `< ${l.text}` : l.text));
    return normalize(lines.filter((l) => !INTERNAL.test(l)));
  }
  const simulated = (runJson: { scenario: unknown }) => {
    const scenario = runJson.scenario as { client?: object; commands?: string[] };
    return programLog(simulate({ ...scenario, client: { ...scenario.client, software: "curl" }, user: ANONYMOUS }));
  };

  it("reads like the passive-mode lesson's real run up to the 226 (the lab then QUITs; curl left the connection intact)", () => {
    const lab = normalize(texts(simulated(passiveMode)));
    const real = recorded(passiveMode);
    expect(real.at(-1)).toBe("* Connection #0 to host 10.99.2.20 left intact");
    expect(lab.slice(0, real.length - 1)).toEqual(real.slice(0, -1));
    expect(lab.slice(real.length - 1)).toEqual(["> QUIT", "< 221 Goodbye.", "* Closing connection 0"]);
  });

  it("reads like the stateful client firewall's real run: RETR response: 425 for a LIST", () => {
    const lab = normalize(texts(simulated(clientStatefulActive)));
    const real = recorded(clientStatefulActive);
    const upTo = real.indexOf("* RETR response: 425") + 1;
    expect(upTo).toBeGreaterThan(0);
    expect(lab.slice(0, upTo)).toEqual(real.slice(0, upTo));
    expect(lab.at(-1)).toBe("curl: (19) RETR response: 425");
  });

  it("reads like the control-only server's real run: Failed to connect … after 3000 ms, exit 28", () => {
    const lines = simulated(serverControlOnly);
    const lab = normalize(texts(lines));
    const real = recorded(serverControlOnly);
    const failed = real.findIndex((l) => l.startsWith("* Failed to connect"));
    expect(lab.slice(0, failed + 1)).toEqual(real.slice(0, failed + 1));
    expect(lab.at(-1)).toBe(real.at(-1));
    expect(lines.at(-1)!.kind).toBe("error");
  });

  it("shows PASS masked, and marks the line: curl itself prints the password", () => {
    const lines = programLog(run("curl", "open", { user: null }));
    const pass = lines.find((l) => l.text.startsWith("> PASS"))!;
    expect(pass.text).toBe("> PASS ****");
    expect(pass.redacted).toBe(true);
    expect(lines.filter((l) => l.redacted)).toHaveLength(1);
  });
});

describe("FileZilla's message log (modelled from documentation)", () => {
  it("has the shape of the published listing logs: Status lines around the listing, Command/Response in the detailed log", () => {
    const lines = texts(programLog(run("filezilla", "server-nat-private-227", { user: null })));
    for (const l of lines) expect(l).toMatch(/^(Status|Command|Response|Error):\t/);
    expect(lines.slice(0, 2)).toEqual(["Status:\tConnecting to 203.0.113.5:21...", "Status:\tConnection established, waiting for welcome message..."]);
    expect(lines).toContain("Command:\tPASS ****");
    // aaPanel/aaPanel#123 and shadow-1/yi-hack-v3#180: Logged in, Retrieving…, the unroutable 227 remark.
    const order = ["Status:\tLogged in", "Status:\tRetrieving directory listing...", "Command:\tPWD", "Command:\tPASV", "Status:\tServer sent passive reply with unroutable address. Using server address instead.", "Command:\tLIST", 'Status:\tDirectory listing of "/" successful'];
    const at = order.map((l) => lines.indexOf(l));
    expect(at.every((n) => n >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("abbreviated (FileZilla's default): only Status lines on success", () => {
    const lines = texts(programLog(run("filezilla", "server-nat-private-227"), { filezilla: "abbreviated" }));
    expect(lines.every((l) => l.startsWith("Status:\t"))).toBe(true);
    expect(lines).toContain("Status:\tServer sent passive reply with unroutable address. Using server address instead.");
  });

  it("abbreviated, failing: the Command/Response lines since the last Status, then the Errors (galaxyproject/galaxy#4384)", () => {
    // The server waits longer than FileZilla's 20 s of inactivity: FileZilla gives up first.
    const t = run("filezilla", "client-stateful-active", { server: { connectTimeoutMs: 60_000 } });
    const lines = texts(programLog(t, { filezilla: "abbreviated" }));
    const from = lines.indexOf("Status:\tLogged in");
    const shape = lines.slice(from);
    expect(shape.slice(0, 2)).toEqual(["Status:\tLogged in", "Status:\tRetrieving directory listing..."]);
    const verbs = shape.slice(2).map((l) => (l.startsWith("Command:\t") ? l.slice(9).split(" ")[0] : l.startsWith("Response:\t") ? `(${l.slice(10, 13)})` : l));
    expect(verbs).toEqual([
      "PWD",
      "(257)",
      "TYPE",
      "(200)",
      "PORT",
      "(200)",
      "LIST",
      "Error:\tConnection timed out after 20 seconds of inactivity",
      "Error:\tFailed to retrieve directory listing",
      "Status:\tDisconnected from server",
    ]);
  });

  it("abbreviateFileZilla keeps queued lines for an Error only", () => {
    const l = (text: string): ProgramLogLine => ({ text, event: 0, t: 0, kind: "note" });
    const lines = [l("Status:\ta"), l("Command:\tX"), l("Status:\tb"), l("Command:\tY"), l("Response:\t500 no"), l("Error:\tc")];
    expect(texts(abbreviateFileZilla(lines))).toEqual(["Status:\ta", "Status:\tb", "Command:\tY", "Response:\t500 no", "Error:\tc"]);
  });
});

describe("WinSCP's session log (modelled from documentation)", () => {
  it("marks every line . > < with a timestamp counted from a fixed epoch, masks PASS, names the unroutable address", () => {
    const t = run("winscp", "server-nat-private-227", { user: null });
    const lines = programLog(t);
    for (const l of lines) {
      expect(l.text).toMatch(/^[.<>] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /);
      expect(l.text.slice(2, 25)).toBe(winscpTimestamp(l.t));
    }
    expect(winscpTimestamp(0)).toBe("2026-12-05 20:31:00.000");
    expect(winscpTimestamp(15_250)).toBe("2026-12-05 20:31:15.250");
    const body = lines.map((l) => `${l.text[0]} ${l.text.slice(26)}`);
    expect(body).toContain("> PASS ****");
    expect(body).toContain(". Server sent passive reply with unroutable address 10.99.2.20, using host address instead.");
    expect(body).toContain(". Retrieving directory listing...");
    expect(body).toContain(". Directory listing successful");
    // The Far-NetBox log: the data connection by address, closed before the 226.
    const connecting = body.findIndex((b) => /^\. Connecting to 203\.0\.113\.5:\d+ \.\.\.$/.test(b));
    expect(connecting).toBeGreaterThan(body.indexOf("> LIST"));
    expect(body.indexOf(". Data connection closed")).toBeLessThan(body.indexOf("< 226 Directory send OK."));
  });
});

describe("Windows ftp.exe's console (modelled from documentation)", () => {
  it("has the shape of dummies.com's session: Connected to, prompts, replies verbatim, the listing, ftp: N bytes received", () => {
    const lines = texts(programLog(run("windows-ftp", "open", { user: null, commands: ["LIST", "RETR hello.txt"] })));
    expect(lines[0]).toBe("Connected to 10.99.2.20.");
    expect(lines).toContain("User (10.99.2.20:(none)): demo");
    expect(lines.indexOf("Password:")).toBeGreaterThan(lines.indexOf("331 Please specify the password."));
    // It echoes no command: no ---> lines, no USER or PASS.
    expect(lines.some((l) => /^(---> )?(USER|PASS)\b/.test(l))).toBe(false);
    const dir = lines.indexOf("ftp> dir");
    expect(lines.slice(dir + 1, dir + 3)).toEqual(["200 PORT command successful. Consider using PASV.", "150 Here comes the directory listing."]);
    expect(lines[dir + 3]).toMatch(LISTING);
    const received = lines.filter((l) => l.startsWith("ftp: "));
    expect(received).toHaveLength(2);
    for (const l of received) expect(l).toMatch(/^ftp: \d+ bytes received in \d+\.\d\dSeconds \d+\.\d\dKbytes\/sec\.$/);
    // `binary` is typed before `get`.
    expect(lines.indexOf("ftp> binary")).toBe(lines.indexOf("ftp> get hello.txt") - 1);
    expect(lines.at(-2)).toBe("ftp> bye");
  });
});

describe("every program's log", () => {
  const programs = Object.keys(CLIENT_PROFILES) as ClientSoftware[];
  const setups: Case[] = ["open", "client-nat-active", "server-control-only-passive", "client-stateful-active", "server-nat-private-227"];

  it.each(programs)("%s: each line names an event of the trace in order, at its time, and never the password", (software) => {
    for (const c of setups) {
      if (software === "windows-ftp" && c === "server-control-only-passive") continue; // ftp.exe has no passive mode
      // The console logs in only when told to: its lines are the session.
      const typed = software === "console" ? { commands: ["USER demo", "PASS hunter2", "PASV", "LIST", "QUIT"] } : {};
      const t = run(software, c, { user: { name: "demo", password: "hunter2" }, ...typed });
      const lines = programLog(t);
      expect(lines.length).toBeGreaterThan(5);
      let previous = -1;
      for (const l of lines) {
        expect(l.event).toBeGreaterThanOrEqual(previous);
        expect(l.t).toBe(t.events[l.event]!.t);
        expect(["sent", "received", "data", "note", "error"]).toContain(l.kind);
        expect(l.text).not.toContain("hunter2");
        previous = l.event;
      }
      // Deterministic: the same trace, the same log.
      expect(programLog(t)).toEqual(lines);
    }
  });

  it("formats numbers as C's %g does", () => {
    expect(formatG(0.000181)).toBe("0.000181");
    expect(formatG(7.1e-5)).toBe("7.1e-05");
    expect(formatG(64.74, 3)).toBe("64.7");
    expect(formatG(481.2, 3)).toBe("481");
    expect(formatG(0.02)).toBe("0.02");
  });
});
