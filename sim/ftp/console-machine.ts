/**
 * The console (sim/software/console.ts): the learner at a raw FTP prompt. It reads the greeting,
 * then sends each of the scenario's lines as typed, one at a time, each once the previous one has
 * its complete reply (RFC 959 §4.2: a 1yz is followed by its final reply). Nothing is sent that
 * the learner did not type: no login, no mode command, no TYPE.
 *
 * Data connections are its helper's (console-session.ts): a data command (transfer-verbs.ts)
 * after a 227 or 229 connects where the reply said; after an accepted PORT or EPRT naming the
 * console's own address the helper already listens there and takes the server's connection; with
 * no plan, or a plan that sends the server elsewhere, the command goes out alone and the server
 * answers it. A data command is two regions at once, as the client machine's transfer is: `data`
 * (the helper's connection, run by the data transfer process) and `control` (the command and its
 * replies); the exchange ends when both have a verdict, or at once when the server refuses.
 *
 * Nothing the console does for a line depends on the lines after it, and after its last line it
 * stops without a packet of its own: the trace of [c1..cn, c(n+1)] is the trace of [c1..cn] up to
 * the moment the console turns to c(n+1) (test/sim/console.test.ts checks it). QUIT's 221 ends the
 * session: the lines after it are never sent.
 */
import { and, assertEvent, assign, sendTo, setup, stateIn } from "xstate";
import type { ModeCommand } from "../trace/events";
import { FOREVER_MS, type ClientEvent, type ClientIo, type TransferSummary } from "./client-machine";
import { transferRequest } from "./client-session";
import { isTransferLine, parseCommand } from "./commands";
import { planAfterReply, modeCommandOf, type ConsoleDataPlan } from "./console-session";
import { dataDone, dataTransferMachine, type DataDone, type DataTransferInput } from "./data-transfer-machine";
import { isCompletion, isPreliminary } from "./replies";
import { TRANSFER_VERBS } from "./transfer-verbs";


export type ConsoleIo = Pick<
  ClientIo,
  "send" | "startTls" | "dataIo" | "connectBudgetMs" | "releaseData" | "note" | "loginResult" | "transferStarted" | "transferEnded" | "closeControl"
> & {
  /** Listen on this port of the console's own address: LISTENING or LISTEN_FAILED follows. */
  listenAt(port: number): void;
};

export interface ConsoleInput {
  io: ConsoleIo;
  /** The lines, as typed. */
  commands: readonly string[];
  /** The server address the control connection went to. */
  controlHost: string;
  /** The console's own address: a PORT or EPRT naming it is one the helper listens for. */
  ownIp: string;
  /** What STOR and APPE upload, by file name. */
  upload: (name: string) => string;
}

/** The client's events, and the helper's word that it could not listen where a PORT or EPRT said. */
export type ConsoleEvent = ClientEvent | { type: "LISTEN_FAILED" };

interface TypedTransfer {
  readonly index: number;
  readonly line: string;
  /** The data plan the command found, and the typed mode command and reply that made it. */
  readonly plan: ConsoleDataPlan | null;
  readonly modeCommand: ModeCommand | null;
  readonly modeReply: number | null;
  finalReply: number | null;
  dataFailure: string | null;
  bytes: number;
}

interface ConsoleContext extends ConsoleInput {
  index: number;
  plan: ConsoleDataPlan | null;
  /** The last mode command typed and its final reply: a transfer's summary names them. */
  modeCommand: ModeCommand | null;
  modeReply: number | null;
  loggedIn: boolean;
  transfer: TypedTransfer | null;
}

type Output = DataDone;
const output = dataDone;
const replyCode = (event: ConsoleEvent): number | null => (event.type === "REPLY" ? event.code : null);
const current = (context: ConsoleContext): string => context.commands[context.index]!;
const verbNow = (context: ConsoleContext): string => parseCommand(current(context)).verb;
const progress = (context: ConsoleContext): TypedTransfer => context.transfer!;
const patch = (context: ConsoleContext, change: Partial<TypedTransfer>): { transfer: TypedTransfer } => ({ transfer: { ...progress(context), ...change } });

