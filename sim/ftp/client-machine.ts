/**
 * The client protocol interpreter (RFC 959 §2.3, "user-PI"), behaving as curl does: log in
 * (USER, PASS only when asked for it with 331; AUTH TLS, PBSZ 0 and PROT P first under FTPS),
 * PWD, then for each transfer the mode command, the data connection, TYPE when it changes, SIZE
 * before RETR, the transfer command, and both the data and the 226 before moving on. EPSV falls
 * back to PASV and EPRT to PORT, and the fallback is remembered for the session, as curl does.
 * It never sends a command before the previous one has its reply (no pipelining), and it gives
 * up on a server that stays silent for 60 s (curl's response timeout).
 */
import { and, assertEvent, assign, sendTo, setup, stateIn } from "xstate";
import type { Endpoint } from "../net/addresses";
import { isTransferLine, serverSends } from "./commands";
import { dataTransferMachine, type DataIo, type DataTransferInput, type DataTransferOutput } from "./data-transfer-machine";
import {
  announced,
  modeLine,
  passiveTarget,
  transferRequest,
  typeFor,
  uploadContent,
  type ClientPlan,
  type TransferRequest,
} from "./client-session";
import { isCompletion, isFailure, isPreliminary } from "./replies";
import type { ModeCommand } from "../trace/events";

/** curl's default wait for a server reply (CURLOPT_SERVER_RESPONSE_TIMEOUT). */
export const RESPONSE_TIMEOUT_MS = 60_000;
/** curl's default wait for the server's active-mode connection (CURLOPT_ACCEPTTIMEOUT_MS). */
export const ACCEPT_TIMEOUT_MS = 60_000;

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
  commandSent: boolean;
  dataDone: boolean;
  /** The data connection failed; the client still waits for the reply it is owed. */
  dataFailure: string | null;
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

/** What the data transfer process gets: connect in passive mode, accept in active mode. */
function dataTransferInput(context: ClientContext): DataTransferInput {
  const passive = context.plan.mode === "passive";
  const t = progress(context);
  const sending = !serverSends(t.verb);
  return {
    io: context.io.dataIo(passive ? t.dataTarget : null),
    direction: sending ? "send" : "receive",
    content: sending ? uploadContent(context.plan, t.arg) : "",
    openTimeoutMs: passive ? context.io.connectBudgetMs() : ACCEPT_TIMEOUT_MS,
  };
}

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

