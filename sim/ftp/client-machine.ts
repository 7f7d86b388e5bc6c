/**
 * The client protocol interpreter (RFC 959 §2.3, "user-PI"), behaving as curl does: log in
 * (USER, PASS only when asked for it with 331; AUTH TLS, PBSZ 0 and PROT P first under FTPS),
 * PWD, then for each transfer the mode command, the data connection, TYPE when it changes, SIZE
 * when the verb wants it (transfer-verbs.ts), the transfer command, and both the data and the
 * 226 before moving on. EPSV falls back to PASV and EPRT to PORT, and the fallback is remembered
 * for the session, as curl does. It never sends a command before the previous one has its reply
 * (no pipelining), and it gives up on a server that stays silent for 120 s (curl's response
 * timeout).
 *
 * Once its data connection is being set up, a transfer is two regions at once: `control` (the
 * commands and replies on the control connection) and `data` (the data connection, run by the
 * data transfer process). Each region ends in a verdict — the server completed or refused the
 * transfer, or the client withdrew it; the connection is done or failed — and the transfer ends
 * when the verdicts decide it (the join on `connection`).
 */
import { and, assertEvent, assign, or, sendTo, setup, stateIn } from "xstate";
import type { Endpoint } from "../net/addresses";
import { isTransferLine } from "./commands";
import { dataTransferMachine, type DataIo, type DataTransferInput, type DataTransferOutput } from "./data-transfer-machine";
import {
  announced,
  modeLine,
  passiveFixNote,
  passiveTarget,
  transferRequest,
  uploadContent,
  type ClientPlan,
  type TransferRequest,
} from "./client-session";
import { isCompletion, isPreliminary } from "./replies";
import { TRANSFER_VERBS, type TransferVerb } from "./transfer-verbs";
import type { ModeCommand } from "../trace/events";

/**
 * curl's default wait for a server reply (CURLOPT_SERVER_RESPONSE_TIMEOUT unset: lib/ftp.c's
 * RESP_TIMEOUT). Measured with curl 7.88.1 against Pure-FTPd, whose active connect outlasts it:
 * "server response timeout" 120 s after LIST.
 */
export const RESPONSE_TIMEOUT_MS = 120_000;
/** curl's default wait for the server's active-mode connection (CURLOPT_ACCEPTTIMEOUT_MS). */
const ACCEPT_TIMEOUT_MS = 60_000;

export interface TransferSummary {
  readonly index: number;
  readonly command: string;
  readonly modeCommand: ModeCommand | null;
  readonly modeReply: number | null;
  readonly result: "ok" | "failed";
  readonly reply: number | null;
  readonly clientCause: string | null;
  readonly bytes: number;
}

export interface ClientIo {
  send(line: string): void;
  /** After 234: the TLS handshake on the control connection; TLS_READY follows. */
  startTls(): void;
  /** Active mode: listen on a data port; LISTENING follows with the socket. */
  listen(): void;
  /** The data connection: connect to `target`, or (null) take the one that reaches the listener. */
  dataIo(target: Endpoint | null): DataIo;
  /** What is left of this transfer's connect budget (curl's --connect-timeout covers the whole operation). */
  connectBudgetMs(): number;
  releaseData(): void;
  note(text: string): void;
  loginResult(result: "ok" | "failed", reply: number | null): void;
  transferStarted(t: TransferRequest): void;
  transferEnded(summary: TransferSummary): void;
  closeControl(): void;
}

export interface ClientInput {
  io: ClientIo;
  plan: ClientPlan;
  /** The server address the control connection went to. */
  controlHost: string;
}

export type ClientEvent =
  | { type: "CONTROL_OPEN" }
  | { type: "CONTROL_FAILED"; reason: string }
  | { type: "CONTROL_CLOSED" }
  | { type: "TLS_READY" }
  | { type: "REPLY"; code: number; text: string }
  | { type: "LISTENING"; socket: Endpoint }
  | { type: "DATA_OPEN" };

