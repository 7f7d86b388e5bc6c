/**
 * The client's transfer as a statechart (sim/ftp/client-machine.ts): once its data connection is
 * being set up, a transfer is the control conversation (the state) and the data connection (its
 * invoked transfer process, whose end the transfer keeps as its data verdict), and it ends when
 * the two verdicts decide it. Scripted sessions against a recording io and a manual clock; the
 * data connection is a stub the test drives (the data transfer process itself runs for real).
 */
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { CURL_PROFILE } from "@/sim/software/curl";
import { clientMachine, type ClientIo, type TransferSummary } from "@/sim/ftp/client-machine";
import type { ClientPlan } from "@/sim/ftp/client-session";
import type { DataIo, DataTransferEvent } from "@/sim/ftp/data-transfer-machine";

const SERVER = "10.99.2.20";
const PASV_OK = "227 Entering Passive Mode (10,99,2,20,11,184).";
const EPSV_OK = "229 Entering Extended Passive Mode (|||3001|)";

class Clock {
  private timers: { id: number; due: number; fn: () => void }[] = [];
  private next = 1;
  now = 0;
  setTimeout = (fn: (...args: unknown[]) => void, ms: number): number => {
    this.timers.push({ id: this.next, due: this.now + ms, fn: () => fn() });
    return this.next++;
  };
  clearTimeout = (id: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number): void {
    this.now += ms;
    for (let t = this.timers.find((x) => x.due <= this.now); t; t = this.timers.find((x) => x.due <= this.now)) {
      this.clearTimeout(t.id);
      t.fn();
    }
  }
}

/** One data connection as the test drives it. */
class Conn implements DataIo {
  report: ((e: DataTransferEvent) => void) | null = null;
  sent = "";
  constructor(readonly target: unknown) {}
  open(report: (e: DataTransferEvent) => void): void {
    this.report = report;
  }
  send(content: string): void {
    this.sent += content;
  }
  close(): void {
    // The peer completes the close at once (FIN both ways).
    this.report?.({ type: "CLOSED", reason: "fin" });
  }
  abort(): void {}
  opened(): void {
    this.report!({ type: "OPENED" });
  }
  eof(bytes = "listing\r\n"): void {
    this.report!({ type: "EOF", received: bytes });
  }
  refused(): void {
    this.report!({ type: "OPEN_FAILED", reason: "refused" });
  }
  reset(): void {
    this.report!({ type: "CLOSED", reason: "reset" });
  }
}

function session(p: Partial<ClientPlan> & Pick<ClientPlan, "mode" | "commands">) {
  const plan: ClientPlan = { userName: "demo", password: "demo", tls: false, extended: false, pasvAddress: "ignore", program: CURL_PROFILE, advertise: null, connectTimeoutMs: 3000, uploads: {}, ...p };
  const clock = new Clock();
  const sent: string[] = [];
  const notes: string[] = [];
  const ended: TransferSummary[] = [];
  const conns: Conn[] = [];
  const listens: number[] = [];
  const io: ClientIo = {
    send: (line) => void sent.push(line),
    startTls: () => undefined,
    listen: () => {
      listens.push(40000 + listens.length);
      actor.send({ type: "LISTENING", socket: { ip: "10.99.1.10", port: listens.at(-1)! } });
    },
    dataIo: (target) => {
      conns.push(new Conn(target));
      return conns.at(-1)!;
    },
    connectBudgetMs: () => plan.connectTimeoutMs,
    releaseData: () => undefined,
    note: (text) => void notes.push(text),
    loginResult: () => undefined,
    transferStarted: () => undefined,
    transferEnded: (s) => void ended.push(s),
    closeControl: () => undefined,
    reconnect: () => undefined,
  };
  const actor = createActor(clientMachine, { clock, input: { io, plan, controlHost: SERVER } });
  actor.start();
  const reply = (text: string) => actor.send({ type: "REPLY", code: Number(text.slice(0, 3)), text });
  actor.send({ type: "CONTROL_OPEN" });
  reply("220 (vsFTPd 3.0.3)");
  reply("331 Please specify the password.");
  reply("230 Login successful.");
  reply('257 "/" is the current directory');
  return {
    actor,
    clock,
    sent,
    notes,
    ended,
    conns,
    listens,
    reply,
    /** The machine's state value: during a transfer, where its control conversation stands. */
    get transfer() {
      return actor.getSnapshot().value;
    },
    /** The data connection's verdict: null until its transfer process ends. */
    get data() {
      return actor.getSnapshot().context.transfer?.dataVerdict;
    },
    /** What the client sent since the login (USER, PASS and PWD left out). */
    get commands() {
      return sent.slice(3);
    },
  };
}

