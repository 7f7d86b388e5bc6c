/**
 * A packet capture (pcap or pcapng) read as an FTP transcript (spec/scenario.md, "`sim diagnose`"):
 * the control connection's commands and replies, reassembled from its TCP segments, and the
 * handshake and teardown of every other connection between the FTP hosts — the data connections
 * and the attempts at them — so a diagnosis can see a SYN retransmitted with no answer (a drop), a
 * SYN answered by a reset or an ICMP "unreachable" (a refusal), a handshake completed.
 *
 * Why a reader of our own for the file framing. Packages considered on the npm registry
 * (December 2026; downloads a month as the registry counted them):
 * - pcap-parser 0.2.1 (MIT, ~10,600/month, two versions ever): classic pcap only — no pcapng, no
 *   nanosecond magic — and built on Node's `fs`, `events` and `Buffer`: it cannot read a
 *   Uint8Array in the browser.
 * - pcap 3.1.0 (MIT, ~3,500/month): a native libpcap binding (`nan`, node-gyp): no browser.
 * - pcap-ng-parser 1.0.0 (license "BSD-3", not an SPDX id; its only release; too few downloads
 *   to be listed): pcapng only, a Node `stream.Transform` over `Buffer`, depends on
 *   ether-frame, ignores `if_tsresol`.
 * - pcapng-parser, pcapng, @mmstudio/pcap: not on the registry.
 * None reads both formats from bytes in a browser, so the framing is read here: the classic format
 * of draft-ietf-opsawg-pcap and the blocks of draft-ietf-opsawg-pcapng (Section Header,
 * Interface Description, Enhanced, Simple and the obsolete Packet block), in either byte order,
 * with each interface's link type and timestamp resolution. Decoding stops at the first truncated
 * or malformed record and keeps what came before it: nothing here throws.
 *
 * On top: link layers Ethernet (with 802.1Q/802.1ad VLAN tags), Linux cooked v1 and v2, raw IP,
 * BSD loopback; IPv4 and IPv6; TCP; ICMP and ICMPv6 "destination unreachable".
 *
 * What the entries are:
 * - from "client" / "server": one per command or reply line of a control connection, `line` the
 *   frame number (1-based, as Wireshark numbers them) of the segment that carries the line's
 *   first byte, `t` milliseconds since the capture's first frame.
 * - from "packet": a segment with SYN, FIN or RST, and the first segment carrying data, of every
 *   other TCP connection between the control connections' hosts and the addresses PASV, EPSV,
 *   PORT or EPRT named; text like `SYN 10.99.1.10:40001 → 203.0.113.5:30005`: the flags joined
 *   with "+" (`SYN+ACK`, `RST+ACK`), `, 68 bytes` for a segment with data, and ` (retransmitted)`
 *   for a SYN sent again from the same side with the same sequence number.
 * - from "packet" too, an ICMP or ICMPv6 destination unreachable about such a connection. Its
 *   `packet` stands for the refusal as a reply would: `src` is the endpoint the quoted segment was
 *   sent to, `dst` the one that sent it, `flags` empty, `length` 0; the text names the ICMP type
 *   and code and the address that actually sent it (a router may).
 */
import { parseCommand } from "../../ftp/commands";
import { parse227, parseHostPort } from "../../ftp/hostport";
import { sameEndpoint } from "../../net/addresses";
import { FTP_CONTROL_PORT } from "../../net/ftp-ports";
import type { LogEndpoint, LogEntry, LogPacket, ParsedLog } from "../log-types";
import { clientFromClnt, serverFromBanner } from "./software";

// ---------------------------------------------------------------------------------------------
// File framing
// ---------------------------------------------------------------------------------------------

/** One packet record of the file. */
export interface CaptureFrame {
  /** 1-based, counting every packet record of the file (pcapng: across sections). */
  readonly number: number;
  /** Milliseconds since the Unix epoch, or null (a pcapng Simple Packet Block has no timestamp). */
  readonly ms: number | null;
  /** LINKTYPE_* of the interface the packet came from, or null when the interface is unknown. */
  readonly linkType: number | null;
  /** The captured bytes (at most the snapshot length: the packet may be cut short). */
  readonly data: Uint8Array;
  /** The packet's length on the wire. */
  readonly originalLength: number;
}

type CaptureKind = "pcap" | "pcapng";

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BOM = 0x1a2b3c4d;

/** A DataView over the whole input, however it is sliced. */
const viewOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Which capture format the bytes are, by magic number, or null. */
function captureKind(bytes: Uint8Array): CaptureKind | null {
  if (bytes.byteLength < 4) return null;
  const v = viewOf(bytes);
  const be = v.getUint32(0, false);
  // Classic pcap: the magic is written in the writer's byte order, so either reading names it;
  // 0xa1b23c4d marks nanosecond timestamps (draft-ietf-opsawg-pcap §4).
  for (const m of [PCAP_MAGIC_US, PCAP_MAGIC_NS]) {
    if (be === m || v.getUint32(0, true) === m) return "pcap";
  }
  // pcapng: the Section Header Block's type reads the same in both orders ("\n\r\r\n", chosen
  // to catch text-mode transfers), so the byte-order magic at offset 8 must also be there —
  // a text file may well start with those four bytes.
  if (be === PCAPNG_SHB && bytes.byteLength >= 12) {
    const bom = v.getUint32(8, false);
    return bom === PCAPNG_BOM || v.getUint32(8, true) === PCAPNG_BOM ? "pcapng" : null;
  }
  return null;
}

