/**
 * Collects a reader's entries into a ParsedLog: times made relative to the first stamp, the
 * programs named by the log (the 220 banner, a CLNT command) picked up as entries go by, the
 * control connection filled from the first line that names it.
 */
import type { ClientSoftware, ServerSoftware } from "../../software/names";
import type { LogEntry, LogEntryFrom, LogFormat, ParsedLog } from "../log-types";
import { clientFromClnt, serverFromBanner } from "./software";

const DAY_MS = 86_400_000;

interface Control {
  host: string | null;
  serverIp: string | null;
  port: number | null;
  clientIp: string | null;
}

/** An IPv4 or IPv6 address, masked or not (`1.2.3.x`, `xxx.xxx.xxx.xxx`, `150.230.xxx.xxx`). */
const ADDRESS = /^(?:(?:\d{1,3}|[x*?#]{1,3})(?:\.(?:\d{1,3}|[x*?#]{1,3})){3}|\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*\]?)$/;

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) → `10.0.0.1`; brackets dropped. */
function plainAddress(ip: string): string {
  return ip.replace(/^\[|\]$/g, "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

export class LogBuilder {
  private readonly entries: LogEntry[] = [];
  private readonly control: Control = { host: null, serverIp: null, port: null, clientIp: null };
  private client: ClientSoftware | null;
  private server: ServerSoftware | null;
  private t0: number | null = null;
  private lastT = 0;
  private greeted = false;
  /** The line of the last entry, or of a wrapped rest appended to it since. */
  private lastLine: number | null = null;

  constructor(
    private readonly format: LogFormat,
    private readonly side: ParsedLog["side"],
    programs: { client?: ClientSoftware | null; server?: ServerSoftware | null } = {},
  ) {
    this.client = programs.client ?? null;
    this.server = programs.server ?? null;
  }

  /** ms since the first stamp; a stamp that goes back by hours is taken as the next day (a clock-only stamp past midnight). */
  private relative(ms: number | null | undefined): number | undefined {
    if (ms === null || ms === undefined) return undefined;
    if (this.t0 === null) this.t0 = ms;
    let t = ms - this.t0;
    while (t < this.lastT - DAY_MS / 2) t += DAY_MS;
    this.lastT = t;
    return t;
  }

  add(line: number, from: LogEntryFrom, text: string, opts: { ms?: number | null; error?: boolean } = {}): void {
    const t = this.relative(opts.ms);
    const entry: LogEntry = { line, from, text, ...(t === undefined ? {} : { t }), ...(opts.error ? { error: true as const } : {}) };
    this.entries.push(entry);
    this.lastLine = line;
    if (from === "server" && !this.greeted && /^220[ -]/.test(text)) {
      this.server ??= serverFromBanner(text);
      if (/^220 /.test(text)) this.greeted = true;
    }
    if (from === "client" && this.client === null) this.client = clientFromClnt(text);
  }

  command(line: number, text: string, ms?: number | null): void {
    this.add(line, "client", text, { ms });
  }

  reply(line: number, text: string, ms?: number | null): void {
    this.add(line, "server", text, { ms });
  }

  program(line: number, text: string, ms?: number | null, error = false): void {
    this.add(line, "program", text, { ms, error });
  }

  /**
   * Line `n`, which the format does not recognise, as the rest of a forum-wrapped entry
   * (`… (10,99,2,` + `20,117,81).`): appended to the last entry when that entry (or its rest)
   * is on the line just before. False when it is not: the line is something else.
   */
  continueLast(n: number, text: string): boolean {
    const last = this.entries.at(-1);
    if (!last || this.lastLine !== n - 1) return false;
    this.entries[this.entries.length - 1] = { ...last, text: `${last.text} ${text.trim()}` };
    this.lastLine = n;
    return true;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The host the client dialled (first one named). An address is also the server's address. */
  host(host: string): void {
    if (host === "") return;
    this.control.host ??= host;
    if (ADDRESS.test(host)) this.serverIp(host);
  }

  serverIp(ip: string): void {
    if (this.control.serverIp === null && ip !== "") this.control.serverIp = plainAddress(ip);
  }

  port(port: number | string): void {
    const n = Number(port);
    if (this.control.port === null && Number.isInteger(n) && n > 0 && n < 65536) this.control.port = n;
  }

  clientIp(ip: string): void {
    if (this.control.clientIp === null && ip !== "") this.control.clientIp = plainAddress(ip);
  }

  build(): ParsedLog {
    return {
      format: this.format,
      side: this.side,
      client: this.client,
      server: this.server,
      control: { ...this.control },
      entries: this.entries,
    };
  }
}