/** The helper's half of a data command: connect to a 227/229's address, or take the server's connection. */
function dataTransferInput(context: ConsoleContext): DataTransferInput {
  const t = progress(context);
  const { verb, arg } = parseCommand(t.line);
  const sending = TRANSFER_VERBS[verb as keyof typeof TRANSFER_VERBS].sender === "client";
  const connecting = t.plan?.kind === "connect";
  return {
    io: context.io.dataIo(t.plan?.kind === "connect" ? t.plan.target : null),
    direction: sending ? "send" : "receive",
    content: sending ? context.upload(arg) : "",
    // A connect gives up when the kernel does; a listener waits for the server's verdict.
    openTimeoutMs: connecting ? context.io.connectBudgetMs() : null,
  };
}

/** A data command's summary: ok when the server completed it and the helper's connection did not fail. */
function summary(context: ConsoleContext, ok: boolean): TransferSummary {
  const t = progress(context);
  return {
    index: t.index,
    command: t.line,
    modeCommand: t.modeCommand,
    modeReply: t.modeReply,
    result: ok ? "ok" : "failed",
    reply: t.finalReply,
    clientCause: ok || t.dataFailure === null ? null : `the console's data connection failed (${t.dataFailure})`,
    bytes: ok ? t.bytes : 0,
  };
}

const DATA = "#console.transfer.data";
const CONTROL = "#console.transfer.control";

