/**
 * The simulator against reality: the 25 reference cases (5 firewall set-ups × 5 curl modes),
 * each with LIST, RETR and STOR, measured on real vsftpd 3.0.3, curl 7.88.1 and nftables
 * (test/fixtures/reference, copied from shared/reference). Where they differ, the simulator is wrong.
 */
import { describe, expect, it } from "vitest";
import { REFERENCE_PASSIVE_RANGE, VERBS, expectedCases, loadCase, outcomeFor, outcomeRows, simulateCase, splitCaseName, type ReferenceMode } from "../harness/reference-cases";
import {
  clientDataEndpoint,
  commandLines,
  connections,
  drops,
  eventsOf,
  exchanges,
  expectTransfer,
  packets,
  serverDataEndpoint,
  transferEvents,
  transferOf,
} from "../harness/trace-queries";
import { parseHostPort } from "@/sim/ftp/hostport";
import { simulate } from "@/sim/index";

const CLIENT_IP = "10.99.1.2";
const SERVER_IP = "10.99.2.2";

const SCENARIOS: Record<string, string> = {
  open: "with no firewall anywhere",
  "cli-fw": "through a stateful client firewall",
  "cli-fw-helper": "through a stateful client firewall with the FTP conntrack helper attached",
  "srv-fw-21": "through a server firewall that admits new connections to port 21 only",
  "srv-fw-21-pasvrange": "through a server firewall that admits port 21 and the passive range",
};

const MODES: Record<ReferenceMode, string> = {
  epsv: "passive mode (EPSV, curl's default)",
  pasv: "passive mode (PASV, reusing the control connection's host)",
  "pasv-noskip": "passive mode (PASV to the address in the 227 reply)",
  eprt: "active mode (EPRT)",
  port: "active mode (PORT)",
};

function outcomeText(active: boolean, result: "ok" | "failed", lastReply: number): string {
  if (result === "ok") {
    return active
      ? `succeeds with ${lastReply}: the server opens the data connection from port 20`
      : `succeeds with ${lastReply}: the client opens the data connection to a port of the passive range`;
  }
  return active
    ? `fails with ${lastReply} after the server's SYN from port 20 is dropped`
    : `fails after ${lastReply}: the client's SYN to the passive port is dropped and its connect times out`;
}

const expected = expectedCases();
const caseNames = Object.keys(expected);

describe("the reference fixtures", () => {
  it("hold 25 cases, each a valid scenario, and agree with outcomes.tsv row for row", () => {
    expect(caseNames).toHaveLength(25);
    expect(outcomeRows()).toHaveLength(75);
    for (const name of caseNames) {
      expect(() => loadCase(name)).not.toThrow();
      for (const verb of VERBS) {
        const row = outcomeFor(name, verb);
        const want = expected[name]!.transfers[verb];
        expect(row.outcome === "ok" ? "ok" : "failed", `${name} ${verb}`).toBe(want.result);
        expect(row.lastReply, `${name} ${verb}`).toBe(want.lastReply);
      }
    }
  });
});

