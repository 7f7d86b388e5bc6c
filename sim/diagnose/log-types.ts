/**
 * A log as `sim diagnose` reads it (spec/scenario.md, "`sim diagnose`"): whatever program wrote
 * it, one parser per format turns it into the same transcript — commands, replies, the program's
 * own words and, from a capture, the packets that matter — each with the line (or frame) it came
 * from, so a cause can cite its evidence by line number.
 */
import type { ClientSoftware, ServerSoftware } from "../software/names";

/** What a log was recognised as: the program (or file type) that wrote it. */
export const LOG_FORMATS = [
  "filezilla",
  "winscp",
  "curl",
  "lftp",
  "ftplib",
  "basic-ftp",
  "bsd-ftp",
  "inetutils-ftp",
  "windows-ftp",
  "vsftpd",
  "proftpd",
  "pure-ftpd",
  "filezilla-server",
  "pcap",
  "plain",
] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * client: a command the client sent (as logged; a password stays as the log has it);
 * server: one reply line (a multi-line reply is one entry per line, as written);
 * program: the writing program's own words (a status, an error, a remark);
 * packet: a TCP segment read from a capture (pcap only).
 */
export type LogEntryFrom = "client" | "server" | "program" | "packet";

export interface LogEndpoint {
  readonly ip: string;
  readonly port: number;
}

/** A TCP segment from a capture: only the handshake and teardown flags matter here. */
export interface LogPacket {
  readonly src: LogEndpoint;
  readonly dst: LogEndpoint;
  /** The TCP flags set, e.g. ["SYN"], ["SYN", "ACK"], ["RST", "ACK"], ["FIN", "ACK"]. */
  readonly flags: readonly ("SYN" | "ACK" | "FIN" | "RST" | "PSH" | "URG")[];
  /** Payload bytes carried (0 for a bare handshake segment). */
  readonly length: number;
}

export interface LogEntry {
  /** 1-based line of the pasted text (for a capture: the frame number). */
  readonly line: number;
  readonly from: LogEntryFrom;
  /** The command, reply line or remark, without the format's prefix (`Command:`, `---> `, `< `, `*put* '…'`). */
  readonly text: string;
  /** Milliseconds since the log's first timestamp, when the format has timestamps. */
  readonly t?: number;
  /** The program marks the line as an error (FileZilla `Error:`, curl `* ` lines naming a failure). */
  readonly error?: true;
  readonly packet?: LogPacket;
}

export interface ParsedLog {
  readonly format: LogFormat;
  /** Whose log it is: the client program's, the server's, or a capture (seen from the wire). */
  readonly side: "client" | "server" | "wire";
  /** The client program, when the log says (its format, a CLNT command, a server log's client line). */
  readonly client: ClientSoftware | null;
  /** The server program, when the log says (a server log's format, the 220 banner). */
  readonly server: ServerSoftware | null;
  /**
   * The control connection as the log names it: the host the client dialled (a name or an
   * address, masked as the log has it) and, where printed, the address and port it resolved to,
   * and the client's own address (server logs and captures print it).
   */
  readonly control: {
    readonly host: string | null;
    readonly serverIp: string | null;
    readonly port: number | null;
    readonly clientIp: string | null;
  };
  readonly entries: readonly LogEntry[];
}

/** One format's reader: how sure it is the text is its format, and the parse itself. */
export interface LogReader {
  readonly format: LogFormat;
  /** 0 (not this format) … 1 (certainly this format), from the text's shape alone. Never throws. */
  detect(text: string): number;
  /** Never throws: lines it cannot read are skipped. */
  parse(text: string): ParsedLog;
}
