/**
 * The client's protocol interpreter in a server-to-server transfer (RFC 959 §2.3, figure 2):
 * one actor with two control connections and no data connection of its own. It logs in to A and
 * B one line at a time, asks A for a passive address, hands it to B with PORT or EPRT, then
 * sends RETR to A and STOR to B back to back and waits for both final replies: the data
 * connection runs from B to A and never touches the client. The decisions are fxp-session.ts's.
 *
 * What the servers do with it is theirs: B refuses a PORT naming another host than its control
 * peer unless it allows it (vsftpd port_promiscuous, RFC 2577 §3), and A refuses a data
 * connection from another address than its control peer unless it allows that (vsftpd
 * pasv_promiscuous, RFC 2577 §4). The client only reads the replies.
 */
import { and, assertEvent, assign, setup } from "xstate";
import type { Endpoint } from "../net/addresses";
import type { TransferSummary } from "./client-machine";
import { announceLine, loginAccepts, loginLines, quitLines, transferLines, type FxpPlan, type Line, type Side } from "./fxp-session";
import { parse227 } from "./hostport";
import { isCompletion, isPreliminary } from "./replies";

export interface FxpIo {
  /** Open the control connection to A or B: CONTROL_OPEN or CONTROL_FAILED follows. */
  open(side: Side): void;
  send(line: Line): void;
  close(side: Side): void;
  note(text: string): void;
  loginResult(result: "ok" | "failed", reply: number | null): void;
  transferStarted(index: number, line: string): void;
  transferEnded(summary: TransferSummary): void;
}

export interface FxpInput {
  io: FxpIo;
  plan: FxpPlan;
}

export type FxpEvent =
  | { type: "CONTROL_OPEN"; side: Side }
  | { type: "CONTROL_FAILED"; side: Side; reason: string }
  | { type: "CONTROL_CLOSED"; side: Side }
  | { type: "REPLY"; side: Side; code: number; text: string };

interface FxpContext extends FxpInput {
  /** The control connection being opened, A first. */
  opening: Side;
  /** Lines sent one at a time, each after the previous one's final reply (login, quit). */
  queue: readonly Line[];
  /** A's passive address, from its 227. */
  target: Endpoint | null;
  modeReply: number | null;
  /** Each side's final reply to its transfer command once it came (null: the connection closed first). */
  finals: Partial<Record<Side, number | null>>;
}

/** The single transfer of the session: its window in the trace, its line in the result. */
const TRANSFER_INDEX = 0;
const transferCommand = (plan: FxpPlan): string => `RETR ${plan.file}`;

const head = (context: FxpContext): Line => context.queue[0]!;
const fromSide = (event: FxpEvent, side: Side): boolean => event.side === side;
const finalCode = (event: FxpEvent): number | null => (event.type === "REPLY" && !isPreliminary(event.code) ? event.code : null);

function summary(context: FxpContext, result: "ok" | "failed", reply: number | null): TransferSummary {
  return {
    index: TRANSFER_INDEX,
    command: transferCommand(context.plan),
    modeCommand: context.plan.announce,
    modeReply: context.modeReply,
    result,
    reply,
    clientCause: null,
    // The data flows between the servers: the client moves no byte of it.
    bytes: 0,
  };
}