interface TransferProgress extends TransferRequest {
  modeCommand: ModeCommand | null;
  modeReply: number | null;
  dataTarget: Endpoint | null;
  /** Why the data connection failed, for the summary (the `data` region's state says that it did). */
  dataFailure: string | null;
  /** The server's 2yz to the transfer command. */
  finalReply: number | null;
  bytes: number;
}

interface ClientContext extends ClientInput {
  index: number;
  useEpsv: boolean;
  useEprt: boolean;
  type: "A" | "I" | null;
  transfer: TransferProgress | null;
}

/** The data transfer's result, handed from its done event to guards and actions as params. */
type Output = { output: DataTransferOutput };
const output = ({ event }: { event: { output: DataTransferOutput } }): Output => ({ output: event.output });
const replyCode = (event: ClientEvent): number | null => (event.type === "REPLY" ? event.code : null);
const progress = (context: ClientContext): TransferProgress => context.transfer!;
const verbOf = (context: ClientContext): TransferVerb => TRANSFER_VERBS[progress(context).verb];

/** What the data transfer process gets: connect in passive mode, accept in active mode. */
function dataTransferInput(context: ClientContext): DataTransferInput {
  const passive = context.plan.mode === "passive";
  const t = progress(context);
  const sending = verbOf(context).sender === "client";
  return {
    io: context.io.dataIo(passive ? t.dataTarget : null),
    direction: sending ? "send" : "receive",
    content: sending ? uploadContent(context.plan, t.arg) : "",
    openTimeoutMs: passive ? context.io.connectBudgetMs() : ACCEPT_TIMEOUT_MS,
  };
}

/**
 * The transfer's outcome. `reply` is the reply that decided it: null when the data connection
 * decided it (or the client gave up), even after a 2yz.
 */
function summary(context: ClientContext, result: "ok" | "failed", reply: number | null): TransferSummary {
  const t = progress(context);
  return {
    index: t.index,
    command: t.line,
    modeCommand: t.modeCommand,
    modeReply: t.modeReply,
    result,
    reply,
    clientCause: result === "ok" ? null : t.dataFailure === null ? null : `the client's data connection failed (${t.dataFailure})`,
    bytes: t.bytes,
  };
}

const patch = (context: ClientContext, change: Partial<TransferProgress>): { transfer: TransferProgress } => ({ transfer: { ...progress(context), ...change } });

const CONTROL = "#client.transfer.connection.control";
const DATA = "#client.transfer.connection.data";