const consoleSetup = setup({
  types: {
    input: {} as ConsoleInput,
    context: {} as ConsoleContext,
    events: {} as ConsoleEvent,
  },
  actors: { dataTransfer: dataTransferMachine },
  // A learner waits for a reply as long as it takes: the scenario's time limit ends the session first.
  delays: { response: FOREVER_MS },
  guards: {
    replyIsPreliminary: ({ event }) => isPreliminary(replyCode(event) ?? 0),
    replyIsCompletion: ({ event }) => isCompletion(replyCode(event) ?? 0),
    noMoreCommands: ({ context }) => context.index >= context.commands.length,
    nextIsTransfer: ({ context }) => isTransferLine(current(context)),
    /** RFC 4217 §4: 234 to AUTH, and the TLS handshake follows on the control connection. */
    tlsAccepted: ({ context, event }) => replyCode(event) === 234 && verbNow(context) === "AUTH",
    /** QUIT answered: the server closes the control connection (RFC 959 §4.1.1). */
    quitAnswered: ({ context, event }) => verbNow(context) === "QUIT" && isCompletion(replyCode(event) ?? 0),
    /** An accepted PORT/EPRT naming the console's own address: the helper listens there. */
    wantsListener: ({ context, event }) => event.type === "REPLY" && planAfterReply(current(context), event.code, event.text, context.ownIp, context.controlHost)?.kind === "listen",
    hasDataHelper: ({ context }) => {
      const kind = progress(context).plan?.kind;
      return kind === "connect" || kind === "listen";
    },
    dataMoving: stateIn(`${DATA}.moving`),
    controlCompleted: stateIn(`${CONTROL}.completed`),
    controlRefused: stateIn(`${CONTROL}.refused`),
    dataOver: stateIn(`${DATA}.over`),
    transferSucceeded: ({ context }) => isCompletion(progress(context).finalReply ?? 0) && progress(context).dataFailure === null,
    isModeCommand: ({ context }) => modeCommandOf(current(context)) !== null,
  },
  actions: {
    sendLine: ({ context }) => context.io.send(current(context)),
    advance: assign({ index: ({ context }) => context.index + 1 }),
    /** A new PASV, EPSV, PORT or EPRT replaces whatever the helper had set up (so does the server: vsftpd's port_cleanup). */
    forgetPlan: assign(({ context }) => ({ plan: null, modeCommand: modeCommandOf(current(context)), modeReply: null })),
    /** The final reply to a typed line: the data plan it makes, and the login it decides. */
    heedReply: assign(({ context, event }) => {
      assertEvent(event, "REPLY");
      const plan = planAfterReply(current(context), event.code, event.text, context.ownIp, context.controlHost);
      return plan === undefined ? {} : { plan, modeReply: event.code };
    }),
    /** The login is the learner's: the first 230 to USER or PASS, or their refusal before it, is the trace's login verdict. */
    recordLogin: ({ context, event }) => {
      const verb = verbNow(context);
      const code = replyCode(event) ?? 0;
      if (context.loggedIn || (verb !== "USER" && verb !== "PASS")) return;
      if (code === 230) context.io.loginResult("ok", 230);
      else if (code >= 400) context.io.loginResult("failed", code);
    },
    keepLogin: assign({ loggedIn: ({ context, event }) => context.loggedIn || (replyCode(event) === 230 && ["USER", "PASS"].includes(verbNow(context))) }),
    recordControlFailure: ({ context }) => context.io.loginResult("failed", null),
    startTls: ({ context }) => context.io.startTls(),
    /** heedReply made the plan a listen (wantsListener chose this state): the helper listens on its port. */
    openListener: ({ context }) => {
      if (context.plan?.kind === "listen") context.io.listenAt(context.plan.socket.port);
    },
    keepListener: assign(({ event }) => {
      assertEvent(event, "LISTENING");
      return { plan: { kind: "listen", socket: event.socket } as const };
    }),
    /** The port could not be listened on: the server will connect where nobody of ours listens. */
    keepNoListener: assign(({ context }) => ({ plan: context.plan?.kind === "listen" ? ({ kind: "elsewhere", target: context.plan.socket } as const) : null })),
    announceTransfer: ({ context }) => context.io.transferStarted(transferRequest(context.index, current(context))),
    beginTransfer: assign(({ context }) => ({
      transfer: {
        index: context.index,
        line: current(context),
        plan: context.plan,
        modeCommand: context.plan === null ? null : context.modeCommand,
        modeReply: context.plan === null ? null : context.modeReply,
        finalReply: null,
        dataFailure: null,
        bytes: 0,
      },
    })),
    tellDataGo: sendTo("data", { type: "GO" }),
    keepFinalReply: assign(({ context, event }) => patch(context, { finalReply: replyCode(event) })),
    /** The helper's connection is over: the bytes it moved, or why it failed. */
    keepDataOutcome: assign(({ context }, { output: o }: Output) => patch(context, o.ok ? { bytes: o.bytes } : { dataFailure: o.reason })),
    /** One connection per PASV or PORT: after a data command the helper starts afresh, as the server does. */
    endTransfer: assign({ transfer: null, plan: null }),
    recordTransferOk: ({ context }) => context.io.transferEnded(summary(context, true)),
    recordTransferFailed: ({ context }) => context.io.transferEnded(summary(context, false)),
    recordTransferAbandoned: ({ context }) => {
      if (context.transfer) context.io.transferEnded(summary(context, false));
    },
    noteSilence: ({ context }) => context.io.note(`No reply within ${FOREVER_MS / 1000} s`),
    releaseData: ({ context }) => context.io.releaseData(),
    closeControl: ({ context }) => context.io.closeControl(),
  },
});

type StateConfig = NonNullable<Parameters<typeof consoleSetup.createMachine>[0]["states"]>[string];

/** A state that waits for the server; "for ever" is longer than any scenario's time limit. */
const awaitingReply = (state: StateConfig): StateConfig => ({ ...state, after: { response: { target: "#console.silent" } } });

/**
 * The next typed line: none left (the console stops, sending nothing more), a data command, a
 * PASV, EPSV, PORT or EPRT (which replaces whatever the helper had set up, as it does on the
 * server: vsftpd's port_cleanup and pasv_cleanup), or another command.
 */
const NEXT = [
  { guard: "noMoreCommands", target: "#console.finished" },
  { guard: "nextIsTransfer", target: "#console.transfer" },
  { guard: "isModeCommand", target: "#console.exchange", actions: ["releaseData", "forgetPlan"] },
  { target: "#console.exchange" },
] as const;

