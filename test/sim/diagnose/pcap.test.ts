/**
 * The capture reader (sim/diagnose/formats/pcap.ts) on real captures of vsftpd and curl in network
 * namespaces (test/fixtures/logs/pcap/README.md), on variants of them rewritten here (the other
 * byte order, nanosecond timestamps, pcapng written both ways, other link types, IPv6,
 * segments reordered, retransmitted or cut), and on damaged and random input.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { captureFrames, isCapture, readCapture, type CaptureFrame } from "../../../sim/diagnose/formats/pcap";
import type { LogEntry, ParsedLog } from "../../../sim/diagnose/log-types";

const DIR = join(__dirname, "../../fixtures/logs/pcap");
const load = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const REAL = [
  "passive-ok.pcap",
  "passive-ok.pcapng",
  "passive-ok-converted.pcapng",
  "passive-drop.pcap",
  "passive-icmp-prohibited.pcap",
  "active-drop.pcap",
  "active-reject-rst.pcap",
  "active-eprt-ok.pcap",
];
const CORRUPT = ["corrupt-truncated-header.pcap", "corrupt-truncated-packet.pcap", "corrupt-truncated.pcapng", "corrupt-bad-block-length.pcapng"];

const CLIENT = "10.99.1.10";
const SERVER = "203.0.113.5";

function read(bytes: Uint8Array): ParsedLog {
  const r = readCapture(bytes);
  if (!r) throw new Error("no FTP found");
  return r;
}
const said = (log: ParsedLog) => log.entries.filter((e) => e.from !== "packet").map((e) => `${e.from}: ${e.text}`);
const packets = (log: ParsedLog) => log.entries.filter((e): e is LogEntry & { packet: NonNullable<LogEntry["packet"]> } => e.from === "packet" && !!e.packet);
/** The passive port of the 227 reply. */
function pasvPort(log: ParsedLog): number {
  const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(log.entries.find((e) => e.text.startsWith("227 "))?.text ?? "");
  if (!m) throw new Error("no 227");
  return Number(m[5]) * 256 + Number(m[6]);
}
/** The port of a PORT or EPRT command. */
function activePort(log: ParsedLog): number {
  for (const e of log.entries) {
    const m = /^PORT \d+,\d+,\d+,\d+,(\d+),(\d+)$/.exec(e.text) ?? /^EPRT \|1\|[\d.]+\|(\d+)\|$/.exec(e.text);
    if (m) return m.length === 3 ? Number(m[1]) * 256 + Number(m[2]) : Number(m[1]);
  }
  throw new Error("no PORT/EPRT");
}
const flagsOf = (e: { packet: { flags: readonly string[] } }) => e.packet.flags.join("+");

// ---------------------------------------------------------------------------------------------
// Writers for the rewritten variants (independent of the reader's framing code)
// ---------------------------------------------------------------------------------------------

interface RawFrame {
  ms: number;
  data: Uint8Array;
  orig?: number;
}

function writePcap(frames: readonly RawFrame[], linkType: number, { le = true, nano = false } = {}): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.data.byteLength, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 262144, le);
  v.setUint32(20, linkType, le);
  let off = 24;
  for (const f of frames) {
    const sec = Math.floor(f.ms / 1000);
    const frac = nano ? Math.round((f.ms - sec * 1000) * 1e6) : Math.round((f.ms - sec * 1000) * 1e3);
    v.setUint32(off, sec, le);
    v.setUint32(off + 4, frac, le);
    v.setUint32(off + 8, f.data.byteLength, le);
    v.setUint32(off + 12, f.orig ?? f.data.byteLength, le);
    out.set(f.data, off + 16);
    off += 16 + f.data.byteLength;
  }
  return out;
}