const client = setup({
  types: {
    input: {} as ClientInput,
    context: {} as ClientContext,
    events: {} as ClientEvent,
  },
  actors: { dataTransfer: dataTransferMachine },
  delays: { response: RESPONSE_TIMEOUT_MS },
  guards: {
    replyIs: ({ event }, params: { code: number }) => replyCode(event) === params.code,
    replyIsPreliminary: ({ event }) => isPreliminary(replyCode(event) ?? 0),
    replyIsCompletion: ({ event }) => isCompletion(replyCode(event) ?? 0),
    usesTls: ({ context }) => context.plan.tls,
    loggingIn: stateIn("#client.login"),
    noMoreCommands: ({ context }) => context.index >= context.plan.commands.length,
    nextIsTransfer: ({ context }) => isTransferLine(context.plan.commands[context.index]!),
    wantsEpsv: ({ context }) => context.plan.mode === "passive" && context.useEpsv,
    isPassive: ({ context }) => context.plan.mode === "passive",
    wantsEprt: ({ context }) => context.useEprt,
    usablePassiveReply: ({ context, event }) =>
      event.type === "REPLY" && passiveTarget(event.code, event.text, context.controlHost, context.plan.pasvAddress, context.plan.pasvFix) !== null,
    typeIsSet: ({ context }) => context.type === verbOf(context).type,
    sizeFirst: ({ context }) => verbOf(context).sizeFirst,
    dataSucceeded: (_, params: Output) => params.output.ok,
    viaEpsv: ({ context }) => progress(context).modeCommand === "EPSV",
    // The regions' verdicts, as the join and the other region read them.
    dataOpen: stateIn(`${DATA}.open`),
    dataDone: stateIn(`${DATA}.done`),
    dataFailed: stateIn(`${DATA}.failed`),
    transferCompleted: stateIn(`${CONTROL}.transferring.completed`),
    transferRefused: stateIn(`${CONTROL}.refused`),
    transferWithdrawn: stateIn(`${CONTROL}.withdrawn`),
  },
  actions: {
    send: ({ context }, params: { line: string }) => context.io.send(params.line),
    sendUser: ({ context }) => context.io.send(`USER ${context.plan.userName}`),
    sendPass: ({ context }) => context.io.send(`PASS ${context.plan.password}`),
    sendRaw: ({ context }) => context.io.send(context.plan.commands[context.index]!),
    startTls: ({ context }) => context.io.startTls(),
    recordLoginOk: ({ context }) => context.io.loginResult("ok", 230),
    recordLoginFailure: ({ context, event }) => context.io.loginResult("failed", replyCode(event)),
    advance: assign({ index: ({ context }) => context.index + 1 }),
    beginTransfer: assign({
      transfer: ({ context }) => ({
        ...transferRequest(context.index, context.plan.commands[context.index]!),
        modeCommand: null,
        modeReply: null,
        dataTarget: null,
        dataFailure: null,
        finalReply: null,
        bytes: 0,
      }),
    }),
    announceTransfer: ({ context }) => context.io.transferStarted(progress(context)),
    noteModeCommand: assign(({ context }, params: { mode: ModeCommand }) => patch(context, { modeCommand: params.mode, modeReply: null })),
    sendModeCommand: ({ context }, params: { mode: ModeCommand }) => context.io.send(modeLine(params.mode, null)),
    keepModeReply: assign(({ context, event }) => patch(context, { modeReply: replyCode(event) })),
    keepPassiveTarget: assign(({ context, event }) => {
      assertEvent(event, "REPLY");
      return patch(context, { dataTarget: passiveTarget(event.code, event.text, context.controlHost, context.plan.pasvAddress, context.plan.pasvFix) });
    }),
    /** The program's own remark when it replaced a 227 address it judged wrong (sim/software's PasvFix). */
    notePassiveFix: ({ context, event }) => {
      assertEvent(event, "REPLY");
      const note = passiveFixNote(event.code, event.text, context.controlHost, context.plan);
      if (note) context.io.note(note);
    },
    disableEpsv: assign({ useEpsv: false }),
    sayEpsvDisabled: ({ context }) => context.io.note("Failed EPSV attempt. Disabling EPSV"),
    disableEprt: assign({ useEprt: false }),
    sayEprtDisabled: ({ context }) => context.io.note("disabling EPRT usage"),
    /** Active mode, RFC 959 §3.2: listen first, then announce the socket in EPRT or PORT. */
    openListener: ({ context }) => context.io.listen(),
    keepAnnounced: assign(({ context, event }) => {
      assertEvent(event, "LISTENING");
      return patch(context, { modeCommand: context.useEprt ? "EPRT" : "PORT", modeReply: null, dataTarget: announced(event.socket, context.plan) });
    }),
    sendAnnouncement: ({ context }) => {
      const t = progress(context);
      context.io.send(modeLine(t.modeCommand!, t.dataTarget));
    },
    sendType: ({ context }) => context.io.send(`TYPE ${verbOf(context).type}`),
    keepType: assign({ type: ({ context }) => verbOf(context).type }),
    sendSize: ({ context }) => context.io.send(`SIZE ${progress(context).arg}`),
    sendTransferCommand: ({ context }) => context.io.send(progress(context).line),
    /** curl accepts or starts reading the data connection once the server says 150. */
    tellDataGo: sendTo("data", { type: "GO" }),
    keepFinalReply: assign(({ context, event }) => patch(context, { finalReply: replyCode(event) })),
    keepDataDone: assign(({ context }, params: Output) => patch(context, { bytes: params.output.ok ? params.output.bytes : 0 })),
    /** A new data connection: an earlier one's failure (EPSV's, before PASV) no longer explains anything. */
    forgetDataFailure: assign(({ context }) => patch(context, { dataFailure: null })),
    keepDataFailure: assign(({ context }, params: Output) => patch(context, { dataFailure: params.output.ok ? null : params.output.reason })),
    releaseData: ({ context }) => context.io.releaseData(),
    clearTransfer: assign({ transfer: null }),
    recordTransferOk: ({ context }) => context.io.transferEnded(summary(context, "ok", progress(context).finalReply)),
    /** The event that ended the transfer is the one that completed the join: a reply, or the data connection's end. */
    recordTransferFailed: ({ context, event }) => context.io.transferEnded(summary(context, "failed", replyCode(event))),
    recordTransferAbandoned: ({ context }) => {
      if (context.transfer) context.io.transferEnded(summary(context, "failed", null));
    },
    noteSilence: ({ context }) => context.io.note(`No reply from the server within ${RESPONSE_TIMEOUT_MS / 1000} s: giving up`),
    closeControl: ({ context }) => context.io.closeControl(),
  },
});