export const consoleMachine = consoleSetup.createMachine({
  id: "console",
  context: ({ input }) => ({ ...input, index: 0, plan: null, modeCommand: null, modeReply: null, loggedIn: false, transfer: null }),
  initial: "connecting",
  on: { CONTROL_CLOSED: ".disconnected", DATA_OPEN: {} },
  states: {
    connecting: {
      on: {
        CONTROL_OPEN: "greeting",
        CONTROL_FAILED: { target: "disconnected", actions: "recordControlFailure" },
      },
    },
    /** The 220 (after any 120, RFC 959 §4.2); whatever it says, the learner types next. */
    greeting: awaitingReply({
      on: { REPLY: [{ guard: "replyIsPreliminary" }, { target: "next" }] },
    }),
    next: { always: [...NEXT] },
    /** A line that needs no data connection: sent, and its complete reply awaited. */
    exchange: awaitingReply({
      entry: "sendLine",
      on: {
        REPLY: [
          { guard: "replyIsPreliminary" },
          { guard: "tlsAccepted", target: "securing" },
          { guard: "quitAnswered", target: "quitting" },
          { guard: "wantsListener", target: "listening", actions: "heedReply" },
          { target: "next", actions: ["heedReply", "recordLogin", "keepLogin", "advance"] },
        ],
      },
    }),
    securing: awaitingReply({
      entry: "startTls",
      on: { TLS_READY: { target: "next", actions: "advance" } },
    }),
    /** The helper listens on the socket an accepted PORT/EPRT named, before the next line goes out. */
    listening: {
      entry: "openListener",
      on: {
        LISTENING: { target: "next", actions: ["keepListener", "advance"] },
        LISTEN_FAILED: { target: "next", actions: ["keepNoListener", "advance"] },
      },
    },
    transfer: {
      type: "parallel",
      entry: ["announceTransfer", "beginTransfer"],
      // The join: a refusal decides alone; a completion waits for the helper's connection too.
      always: [
        { guard: and(["controlCompleted", "dataOver"]), target: "closingTransfer" },
        { guard: "controlRefused", target: "closingTransfer" },
      ],
      states: {
        // The data region first, as the client machine's: the helper connects before the command goes out.
        data: {
          initial: "choosing",
          states: {
            choosing: { always: [{ guard: "hasDataHelper", target: "moving" }, { target: "over" }] },
            moving: {
              invoke: {
                id: "data",
                src: "dataTransfer",
                input: ({ context }) => dataTransferInput(context),
                onDone: { target: "over", actions: { type: "keepDataOutcome", params: output } },
              },
            },
            over: {},
          },
        },
        control: {
          initial: "commanding",
          states: {
            commanding: awaitingReply({
              entry: "sendLine",
              on: {
                REPLY: [
                  // RFC 959 §5.4: after the 1yz the bytes flow; the helper starts reading or sending.
                  { guard: and(["replyIsPreliminary", "dataMoving"]), actions: "tellDataGo" },
                  { guard: "replyIsPreliminary" },
                  { guard: "replyIsCompletion", target: "completed", actions: "keepFinalReply" },
                  { target: "refused", actions: "keepFinalReply" },
                ],
              },
            }),
            completed: {},
            refused: {},
          },
        },
      },
    },
    /** The data command's verdict: ok only when the server completed it and the helper's connection did not fail. */
    closingTransfer: {
      always: [
        { guard: "transferSucceeded", target: "next", actions: ["recordTransferOk", "releaseData", "endTransfer", "advance"] },
        { target: "next", actions: ["recordTransferFailed", "releaseData", "endTransfer", "advance"] },
      ],
    },
    /** QUIT answered: the server closes; the lines after it are never sent. */
    quitting: {
      on: { CONTROL_CLOSED: { target: "done", actions: "closeControl" } },
    },
    /** The last line has its reply: the console waits at its prompt, sending nothing more. */
    finished: { type: "final" },
    silent: { type: "final", entry: ["noteSilence", "recordTransferAbandoned", "releaseData"] },
    done: { type: "final" },
    disconnected: { type: "final", entry: ["recordTransferAbandoned", "releaseData", "closeControl"] },
  },
});