export function isCapture(bytes: Uint8Array): boolean {
  return captureKind(bytes) !== null;
}

/** Every packet record of a pcap or pcapng file, up to the first truncated or malformed one. */
export function captureFrames(bytes: Uint8Array): CaptureFrame[] {
  switch (captureKind(bytes)) {
    case "pcap":
      return pcapFrames(bytes);
    case "pcapng":
      return pcapngFrames(bytes);
    default:
      return [];
  }
}

/** Classic pcap (draft-ietf-opsawg-pcap): a 24-byte file header, then 16-byte record headers. */
function pcapFrames(bytes: Uint8Array): CaptureFrame[] {
  const frames: CaptureFrame[] = [];
  if (bytes.byteLength < 24) return frames;
  const v = viewOf(bytes);
  const le = v.getUint32(0, true) === PCAP_MAGIC_US || v.getUint32(0, true) === PCAP_MAGIC_NS;
  const nano = v.getUint32(0, le) === PCAP_MAGIC_NS;
  // The LinkType field's upper bits carry the FCS length (draft §4, "LinkType and additional
  // information"); the link type itself is the low 16 bits.
  const linkType = v.getUint32(20, le) & 0xffff;
  let off = 24;
  while (off + 16 <= bytes.byteLength) {
    const sec = v.getUint32(off, le);
    const frac = v.getUint32(off + 4, le);
    const capLen = v.getUint32(off + 8, le);
    const origLen = v.getUint32(off + 12, le);
    // A record running past the end is a file cut short (a capture still being written, a
    // partial download): stop there and keep the records before it.
    if (off + 16 + capLen > bytes.byteLength) break;
    frames.push({
      number: frames.length + 1,
      ms: sec * 1000 + (nano ? frac / 1e6 : frac / 1e3),
      linkType,
      data: bytes.subarray(off + 16, off + 16 + capLen),
      originalLength: origLen,
    });
    off += 16 + capLen;
  }
  return frames;
}

interface PcapngInterface {
  linkType: number;
  /** Timestamp units per second (if_tsresol; default 10^6, draft-ietf-opsawg-pcapng §4.2). */
  unitsPerSecond: number;
  /** if_tsoffset: seconds to add to every timestamp. */
  offsetSeconds: number;
}

/** pcapng (draft-ietf-opsawg-pcapng): blocks of type, total length, body, total length again. */
function pcapngFrames(bytes: Uint8Array): CaptureFrame[] {
  const frames: CaptureFrame[] = [];
  const v = viewOf(bytes);
  let le = true;
  let interfaces: PcapngInterface[] = [];
  let off = 0;
  while (off + 12 <= bytes.byteLength) {
    let type = v.getUint32(off, le);
    if (v.getUint32(off, false) === PCAPNG_SHB) {
      // Each section declares its own byte order (§4.1): read the byte-order magic before the
      // block's length, which is written in that order. A new section forgets the interfaces.
      const bom = v.getUint32(off + 8, false);
      if (bom === PCAPNG_BOM) le = false;
      else if (v.getUint32(off + 8, true) === PCAPNG_BOM) le = true;
      else break;
      type = PCAPNG_SHB;
      interfaces = [];
    }
    const total = v.getUint32(off + 4, le);
    // Every block is a multiple of 4 bytes and at least 12 (§3.1); anything else, or a block
    // running past the end, or a trailing length that disagrees, is corruption: stop.
    if (total < 12 || total % 4 !== 0 || off + total > bytes.byteLength) break;
    if (v.getUint32(off + total - 4, le) !== total) break;
    const body = off + 8;
    const bodyEnd = off + total - 4;
    if (type === 1 && bodyEnd - body >= 8) {
      // Interface Description Block (§4.2).
      const iface: PcapngInterface = { linkType: v.getUint16(body, le), unitsPerSecond: 1e6, offsetSeconds: 0 };
      forEachOption(v, body + 8, bodyEnd, le, (code, at, len) => {
        if (code === 9 && len >= 1) {
          // if_tsresol: most significant bit clear, a negative power of 10; set, of 2.
          const r = v.getUint8(at);
          const units = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
          if (Number.isFinite(units) && units > 0) iface.unitsPerSecond = units;
        } else if (code === 14 && len >= 8) {
          iface.offsetSeconds = Number(v.getBigInt64(at, le));
        }
      });
      interfaces.push(iface);
    } else if (type === 6 && bodyEnd - body >= 20) {
      // Enhanced Packet Block (§4.3): interface, 64-bit timestamp in the interface's units.
      const iface = interfaces[v.getUint32(body, le)];
      const high = v.getUint32(body + 4, le);
      const low = v.getUint32(body + 8, le);
      const capLen = v.getUint32(body + 12, le);
      const origLen = v.getUint32(body + 16, le);
      const start = body + 20;
      if (start + capLen > bodyEnd) break;
      frames.push(packetFrame(frames.length + 1, iface, high, low, bytes.subarray(start, start + capLen), origLen));
    } else if (type === 3 && bodyEnd - body >= 4) {
      // Simple Packet Block (§4.4): interface 0, no timestamp, and the captured length is what
      // the block holds (at most the original length; the rest is padding).
      const origLen = v.getUint32(body, le);
      const capLen = Math.min(origLen, bodyEnd - body - 4);
      const iface = interfaces[0];
      frames.push({ number: frames.length + 1, ms: null, linkType: iface ? iface.linkType : null, data: bytes.subarray(body + 4, body + 4 + capLen), originalLength: origLen });
    } else if (type === 2 && bodyEnd - body >= 20) {
      // The obsolete Packet Block (appendix): a 16-bit interface id and a drops count.
      const iface = interfaces[v.getUint16(body, le)];
      const capLen = v.getUint32(body + 12, le);
      const origLen = v.getUint32(body + 16, le);
      const start = body + 20;
      if (start + capLen > bodyEnd) break;
      frames.push(packetFrame(frames.length + 1, iface, v.getUint32(body + 4, le), v.getUint32(body + 8, le), bytes.subarray(start, start + capLen), origLen));
    }
    // Other blocks (Name Resolution, Interface Statistics, Decryption Secrets, custom) carry no
    // packets; skipped by their length.
    off += total;
  }
  return frames;
}