describe.each(caseNames)("reference case %s", (name) => {
  const { scenario, mode } = splitCaseName(name);
  const want = expected[name]!;
  const active = want.mode === "active";

  for (const verb of VERBS) {
    const w = want.transfers[verb];
    it(`${verb} in ${MODES[mode]} ${SCENARIOS[scenario]} ${outcomeText(active, w.result, w.lastReply)}`, () => {
      const trace = simulateCase(name);
      const row = outcomeFor(name, verb);
      const t = expectTransfer(trace, verb, {
        result: w.result,
        lastReply: w.lastReply,
        initiator: active ? "server" : "client",
        serverPort: active ? w.serverDataPort! : REFERENCE_PASSIVE_RANGE,
      });
      // outcomes.tsv names the data endpoint: the client's socket in active mode, the server's in passive.
      const endpoint = active ? clientDataEndpoint(t) : serverDataEndpoint(t);
      expect(endpoint?.ip, "the data endpoint's address (outcomes.tsv)").toBe(row.dataEndpoint.ip);
      // The other end is the other host: nothing is translated in these set-ups.
      expect((active ? serverDataEndpoint(t) : clientDataEndpoint(t))?.ip).toBe(active ? SERVER_IP : CLIENT_IP);
    });
  }

  if (active) {
    it(`in active mode the client listens on an ephemeral port, as curl does, and announces it`, () => {
      const trace = simulateCase(name);
      for (const verb of VERBS) {
        const t = transferOf(trace, verb);
        const client = clientDataEndpoint(t)!;
        // The reference saw ports such as 51185 and 35787: never "N+1" of the control port.
        expect(client.port).toBeGreaterThanOrEqual(1024);
        const control = eventsOf(trace, "connect").find((c) => c.purpose === "control")!;
        expect(client.port).not.toBe(control.from.port + 1);
        const announce = transferEvents(trace, t.index).find((e) => e.type === "command" && /^(PORT|EPRT) /.test(e.line));
        expect(announce, `${verb}: PORT/EPRT sent`).toBeDefined();
        const line = announce!.type === "command" ? announce!.line : "";
        const announced = line.startsWith("PORT ") ? parseHostPort(line.slice(5)) : { ip: line.split("|")[2], port: Number(line.split("|")[3]) };
        expect(announced).toEqual(client);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The facts the reference README lists, one by one.

describe("facts learned on the real network", () => {
  it.each(VERBS)(
    "%s: active mode through a stateful client firewall fails with 425 after the server's SYN from port 20 is dropped, about 3 s after the command (vsftpd connect_timeout)",
    (verb) => {
      for (const name of ["cli-fw--port", "cli-fw--eprt"]) {
        const trace = simulateCase(name);
        const t = expectTransfer(trace, verb, { result: "failed", reply: 425, lastReply: 425, initiator: "server", serverPort: 20 });
        const window = transferEvents(trace, t.index);
        const client = clientDataEndpoint(t)!;
        const dropped = window.filter(
          (e) =>
            e.type === "drop" &&
            e.node === "client" &&
            e.packet.src.ip === SERVER_IP &&
            e.packet.src.port === 20 &&
            e.packet.dst.port === client.port &&
            e.packet.flags.includes("SYN"),
        );
        expect(dropped.length, `${name}: the server's SYNs dropped by the client firewall`).toBeGreaterThan(0);
        for (const d of dropped) {
          if (d.type !== "drop") continue;
          expect(d.check).toMatchObject({ firewall: "client", ctState: "new", verdict: "drop", rule: null, ruleText: "policy drop" });
        }
        // The client never saw the data connection.
        expect(window.some((e) => e.type === "established" && e.purpose === "data")).toBe(false);
        const sent = window.find((e) => e.type === "command" && e.line.split(" ")[0] === verb)!;
        const reply = window.find((e) => e.type === "reply" && e.code === 425)!;
        expect(reply.type === "reply" && reply.text).toBe("425 Failed to establish connection.");
        const elapsed = reply.t - sent.t;
        expect(elapsed, `${name}: the 425 came ${elapsed} ms after ${verb}`).toBeGreaterThanOrEqual(3000);
        expect(elapsed).toBeLessThan(3200);
        expect(t.cause).toMatch(/client firewall.*dropped SYN 10\.99\.2\.2:20 → 10\.99\.1\.2:\d+/);
      }
    },
  );

  it.each(VERBS)(
    "%s: passive mode through a server firewall open only on 21: the client's SYN to the passive port is dropped, its connect times out after 3 s, and the server says nothing more",
    (verb) => {
      for (const name of ["srv-fw-21--epsv", "srv-fw-21--pasv", "srv-fw-21--pasv-noskip"]) {
        const trace = simulateCase(name);
        const t = expectTransfer(trace, verb, { result: "failed", lastReply: 227, initiator: "client", serverPort: REFERENCE_PASSIVE_RANGE });
        // The client gave up first: no final reply.
        expect(t.reply).toBeNull();
        const window = transferEvents(trace, t.index);
        const dropped = window.filter((e) => e.type === "drop" && e.node === "server" && e.packet.dst.port >= 30000 && e.packet.dst.port <= 30049 && e.packet.flags.includes("SYN"));
        expect(dropped.length, `${name}: SYNs to the passive range dropped`).toBeGreaterThan(0);
        const timeouts = window.filter((e) => e.type === "timeout" && e.host === "client" && e.what === "connect");
        expect(timeouts.length).toBeGreaterThan(0);
        // curl's --connect-timeout 3 covers the whole operation: the first attempt waits 3 s; a
        // PASV retry after a failed EPSV has nothing left ("Connection time-out" at once in
        // srv-fw-21--LIST-epsv.curl.txt).
        const waited = timeouts.map((to) => (to.type === "timeout" ? to.t - to.since : 0));
        expect(waited[0]).toBe(3000);
        expect(waited.slice(1).every((w) => w <= 1)).toBe(true);
        // curl never sends the transfer command when the data connection failed.
        expect(window.some((e) => e.type === "command" && e.line.split(" ")[0] === verb)).toBe(false);
        // The server sends nothing after its 227 (or 229) in this transfer.
        const lastPassive = window.map((e) => e.type === "reply" && (e.code === 227 || e.code === 229)).lastIndexOf(true);
        expect(window.slice(lastPassive + 1).filter((e) => e.type === "reply")).toEqual([]);
      }
    },
  );

  it("after a failed EPSV data connection curl notes 'Failed EPSV attempt. Disabling EPSV' and sends PASV, so the last reply it saw is 227", () => {
    const trace = simulateCase("srv-fw-21--epsv");
    const first = transferOf(trace, "LIST");
    const window = transferEvents(trace, first.index);
    const lines = window.flatMap((e) => (e.type === "command" ? [e.line] : []));
    expect(lines).toEqual(["EPSV", "PASV"]);
    expect(window.some((e) => e.type === "note" && e.host === "client" && e.text.startsWith("Failed EPSV attempt. Disabling EPSV"))).toBe(true);
    expect(first.modeCommand).toBe("PASV");
    expect(first.modeReply).toBe(227);
    expect(first.lastReply).toBe(227);
  });

  it("curl ignores the 227 address and reuses the control host (pasv), or follows it with --no-ftp-skip-pasv-ip (pasv-noskip)", () => {
    for (const name of ["open--pasv", "open--pasv-noskip"]) {
      const trace = simulateCase(name);
      for (const verb of VERBS) {
        const t = transferOf(trace, verb);
        const window = transferEvents(trace, t.index);
        const pasv = window.find((e) => e.type === "reply" && e.code === 227);
        const announced = pasv?.type === "reply" ? parseHostPort(/\((.*)\)/.exec(pasv.text)![1]!) : null;
        expect(announced, `${name} ${verb}: 227 parsed`).not.toBeNull();
        // The data connection goes to the announced port, p1*256+p2, of the server.
        expect(t.attempt?.to).toEqual({ ip: SERVER_IP, port: announced!.port });
      }
    }
  });

  it("curl in active mode with EPRT enabled sends EPRT first; --disable-eprt sends PORT", () => {
    expect(commandLines(simulateCase("open--eprt")).filter((l) => /^(EPRT|PORT) /.test(l)).every((l) => l.startsWith("EPRT |1|10.99.1.2|"))).toBe(true);
    expect(commandLines(simulateCase("open--port")).filter((l) => /^(EPRT|PORT) /.test(l)).every((l) => l.startsWith("PORT 10,99,1,2,"))).toBe(true);
  });

  it("the FTP conntrack helper, once attached, makes the server's SYN from port 20 'related' so the client firewall accepts it", () => {
    for (const name of ["cli-fw-helper--port", "cli-fw-helper--eprt"]) {
      const trace = simulateCase(name);
      const expects = eventsOf(trace, "expect").filter((e) => e.node === "client");
      expect(expects.map((e) => e.announcement)).toEqual(name.endsWith("port") ? ["PORT", "PORT", "PORT"] : ["EPRT", "EPRT", "EPRT"]);
      for (const verb of VERBS) {
        const t = transferOf(trace, verb);
        const client = clientDataEndpoint(t)!;
        const syn = eventsOf(trace, "deliver").find((d) => d.node === "client" && d.packet.src.port === 20 && d.packet.dst.port === client.port && d.packet.flags.includes("SYN"));
        expect(syn?.check).toMatchObject({ ctState: "related", verdict: "accept", rule: 0, ruleText: "ct state established,related accept" });
      }
      expect(drops(trace)).toEqual([]);
    }
  });

  it("without the helper attached (Linux ≥ 4.7 never attaches it by itself) nothing is expected", () => {
    const trace = simulateCase("cli-fw--port");
    expect(eventsOf(trace, "expect")).toEqual([]);
  });

  it("a server firewall that admits the passive range lets every passive data SYN in as a new connection by its range rule", () => {
    const trace = simulateCase("srv-fw-21-pasvrange--pasv");
    for (const verb of VERBS) {
      const t = transferOf(trace, verb);
      const server = serverDataEndpoint(t)!;
      const syn = eventsOf(trace, "deliver").find((d) => d.node === "server" && d.packet.dst.port === server.port && d.packet.flags.includes("SYN"));
      expect(syn?.check).toMatchObject({ ctState: "new", verdict: "accept", rule: 2, ruleText: "tcp dport 30000-30049 accept" });
    }
  });

  it("a successful case moves the file byte for byte: the listing names it, the download has its bytes, the upload lands on the server's disk", () => {
    const content = "hello from the real vsftpd oracle\n";
    const input = loadCase("open--pasv") as { commands: string[] };
    const trace = simulate({ ...input, commands: [...input.commands, "LIST"] });
    const dataOf = (index: number, node: "client" | "server") => {
      const conn = connections(trace, { purpose: "data", transfer: index }).at(-1)!;
      return packets(trace, { conn: conn.id, node, kind: "data" }).map((p) => p.packet.payload).join("");
    };
    const [list, retr, stor, listAgain] = trace.result.transfers;
    expect(dataOf(list!.index, "server")).toMatch(/ hello\.txt\r\n$/);
    expect(dataOf(retr!.index, "server")).toBe(content);
    expect(retr!.bytes).toBe(content.length);
    const uploaded = dataOf(stor!.index, "client");
    expect(uploaded.length).toBeGreaterThan(0);
    expect(stor!.bytes).toBe(uploaded.length);
    expect(dataOf(listAgain!.index, "server")).toMatch(new RegExp(` ${uploaded.length} [A-Z][a-z]{2} .* upload\\.txt\\r\\n`));
  });
});

// ---------------------------------------------------------------------------------------------
// vsftpd's words.

/** The reference README's reply texts, word for word, by the command they answer. */
function expectedWording(command: string | null, line: string): string | RegExp | null {
  const code = Number(line.slice(0, 3));
  const verb = command?.split(" ")[0] ?? null;
  switch (code) {
    case 220:
      return "220 (vsFTPd 3.0.3)";
    case 230:
      return "230 Login successful.";
    case 257:
      return '257 "/" is the current directory';
    case 250:
      return "250 Directory successfully changed.";
    case 227:
      return /^227 Entering Passive Mode \(10,99,2,2,\d{1,3},\d{1,3}\)\.$/;
    case 229:
      return /^229 Entering Extended Passive Mode \(\|\|\|\d{1,5}\|\)$/;
    case 200:
      if (verb === "PORT") return "200 PORT command successful. Consider using PASV.";
      if (verb === "EPRT") return "200 EPRT command successful. Consider using EPSV.";
      if (command === "TYPE A") return "200 Switching to ASCII mode.";
      if (command === "TYPE I") return "200 Switching to Binary mode.";
      return null;
    case 150:
      if (verb === "LIST") return "150 Here comes the directory listing.";
      if (verb === "RETR") return "150 Opening BINARY mode data connection for hello.txt (34 bytes).";
      if (verb === "STOR") return "150 Ok to send data.";
      return null;
    case 226:
      if (verb === "LIST") return "226 Directory send OK.";
      if (verb === "RETR" || verb === "STOR") return "226 Transfer complete.";
      return null;
    case 425:
      return "425 Failed to establish connection.";
    case 500:
      return verb === "PORT" ? "500 Illegal PORT command." : null;
    case 221:
      return "221 Goodbye.";
    default:
      return null;
  }
}

describe("vsftpd's reply texts, word for word", () => {
  it.each(caseNames)("%s: every reply of a kind the reference lists has vsftpd 3.0.3's exact text", (name) => {
    const trace = simulateCase(name);
    const { mode } = splitCaseName(name);
    const seen = new Set<string>();
    for (const { command, line } of exchanges(trace)) {
      const want = expectedWording(command, line);
      if (want === null) continue;
      seen.add(line.slice(0, 3));
      if (typeof want === "string") expect(line, `reply to ${command ?? "connect"}`).toBe(want);
      else expect(line, `reply to ${command ?? "connect"}`).toMatch(want);
    }
    // The check is not vacuous: the kinds every case must show were seen.
    const must = ["220", "230", "257", "221"];
    // 200 answers PORT/EPRT and TYPE; TYPE is only sent once a passive data connection is open.
    if (expected[name]!.mode === "active" || expected[name]!.transfers.LIST.result === "ok") must.push("200");
    if (mode === "epsv") must.push("229");
    if (mode === "pasv" || mode === "pasv-noskip") must.push("227");
    if (expected[name]!.transfers.LIST.result === "ok") must.push("150", "226");
    if (expected[name]!.transfers.LIST.lastReply === 425) must.push("425");
    for (const code of must) expect(seen.has(code), `${name}: a ${code} reply`).toBe(true);
  });

  it("227 writes the server's address and the port as p1,p2 with p1*256+p2 = the listening port", () => {
    const trace = simulateCase("open--pasv");
    const listens = eventsOf(trace, "listen").filter((l) => l.host === "server" && l.purpose === "data");
    const replies = eventsOf(trace, "reply").filter((r) => r.code === 227);
    expect(replies).toHaveLength(3);
    replies.forEach((r, i) => {
      const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(r.text)!;
      expect(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`).toBe(SERVER_IP);
      expect(Number(m[5]) * 256 + Number(m[6])).toBe(listens[i]!.socket.port);
    });
  });
});