/** pcapng with one interface; `tsresol` the if_tsresol byte; `simple` writes Simple Packet Blocks. */
function writePcapng(frames: readonly RawFrame[], linkType: number, { le = true, tsresol = 6, simple = false } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array) => {
    const padded = Math.ceil(body.byteLength / 4) * 4;
    const b = new Uint8Array(12 + padded);
    const v = new DataView(b.buffer);
    v.setUint32(0, type, le);
    v.setUint32(4, b.byteLength, le);
    b.set(body, 8);
    v.setUint32(b.byteLength - 4, b.byteLength, le);
    blocks.push(b);
  };
  const shb = new Uint8Array(16);
  const sv = new DataView(shb.buffer);
  sv.setUint32(0, 0x1a2b3c4d, le);
  sv.setUint16(4, 1, le);
  sv.setUint16(6, 0, le);
  sv.setInt32(8, -1, le); // section length unknown
  sv.setInt32(12, -1, le);
  block(0x0a0d0d0a, shb);
  const idb = new Uint8Array(8 + 8 + 4);
  const iv = new DataView(idb.buffer);
  iv.setUint16(0, linkType, le);
  iv.setUint32(4, 262144, le);
  iv.setUint16(8, 9, le); // if_tsresol
  iv.setUint16(10, 1, le);
  idb[12] = tsresol;
  // opt_endofopt: four zero bytes
  block(1, idb);
  const units = tsresol & 0x80 ? 2 ** (tsresol & 0x7f) : 10 ** tsresol;
  for (const f of frames) {
    if (simple) {
      const body = new Uint8Array(4 + f.data.byteLength);
      new DataView(body.buffer).setUint32(0, f.orig ?? f.data.byteLength, le);
      body.set(f.data, 4);
      block(3, body);
      continue;
    }
    const body = new Uint8Array(20 + f.data.byteLength);
    const bv = new DataView(body.buffer);
    const ts = BigInt(Math.round((f.ms / 1000) * units));
    bv.setUint32(0, 0, le);
    bv.setUint32(4, Number(ts >> 32n), le);
    bv.setUint32(8, Number(ts & 0xffffffffn), le);
    bv.setUint32(12, f.data.byteLength, le);
    bv.setUint32(16, f.orig ?? f.data.byteLength, le);
    body.set(f.data, 20);
    block(6, body);
  }
  return concat(...blocks);
}

/** A classic pcap (little-endian, microseconds) rewritten in place: other byte order and/or nanoseconds. */
function rewritePcap(src: Uint8Array, { swap = false, nano = false }): Uint8Array {
  const out = new Uint8Array(src);
  const i = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const o = new DataView(out.buffer);
  const le = !swap;
  o.setUint32(0, nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  o.setUint16(4, i.getUint16(4, true), le);
  o.setUint16(6, i.getUint16(6, true), le);
  for (const at of [8, 12, 16, 20]) o.setUint32(at, i.getUint32(at, true), le);
  let off = 24;
  while (off + 16 <= src.byteLength) {
    const capLen = i.getUint32(off + 8, true);
    o.setUint32(off, i.getUint32(off, true), le);
    o.setUint32(off + 4, i.getUint32(off + 4, true) * (nano ? 1000 : 1), le);
    o.setUint32(off + 8, capLen, le);
    o.setUint32(off + 12, i.getUint32(off + 12, true), le);
    off += 16 + capLen;
  }
  return out;
}

const raw = (frames: readonly CaptureFrame[]): RawFrame[] => frames.map((f) => ({ ms: f.ms ?? 0, data: f.data, orig: f.originalLength }));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
};
const u16 = (n: number) => new Uint8Array([n >> 8, n & 0xff]);

/** An Ethernet frame's IPv4 packet and TCP header offsets. */
function tcpAt(eth: Uint8Array): { ip: number; tcp: number; payload: number; end: number } | null {
  if (eth[12] !== 0x08 || eth[13] !== 0x00 || eth[23] !== 6) return null;
  const ip = 14;
  const tcp = ip + (eth[ip]! & 0x0f) * 4;
  const total = (eth[ip + 2]! << 8) | eth[ip + 3]!;
  return { ip, tcp, payload: tcp + (eth[tcp + 12]! >> 4) * 4, end: ip + total };
}

/** The same TCP segment carrying payload bytes [from, to) of the original one. */
function slice(eth: Uint8Array, from: number, to: number): Uint8Array {
  const t = tcpAt(eth)!;
  const out = concat(eth.subarray(0, t.payload), eth.subarray(t.payload + from, t.payload + to));
  const v = new DataView(out.buffer);
  v.setUint16(t.ip + 2, out.byteLength - t.ip);
  v.setUint32(t.tcp + 4, (v.getUint32(t.tcp + 4) + from) >>> 0);
  return out;
}

