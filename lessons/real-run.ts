/**
 * A recorded real run (lessons/real-runs/<name>.json): what vsftpd and curl did, one curl process
 * per transfer, as test/real/ records it. Plain types and no zod, so the browser can hold one;
 * real-runs.ts checks every fixture against real-run-schema.ts when the site builds and the
 * tests run, which is what makes the cast of a lazily loaded fixture (real-run-loaders.ts) safe.
 */

/** One line of `curl -v`: `>` sent, `<` received, `*` curl's own remark, `{ [n bytes data]`. */
export interface RealLogLine {
  readonly kind: "sent" | "received" | "note" | "data";
  /** As curl printed it, without the marker; sent and received lines may still end in \r. */
  readonly text: string;
}

export interface RealTransfer {
  /** The command line, as in scenario.commands. */
  readonly command: string;
  readonly result: "ok" | "failed";
  /** The last reply curl saw; null when it saw none. */
  readonly lastReply: number | null;
  /** The server end of the data connection, `ip:port`; null when there was none. */
  readonly dataEndpoint: string | null;
  readonly durationMs: number;
  readonly log: readonly RealLogLine[];
}

export interface RealRecording {
  readonly date: string;
  readonly server: string;
  readonly client: string;
  readonly kernel: string;
  /** How test/real/ drove curl (its mode flags), e.g. "pasv-noskip" or "port". */
  readonly curlMode: string;
}

export interface RealRun {
  readonly name: string;
  readonly title: string;
  readonly recorded: RealRecording;
  /** The scenario exactly as its source file wrote it (not normalized). */
  readonly scenario: unknown;
  readonly transfers: readonly RealTransfer[];
}