export const clientMachine = setup({
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
    replyIsFailure: ({ event }) => isFailure(replyCode(event) ?? 0),
    usesTls: ({ context }) => context.plan.tls,
    noMoreCommands: ({ context }) => context.index >= context.plan.commands.length,
    nextIsTransfer: ({ context }) => isTransferLine(context.plan.commands[context.index]!),
    wantsEpsv: ({ context }) => context.plan.mode === "passive" && context.useEpsv,
    isPassive: ({ context }) => context.plan.mode === "passive",
    wantsEprt: ({ context }) => context.useEprt,
    usablePassiveReply: ({ context, event }) =>
      event.type === "REPLY" && passiveTarget(event.code, event.text, context.controlHost, context.plan.pasvAddress) !== null,
    typeIsSet: ({ context }) => context.type === typeFor(progress(context).verb),
    isRetr: ({ context }) => progress(context).verb === "RETR",
    dataSucceeded: (_, params: Output) => params.output.ok,
    dataSucceededAfterReply: ({ context }, params: Output) => params.output.ok && progress(context).finalReply !== null,
    finalReplySeen: ({ context }) => progress(context).finalReply !== null,
    dataDone: ({ context }) => progress(context).dataDone,
    dataFailed: ({ context }) => progress(context).dataFailure !== null,
    commandSent: ({ context }) => progress(context).commandSent,
    viaEpsv: ({ context }) => progress(context).modeCommand === "EPSV",
    /** Waiting for the data connection with no command outstanding: a failure can be acted on at once. */
    onlyWaitingForData: stateIn("#client.transfer.data.connecting"),
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
        commandSent: false,
        dataDone: false,
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
      return patch(context, { dataTarget: passiveTarget(event.code, event.text, context.controlHost, context.plan.pasvAddress), dataFailure: null });
    }),
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
    sendType: ({ context }) => context.io.send(`TYPE ${typeFor(progress(context).verb)}`),
    keepType: assign({ type: ({ context }) => typeFor(progress(context).verb) }),
    sendSize: ({ context }) => context.io.send(`SIZE ${progress(context).arg}`),
    sendTransferCommand: ({ context }) => context.io.send(progress(context).line),
    noteCommandSent: assign(({ context }) => patch(context, { commandSent: true })),
    /** curl accepts or starts reading the data connection once the server says 150. */
    tellDataGo: sendTo("data", { type: "GO" }),
    keepFinalReply: assign(({ context, event }) => patch(context, { finalReply: replyCode(event) })),
    keepDataDone: assign(({ context }, params: Output) => patch(context, { dataDone: true, bytes: params.output.ok ? params.output.bytes : 0 })),
    keepDataFailure: assign(({ context }, params: Output) => patch(context, { dataFailure: params.output.ok ? null : params.output.reason })),
    releaseData: ({ context }) => context.io.releaseData(),
    clearTransfer: assign({ transfer: null }),
    recordTransferOk: ({ context }) => context.io.transferEnded(summary(context, "ok", progress(context).finalReply)),
    recordTransferFailed: ({ context, event }) => context.io.transferEnded(summary(context, "failed", replyCode(event))),
    recordTransferAbandoned: ({ context }) => {
      if (context.transfer) context.io.transferEnded(summary(context, "failed", null));
    },
    noteSilence: ({ context }) => context.io.note(`No reply from the server within ${RESPONSE_TIMEOUT_MS / 1000} s: giving up`),
    closeControl: ({ context }) => context.io.closeControl(),
  },
}).createMachine({
  id: "client",
  context: ({ input }) => ({ ...input, index: 0, useEpsv: input.plan.extended, useEprt: input.plan.extended, type: null, transfer: null }),
  initial: "connecting",
  on: { CONTROL_CLOSED: ".disconnected" },
  states: {
    connecting: {
      on: {
        CONTROL_OPEN: "greeting",
        CONTROL_FAILED: { target: "disconnected", actions: "recordLoginFailure" },
      },
    },
    greeting: {
      after: { response: { target: "silent", actions: "recordLoginFailure" } },
      on: {
        REPLY: [
          { guard: and([{ type: "replyIs", params: { code: 220 } }, "usesTls"]), target: "auth" },
          { guard: { type: "replyIs", params: { code: 220 } }, target: "user" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    auth: {
      // RFC 4217 §4: AUTH TLS, then the TLS handshake on the control connection.
      entry: { type: "send", params: { line: "AUTH TLS" } },
      after: { response: { target: "silent", actions: "recordLoginFailure" } },
      on: {
        REPLY: [
          { guard: { type: "replyIs", params: { code: 234 } }, target: "securing" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    securing: {
      entry: "startTls",
      after: { response: { target: "silent", actions: "recordLoginFailure" } },
      on: { TLS_READY: "user" },
    },
    user: {
      entry: "sendUser",
      after: { response: { target: "silent", actions: "recordLoginFailure" } },
      on: {
        REPLY: [
          { guard: and([{ type: "replyIs", params: { code: 230 } }, "usesTls"]), target: "protectionBuffer", actions: "recordLoginOk" },
          { guard: { type: "replyIs", params: { code: 230 } }, target: "workingDirectory", actions: "recordLoginOk" },
          { guard: { type: "replyIs", params: { code: 331 } }, target: "password" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    password: {
      entry: "sendPass",
      after: { response: { target: "silent", actions: "recordLoginFailure" } },
      on: {
        REPLY: [
          { guard: and([{ type: "replyIs", params: { code: 230 } }, "usesTls"]), target: "protectionBuffer", actions: "recordLoginOk" },
          { guard: { type: "replyIs", params: { code: 230 } }, target: "workingDirectory", actions: "recordLoginOk" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    protectionBuffer: {
      // RFC 4217 §9: PBSZ 0 then PROT P, so data connections are protected too.
      entry: { type: "send", params: { line: "PBSZ 0" } },
      after: { response: "silent" },
      on: { REPLY: "protection" },
    },
    protection: {
      entry: { type: "send", params: { line: "PROT P" } },
      after: { response: "silent" },
      on: { REPLY: "workingDirectory" },
    },
    workingDirectory: {
      entry: { type: "send", params: { line: "PWD" } },
      after: { response: "silent" },
      on: {
        REPLY: [
          { guard: "noMoreCommands", target: "quitting" },
          { guard: "nextIsTransfer", target: "transfer" },
          { target: "raw" },
        ],
      },
    },
    nextCommand: {
      always: [
        { guard: "noMoreCommands", target: "quitting" },
        { guard: "nextIsTransfer", target: "transfer" },
        { target: "raw" },
      ],
    },
    raw: {
      entry: "sendRaw",
      after: { response: "silent" },
      on: {
        REPLY: [{ guard: "replyIsPreliminary" }, { target: "nextCommand", actions: "advance" }],
      },
    },
    transfer: {
      entry: ["beginTransfer", "announceTransfer"],
      initial: "choosing",
      states: {
        choosing: {
          always: [
            { guard: "wantsEpsv", target: "extendedPassive" },
            { guard: "isPassive", target: "passive" },
            { target: "data" },
          ],
        },
        extendedPassive: {
          entry: [
            { type: "noteModeCommand", params: { mode: "EPSV" } },
            { type: "sendModeCommand", params: { mode: "EPSV" } },
          ],
          after: { response: "#client.silent" },
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "data", actions: ["keepModeReply", "keepPassiveTarget"] },
              // curl: any other answer to EPSV means "try PASV" (ftp_epsv_disable).
              { target: "passive", actions: ["keepModeReply", "disableEpsv", "sayEpsvDisabled"] },
            ],
          },
        },
        passive: {
          entry: [
            { type: "noteModeCommand", params: { mode: "PASV" } },
            { type: "sendModeCommand", params: { mode: "PASV" } },
          ],
          after: { response: "#client.silent" },
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "data", actions: ["keepModeReply", "keepPassiveTarget"] },
              { target: "failed", actions: "keepModeReply" },
            ],
          },
        },
        data: {
          exit: "releaseData",
          invoke: {
            id: "data",
            src: "dataTransfer",
            input: ({ context }) => dataTransferInput(context),
            onDone: [
              {
                guard: { type: "dataSucceededAfterReply", params: output },
                target: "succeeded",
                actions: { type: "keepDataDone", params: output },
              },
              { guard: { type: "dataSucceeded", params: output }, actions: { type: "keepDataDone", params: output } },
              // curl: a failed EPSV data connection means "try PASV" (ftp_epsv_disable).
              {
                guard: and(["onlyWaitingForData", "viaEpsv"]),
                target: "passive",
                actions: [{ type: "keepDataFailure", params: output }, "disableEpsv", "sayEpsvDisabled"],
              },
              { guard: "onlyWaitingForData", target: "failed", actions: { type: "keepDataFailure", params: output } },
              { guard: "finalReplySeen", target: "failed", actions: { type: "keepDataFailure", params: output } },
              // A command is outstanding: wait for its reply before acting (no pipelining).
              { actions: { type: "keepDataFailure", params: output } },
            ],
          },
          initial: "routing",
          states: {
            routing: {
              always: [{ guard: "isPassive", target: "connecting" }, { target: "listening" }],
            },
            listening: {
              entry: "openListener",
              on: { LISTENING: { target: "announcing", actions: ["keepAnnounced", "sendAnnouncement"] } },
            },
            announcing: {
              after: { response: "#client.silent" },
              on: {
                REPLY: [
                  { guard: "replyIsCompletion", target: "typeCheck", actions: "keepModeReply" },
                  // curl: EPRT refused, try PORT — on a new listening socket.
                  { guard: "wantsEprt", target: "#client.transfer.data", reenter: true, actions: ["keepModeReply", "disableEprt", "sayEprtDisabled"] },
                  { target: "#client.transfer.failed", actions: "keepModeReply" },
                ],
              },
            },
            connecting: {
              on: { DATA_OPEN: "typeCheck" },
            },
            typeCheck: {
              always: [{ guard: "typeIsSet", target: "sizeCheck" }, { target: "typing" }],
            },
            typing: {
              entry: "sendType",
              after: { response: "#client.silent" },
              on: {
                REPLY: [
                  { guard: and(["dataFailed", "viaEpsv"]), target: "#client.transfer.passive", actions: ["disableEpsv", "sayEpsvDisabled"] },
                  { guard: "dataFailed", target: "#client.transfer.failed" },
                  { guard: "replyIsCompletion", target: "sizeCheck", actions: "keepType" },
                  { target: "#client.transfer.failed" },
                ],
              },
            },
            sizeCheck: {
              always: [{ guard: "isRetr", target: "sizing" }, { target: "commanding" }],
            },
            sizing: {
              entry: "sendSize",
              after: { response: "#client.silent" },
              on: {
                REPLY: [
                  { guard: and(["dataFailed", "viaEpsv"]), target: "#client.transfer.passive", actions: ["disableEpsv", "sayEpsvDisabled"] },
                  { guard: "dataFailed", target: "#client.transfer.failed" },
                  // curl: "The file does not exist" — RETR is never sent.
                  { guard: { type: "replyIs", params: { code: 550 } }, target: "#client.transfer.failed" },
                  { target: "commanding" },
                ],
              },
            },
            commanding: {
              entry: ["sendTransferCommand", "noteCommandSent"],
              after: { response: "#client.silent" },
              on: {
                REPLY: [
                  // The data connection already failed: nothing to start; wait for the server's verdict.
                  { guard: and(["replyIsPreliminary", "dataFailed"]), target: "waiting" },
                  { guard: "replyIsPreliminary", target: "waiting", actions: "tellDataGo" },
                  { target: "#client.transfer.failed" },
                ],
              },
            },
            waiting: {
              after: { response: "#client.silent" },
              on: {
                REPLY: [
                  { guard: and(["replyIsCompletion", "dataDone"]), target: "#client.transfer.succeeded", actions: "keepFinalReply" },
                  { guard: and(["replyIsCompletion", "dataFailed"]), target: "#client.transfer.failed" },
                  { guard: "replyIsCompletion", actions: "keepFinalReply" },
                  { guard: "replyIsPreliminary" },
                  { target: "#client.transfer.failed" },
                ],
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
    quitting: {
      entry: { type: "send", params: { line: "QUIT" } },
      after: { response: "silent" },
      on: { REPLY: { target: "done", actions: "closeControl" } },
    },
    /** The server stopped answering: give up on the session. */
    silent: {
      entry: ["recordTransferAbandoned", "noteSilence", "closeControl"],
      type: "final",
    },
    done: { type: "final" },
    disconnected: { type: "final", entry: ["recordTransferAbandoned", "closeControl"] },
  },
});