function packetFrame(number: number, iface: PcapngInterface | undefined, high: number, low: number, data: Uint8Array, originalLength: number): CaptureFrame {
  // A packet of an interface never described cannot be decoded (no link type), but it still
  // counts as a frame, so the numbers stay Wireshark's.
  if (!iface) return { number, ms: null, linkType: null, data, originalLength };
  // 2^64 units do not fit a double exactly; at nanosecond resolution the error is a fraction of
  // a microsecond, far below the millisecond the transcript shows.
  const units = high * 4294967296 + low;
  return { number, ms: (units / iface.unitsPerSecond + iface.offsetSeconds) * 1000, linkType: iface.linkType, data, originalLength };
}

/** Options (§3.5): code, length, value padded to 32 bits, up to opt_endofopt (code 0). */
function forEachOption(v: DataView, off: number, end: number, le: boolean, fn: (code: number, at: number, len: number) => void): void {
  while (off + 4 <= end) {
    const code = v.getUint16(off, le);
    const len = v.getUint16(off + 2, le);
    if (code === 0 || off + 4 + len > end) return;
    fn(code, off + 4, len);
    off += 4 + Math.ceil(len / 4) * 4;
  }
}

// ---------------------------------------------------------------------------------------------
// Link layer, IP, TCP, ICMP
// ---------------------------------------------------------------------------------------------

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad (QinQ) and the pre-standard 0x9100: a 4-byte tag before the real type. */
const VLAN_TYPES = new Set([0x8100, 0x88a8, 0x9100]);

/** The IP datagram in a frame, by the link type's header (www.tcpdump.org/linktypes.html). */
function ipPayload(linkType: number, d: Uint8Array): Uint8Array | null {
  const v = viewOf(d);
  const byEthertype = (typeAt: number): Uint8Array | null => {
    let at = typeAt;
    while (at + 2 <= d.byteLength && VLAN_TYPES.has(v.getUint16(at, false))) at += 4;
    if (at + 2 > d.byteLength) return null;
    const type = v.getUint16(at, false);
    return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? d.subarray(at + 2) : null;
  };
  switch (linkType) {
    case 1: // LINKTYPE_ETHERNET: destination, source, type
      return byEthertype(12);
    case 113: // LINKTYPE_LINUX_SLL: packet type, ARPHRD, address length, 8 address bytes, protocol
      return byEthertype(14);
    case 276: // LINKTYPE_LINUX_SLL2: protocol first, then a 20-byte header in all
      if (d.byteLength < 20) return null;
      return v.getUint16(0, false) === ETHERTYPE_IPV4 || v.getUint16(0, false) === ETHERTYPE_IPV6 ? d.subarray(20) : null;
    case 101: // LINKTYPE_RAW: the IP header first, either version
    case 228: // LINKTYPE_IPV4
    case 229: // LINKTYPE_IPV6
      return d;
    case 0: // LINKTYPE_NULL: a 4-byte address family in the writer's byte order
    case 108: // LINKTYPE_LOOP: the same in network order
      // The families differ between systems (AF_INET6 is 10, 24, 28 or 30), so the IP version
      // nibble after the header decides, not the family.
      return d.byteLength > 4 ? d.subarray(4) : null;
    default:
      return null;
  }
}

