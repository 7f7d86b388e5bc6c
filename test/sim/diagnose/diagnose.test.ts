/**
 * The diagnosis engine on logs whose cause is known: sessions the lab simulates (each setup of
 * verify:real, where the simulator agrees with the real programs) and logs written by hand the
 * way real ones look. The right cause must come first, cite the lines that show it, and its fixes
 * must be checked by simulation: verified only when the transfer then completes.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagnoseLog } from "../../../sim/diagnose/diagnose";
import { CAUSE_IDS, type CauseId } from "../../../sim/diagnose/causes";
import { simulated, writtenLog, expectFirstCause, logOfSession } from "./harness";
import { sessionLog } from "../../../sim/diagnose/session-log";
import type { ScenarioInput } from "../../../sim/scenario/schema";

/** What each verify:real setup is, by its case name: the cause a person would name. */
function knownCause(name: string, server: string): CauseId | null {
  if (name.includes("client-stateful-active")) return "active-blocked-at-client";
  if (name.includes("client-nat-active")) return server === "proftpd" ? "active-blocked-at-client" : "active-port-refused";
  if (name.includes("server-control-only-passive")) return "passive-port-blocked-at-server";
  if (name.includes("server-nat-private-227")) return "passive-private-address";
  return null;
}

const DIR = "test/real/scenarios/clients";
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f.replace(/\.json$/, ""), scenario: JSON.parse(readFileSync(`${DIR}/${f}`, "utf8")) as { scenario?: ScenarioInput } & ScenarioInput }))
  .map((c) => ({ ...c, scenario: c.scenario.scenario ?? c.scenario }));

