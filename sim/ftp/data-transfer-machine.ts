/**
 * The data transfer process (RFC 959 §2.3, "DTP"): one data connection for one transfer, on
 * either host. It opens the connection (connecting to the announced address, or taking the one
 * that arrived at its listener), waits until its protocol interpreter says go, then sends its
 * bytes and closes, or reads until the sender closes (RFC 959 §3.3: in stream mode EOF is
 * signalled by closing the data connection). Its protocol interpreter says go once the
 * 150 reply has gone out (server) or come in (client).
 */
import { and, assertEvent, assign, sendParent, setup } from "xstate";

export interface DataIo {
  /**
   * Connect, or take the connection that reached the listener; `report` then hears OPENED or
   * OPEN_FAILED, and RECEIVED / EOF / CLOSED for the life of the connection.
   */
  open(report: (event: DataTransferEvent) => void): void;
  send(content: string): void;
  /** Orderly close: FIN. */
  close(): void;
  /** Give up: the connection is abandoned (or reset once open). */
  abort(reason: "timeout" | "cancel"): void;
}

export interface DataTransferInput {
  io: DataIo;
  direction: "send" | "receive";
  content: string;
  /** How long to wait for the connection (vsftpd connect_timeout / accept_timeout); null: no limit. */
  openTimeoutMs: number | null;
}

export type DataTransferEvent =
  | { type: "OPENED" }
  | { type: "OPEN_FAILED"; reason: string }
  | { type: "GO" }
  /** The sender closed its side: everything it sent (the socket buffers it, as a kernel does). */
  | { type: "EOF"; received: string }
  | { type: "CLOSED"; reason: string };

export type DataTransferOutput = { ok: true; bytes: number; received: string } | { ok: false; reason: string };

/** A data transfer's result, handed from its done event to its parent's guards and actions as params. */
export type DataDone = { output: DataTransferOutput };
export const dataDone = ({ event }: { event: { output: DataTransferOutput } }): DataDone => ({ output: event.output });

interface DataTransferContext extends DataTransferInput {
  go: boolean;
  eof: boolean;
  received: string;
  failure: string | null;
}

export const dataTransferMachine = setup({
  types: {
    input: {} as DataTransferInput,
    context: {} as DataTransferContext,
    events: {} as DataTransferEvent,
    output: {} as DataTransferOutput,
  },
  delays: {
    openTimeout: ({ context }) => context.openTimeoutMs ?? 0,
  },
  guards: {
    hasOpenTimeout: ({ context }) => context.openTimeoutMs !== null,
    goSaid: ({ context }) => context.go,
    isSender: ({ context }) => context.direction === "send",
    sawEof: ({ context }) => context.eof,
    closedInOrder: ({ event }) => event.type === "CLOSED" && event.reason === "fin",
  },
  actions: {
    openConnection: ({ context, self }) =>
      context.io.open((event) => {
        // After the transfer ends the socket may still report its close: nobody listens then.
        if (self.getSnapshot().status === "active") self.send(event);
      }),
    sendContentAndClose: ({ context }) => {
      context.io.send(context.content);
      context.io.close();
    },
    closeConnection: ({ context }) => context.io.close(),
    abortOnTimeout: ({ context }) => context.io.abort("timeout"),
    announceOpen: sendParent({ type: "DATA_OPEN" }),
    noteGo: assign({ go: true }),
    noteEof: assign(({ event }) => {
      assertEvent(event, "EOF");
      return { eof: true, received: event.received };
    }),
    noteTimeout: assign({ failure: "timeout" }),
    noteFailure: assign({
      failure: ({ event }) => {
        assertEvent(event, "OPEN_FAILED");
        return event.reason;
      },
    }),
    /** The connection was open and went away before the transfer ended. */
    noteLost: assign({
      failure: ({ event }) => {
        assertEvent(event, "CLOSED");
        return `lost: ${event.reason}`;
      },
    }),
  },
}).createMachine({
  id: "dataTransfer",
  context: ({ input }) => ({ ...input, go: false, eof: false, received: "", failure: null }),
  initial: "opening",
  states: {
    opening: {
      entry: "openConnection",
      after: { openTimeout: { guard: "hasOpenTimeout", target: "failed", actions: ["noteTimeout", "abortOnTimeout"] } },
      on: {
        GO: { actions: "noteGo" },
        // Go was said while connecting (a 150 before the connection opened): straight on.
        OPENED: [
          { guard: and(["goSaid", "isSender"]), target: "closing", actions: ["announceOpen", "sendContentAndClose"] },
          { guard: "goSaid", target: "moving", actions: "announceOpen" },
          { target: "open", actions: "announceOpen" },
        ],
        OPEN_FAILED: { target: "failed", actions: "noteFailure" },
      },
    },
    open: {
      on: {
        // RFC 959 §3.3: the sender sends and closes; a receiver that already has it all closes too.
        GO: [
          { guard: "isSender", target: "closing", actions: "sendContentAndClose" },
          { guard: "sawEof", target: "closing", actions: "closeConnection" },
          { target: "moving" },
        ],
        EOF: { actions: "noteEof" },
        CLOSED: { target: "failed", actions: "noteLost" },
      },
    },
    /** A receiver reading until the sender closes. */
    moving: {
      on: {
        EOF: { target: "closing", actions: ["noteEof", "closeConnection"] },
        CLOSED: { target: "failed", actions: "noteLost" },
      },
    },
    closing: {
      on: {
        // Closed in order (FIN both ways) is success; a reset at the end still loses the transfer.
        CLOSED: [{ guard: "closedInOrder", target: "done" }, { target: "failed", actions: "noteLost" }],
      },
    },
    done: { type: "final" },
    failed: { type: "final" },
  },
  output: ({ context }): DataTransferOutput =>
    context.failure === null
      ? { ok: true, bytes: context.direction === "send" ? context.content.length : context.received.length, received: context.received }
      : { ok: false, reason: context.failure },
});