interface Segment {
  readonly src: LogEndpoint;
  readonly dst: LogEndpoint;
  readonly seq: number;
  readonly flags: number;
  /** The payload length the IP header declares (what was on the wire). */
  readonly length: number;
  /** The payload bytes captured (fewer than `length` when the snapshot length cut the packet). */
  readonly payload: Uint8Array;
}

interface Unreachable {
  readonly v6: boolean;
  readonly from: string;
  readonly code: number;
  /** The quoted datagram's TCP endpoints (ICMP quotes the IP header and at least 8 bytes of it). */
  readonly quoted: { src: LogEndpoint; dst: LogEndpoint } | null;
}

type Decoded = { kind: "tcp"; seg: Segment } | { kind: "unreachable"; icmp: Unreachable } | null;

const TCP = 6;
const ICMP = 1;
const ICMPV6 = 58;

interface IpHeader {
  src: string;
  dst: string;
  proto: number;
  /** The transport header and payload, as captured. */
  body: Uint8Array;
  /** Transport bytes the header declares (more than body.byteLength when cut short). */
  declared: number;
}

function parseIp(p: Uint8Array): IpHeader | null {
  if (p.byteLength < 1) return null;
  const v = viewOf(p);
  const version = p[0]! >> 4;
  if (version === 4) {
    const ihl = (p[0]! & 0x0f) * 4;
    if (ihl < 20 || p.byteLength < ihl) return null;
    // A non-first fragment has no transport header; a first fragment's payload is incomplete.
    // Control connections never fragment in practice (their segments are tiny): skip both.
    const frag = v.getUint16(6, false);
    if ((frag & 0x1fff) !== 0 || (frag & 0x2000) !== 0) return null;
    // A total length of 0 is what a capture of TCP segmentation offload shows: the kernel had
    // not written it yet; fall back to what was captured.
    const total = v.getUint16(2, false);
    const declared = total >= ihl ? total - ihl : p.byteLength - ihl;
    const body = p.subarray(ihl, Math.min(p.byteLength, ihl + declared));
    return { src: ipv4(p, 12), dst: ipv4(p, 16), proto: p[9]!, body, declared };
  }
  if (version === 6) {
    if (p.byteLength < 40) return null;
    let next = p[6]!;
    let at = 40;
    const end = 40 + v.getUint16(4, false);
    // Walk the extension headers (RFC 8200 §4) to the transport header.
    for (;;) {
      if (next === 0 || next === 43 || next === 60) {
        if (at + 2 > p.byteLength) return null;
        const len = (p[at + 1]! + 1) * 8;
        next = p[at]!;
        at += len;
      } else if (next === 44) {
        // Fragment header: only a first fragment (offset 0) carries the transport header, and
        // like IPv4 fragments it is left out.
        return null;
      } else if (next === 51) {
        if (at + 2 > p.byteLength) return null;
        const len = (p[at + 1]! + 2) * 4;
        next = p[at]!;
        at += len;
      } else break;
      if (at > p.byteLength) return null;
    }
    const body = p.subarray(at, Math.min(p.byteLength, end));
    return { src: ipv6(p, 8), dst: ipv6(p, 24), proto: next, body, declared: Math.max(0, end - at) };
  }
  return null;
}

function decode(frame: CaptureFrame): Decoded {
  if (frame.linkType === null) return null;
  const p = ipPayload(frame.linkType, frame.data);
  if (!p) return null;
  const ip = parseIp(p);
  if (!ip) return null;
  const b = ip.body;
  if (ip.proto === TCP) {
    if (b.byteLength < 20) return null;
    const v = viewOf(b);
    const dataOff = (b[12]! >> 4) * 4;
    if (dataOff < 20) return null;
    return {
      kind: "tcp",
      seg: {
        src: { ip: ip.src, port: v.getUint16(0, false) },
        dst: { ip: ip.dst, port: v.getUint16(2, false) },
        seq: v.getUint32(4, false),
        flags: b[13]!,
        length: Math.max(0, ip.declared - dataOff),
        payload: b.byteLength > dataOff ? b.subarray(dataOff) : new Uint8Array(0),
      },
    };
  }
  // ICMP type 3 (RFC 792) and ICMPv6 type 1 (RFC 4443 §3.1): destination unreachable, quoting
  // the datagram that drew it. Other ICMP types say nothing about a refused connection.
  if ((ip.proto === ICMP && b[0] === 3) || (ip.proto === ICMPV6 && b[0] === 1)) {
    if (b.byteLength < 8) return null;
    const inner = parseIp(b.subarray(8));
    let quoted: Unreachable["quoted"] = null;
    if (inner && inner.proto === TCP && inner.body.byteLength >= 4) {
      const iv = viewOf(inner.body);
      quoted = { src: { ip: inner.src, port: iv.getUint16(0, false) }, dst: { ip: inner.dst, port: iv.getUint16(2, false) } };
    }
    return { kind: "unreachable", icmp: { v6: ip.proto === ICMPV6, from: ip.src, code: b[1]!, quoted } };
  }
  return null;
}