/** The frames with TCP port 21 moved to `port` (both directions of the control connection). */
const movePort21 = (frames: readonly RawFrame[], port: number): RawFrame[] =>
  frames.map((f) => {
    const d = new Uint8Array(f.data);
    const t = tcpAt(d)!;
    const v = new DataView(d.buffer);
    for (const p of [t.tcp, t.tcp + 2]) if (v.getUint16(p) === 21) v.setUint16(p, port);
    return { ...f, data: d };
  });

const payloadText = (eth: Uint8Array) => {
  const t = tcpAt(eth);
  return t ? new TextDecoder().decode(eth.subarray(t.payload, t.end)) : "";
};

const ok = load("passive-ok.pcap");
const okLog = read(ok);
const okFrames = captureFrames(ok);

// ---------------------------------------------------------------------------------------------

describe("isCapture", () => {
  it("recognises every real capture, pcap and pcapng", () => {
    for (const name of REAL) expect(isCapture(load(name)), name).toBe(true);
  });
  it("recognises the rewritten byte orders and nanosecond magic", () => {
    expect(isCapture(rewritePcap(ok, { swap: true }))).toBe(true);
    expect(isCapture(rewritePcap(ok, { nano: true }))).toBe(true);
    expect(isCapture(rewritePcap(ok, { swap: true, nano: true }))).toBe(true);
    expect(isCapture(writePcapng(raw(okFrames), 1, { le: false }))).toBe(true);
  });
  it("refuses text, even text starting like a pcapng block type", () => {
    const enc = new TextEncoder();
    expect(isCapture(enc.encode("Status:\tConnecting to 203.0.113.5:21...\n"))).toBe(false);
    expect(isCapture(enc.encode("\n\r\r\nResponse: 220 hello\r\n"))).toBe(false);
    expect(isCapture(new Uint8Array(0))).toBe(false);
    expect(isCapture(new Uint8Array([0xd4, 0xc3, 0xb2]))).toBe(false);
  });
});