describe("a simulated session, read back as its log, gets its own setup's cause first", () => {
  const failing = cases
    .map((c) => ({ ...c, trace: simulated(c.scenario) }))
    .map((c) => ({ ...c, cause: knownCause(c.name, c.trace.scenario.server.software) }))
    .filter((c) => c.cause !== null && c.trace.result.transfers.some((t) => t.result === "failed"));

  it("covers every client program and every server of verify:real", () => {
    expect(new Set(failing.map((c) => c.trace.scenario.client.software)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(failing.map((c) => c.trace.scenario.server.software))).toEqual(new Set(["vsftpd", "proftpd", "pure-ftpd"]));
    expect(failing.length).toBeGreaterThan(30);
  });

  for (const c of failing) {
    it(`${c.name}: ${c.cause}`, () => {
      const d = diagnoseLog(sessionLog(c.trace));
      expectFirstCause(d, c.cause!);
      const first = d.causes[0]!;
      expect(first.confidence).toBeGreaterThanOrEqual(0.5);
      expect(first.evidence.length).toBeGreaterThan(0);
      expect(first.explanation.split(/(?<=\.) /).length).toBeLessThanOrEqual(3);
      // At least one fix works in the rebuilt session, and every fix called verified does.
      expect(first.fixes.some((f) => f.verified)).toBe(true);
      for (const f of first.fixes.filter((f) => f.verified)) {
        const fixed = simulated(f.scenario!);
        expect(fixed.result.transfers.every((t) => t.result === "ok")).toBe(true);
      }
    });
  }
});

describe("logs as people paste them", () => {
  it("FileZilla-like passive timeout: the server's passive port is blocked, citing the PASV, the 227 and the timeout", () => {
    const log = writtenLog(
      [
        "< 220 (vsFTPd 3.0.3)",
        "> USER demo",
        "< 331 Please specify the password.",
        "> PASS secret",
        "< 230 Login successful.",
        "> PASV",
        "< 227 Entering Passive Mode (203,0,113,5,117,48).",
        "* Connecting to 203.0.113.5:30000...",
        "> LIST",
        "* Connection timed out after 20 seconds of inactivity",
        "* Failed to retrieve directory listing",
      ],
      { serverIp: "203.0.113.5" },
      { client: "filezilla", server: "vsftpd" },
    );
    const d = diagnoseLog(log);
    expectFirstCause(d, "passive-port-blocked-at-server");
    expect(d.causes[0]!.evidence).toEqual(expect.arrayContaining([6, 7, 10]));
    expect(d.failure?.line).toBe(10);
    const vsftpd = d.causes[0]!.fixes.find((f) => f.software === "vsftpd")!;
    expect(vsftpd.text).toMatch(/pasv_min_port=30000/);
    expect(vsftpd.verified).toBe(true);
    // The explanation names what the log showed.
    expect(d.causes[0]!.explanation).toMatch(/30000/);
  });

  it("a 227 naming a private address the client dialled: passive-private-address, fixed by pasv_address", () => {
    const log = writtenLog(
      ["< 220 (vsFTPd 3.0.3)", "> USER demo", "< 230 Login successful.", "> PASV", "< 227 Entering Passive Mode (10,0,0,5,117,48).", "* Trying 10.0.0.5:30000...", "* connect to 10.0.0.5 port 30000 failed: Connection timed out"],
      { serverIp: "203.0.113.5" },
      { server: "vsftpd" },
    );
    const d = diagnoseLog(log);
    expectFirstCause(d, "passive-private-address");
    const fix = d.causes[0]!.fixes.find((f) => f.software === "vsftpd")!;
    expect(fix.text).toMatch(/pasv_address=203\.0\.113\.5/);
    expect(fix.verified).toBe(true);
  });

  it("PORT refused with 500 Illegal PORT command: active-port-refused; passive mode is the verified fix", () => {
    const log = writtenLog(
      ["< 220 (vsFTPd 3.0.3)", "> USER demo", "< 230 Login successful.", "> PORT 192,168,1,10,200,10", "< 500 Illegal PORT command.", "> QUIT", "< 221 Goodbye."],
      { serverIp: "203.0.113.5" },
    );
    const d = diagnoseLog(log);
    expectFirstCause(d, "active-port-refused");
    expect(d.causes[0]!.evidence).toEqual([4, 5]);
    expect(d.causes[0]!.fixes.find((f) => f.side === "client" && /passive/i.test(f.text))?.verified).toBe(true);
    // Letting the server accept any address is shown, and shown not to work.
    expect(d.causes[0]!.fixes.find((f) => f.side === "server")?.verified).toBe(false);
  });

  it("a refusal that comes back at once is told from a drop that times out, by the log's timestamps", () => {
    const lines = (after: number) => ["@0 < 220 (vsFTPd 3.0.3)", "@10 > USER demo", "@20 < 230 Login successful.", "@30 > PORT 10,99,1,10,200,10", "@40 < 200 PORT command successful. Consider using PASV.", "@50 > LIST", `@${50 + after} < 425 Failed to establish connection.`];
    const quick = diagnoseLog(writtenLog(lines(40), { serverIp: "10.99.2.20" }));
    const slow = diagnoseLog(writtenLog(lines(127_000), { serverIp: "10.99.2.20" }));
    expectFirstCause(quick, "data-connection-refused");
    expectFirstCause(slow, "active-blocked-at-client");
  });

  it("vsftpd's 425 Security: Bad IP connecting. names the foreign-address refusal", () => {
    const d = diagnoseLog(writtenLog(["> PASV", "< 227 Entering Passive Mode (203,0,113,5,117,48).", "> LIST", "< 425 Security: Bad IP connecting."], { serverIp: "203.0.113.5" }));
    expectFirstCause(d, "passive-foreign-address-refused");
    expect(d.causes[0]!.evidence).toContain(4);
  });

  it("AUTH TLS then a passive timeout: TLS hid the port from the helper, citing the AUTH line", () => {
    const d = diagnoseLog(
      writtenLog(["< 220 (vsFTPd 3.0.3)", "> AUTH TLS", "< 234 Proceed with negotiation.", "> USER demo", "< 230 Login successful.", "> PBSZ 0", "< 200 PBSZ set to 0.", "> PROT P", "< 200 PROT now Private.", "> PASV", "< 227 Entering Passive Mode (203,0,113,5,117,48).", "* Connection timed out"], { serverIp: "203.0.113.5" }),
    );
    expectFirstCause(d, "tls-hides-data-port");
    expect(d.tls).toBe(true);
    expect(d.causes[0]!.evidence).toContain(2);
    expect(d.causes.map((c) => c.id)).toContain("passive-port-blocked-at-server");
  });

  it("an AUTH TLS the server refuses (530) leaves the session in the clear: no TLS cause", () => {
    const d = diagnoseLog(
      writtenLog(["< 220 (vsFTPd 3.0.3)", "> AUTH TLS", "< 530 Please login with USER and PASS.", "> USER demo", "< 230 Login successful.", "> PASV", "< 227 Entering Passive Mode (203,0,113,5,117,48).", "* Connection timed out"], { serverIp: "203.0.113.5" }),
    );
    expect(d.tls).toBe(false);
    expectFirstCause(d, "passive-port-blocked-at-server");
  });

  it("a container's address in the 227 of a server on a LAN: the client cannot reach it", () => {
    const d = diagnoseLog(
      writtenLog(["> USER demo", "< 230 Login successful.", "> PASV", "< 227 Entering Passive Mode (172,17,0,2,82,8).", "* Connecting data socket to (172.17.0.2) port 21000", "* Connection timed out"], { serverIp: "192.168.1.50" }, { client: "lftp" }),
    );
    expectFirstCause(d, "passive-private-address");
  });

  it("a cloud VM's private address in the 227 (AWS's 172.31.x): its security group is what to fix first", () => {
    const d = diagnoseLog(
      writtenLog(["> USER demo", "< 230 Login successful.", "> PASV", "< 227 Entering Passive Mode (172,31,20,5,156,64).", "* Trying 198.51.100.80:40000...", "* Failed to connect to 198.51.100.80 port 40000: Connection timed out"], { serverIp: "198.51.100.80" }, { client: "curl" }),
    );
    expectFirstCause(d, "passive-port-blocked-at-server");
    expect(d.causes[0]!.setup).toMatch(/security group/);
    expect(d.causes[0]!.fixes[0]).toMatchObject({ software: "aws", verified: true });
    // The replay's drop names the security group, as the drawing does.
    const replay = simulated(d.causes[0]!.scenario!);
    expect(replay.events.some((e) => e.type === "drop" && /security group has no inbound rule for tcp\/40000/.test(e.reason))).toBe(true);
  });

  it("a session where every transfer worked names no cause", () => {
    const d = diagnoseLog(logOfSession({ client: { mode: "passive" } }));
    expect(d).toMatchObject({ failure: null, causes: [] });
  });

  it("a refused login is not a network problem", () => {
    const d = diagnoseLog(writtenLog(["< 220 (vsFTPd 3.0.3)", "> USER demo", "< 331 Please specify the password.", "> PASS nope", "< 530 Login incorrect."]));
    expectFirstCause(d, "not-network");
    expect(d.causes[0]!.evidence).toEqual(expect.arrayContaining([4, 5]));
    expect(d.causes[0]!.fixes[0]!.verified).toBe(true);
  });

  it("masked addresses and missing lines still name a cause, and never a made-up address", () => {
    const d = diagnoseLog(writtenLog(["> PASV", "< 227 Entering Passive Mode (xxx,xxx,xxx,xxx,117,48).", "* Connection timed out after 20 seconds of inactivity"]));
    expect(d.causes.length).toBeGreaterThan(0);
    expect(d.causes[0]!.id).toMatch(/^passive-/);
    expect(d.causes[0]!.explanation).not.toMatch(/xxx/);
  });

  it("gives every id it uses from the spec's list, and ranks by confidence", () => {
    const d = diagnoseLog(logOfSession({ client: { mode: "passive" }, server: { firewall: "control-only" } }));
    for (const c of d.causes) expect(CAUSE_IDS).toContain(c.id);
    const confidences = d.causes.map((c) => c.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it("is deterministic: the same log gives the same diagnosis, byte for byte", () => {
    const log = logOfSession({ client: { mode: "active", firewall: "stateful" } });
    expect(JSON.stringify(diagnoseLog(log))).toBe(JSON.stringify(diagnoseLog(log)));
  });

  it("masks the password in the transcript it returns", () => {
    const d = diagnoseLog(writtenLog(["> USER demo", "> PASS hunter2", "< 230 Login successful."]));
    expect(JSON.stringify(d)).not.toContain("hunter2");
  });
});