describe("a transfer is the control conversation, the data verdict and a join", () => {
  it("passive RETR: control walks TYPE, SIZE, RETR, 150, 226 while the data connection opens and ends", () => {
    const s = session({ mode: "passive", commands: ["RETR hello.txt"] });
    s.reply(PASV_OK);
    expect(s.transfer).toEqual({ connection: "connecting" });
    expect(s.data).toBeNull();
    // curl sends nothing more until its connection is open.
    expect(s.commands).toEqual(["PASV"]);
    s.conns[0]!.opened();
    expect(s.transfer).toEqual({ connection: "typing" });
    s.reply("200 Switching to Binary mode.");
    expect(s.transfer).toEqual({ connection: "sizing" });
    s.reply("213 12");
    s.reply("150 Opening BINARY mode data connection for hello.txt (12 bytes).");
    expect(s.transfer).toEqual({ connection: "transferring" });
    expect(s.commands).toEqual(["PASV", "TYPE I", "SIZE hello.txt", "RETR hello.txt"]);
    // The 226 before the data is done: the control conversation has its verdict, the transfer waits for the data's.
    s.reply("226 Transfer complete.");
    expect(s.transfer).toEqual({ connection: "transferring" });
    expect(s.actor.getSnapshot().context.transfer?.finalReply).toBe(226);
    expect(s.data).toBeNull();
    expect(s.ended).toEqual([]);
    s.conns[0]!.eof("Hello, FTP!\n");
    expect(s.ended).toMatchObject([{ result: "ok", reply: 226, bytes: 12, clientCause: null }]);
    expect(s.commands.at(-1)).toBe("QUIT");
  });

  it("the data done before the 226: the transfer waits for the reply", () => {
    const s = session({ mode: "passive", commands: ["LIST"] });
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.reply("150 Here comes the directory listing.");
    s.conns[0]!.eof();
    expect(s.transfer).toEqual({ connection: "transferring" });
    expect(s.data).toBe("done");
    expect(s.ended).toEqual([]);
    s.reply("226 Directory send OK.");
    expect(s.ended).toMatchObject([{ result: "ok", reply: 226 }]);
  });

  it("a refusal decides alone: 425 to LIST ends the transfer though the data connection is open", () => {
    const s = session({ mode: "passive", commands: ["LIST"] });
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.reply("425 Security: Bad IP connecting.");
    expect(s.ended).toMatchObject([{ result: "failed", reply: 425, clientCause: null }]);
  });

  it("the data connection failing after the 226 decides: failed, with no reply to blame", () => {
    const s = session({ mode: "passive", commands: ["LIST"] });
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.reply("150 Here comes the directory listing.");
    s.reply("226 Directory send OK.");
    s.conns[0]!.reset();
    expect(s.ended).toMatchObject([{ result: "failed", reply: null, clientCause: "the client's data connection failed (lost: reset)" }]);
  });

  it("SIZE 550: the transfer is refused and RETR is never sent", () => {
    const s = session({ mode: "passive", commands: ["RETR missing.txt"] });
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to Binary mode.");
    s.reply("550 Could not get file size.");
    expect(s.ended).toMatchObject([{ result: "failed", reply: 550 }]);
    expect(s.commands).toEqual(["PASV", "TYPE I", "SIZE missing.txt", "QUIT"]);
  });
});