describe("real captures (vsftpd 3.0.3 and curl 7.88.1 in network namespaces)", () => {
  it("passive LIST that works: the transcript, the data handshake, the hosts", () => {
    expect(okLog.format).toBe("pcap");
    expect(okLog.side).toBe("wire");
    expect(okLog.server).toBe("vsftpd");
    expect(okLog.client).toBeNull();
    expect(okLog.control).toEqual({ host: SERVER, serverIp: SERVER, port: 21, clientIp: CLIENT });
    expect(said(okLog)).toEqual([
      "server: 220 (vsFTPd 3.0.3)",
      "client: USER anonymous",
      "server: 230 Login successful.",
      "client: PWD",
      'server: 257 "/" is the current directory',
      "client: PASV",
      expect.stringMatching(/^server: 227 Entering Passive Mode \(203,0,113,5,\d+,\d+\)\.$/),
      "client: TYPE A",
      "server: 200 Switching to ASCII mode.",
      "client: LIST",
      "server: 150 Here comes the directory listing.",
      "server: 226 Directory send OK.",
      "client: QUIT",
      "server: 221 Goodbye.",
    ]);
    // Frame numbers as Wireshark counts them: SYN, SYN-ACK, ACK, then the greeting.
    expect(okLog.entries[0]).toMatchObject({ line: 4, from: "server" });
    const port = pasvPort(okLog);
    const data = packets(okLog);
    expect(data.map((p) => `${flagsOf(p)} ${p.packet.src.ip}:${p.packet.src.port === port ? "P" : "c"}`)).toEqual([
      `SYN ${CLIENT}:c`,
      `SYN+ACK ${SERVER}:P`,
      `PSH+ACK ${SERVER}:P`,
      `FIN+ACK ${SERVER}:P`,
      `FIN+ACK ${CLIENT}:c`,
    ]);
    expect(data[0]!.text).toBe(`SYN ${CLIENT}:${data[0]!.packet.src.port} → ${SERVER}:${port}`);
    expect(data[0]!.packet).toEqual({ src: { ip: CLIENT, port: data[0]!.packet.src.port }, dst: { ip: SERVER, port }, flags: ["SYN"], length: 0 });
    expect(data[2]!.packet.length).toBeGreaterThan(0); // the listing's first segment
    // Time since the first frame, in order, in milliseconds.
    const ts = okLog.entries.map((e) => e.t!);
    expect(ts.every((t) => t >= 0 && t < 1000)).toBe(true);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
    // Lines ascend with the frames.
    const lines = okLog.entries.map((e) => e.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it("passive LIST with the data SYN dropped by the server's firewall: SYN retransmitted, never answered", () => {
    const log = read(load("passive-drop.pcap"));
    expect(said(log).slice(-2)).toEqual(["client: PASV", expect.stringMatching(/^server: 227 /)]);
    const port = pasvPort(log);
    const toPort = packets(log).filter((p) => p.packet.dst.port === port || p.packet.src.port === port);
    expect(toPort.length).toBeGreaterThanOrEqual(3);
    expect(toPort.every((p) => flagsOf(p) === "SYN" && p.packet.src.ip === CLIENT && p.packet.dst.ip === SERVER)).toBe(true);
    expect(new Set(toPort.map((p) => p.packet.src.port)).size).toBe(1); // one connection, retried
    expect(toPort.slice(1).every((p) => p.text.endsWith("(retransmitted)"))).toBe(true);
    // Linux retries after 1 s, then (RFC 6298 backoff, capped here by curl's 5 s) about every second or more.
    expect(toPort[1]!.t! - toPort[0]!.t!).toBeGreaterThan(900);
    expect(packets(log).some((p) => p.packet.flags.includes("RST") || (p.packet.flags.includes("SYN") && p.packet.flags.includes("ACK")))).toBe(false);
  });

  it("passive LIST refused by ICMP admin-prohibited: the ICMP entry stands for the refusal", () => {
    const log = read(load("passive-icmp-prohibited.pcap"));
    const port = pasvPort(log);
    const [syn, icmp] = packets(log);
    expect(flagsOf(syn!)).toBe("SYN");
    expect(icmp!.text).toMatch(/^ICMP destination unreachable \(communication administratively prohibited\) from 203\.0\.113\.5 for 10\.99\.1\.10:\d+ → 203\.0\.113\.5:\d+$/);
    expect(icmp!.packet).toEqual({ src: { ip: SERVER, port }, dst: syn!.packet.src, flags: [], length: 0 });
    expect(icmp!.line).toBe(syn!.line + 1);
  });

  it("active LIST (PORT) with the server's SYN from port 20 dropped by the client: repeated SYNs, then 425", () => {
    const bytes = load("active-drop.pcap");
    expect(captureFrames(bytes)[0]!.linkType).toBe(276); // tcpdump -i any: Linux cooked v2
    const log = read(bytes);
    const port = activePort(log);
    const syns = packets(log);
    expect(syns.length).toBeGreaterThanOrEqual(3);
    for (const s of syns) {
      expect(s.packet).toEqual({ src: { ip: SERVER, port: 20 }, dst: { ip: CLIENT, port }, flags: ["SYN"], length: 0 });
    }
    expect(said(log)).toContain("server: 425 Failed to establish connection.");
    const listAt = log.entries.findIndex((e) => e.text === "LIST");
    const replyAt = log.entries.findIndex((e) => e.text.startsWith("425 "));
    expect(log.entries.slice(listAt + 1, replyAt).every((e) => e.from === "packet")).toBe(true);
  });

  it("active LIST refused with a TCP reset by the client's firewall: SYN answered by RST", () => {
    const log = read(load("active-reject-rst.pcap"));
    const port = activePort(log);
    const [syn, rst, ...rest] = packets(log);
    expect(rest).toEqual([]);
    expect(syn!.packet).toMatchObject({ src: { ip: SERVER, port: 20 }, dst: { ip: CLIENT, port }, flags: ["SYN"] });
    expect(rst!.packet).toMatchObject({ src: { ip: CLIENT, port }, dst: { ip: SERVER, port: 20 }, flags: ["RST", "ACK"] });
    expect(rst!.text).toBe(`RST+ACK ${CLIENT}:${port} → ${SERVER}:20`);
    expect(said(log).slice(-3)).toEqual(["server: 425 Failed to establish connection.", "client: QUIT", "server: 221 Goodbye."]);
  });

  it("active LIST with EPRT that works: the handshake from port 20 completes", () => {
    const log = read(load("active-eprt-ok.pcap"));
    const port = activePort(log);
    expect(said(log)).toContain(`client: EPRT |1|${CLIENT}|${port}|`);
    expect(packets(log).slice(0, 2).map((p) => `${flagsOf(p)} ${p.packet.src.port}`)).toEqual([`SYN 20`, `SYN+ACK ${port}`]);
  });
});

describe("pcapng", () => {
  it("editcap's conversion of a pcap reads exactly as the pcap", () => {
    expect(read(load("passive-ok-converted.pcapng"))).toEqual(okLog);
  });
  it("dumpcap's own pcapng (nanosecond if_tsresol, options) reads as the same kind of session", () => {
    const log = read(load("passive-ok.pcapng"));
    const mask = (l: ParsedLog) => said(l).map((s) => s.replace(/\(203,0,113,5,\d+,\d+\)/, "(…)"));
    expect(mask(log)).toEqual(mask(okLog));
    expect(log.entries.every((e) => e.t! >= 0 && e.t! < 1000)).toBe(true);
    expect(packets(log).map(flagsOf)).toEqual(packets(okLog).map(flagsOf));
  });
  it("big-endian sections and other timestamp resolutions read the same", () => {
    for (const [le, tsresol] of [[false, 6], [false, 9], [true, 3 + 0], [true, 0x80 | 20]] as const) {
      const log = read(writePcapng(raw(okFrames), 1, { le, tsresol }));
      // Milliseconds (10^-3) lose the sub-millisecond part; the others keep it.
      const tolerance = tsresol === 3 ? 1 : 0.01;
      expect(log.entries.map((e) => ({ ...e, t: undefined }))).toEqual(okLog.entries.map((e) => ({ ...e, t: undefined })));
      log.entries.forEach((e, i) => expect(Math.abs(e.t! - okLog.entries[i]!.t!)).toBeLessThanOrEqual(tolerance));
    }
  });
  it("Simple Packet Blocks (no timestamps) give the transcript without times", () => {
    const log = read(writePcapng(raw(okFrames), 1, { simple: true }));
    expect(said(log)).toEqual(said(okLog));
    expect(log.entries.every((e) => e.t === undefined)).toBe(true);
  });
});

describe("classic pcap variants", () => {
  it("the other byte order (a big-endian writer) reads the same", () => {
    expect(read(rewritePcap(ok, { swap: true }))).toEqual(okLog);
  });
  it("nanosecond timestamps (magic a1b23c4d), both byte orders, read the same", () => {
    for (const swap of [false, true]) {
      const log = read(rewritePcap(ok, { swap, nano: true }));
      expect(log.entries.map((e) => e.text)).toEqual(okLog.entries.map((e) => e.text));
      log.entries.forEach((e, i) => expect(e.t).toBeCloseTo(okLog.entries[i]!.t!, 3));
    }
  });
});

describe("link types", () => {
  const texts = okLog.entries.map((e) => `${e.line} ${e.from} ${e.text}`);
  const relink = (linkType: number, f: (eth: Uint8Array) => Uint8Array) => read(writePcap(okFrames.map((fr) => ({ ms: fr.ms!, data: f(fr.data) })), linkType));
  const ip = (eth: Uint8Array) => eth.subarray(14);
  it.each([
    ["raw IP (101)", 101, ip],
    ["IPv4 (228)", 228, ip],
    ["BSD loopback, host order (0)", 0, (e: Uint8Array) => concat(new Uint8Array([2, 0, 0, 0]), ip(e))],
    ["OpenBSD loopback, network order (108)", 108, (e: Uint8Array) => concat(new Uint8Array([0, 0, 0, 2]), ip(e))],
    ["Linux cooked v1 (113)", 113, (e: Uint8Array) => concat(new Uint8Array([0, 0, 0, 1, 0, 6]), e.subarray(6, 12), new Uint8Array([0, 0]), u16(0x0800), ip(e))],
    ["Ethernet with 802.1ad + 802.1Q tags (1)", 1, (e: Uint8Array) => concat(e.subarray(0, 12), u16(0x88a8), u16(100), u16(0x8100), u16(200), e.subarray(12))],
  ] as const)("%s", (_name, linkType, f) => {
    expect(relink(linkType, f).entries.map((e) => `${e.line} ${e.from} ${e.text}`)).toEqual(texts);
  });

  it("IPv6: the same session over IPv6 addresses", () => {
    const v6 = (last: number) => new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, last, 0, 0, 0, 0, 0, 0, 0, 0, 0, last]);
    const map = (a: number[]) => (a.join(".") === CLIENT ? v6(1) : v6(2));
    const frames = okFrames.map((fr) => {
      const e = fr.data;
      const t = tcpAt(e)!;
      const hdr = new Uint8Array(40);
      hdr[0] = 0x60;
      hdr.set(u16(t.end - t.tcp), 4);
      hdr[6] = 6;
      hdr[7] = 64;
      hdr.set(map([...e.subarray(t.ip + 12, t.ip + 16)]), 8);
      hdr.set(map([...e.subarray(t.ip + 16, t.ip + 20)]), 24);
      return { ms: fr.ms!, data: concat(e.subarray(0, 12), u16(0x86dd), hdr, e.subarray(t.tcp, t.end)) };
    });
    const log = read(writePcap(frames, 1));
    expect(log.control).toEqual({ host: "2001:db8:2::2", serverIp: "2001:db8:2::2", port: 21, clientIp: "2001:db8:1::1" });
    expect(said(log)).toEqual(said(okLog));
    expect(packets(log)[0]!.text).toMatch(/^SYN \[2001:db8:1::1\]:\d+ → \[2001:db8:2::2\]:\d+$/);
  });
});

describe("TCP reassembly", () => {
  const serverLines = (l: ParsedLog) => l.entries.filter((e) => e.from === "server").map((e) => e.text);
  const clientLines = (l: ParsedLog) => l.entries.filter((e) => e.from === "client").map((e) => e.text);
  const at = (needle: string) => okFrames.findIndex((f) => payloadText(f.data).startsWith(needle));

  it("a retransmitted segment is read once (RFC 9293 §3.4: its bytes' numbers were seen)", () => {
    const i = at("230 ");
    const frames = raw(okFrames);
    frames.splice(i + 2, 0, { ...frames[i]!, ms: frames[i + 1]!.ms + 0.5 });
    const log = read(writePcap(frames, 1));
    expect(said(log)).toEqual(said(okLog));
    expect(log.entries.find((e) => e.text.startsWith("230 "))!.line).toBe(i + 1);
  });

  it("out-of-order segments are put back in sequence order; a line split over segments is joined", () => {
    const i = at("227 ");
    const frames = raw(okFrames);
    const whole = frames[i]!.data;
    const len = tcpAt(whole)!.end - tcpAt(whole)!.payload;
    // The 227 reply in three segments, the last sent first, and the 257 before it swapped behind it.
    const parts = [slice(whole, 0, 5), slice(whole, 5, 20), slice(whole, 20, len)].map((data) => ({ ...frames[i]!, data }));
    frames.splice(i, 1, parts[2]!, parts[0]!, parts[1]!);
    const j = at("257 ");
    [frames[j], frames[j + 1]] = [frames[j + 1]!, frames[j]!];
    const log = read(writePcap(frames, 1));
    expect(serverLines(log)).toEqual(serverLines(okLog));
    expect(clientLines(log)).toEqual(clientLines(okLog));
    // The line's number is the frame with its first byte: the second of the three (0-based i + 1).
    expect(log.entries.find((e) => e.text.startsWith("227 "))!.line).toBe(i + 2);
  });

  it("a segment cut short by the snapshot length loses its line, not the others", () => {
    const i = at("227 ");
    const frames = raw(okFrames);
    const f = frames[i]!;
    frames[i] = { ...f, data: f.data.subarray(0, f.data.byteLength - 10), orig: f.data.byteLength };
    const log = read(writePcap(frames, 1));
    expect(serverLines(log)).toEqual(serverLines(okLog).filter((t) => !t.startsWith("227 ")));
    expect(clientLines(log)).toEqual(clientLines(okLog));
  });

  it("a capture missing a segment drops the broken line and keeps the rest", () => {
    const frames = raw(okFrames).filter((_, k) => k !== at("257 "));
    expect(serverLines(read(writePcap(frames, 1)))).toEqual(serverLines(okLog).filter((t) => !t.startsWith("257 ")));
  });

  it("Telnet IAC sequences (RFC 959 §4.1.3, RFC 854) are not part of the command", () => {
    const i = at("QUIT");
    const frames = raw(okFrames);
    const e = frames[i]!.data;
    const t = tcpAt(e)!;
    // IAC IP IAC DM before the command, as clients send before ABOR; the TCP sequence numbers of the
    // following segments shift by four, so the rest of the client's stream is not compared.
    const data = concat(e.subarray(0, t.payload), new Uint8Array([0xff, 0xf4, 0xff, 0xf2]), e.subarray(t.payload, t.end));
    new DataView(data.buffer).setUint16(t.ip + 2, data.byteLength - t.ip);
    frames[i] = { ...frames[i]!, data };
    expect(clientLines(read(writePcap(frames, 1))).at(-1)).toBe("QUIT");
  });

  it("a control connection on another port is found by its 220 greeting and FTP commands", () => {
    const log = read(writePcap(movePort21(raw(okFrames), 2121), 1));
    expect(log.control.port).toBe(2121);
    expect(said(log)).toEqual(said(okLog));
  });

  it("a 220 greeting answered by SMTP commands is not FTP", () => {
    // Only the greeting and a made-up EHLO: no FTP command from the client side.
    const frames = raw(okFrames).slice(0, at("USER") + 1);
    const e = frames.at(-1)!.data;
    const t = tcpAt(e)!;
    const data = concat(e.subarray(0, t.payload), new TextEncoder().encode("EHLO mail.example\r\n"));
    new DataView(data.buffer).setUint16(t.ip + 2, data.byteLength - t.ip);
    frames[frames.length - 1] = { ...frames.at(-1)!, data };
    expect(readCapture(writePcap(movePort21(frames, 25), 1))).toBeNull();
  });
});

describe("damaged and random input never throws", () => {
  it("the hand-made damaged files", () => {
    for (const name of CORRUPT) {
      const bytes = load(name);
      expect(isCapture(bytes), name).toBe(true);
      expect(() => readCapture(bytes), name).not.toThrow();
    }
    expect(readCapture(load("corrupt-truncated-header.pcap"))).toBeNull();
    // Cut in frame 12 (the 227 reply): what came before is read.
    const cut = read(load("corrupt-truncated-packet.pcap"));
    expect(said(cut)).toEqual(said(okLog).slice(0, 6));
    expect(said(read(load("corrupt-truncated.pcapng")))).toEqual(said(okLog).slice(0, said(read(load("corrupt-truncated.pcapng"))).length));
    // A bad block length at frame 4, the greeting: only the handshake before it — nothing FTP.
    expect(readCapture(load("corrupt-bad-block-length.pcapng"))).toBeNull();
  });

  it("every prefix of a real capture", () => {
    for (const name of ["passive-ok.pcap", "passive-ok.pcapng", "active-drop.pcap"]) {
      const bytes = load(name);
      for (let n = 0; n <= bytes.byteLength; n += 7) expect(() => readCapture(bytes.subarray(0, n))).not.toThrow();
    }
  });

  it("random bytes: not a capture, or nothing FTP in it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (b) => {
        expect(!isCapture(b) || readCapture(b) === null).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("random bytes behind a valid header, and real captures with bytes flipped", () => {
    const headers = [ok.subarray(0, 24), load("passive-ok.pcapng").subarray(0, 28)];
    fc.assert(
      fc.property(fc.constantFrom(...headers), fc.uint8Array({ maxLength: 4096 }), (h, tail) => {
        expect(() => readCapture(concat(h, tail))).not.toThrow();
      }),
      { numRuns: 300 },
    );
    const reals = REAL.map(load);
    fc.assert(
      fc.property(fc.constantFrom(...reals), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), (src, flips) => {
        const b = new Uint8Array(src);
        for (const [at, value] of flips) b[at % b.byteLength] = value;
        expect(() => readCapture(b)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