export const fxpMachine = setup({
  types: {
    input: {} as FxpInput,
    context: {} as FxpContext,
    events: {} as FxpEvent,
  },
  guards: {
    openingA: ({ context }) => context.opening === "A",
    fromOpening: ({ context, event }) => fromSide(event, context.opening),
    greeted: ({ event }) => event.type === "REPLY" && event.code === 220,
    isFinal: ({ event }) => finalCode(event) !== null,
    queueEmpty: ({ context }) => context.queue.length === 0,
    fromHead: ({ context, event }) => fromSide(event, head(context).side),
    headAccepted: ({ event }) => event.type === "REPLY" && loginAccepts(event.code),
    gavePassiveAddress: ({ event }) => event.type === "REPLY" && event.code === 227 && parse227(event.text) !== null,
    fromA: ({ event }) => fromSide(event, "A"),
    fromB: ({ event }) => fromSide(event, "B"),
    accepted: ({ event }) => event.type === "REPLY" && isCompletion(event.code),
    bothFinal: ({ context }) => context.finals.A !== undefined && context.finals.B !== undefined,
    closed: ({ event }) => event.type === "CONTROL_CLOSED",
  },
  actions: {
    openControl: ({ context }) => context.io.open(context.opening),
    openB: assign({ opening: "B" as Side }),
    queueLogin: assign({ queue: ({ context }) => loginLines(context.plan) }),
    queueQuit: assign({ queue: quitLines }),
    sendHead: ({ context }) => context.io.send(head(context)),
    shift: assign({ queue: ({ context }) => context.queue.slice(1) }),
    loggedIn: ({ context }) => context.io.loginResult("ok", 230),
    loginFailed: ({ context, event }) => context.io.loginResult("failed", event.type === "REPLY" ? event.code : null),
    sendPasv: ({ context }) => context.io.send({ side: "A", text: "PASV" }),
    keepTarget: assign({
      target: ({ event }) => {
        assertEvent(event, "REPLY");
        return parse227(event.text);
      },
    }),
    startTransfer: ({ context }) => context.io.transferStarted(TRANSFER_INDEX, transferCommand(context.plan)),
    sendAnnounce: ({ context }) => context.io.send(announceLine(context.plan, context.target!)),
    keepModeReply: assign({
      modeReply: ({ event }) => {
        assertEvent(event, "REPLY");
        return event.code;
      },
    }),
    endRefused: ({ context, event }) => {
      assertEvent(event, "REPLY");
      context.io.note(`${context.plan.announce} refused: ${event.text}`);
      context.io.transferEnded(summary(context, "failed", event.code));
    },
    sendTransfers: ({ context }) => {
      for (const line of transferLines(context.plan)) context.io.send(line);
    },
    recordA: assign({ finals: ({ context, event }) => ({ ...context.finals, A: finalCode(event) }) }),
    recordB: assign({ finals: ({ context, event }) => ({ ...context.finals, B: finalCode(event) }) }),
    endTransfer: ({ context }) => {
      const { A, B } = context.finals;
      const ok = A !== null && A !== undefined && isCompletion(A) && B !== null && B !== undefined && isCompletion(B);
      context.io.transferEnded(summary(context, ok ? "ok" : "failed", A ?? null));
    },
    noteFailure: ({ context, event }) => {
      if (event.type === "CONTROL_FAILED") context.io.note(`could not connect to server ${event.side}: ${event.reason}`);
      else if (event.type === "CONTROL_CLOSED") context.io.note(`server ${event.side} closed the control connection`);
      else if (event.type === "REPLY") context.io.note(`server ${event.side} answered ${event.code}: the script stops`);
    },
    closeBoth: ({ context }) => {
      context.io.close("A");
      context.io.close("B");
    },
  },
}).createMachine({
  id: "fxp",
  context: ({ input }) => ({ ...input, opening: "A", queue: [], target: null, modeReply: null, finals: {} }),
  initial: "connecting",
  states: {
    /** ftplib's connect(): the TCP connection, then the greeting; A's first, then B's. */
    connecting: {
      entry: "openControl",
      on: {
        CONTROL_OPEN: { guard: "fromOpening", target: "greeting" },
        CONTROL_FAILED: { guard: "fromOpening", target: "failed", actions: "noteFailure" },
      },
    },
    greeting: {
      on: {
        REPLY: [
          { guard: and(["fromOpening", "greeted", "openingA"]), target: "connecting", actions: "openB" },
          { guard: and(["fromOpening", "greeted"]), target: "loggingIn" },
          { guard: and(["fromOpening", "isFinal"]), target: "failed", actions: "noteFailure" },
        ],
        CONTROL_CLOSED: { guard: "fromOpening", target: "failed", actions: "noteFailure" },
      },
    },
    loggingIn: {
      entry: "queueLogin",
      initial: "next",
      states: {
        next: { always: [{ guard: "queueEmpty", target: "#fxp.askingA", actions: "loggedIn" }, { target: "waiting" }] },
        waiting: {
          entry: "sendHead",
          on: {
            REPLY: [
              { guard: and(["fromHead", "headAccepted"]), target: "next", actions: "shift" },
              { guard: and(["fromHead", "isFinal"]), target: "#fxp.failed", actions: ["loginFailed", "noteFailure"] },
            ],
            CONTROL_CLOSED: { guard: "fromHead", target: "#fxp.failed", actions: ["loginFailed", "noteFailure"] },
          },
        },
      },
    },
    /** PASV to A: A listens on a port of its passive range and says where (RFC 959 §4.1.2). */
    askingA: {
      entry: "sendPasv",
      on: {
        REPLY: [
          { guard: and(["fromA", "gavePassiveAddress"]), target: "announcing", actions: "keepTarget" },
          { guard: and(["fromA", "isFinal"]), target: "quitting", actions: "noteFailure" },
        ],
        CONTROL_CLOSED: { target: "failed", actions: "noteFailure" },
      },
    },
    /** PORT or EPRT to B with A's address: B will connect there for its next transfer. */
    announcing: {
      entry: ["startTransfer", "sendAnnounce"],
      on: {
        REPLY: [
          { guard: and(["fromB", "accepted"]), target: "transferring", actions: "keepModeReply" },
          { guard: and(["fromB", "isFinal"]), target: "quitting", actions: ["keepModeReply", "endRefused"] },
        ],
        CONTROL_CLOSED: { target: "failed", actions: "noteFailure" },
      },
    },
    /**
     * RETR to A and STOR to B, back to back: A answers its RETR only once B's connection arrived
     * (vsftpd accepts before its 150), and B connects only once it has the STOR.
     */
    transferring: {
      entry: "sendTransfers",
      always: { guard: "bothFinal", target: "quitting", actions: "endTransfer" },
      on: {
        REPLY: [
          { guard: and(["fromA", "isFinal"]), actions: "recordA" },
          { guard: and(["fromB", "isFinal"]), actions: "recordB" },
        ],
        CONTROL_CLOSED: [
          { guard: "fromA", actions: "recordA" },
          { guard: "fromB", actions: "recordB" },
        ],
      },
    },
    /** ftplib's quit() to A, then to B: each QUIT waits for its 221 (or the connection's end). */
    quitting: {
      entry: "queueQuit",
      initial: "next",
      states: {
        next: { always: [{ guard: "queueEmpty", target: "#fxp.done" }, { target: "waiting" }] },
        waiting: {
          entry: "sendHead",
          on: {
            REPLY: { guard: and(["fromHead", "isFinal"]), target: "next", actions: "shift" },
            CONTROL_CLOSED: { guard: "fromHead", target: "next", actions: "shift" },
          },
        },
      },
    },
    /** The script stopped on an error: the process exits and its sockets close. */
    failed: { always: "done" },
    done: { type: "final", entry: "closeBoth" },
  },
});