describe("EPSV falls back to PASV once, for the session (curl's ftp_epsv_disable)", () => {
  it("when the EPSV data connection fails before anything was asked", () => {
    const s = session({ mode: "passive", extended: true, commands: ["LIST", "LIST"] });
    s.reply(EPSV_OK);
    s.conns[0]!.refused();
    expect(s.notes).toEqual(["Failed EPSV attempt. Disabling EPSV"]);
    expect(s.commands).toEqual(["EPSV", "PASV"]);
    s.reply(PASV_OK);
    expect(s.conns[1]!.target).toEqual({ ip: SERVER, port: 3000 });
    s.conns[1]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.reply("150 Here comes the directory listing.");
    s.conns[1]!.eof();
    s.reply("226 Directory send OK.");
    expect(s.ended).toMatchObject([{ result: "ok", modeCommand: "PASV", clientCause: null }]);
    // The second transfer goes straight to PASV.
    expect(s.commands.at(-1)).toBe("PASV");
  });

  it("when it fails while TYPE is outstanding: the reply first (no pipelining), then PASV", () => {
    const s = session({ mode: "passive", extended: true, commands: ["RETR hello.txt"] });
    s.reply(EPSV_OK);
    s.conns[0]!.opened();
    s.conns[0]!.reset();
    expect(s.commands).toEqual(["EPSV", "TYPE I"]);
    expect(s.transfer).toEqual({ connection: "typing" });
    expect(s.data).toBe("failed");
    s.reply("200 Switching to Binary mode.");
    expect(s.commands).toEqual(["EPSV", "TYPE I", "PASV"]);
    expect(s.notes).toEqual(["Failed EPSV attempt. Disabling EPSV"]);
  });

  it("when EPSV itself is refused", () => {
    const s = session({ mode: "passive", extended: true, commands: ["LIST"] });
    s.reply("500 Unknown command.");
    expect(s.commands).toEqual(["EPSV", "PASV"]);
    expect(s.notes).toEqual(["Failed EPSV attempt. Disabling EPSV"]);
  });

  it("but not once the transfer command went out: then the server's reply decides", () => {
    const s = session({ mode: "passive", extended: true, commands: ["LIST"] });
    s.reply(EPSV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.conns[0]!.reset();
    s.reply("150 Here comes the directory listing.");
    s.reply("426 Failure writing network stream.");
    expect(s.ended).toMatchObject([{ result: "failed", reply: 426, modeCommand: "EPSV", clientCause: "the client's data connection failed (lost: reset)" }]);
    expect(s.notes).toEqual([]);
  });
});

describe("EPRT refused: PORT on a new listening socket (curl: disabling EPRT usage)", () => {
  it("listens again, announces the new socket with PORT, and keeps to PORT", () => {
    const s = session({ mode: "active", extended: true, commands: ["NLST", "NLST"] });
    expect(s.commands).toEqual(["EPRT |1|10.99.1.10|40000|"]);
    s.reply("500 Unknown command.");
    expect(s.notes).toEqual(["disabling EPRT usage"]);
    expect(s.listens).toEqual([40000, 40001]);
    expect(s.commands.at(-1)).toBe("PORT 10,99,1,10,156,65");
    expect(s.conns).toHaveLength(2);
    s.reply("200 PORT command successful. Consider using PASV.");
    s.reply("200 Switching to ASCII mode.");
    s.reply("150 Here comes the directory listing.");
    s.conns[1]!.opened();
    s.conns[1]!.eof();
    s.reply("226 Directory send OK.");
    expect(s.ended).toMatchObject([{ result: "ok", modeCommand: "PORT", modeReply: 200 }]);
    expect(s.commands.at(-1)).toMatch(/^PORT /);
  });

  it("a failure of the abandoned EPRT connection does not count against the PORT one", () => {
    const s = session({ mode: "active", extended: true, commands: ["NLST"] });
    s.conns[0]!.opened();
    s.conns[0]!.reset();
    s.reply("500 Unknown command.");
    s.reply("200 PORT command successful. Consider using PASV.");
    s.reply("200 Switching to ASCII mode.");
    expect(s.commands.at(-1)).toBe("NLST");
  });
});

describe("curl's response timeout", () => {
  it("120 s (curl's RESP_TIMEOUT) without a reply after 150: the transfer is abandoned and the session ends silent", () => {
    const s = session({ mode: "passive", commands: ["LIST"] });
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.reply("200 Switching to ASCII mode.");
    s.reply("150 Here comes the directory listing.");
    s.clock.advance(CURL_PROFILE.responseTimeoutMs! - 1);
    expect(s.actor.getSnapshot().status).toBe("active");
    s.clock.advance(1);
    expect(s.actor.getSnapshot().value).toBe("silent");
    expect(s.ended).toMatchObject([{ result: "failed", reply: null }]);
    expect(s.notes).toEqual(["No reply from the server within 120 s: giving up"]);
  });

  it("counts afresh in each waiting state: a reply every 119 s keeps the session going", () => {
    const s = session({ mode: "passive", commands: ["LIST"] });
    s.clock.advance(119_000);
    s.reply(PASV_OK);
    s.conns[0]!.opened();
    s.clock.advance(119_000);
    s.reply("200 Switching to ASCII mode.");
    s.clock.advance(119_000);
    expect(s.actor.getSnapshot().status).toBe("active");
    expect(s.commands).toEqual(["PASV", "TYPE A", "LIST"]);
  });
});