/** An IPv6 address as written in EPRT, in the capture's spelling (RFC 5952), or as given when it does not parse. */
function normalizeIpv6(text: string): string {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2) return text;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const all = [...head, ...Array<string>(Math.max(0, fill)).fill("0"), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return text;
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[2 * i] = n >> 8;
    bytes[2 * i + 1] = n & 0xff;
  });
  return ipv6(bytes, 0);
}

const ipv4 = (p: Uint8Array, at: number) => `${p[at]}.${p[at + 1]}.${p[at + 2]}.${p[at + 3]}`;

/** An IPv6 address as RFC 5952 writes it: lower case, the longest run of zero groups as "::". */
function ipv6(p: Uint8Array, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((p[at + 2 * i]! << 8) | p[at + 2 * i + 1]!);
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

const FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;

/** The flags in the order people say them: SYN before ACK ("SYN, ACK"), RST before ACK. */
function flagNames(f: number): LogPacket["flags"] {
  const out: LogPacket["flags"][number][] = [];
  if (f & SYN) out.push("SYN");
  if (f & FIN) out.push("FIN");
  if (f & RST) out.push("RST");
  if (f & PSH) out.push("PSH");
  if (f & ACK) out.push("ACK");
  if (f & URG) out.push("URG");
  return out;
}

/** formatEndpoint (sim/net/addresses.ts) with IPv6 in brackets, as a capture may hold it. */
const endpoint = (e: LogEndpoint) => (e.ip.includes(":") ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

// ---------------------------------------------------------------------------------------------
// Connections and reassembly
// ---------------------------------------------------------------------------------------------

interface StoredSegment {
  frame: number;
  ms: number | null;
  seq: number;
  /** Bytes declared on the wire. */
  length: number;
  payload: Uint8Array;
}

interface Direction {
  /** The sequence number of the SYN, when it was captured: the stream starts one after it. */
  synSeq: number | null;
  segments: StoredSegment[];
}

interface Noted {
  frame: number;
  ms: number | null;
  seg: Segment;
  retransmitted: boolean;
}

interface Connection {
  /** The endpoint of the first segment seen as source: direction 0 is a → b. */
  a: LogEndpoint;
  b: LogEndpoint;
  dirs: [Direction, Direction];
  /** Which side sent a bare SYN (the one that opened it), if captured. */
  opener: 0 | 1 | null;
  /** Whether its payload is kept: decided by the first payload seen (null: none yet). */
  keepsPayload: boolean | null;
  /** SYN / FIN / RST segments and the first segment with data, for the packet entries. */
  noted: Noted[];
  sawData: boolean;
  synSeqs: Set<string>;
  firstFrame: number;
}

const connKey = (s: Segment) => {
  const x = endpoint(s.src), y = endpoint(s.dst);
  return x < y ? `${x}|${y}` : `${y}|${x}`;
};

const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, Math.min(n, b.byteLength)));
/** A reply ("220 ", "230-") or a command word: worth keeping the connection's payload for. */
const looksLikeControl = (b: Uint8Array) => /^(\d{3}[ -]|[A-Za-z]{3,4}( |\r?\n))/.test(ascii(b, 6));

/**
 * Commands of RFC 959 and its extensions that SMTP does not share (its HELP, NOOP, QUIT are left
 * out). POP3's USER, PASS, LIST and RETR are in, but POP3 greets with `+OK`, not a reply code.
 */
const FTP_COMMANDS = new Set([
  "USER", "PASS", "ACCT", "CWD", "CDUP", "PWD", "XPWD", "XCWD", "SYST", "FEAT", "OPTS", "CLNT", "TYPE", "MODE", "STRU",
  "PASV", "EPSV", "LPSV", "PORT", "EPRT", "LPRT", "LIST", "NLST", "MLSD", "MLST", "RETR", "STOR", "STOU", "APPE", "REST",
  "SIZE", "MDTM", "DELE", "MKD", "XMKD", "RMD", "XRMD", "RNFR", "RNTO", "SITE", "PBSZ", "PROT", "ABOR", "ALLO", "CCC",
]);

interface Line {
  frame: number;
  ms: number | null;
  text: string;
}

/**
 * One direction's byte stream in sequence order, cut into lines. TCP numbers every byte
 * (RFC 9293 §3.4): a retransmitted segment repeats numbers already seen and is skipped; a
 * segment that arrived out of order takes its place by number. A hole (a segment the capture
 * missed, or bytes the snapshot length cut off) ends the line it falls in, which is dropped as
 * it is not whole; the bytes after it start a line of their own only if they look like one (a
 * reply code or a command word: FTP senders mostly end segments at line ends), else they are
 * skipped up to the next line end.
 */
