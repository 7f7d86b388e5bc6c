/**
 * The client drivers' readers (test/real/clients/), checked on the logs the real programs wrote:
 * the last reply the client saw, with what the program prints on its own left out, and the
 * timeouts each driver hands its program.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toScenario } from "@/sim/scenario/validate";
import { KERNEL_CONNECT_TIMEOUT_MS } from "@/sim/software/client-profile";
import { lastReplyOfEvents } from "./common";
import { classicEvents, classicFailure, CLIENT_MADE_421 } from "./bsd-ftp";
import { ftplibEvents } from "./ftplib";
import { lftpEvents, lftpScript } from "./lftp";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/software/clients/${name}`, import.meta.url), "utf8");

describe("tnftp's and inetutils ftp's own 421", () => {
  // tnftp against ProFTPD, client firewall "stateful", active: no reply to LIST within tnftp's 60 s.
  const log = [
    "---> EPRT |1|10.99.1.10|38809|",
    "200 EPRT command successful",
    "200 EPRT command successful",
    "---> LIST",
    "421 Service not available, remote server timed out. Connection closed.",
  ].join("\n");

  it("is no reply: the last reply is the one before the unanswered LIST", () => {
    expect(classicEvents(log).filter((e) => e.kind === "reply").map((e) => e.text)).toEqual(["200 EPRT command successful"]);
    expect(lastReplyOfEvents(classicEvents(log))).toBe(200);
    expect(classicFailure(log)).toBe("421 Service not available, remote server timed out. Connection closed.");
  });

  it("is told from a server's 421 by its words", () => {
    expect(CLIENT_MADE_421.test("421 Service not available, remote server has closed connection")).toBe(true);
    expect(CLIENT_MADE_421.test("421 Service not available, remote server has closed connection.")).toBe(true);
    expect(CLIENT_MADE_421.test("421 No transfer timeout (300 seconds): closing control connection")).toBe(false);
    expect(CLIENT_MADE_421.test("421 Timeout.")).toBe(false);
  });

  it("leaves the recorded logs against vsftpd read as before", () => {
    expect(lastReplyOfEvents(classicEvents(fixture("inetutils-ftp--server-nat-private-227.log")))).toBe(225);
    expect(lastReplyOfEvents(classicEvents(fixture("bsd-ftp--client-stateful-active.log")))).toBe(425);
  });
});

describe("ftplib's debug output", () => {
  it("reads a reply Python quotes with double quotes (it holds a single quote)", () => {
    const log = ["*cmd* 'PORT 192,168,1,10,162,135'", "*put* 'PORT 192,168,1,10,162,135\\r\\n'", `*get* "500 I won't open a connection to 192.168.1.10 (only to 198.51.100.7)\\n"`, `*resp* "500 I won't open a connection to 192.168.1.10 (only to 198.51.100.7)"`].join("\n");
    expect(ftplibEvents(log)).toEqual([
      { kind: "sent", text: "PORT 192,168,1,10,162,135" },
      { kind: "reply", code: 500, text: "500 I won't open a connection to 192.168.1.10 (only to 198.51.100.7)" },
    ]);
    expect(lastReplyOfEvents(ftplibEvents(log))).toBe(500);
  });

  it("reads the recorded logs", () => {
    expect(lastReplyOfEvents(ftplibEvents(fixture("ftplib--client-nat-active.log")))).toBe(500);
    expect(lastReplyOfEvents(ftplibEvents(fixture("ftplib--open-passive.log")))).toBe(226);
  });
});

describe("lftp's timeouts", () => {
  it("keeps lftp's own net:timeout (300 s, replies included) unless the scenario asks for a shorter connect timeout", () => {
    const plain = toScenario({ client: { software: "lftp" } });
    expect(plain.client.connectTimeoutMs).toBe(KERNEL_CONNECT_TIMEOUT_MS);
    expect(lftpScript(plain, "LIST", "", "/tmp/x")).not.toContain("net:timeout");
    expect(lftpScript(plain, "LIST", "", "/tmp/x")).toContain("set net:max-retries 2");
    expect(lftpScript(toScenario({ client: { software: "lftp", connectTimeoutMs: 10_000 } }), "LIST", "", "/tmp/x")).toContain("set net:timeout 10");
  });

  it("asks for TLS on an anonymous login when the scenario has FTPS (lftp will not by itself)", () => {
    expect(lftpScript(toScenario({ client: { software: "lftp" }, tls: true }), "LIST", "", "/tmp/x")).toContain("set ftp:ssl-allow-anonymous yes; set ftp:ssl-force yes");
  });

  it("reads the recorded logs", () => {
    expect(lastReplyOfEvents(lftpEvents(fixture("lftp--client-nat-active.log")))).toBe(226);
  });
});