type StateConfig = NonNullable<Parameters<typeof client.createMachine>[0]["states"]>[string];

/**
 * A state that waits for the server (a reply, or its half of the TLS handshake). curl gives up
 * on a server silent for RESPONSE_TIMEOUT_MS, counted afresh in each such state; silence
 * during the login is also the login's failure.
 */
const awaitingReply = (state: StateConfig): StateConfig => ({
  ...state,
  after: {
    response: [{ guard: "loggingIn", target: "#client.silent", actions: "recordLoginFailure" }, { target: "#client.silent" }],
  },
});

export const clientMachine = client.createMachine({
  id: "client",
  context: ({ input }) => ({ ...input, index: 0, useEpsv: input.plan.extended, useEprt: input.plan.extended, type: null, transfer: null }),
  initial: "connecting",
  on: { CONTROL_CLOSED: ".disconnected" },
  states: {
    connecting: {
      on: {
        CONTROL_OPEN: "login",
        CONTROL_FAILED: { target: "disconnected", actions: "recordLoginFailure" },
      },
    },
    login: {
      initial: "greeting",
      states: {
        greeting: awaitingReply({
          on: {
            REPLY: [
              { guard: and([{ type: "replyIs", params: { code: 220 } }, "usesTls"]), target: "auth" },
              { guard: { type: "replyIs", params: { code: 220 } }, target: "user" },
              { target: "#client.quitting", actions: "recordLoginFailure" },
            ],
          },
        }),
        auth: awaitingReply({
          // RFC 4217 §4: AUTH TLS, then the TLS handshake on the control connection.
          entry: { type: "send", params: { line: "AUTH TLS" } },
          on: {
            REPLY: [
              { guard: { type: "replyIs", params: { code: 234 } }, target: "securing" },
              { target: "#client.quitting", actions: "recordLoginFailure" },
            ],
          },
        }),
        securing: awaitingReply({
          entry: "startTls",
          on: { TLS_READY: "user" },
        }),
        user: awaitingReply({
          entry: "sendUser",
          on: {
            REPLY: [
              { guard: and([{ type: "replyIs", params: { code: 230 } }, "usesTls"]), target: "#client.protectionBuffer", actions: "recordLoginOk" },
              { guard: { type: "replyIs", params: { code: 230 } }, target: "#client.workingDirectory", actions: "recordLoginOk" },
              { guard: { type: "replyIs", params: { code: 331 } }, target: "password" },
              { target: "#client.quitting", actions: "recordLoginFailure" },
            ],
          },
        }),
        password: awaitingReply({
          entry: "sendPass",
          on: {
            REPLY: [
              { guard: and([{ type: "replyIs", params: { code: 230 } }, "usesTls"]), target: "#client.protectionBuffer", actions: "recordLoginOk" },
              { guard: { type: "replyIs", params: { code: 230 } }, target: "#client.workingDirectory", actions: "recordLoginOk" },
              { target: "#client.quitting", actions: "recordLoginFailure" },
            ],
          },
        }),
      },
    },
    protectionBuffer: awaitingReply({
      // RFC 4217 §9: PBSZ 0 then PROT P, so data connections are protected too.
      entry: { type: "send", params: { line: "PBSZ 0" } },
      on: { REPLY: "protection" },
    }),
    protection: awaitingReply({
      entry: { type: "send", params: { line: "PROT P" } },
      on: { REPLY: "workingDirectory" },
    }),
    workingDirectory: awaitingReply({
      entry: { type: "send", params: { line: "PWD" } },
      on: { REPLY: "nextCommand" },
    }),
    nextCommand: {
      always: [
        { guard: "noMoreCommands", target: "quitting" },
        { guard: "nextIsTransfer", target: "transfer" },
        { target: "raw" },
      ],
    },
    raw: awaitingReply({
      entry: "sendRaw",
      on: {
        REPLY: [{ guard: "replyIsPreliminary" }, { target: "nextCommand", actions: "advance" }],
      },
    }),
    transfer: {
      entry: ["beginTransfer", "announceTransfer"],
      initial: "choosing",
      states: {
        choosing: {
          always: [
            { guard: "wantsEpsv", target: "extendedPassive" },
            { guard: "isPassive", target: "passive" },
            { target: "connection" },
          ],
        },
        extendedPassive: awaitingReply({
          entry: [
            { type: "noteModeCommand", params: { mode: "EPSV" } },
            { type: "sendModeCommand", params: { mode: "EPSV" } },
          ],
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "connection", actions: ["keepModeReply", "keepPassiveTarget", "notePassiveFix"] },
              { target: "epsvFailed", actions: "keepModeReply" },
            ],
          },
        }),
        /**
         * curl's ftp_epsv_disable: EPSV was refused, or its data connection failed before the
         * transfer command went out. Try PASV, and never EPSV again in this session.
         */
        epsvFailed: {
          entry: ["disableEpsv", "sayEpsvDisabled"],
          always: "passive",
        },
        passive: awaitingReply({
          entry: [
            { type: "noteModeCommand", params: { mode: "PASV" } },
            { type: "sendModeCommand", params: { mode: "PASV" } },
          ],
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "connection", actions: ["keepModeReply", "keepPassiveTarget", "notePassiveFix"] },
              { target: "failed", actions: "keepModeReply" },
            ],
          },
        }),
        /** The data connection is being set up: the control conversation and the connection, at once. */
        connection: {
          type: "parallel",
          // The join: the transfer ends once the verdicts decide it — a refusal alone, otherwise
          // both. Eventless, not onDone (which would wait for the data region after a refusal),
          // so it runs on the event that completed it: its reply, if any, is the summary's.
          always: [
            { guard: and(["transferCompleted", "dataDone"]), target: "succeeded" },
            { guard: "transferRefused", target: "failed" },
            // Nothing was asked of the server yet: curl may still try PASV.
            { guard: and(["transferWithdrawn", "viaEpsv"]), target: "epsvFailed" },
            { guard: and(["dataFailed", or(["transferWithdrawn", "transferCompleted"])]), target: "failed" },
          ],
          states: {
            control: {
              initial: "routing",
              states: {
                routing: {
                  always: [{ guard: "isPassive", target: "connecting" }, { target: "listening" }],
                },
                /** Passive: curl sends nothing more until its connection is open. */
                connecting: {
                  always: [
                    { guard: "dataOpen", target: "typeCheck" },
                    { guard: "dataFailed", target: "withdrawn" },
                  ],
                },
                listening: {
                  entry: "openListener",
                  on: { LISTENING: { target: "announcing", actions: ["keepAnnounced", "sendAnnouncement"] } },
                },
                announcing: awaitingReply({
                  on: {
                    REPLY: [
                      { guard: "replyIsCompletion", target: "typeCheck", actions: "keepModeReply" },
                      // curl: EPRT refused, try PORT — on a new listening socket, with a new data transfer.
                      { guard: "wantsEprt", target: "#client.transfer.connection", reenter: true, actions: ["keepModeReply", "disableEprt", "sayEprtDisabled"] },
                      { target: "refused", actions: "keepModeReply" },
                    ],
                  },
                }),
                typeCheck: {
                  always: [{ guard: "typeIsSet", target: "sizeCheck" }, { target: "typing" }],
                },
                typing: awaitingReply({
                  entry: "sendType",
                  on: {
                    REPLY: [
                      // The data connection failed meanwhile: whatever the reply, send nothing more.
                      { guard: "dataFailed", target: "withdrawn" },
                      { guard: "replyIsCompletion", target: "sizeCheck", actions: "keepType" },
                      { target: "refused" },
                    ],
                  },
                }),
                sizeCheck: {
                  always: [{ guard: "sizeFirst", target: "sizing" }, { target: "commanding" }],
                },
                sizing: awaitingReply({
                  entry: "sendSize",
                  on: {
                    REPLY: [
                      { guard: "dataFailed", target: "withdrawn" },
                      // curl: "The file does not exist" — the transfer command is never sent.
                      { guard: { type: "replyIs", params: { code: 550 } }, target: "refused" },
                      { target: "commanding" },
                    ],
                  },
                }),
                commanding: awaitingReply({
                  entry: "sendTransferCommand",
                  on: {
                    REPLY: [
                      // The data connection already failed: nothing to start; wait for the server's verdict.
                      { guard: and(["replyIsPreliminary", "dataFailed"]), target: "transferring" },
                      { guard: "replyIsPreliminary", target: "transferring", actions: "tellDataGo" },
                      { target: "refused" },
                    ],
                  },
                }),
                /** After 150: the wait for the 2yz goes on until the data connection is done too. */
                transferring: awaitingReply({
                  initial: "started",
                  on: {
                    REPLY: [
                      { guard: "replyIsCompletion", target: ".completed", actions: "keepFinalReply" },
                      { guard: "replyIsPreliminary" },
                      { target: "refused" },
                    ],
                  },
                  states: {
                    started: {},
                    completed: { type: "final" },
                  },
                }),
                /** The server refused (the announcement, TYPE, SIZE, the command, or the transfer). */
                refused: { type: "final" },
                /** The data connection failed before the transfer command went out. */
                withdrawn: { type: "final" },
              },
            },
            data: {
              entry: "forgetDataFailure",
              exit: "releaseData",
              invoke: {
                id: "data",
                src: "dataTransfer",
                input: ({ context }) => dataTransferInput(context),
                onDone: [
                  { guard: { type: "dataSucceeded", params: output }, target: ".done", actions: { type: "keepDataDone", params: output } },
                  { target: ".failed", actions: { type: "keepDataFailure", params: output } },
                ],
              },
              initial: "opening",
              states: {
                /** Connecting (passive) or waiting for the server's connection (active). */
                opening: { on: { DATA_OPEN: "open" } },
                open: {},
                done: { type: "final" },
                failed: { type: "final" },
              },
            },
          },
        },
        succeeded: {
          entry: ["recordTransferOk", "clearTransfer"],
          always: { target: "#client.nextCommand", actions: "advance" },
        },
        failed: {
          entry: ["recordTransferFailed", "clearTransfer"],
          always: { target: "#client.nextCommand", actions: "advance" },
        },
      },
    },
    quitting: awaitingReply({
      entry: { type: "send", params: { line: "QUIT" } },
      on: { REPLY: { target: "done", actions: "closeControl" } },
    }),
    /** The server stopped answering: give up on the session. */
    silent: {
      entry: ["recordTransferAbandoned", "noteSilence", "closeControl"],
      type: "final",
    },
    done: { type: "final" },
    disconnected: { type: "final", entry: ["recordTransferAbandoned", "closeControl"] },
  },
});