function lines(dir: Direction): Line[] {
  const segs = dir.segments.filter((s) => s.payload.byteLength > 0);
  if (segs.length === 0) return [];
  // Sequence numbers wrap at 2^32 (RFC 9293 §3.4): compare them as signed 32-bit offsets from
  // a reference, which holds for any stream under 2 GiB.
  const ref = dir.synSeq !== null ? (dir.synSeq + 1) >>> 0 : segs[0]!.seq;
  const rel = (seq: number) => (seq - ref) | 0;
  const ordered = segs.map((s, i) => ({ s, r: rel(s.seq), i })).sort((x, y) => x.r - y.r || x.i - y.i);
  let next = dir.synSeq !== null ? 0 : ordered[0]!.r;
  const out: Line[] = [];
  let cur: number[] = [];
  let start: StoredSegment | null = null;
  /** Inside a line that lost bytes: skip to its end. */
  let broken = false;
  /** Bytes missing before the next segment's. */
  let hole = false;
  const finish = (keep: boolean) => {
    if (keep && !broken && start) {
      const text = lineText(cur);
      if (text !== "") out.push({ frame: start.frame, ms: start.ms, text });
    }
    cur = [];
    start = null;
    broken = false;
  };
  for (const { s, r } of ordered) {
    if (r + s.payload.byteLength <= next) continue; // all of it seen already: a retransmission
    if (r > next) {
      hole = true;
      next = r;
    }
    if (hole) {
      finish(false);
      broken = !looksLikeControl(s.payload.subarray(next - r));
      hole = false;
    }
    for (let k = next - r; k < s.payload.byteLength; k++) {
      const c = s.payload[k]!;
      if (!start && !broken) start = s;
      if (c === 0x0a) {
        finish(true);
        continue;
      }
      if (!broken) cur.push(c);
      if (cur.length > 8192) broken = true; // not a line of FTP's; drop it whole
    }
    next = r + s.payload.byteLength;
    if (s.length > s.payload.byteLength) {
      // The snapshot length cut this segment: its missing bytes are a hole before the next.
      hole = true;
      next = r + s.length;
    }
  }
  return out;
}

/**
 * A line's bytes as text: the CR of CRLF dropped (RFC 959 ends lines with CRLF; a bare LF is
 * accepted too), Telnet commands removed — RFC 959 §4.1.3 runs the control connection as a
 * Telnet stream, and clients send IAC IP / IAC DM (RFC 854) before ABOR — and the rest read as
 * UTF-8 (RFC 2640), a byte that is not UTF-8 shown as U+FFFD.
 */
function lineText(bytes: number[]): string {
  const clean: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0xff) {
      clean.push(c);
      continue;
    }
    const cmd = bytes[i + 1];
    if (cmd === 0xff) clean.push(0xff); // IAC IAC: a data byte 255
    i += cmd !== undefined && cmd >= 251 && cmd <= 254 ? 2 : 1; // WILL/WONT/DO/DONT take an option byte
  }
  if (clean.length > 0 && clean[clean.length - 1] === 0x0d) clean.pop();
  return new TextDecoder("utf-8", { fatal: false }).decode(new Uint8Array(clean));
}

// ---------------------------------------------------------------------------------------------
// The transcript
// ---------------------------------------------------------------------------------------------

/** Addresses a command or reply names for a data connection: PORT, EPRT, 227 (PASV), 229 (EPSV). */
function namedAddress(text: string, serverIp: string): string | null {
  const command = parseCommand(text);
  const hostPort = command.verb === "PORT" ? parseHostPort(command.arg) : /^227[ -]/.test(text) ? parse227(text) : null;
  if (hostPort) return hostPort.ip;
  // Not parseEprtArgument: the lab's model reads IPv4 only, a capture may hold an IPv6 EPRT.
  const m = /^EPRT\s+(.)[12]\1([^|\s]+)\1\d+\1/i.exec(text);
  if (m) return m[2]!.includes(":") ? normalizeIpv6(m[2]!) : m[2]!;
  // EPSV's 229 names only a port: the data connection goes to the control connection's server.
  if (/^229[ -]/.test(text)) return serverIp;
  return null;
}

interface Control {
  conn: Connection;
  client: LogEndpoint;
  serverEnd: LogEndpoint;
  entries: { frame: number; ms: number | null; from: "client" | "server"; text: string }[];
}

/**
 * Lists merged by frame number, each kept in its own order: a direction's lines stay in
 * sequence order even where a retransmission put a line's start in a later frame than the next
 * line's (ordering by frame alone would swap them). Ties go to the earlier list.
 */
function mergeByFrame<T extends { frame: number }>(lists: readonly (readonly T[])[]): T[] {
  const at = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![at[i]!];
      if (head && (best < 0 || head.frame < lists[best]![at[best]!]!.frame)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!]!);
    at[best]!++;
  }
}

/** Whether a connection is an FTP control connection, and which side is the server. */
function asControl(conn: Connection): Control | null {
  const streams = [lines(conn.dirs[0]), lines(conn.dirs[1])] as const;
  if (streams[0].length + streams[1].length === 0) return null;
  const on21 = [conn.a.port === FTP_CONTROL_PORT, conn.b.port === FTP_CONTROL_PORT];
  let server: 0 | 1 | null = null;
  if (on21[0] !== on21[1]) server = on21[0] ? 0 : 1;
  else if (conn.opener !== null) server = conn.opener === 0 ? 1 : 0;
  else if (/^220[ -]/.test(streams[0][0]?.text ?? "")) server = 0;
  else if (/^220[ -]/.test(streams[1][0]?.text ?? "")) server = 1;
  if (server === null) return null;
  const replies = streams[server === 0 ? 0 : 1];
  const commands = streams[server === 0 ? 1 : 0];
  if (!on21[server]) {
    // Not port 21: FTP by its look — a 220 greeting (or replies throughout, for a capture that
    // began mid-session) from one side, FTP's own commands from the other (SMTP also greets
    // with 220, but sends no USER, PASV or RETR).
    const replyLike = replies.filter((l) => /^\d{3}[ -]/.test(l.text)).length;
    const greeted = /^220[ -]/.test(replies[0]?.text ?? "");
    const ftpCommands = commands.filter((l) => FTP_COMMANDS.has(l.text.split(" ")[0]!.toUpperCase())).length;
    if (!(ftpCommands >= 1 && (greeted || (replyLike >= 2 && replyLike >= replies.length / 2)))) return null;
  }
  const serverEnd = server === 0 ? conn.a : conn.b;
  const client = server === 0 ? conn.b : conn.a;
  const entries: Control["entries"] = [];
  type Said = Line & { from: "client" | "server" };
  const merged = mergeByFrame<Said>([replies.map((l) => ({ ...l, from: "server" })), commands.map((l) => ({ ...l, from: "client" }))]);
  for (const l of merged) {
    entries.push({ frame: l.frame, ms: l.ms, from: l.from, text: l.text });
    // After "234" accepts AUTH TLS/SSL (RFC 4217 §4) both directions carry TLS records, not lines.
    if (l.from === "server" && /^234 /.test(l.text)) break;
  }
  return { conn, client, serverEnd, entries };
}

function packetText(n: Noted): string {
  const f = flagNames(n.seg.flags);
  const data = n.seg.length > 0 ? `, ${n.seg.length} bytes` : "";
  return `${f.length ? f.join("+") : "no flags"} ${endpoint(n.seg.src)} → ${endpoint(n.seg.dst)}${data}${n.retransmitted ? " (retransmitted)" : ""}`;
}

const ICMP4_CODES: Record<number, string> = {
  0: "network unreachable",
  1: "host unreachable",
  2: "protocol unreachable",
  3: "port unreachable",
  4: "fragmentation needed",
  9: "network administratively prohibited",
  10: "host administratively prohibited",
  13: "communication administratively prohibited",
};
const ICMP6_CODES: Record<number, string> = {
  0: "no route to destination",
  1: "communication administratively prohibited",
  3: "address unreachable",
  4: "port unreachable",
  5: "source address failed ingress/egress policy",
  6: "reject route to destination",
};

function icmpText(u: Unreachable): string {
  const why = (u.v6 ? ICMP6_CODES : ICMP4_CODES)[u.code] ?? `code ${u.code}`;
  const about = u.quoted ? ` for ${endpoint(u.quoted.src)} → ${endpoint(u.quoted.dst)}` : "";
  return `${u.v6 ? "ICMPv6" : "ICMP"} destination unreachable (${why}) from ${u.from}${about}`;
}

/** The capture as a transcript, or null when it holds no FTP control connection. Never throws. */
export function readCapture(bytes: Uint8Array): ParsedLog | null {
  try {
    return read(bytes);
  } catch {
    // Every read above is bounds-checked; this is a last guard, not a path the tests expect.
    return null;
  }
}

function read(bytes: Uint8Array): ParsedLog | null {
  const frames = captureFrames(bytes);
  const conns = new Map<string, Connection>();
  const icmps: { frame: number; ms: number | null; icmp: Unreachable }[] = [];
  let firstMs: number | null = null;
  for (const frame of frames) {
    if (firstMs === null && frame.ms !== null) firstMs = frame.ms;
    let d: Decoded;
    try {
      d = decode(frame);
    } catch {
      continue; // one mangled frame does not spoil the others
    }
    if (!d) continue;
    if (d.kind === "unreachable") {
      icmps.push({ frame: frame.number, ms: frame.ms, icmp: d.icmp });
      continue;
    }
    const s = d.seg;
    const key = connKey(s);
    let c = conns.get(key);
    if (!c) {
      c = {
        a: s.src,
        b: s.dst,
        dirs: [{ synSeq: null, segments: [] }, { synSeq: null, segments: [] }],
        opener: null,
        keepsPayload: null,
        noted: [],
        sawData: false,
        synSeqs: new Set(),
        firstFrame: frame.number,
      };
      conns.set(key, c);
    }
    const di: 0 | 1 = sameEndpoint(s.src, c.a) ? 0 : 1;
    const dir = c.dirs[di];
    if (s.flags & SYN) {
      dir.synSeq = s.seq;
      if (!(s.flags & ACK)) c.opener = di;
    }
    if (s.payload.byteLength > 0 && c.keepsPayload === null) {
      c.keepsPayload = c.a.port === FTP_CONTROL_PORT || c.b.port === FTP_CONTROL_PORT || looksLikeControl(s.payload);
    }
    // Only a connection that may be FTP control keeps its bytes: a capture of a large transfer
    // would otherwise hold every data byte twice.
    if (c.keepsPayload !== false) dir.segments.push({ frame: frame.number, ms: frame.ms, seq: s.seq, length: s.length, payload: s.payload });
    const firstData = s.length > 0 && !c.sawData;
    if (s.length > 0) c.sawData = true;
    if (s.flags & (SYN | FIN | RST) || firstData) {
      // The same SYN again (same side, same sequence number) is the opener retrying after no
      // answer (RFC 9293 §3.8.1: retransmission timeout; RFC 6298 §5.7: 1 s, then doubling).
      const synId = `${di}:${s.seq}:${s.flags & (SYN | ACK)}`;
      const retransmitted = (s.flags & SYN) !== 0 && c.synSeqs.has(synId);
      if (s.flags & SYN) c.synSeqs.add(synId);
      c.noted.push({ frame: frame.number, ms: frame.ms, seg: s, retransmitted });
    }
  }

  const controls: Control[] = [];
  for (const c of conns.values()) {
    if (c.keepsPayload !== true) continue;
    const ctl = asControl(c);
    if (ctl && ctl.entries.length > 0) controls.push(ctl);
  }
  if (controls.length === 0) return null;
  controls.sort((x, y) => x.conn.firstFrame - y.conn.firstFrame);

  // The hosts that matter: both ends of every control connection, and every address a PASV,
  // EPSV, PORT or EPRT exchange named (a private address in a 227 reply, a client's LAN address
  // in PORT): the data connections run between these.
  const hosts = new Set<string>();
  for (const ctl of controls) {
    hosts.add(ctl.client.ip);
    hosts.add(ctl.serverEnd.ip);
    for (const e of ctl.entries) {
      const a = namedAddress(e.text, ctl.serverEnd.ip);
      if (a) hosts.add(a);
    }
  }
  const controlConns = new Set(controls.map((c) => c.conn));

  type Out = { entry: LogEntry; frame: number };
  const tOf = (ms: number | null) => (ms === null || firstMs === null ? undefined : Math.round((ms - firstMs) * 1000) / 1000);
  const lists: Out[][] = controls.map((ctl) =>
    ctl.entries.map((e) => {
      const t = tOf(e.ms);
      return { entry: { line: e.frame, from: e.from, text: e.text, ...(t !== undefined ? { t } : {}) }, frame: e.frame };
    }),
  );
  const packets: Out[] = [];
  for (const c of conns.values()) {
    if (controlConns.has(c)) continue;
    // Another connection to port 21 is a control connection that carried no FTP (refused, or
    // cut before the greeting), not a data connection.
    if (c.a.port === FTP_CONTROL_PORT || c.b.port === FTP_CONTROL_PORT) continue;
    if (!hosts.has(c.a.ip) || !hosts.has(c.b.ip)) continue;
    for (const n of c.noted) {
      const packet: LogPacket = { src: n.seg.src, dst: n.seg.dst, flags: flagNames(n.seg.flags), length: n.seg.length };
      const t = tOf(n.ms);
      packets.push({ entry: { line: n.frame, from: "packet", text: packetText(n), ...(t !== undefined ? { t } : {}), packet }, frame: n.frame });
    }
  }
  for (const i of icmps) {
    const q = i.icmp.quoted;
    if (!q || !hosts.has(q.src.ip) || !hosts.has(q.dst.ip)) continue;
    // Stands for the refusal as a reply from the endpoint the quoted segment was sent to.
    const packet: LogPacket = { src: q.dst, dst: q.src, flags: [], length: 0 };
    const t = tOf(i.ms);
    packets.push({ entry: { line: i.frame, from: "packet", text: icmpText(i.icmp), ...(t !== undefined ? { t } : {}), packet }, frame: i.frame });
  }
  packets.sort((x, y) => x.frame - y.frame);
  const out = mergeByFrame([...lists, packets]);

  const first = controls[0]!;
  const banner = first.entries.filter((e) => e.from === "server" && /^220[ -]/.test(e.text)).map((e) => e.text).join("\n");
  const clnt = controls.flatMap((c) => c.entries).find((e) => e.from === "client" && /^CLNT\s/i.test(e.text));
  return {
    format: "pcap",
    side: "wire",
    client: clnt ? clientFromClnt(clnt.text) : null,
    server: serverFromBanner(banner),
    control: { host: first.serverEnd.ip, serverIp: first.serverEnd.ip, port: first.serverEnd.port, clientIp: first.client.ip },
    entries: out.map((o) => o.entry),
  };
}
