/**
 * The client protocol interpreter (RFC 959 §2.3, "user-PI"), behaving as curl does: log in
 * (USER, PASS only when asked for it with 331; AUTH TLS, PBSZ 0 and PROT P first under FTPS),
 * PWD, then for each transfer the mode command, the data connection, TYPE, SIZE before RETR,
 * the transfer command, and both the data and the 226 before moving on. EPSV falls back to PASV
 * and EPRT to PORT, and the fallback is remembered for the rest of the session, as curl does.
 */
import { and, assertEvent, assign, not, sendTo, setup } from "xstate";
import type { Endpoint } from "../net/addresses";
import { isTransferLine } from "./commands";
import { dataTransferMachine, type DataIo, type DataTransferOutput } from "./data-transfer-machine";
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
  /** Active mode: listen on a data port and return the listening socket. */
  listen(): Endpoint;
  /** The data connection: connect to `target`, or (null) take the one that reaches the listener. */
  dataIo(target: Endpoint | null): DataIo;
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
  | { type: "DATA_OPEN" };

interface ClientContext extends ClientInput {
  index: number;
  useEpsv: boolean;
  useEprt: boolean;
  type: "A" | "I" | null;
  transfer: TransferRequest | null;
  modeCommand: ModeCommand | null;
  modeReply: number | null;
  dataTarget: Endpoint | null;
  commandSent: boolean;
  dataDone: boolean;
  finalReply: number | null;
  bytes: number;
  clientCause: string | null;
}

type DoneEvent = { output: DataTransferOutput };
const outputOf = (event: unknown): DataTransferOutput => (event as DoneEvent).output;
const replyCode = (event: ClientEvent): number | null => (event.type === "REPLY" ? event.code : null);

export const clientMachine = setup({
  types: {
    input: {} as ClientInput,
    context: {} as ClientContext,
    events: {} as ClientEvent,
  },
  actors: { dataTransfer: dataTransferMachine },
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
    typeIsSet: ({ context }) => context.type === typeFor(context.transfer!.verb),
    isRetr: ({ context }) => context.transfer!.verb === "RETR",
    dataSucceeded: ({ event }) => outputOf(event).ok,
    finalReplySeen: ({ context }) => context.finalReply !== null,
    dataDone: ({ context }) => context.dataDone,
    commandSent: ({ context }) => context.commandSent,
    viaEpsv: ({ context }) => context.modeCommand === "EPSV",
  },
  actions: {
    send: ({ context }, params: { line: string }) => context.io.send(params.line),
    sendUser: ({ context }) => context.io.send(`USER ${context.plan.userName}`),
    sendPass: ({ context }) => context.io.send(`PASS ${context.plan.password}`),
    startTls: ({ context }) => context.io.startTls(),
    recordLoginOk: ({ context }) => context.io.loginResult("ok", 230),
    recordLoginFailure: ({ context, event }) => context.io.loginResult("failed", replyCode(event)),
    sendRaw: ({ context }) => context.io.send(context.plan.commands[context.index]!),
    advance: assign({ index: ({ context }) => context.index + 1 }),
    startTransfer: assign(({ context }) => {
      const t = transferRequest(context.index, context.plan.commands[context.index]!);
      context.io.transferStarted(t);
      return {
        transfer: t,
        modeCommand: null,
        modeReply: null,
        dataTarget: null,
        commandSent: false,
        dataDone: false,
        finalReply: null,
        bytes: 0,
        clientCause: null,
      };
    }),
    sendModeCommand: assign(({ context }, params: { mode: ModeCommand }) => {
      context.io.send(modeLine(params.mode, null));
      return { modeCommand: params.mode, modeReply: null };
    }),
    keepModeReply: assign({ modeReply: ({ event }) => replyCode(event) }),
    keepPassiveTarget: assign({
      dataTarget: ({ context, event }) => {
        assertEvent(event, "REPLY");
        return passiveTarget(event.code, event.text, context.controlHost, context.plan.pasvAddress);
      },
    }),
    disableEpsv: assign(({ context }) => {
      context.io.note("Failed EPSV attempt. Disabling EPSV");
      return { useEpsv: false };
    }),
    disableEprt: assign(({ context }) => {
      context.io.note("disabling EPRT usage");
      return { useEprt: false };
    }),
    /** Active mode: listen first, then announce the socket in EPRT or PORT (RFC 959 §3.2). */
    listenAndAnnounce: assign(({ context }) => {
      const mode: ModeCommand = context.useEprt ? "EPRT" : "PORT";
      const target = announced(context.io.listen(), context.plan);
      context.io.send(modeLine(mode, target));
      return { modeCommand: mode, modeReply: null, dataTarget: target };
    }),
    sendType: ({ context }) => context.io.send(`TYPE ${typeFor(context.transfer!.verb)}`),
    keepType: assign({ type: ({ context }) => typeFor(context.transfer!.verb) }),
    sendSize: ({ context }) => context.io.send(`SIZE ${context.transfer!.arg}`),
    sendTransferCommand: assign(({ context }) => {
      context.io.send(context.transfer!.line);
      return { commandSent: true };
    }),
    /** curl accepts or starts reading the data connection once the server says 150. */
    tellDataGo: sendTo("data", { type: "GO" }),
    keepFinalReply: assign({ finalReply: ({ event }) => replyCode(event) }),
    keepDataDone: assign({ dataDone: true, bytes: ({ event }) => { const o = outputOf(event); return o.ok ? o.bytes : 0; } }),
    noteDataFailure: assign({
      clientCause: ({ event }) => {
        const o = outputOf(event);
        return o.ok ? null : `the client's data connection failed (${o.reason})`;
      },
    }),
    releaseData: ({ context }) => context.io.releaseData(),
    recordTransferOk: ({ context }) =>
      context.io.transferEnded({
        index: context.transfer!.index,
        command: context.transfer!.line,
        modeCommand: context.modeCommand,
        modeReply: context.modeReply,
        result: "ok",
        reply: context.finalReply,
        clientCause: null,
        bytes: context.bytes,
      }),
    recordTransferFailed: ({ context, event }) =>
      context.io.transferEnded({
        index: context.transfer!.index,
        command: context.transfer!.line,
        modeCommand: context.modeCommand,
        modeReply: context.modeReply,
        result: "failed",
        reply: event.type === "REPLY" ? event.code : null,
        clientCause: context.clientCause,
        bytes: context.bytes,
      }),
    closeControl: ({ context }) => context.io.closeControl(),
  },
}).createMachine({
  id: "client",
  context: ({ input }) => ({
    ...input,
    index: 0,
    useEpsv: input.plan.extended,
    useEprt: input.plan.extended,
    type: null,
    transfer: null,
    modeCommand: null,
    modeReply: null,
    dataTarget: null,
    commandSent: false,
    dataDone: false,
    finalReply: null,
    bytes: 0,
    clientCause: null,
  }),
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
      on: {
        REPLY: [
          { guard: { type: "replyIs", params: { code: 234 } }, target: "securing" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    securing: {
      entry: "startTls",
      on: { TLS_READY: "user" },
    },
    user: {
      entry: "sendUser",
      on: {
        REPLY: [
          { guard: { type: "replyIs", params: { code: 230 } }, target: "loggedIn" },
          { guard: { type: "replyIs", params: { code: 331 } }, target: "password" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    password: {
      entry: "sendPass",
      on: {
        REPLY: [
          { guard: { type: "replyIs", params: { code: 230 } }, target: "loggedIn" },
          { target: "quitting", actions: "recordLoginFailure" },
        ],
      },
    },
    loggedIn: {
      entry: "recordLoginOk",
      always: [{ guard: "usesTls", target: "protectionBuffer" }, { target: "workingDirectory" }],
    },
    protectionBuffer: {
      // RFC 4217 §9: PBSZ 0 then PROT P, so data connections are protected too.
      entry: { type: "send", params: { line: "PBSZ 0" } },
      on: { REPLY: "protection" },
    },
    protection: {
      entry: { type: "send", params: { line: "PROT P" } },
      on: { REPLY: "workingDirectory" },
    },
    workingDirectory: {
      entry: { type: "send", params: { line: "PWD" } },
      on: { REPLY: "nextCommand" },
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
      on: {
        REPLY: [{ guard: "replyIsPreliminary" }, { target: "nextCommand", actions: "advance" }],
      },
    },
    transfer: {
      entry: "startTransfer",
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
          entry: { type: "sendModeCommand", params: { mode: "EPSV" } },
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "data", actions: ["keepModeReply", "keepPassiveTarget"] },
              { target: "passive", actions: ["keepModeReply", "disableEpsv"] },
            ],
          },
        },
        passive: {
          entry: { type: "sendModeCommand", params: { mode: "PASV" } },
          on: {
            REPLY: [
              { guard: "usablePassiveReply", target: "data", actions: ["keepModeReply", "keepPassiveTarget"] },
              { target: "failed", actions: "keepModeReply" },
            ],
          },
        },
        retryWithPort: {
          always: { target: "data" },
        },
        data: {
          exit: "releaseData",
          invoke: {
            id: "data",
            src: "dataTransfer",
            input: ({ context }) => {
              const passive = context.plan.mode === "passive";
              const t = context.transfer!;
              const sending = t.verb === "STOR" || t.verb === "APPE";
              return {
                io: context.io.dataIo(passive ? context.dataTarget : null),
                direction: sending ? "send" : "receive",
                content: sending ? uploadContent(context.plan, t.arg) : "",
                openTimeoutMs: passive ? context.plan.connectTimeoutMs : null,
              } as const;
            },
            onDone: [
              { guard: and(["dataSucceeded", "finalReplySeen"]), target: "succeeded", actions: "keepDataDone" },
              { guard: "dataSucceeded", actions: "keepDataDone" },
              // curl: a failed EPSV data connection means "try PASV" (ftp_epsv_disable).
              { guard: and([not("commandSent"), "viaEpsv"]), target: "passive", actions: "disableEpsv" },
              { guard: not("commandSent"), target: "failed", actions: "noteDataFailure" },
              { actions: "noteDataFailure" },
            ],
          },
          initial: "routing",
          states: {
            routing: {
              always: [{ guard: "isPassive", target: "connecting" }, { target: "announcing" }],
            },
            announcing: {
              entry: "listenAndAnnounce",
              on: {
                REPLY: [
                  { guard: "replyIsCompletion", target: "typeCheck", actions: "keepModeReply" },
                  { guard: "wantsEprt", target: "#client.transfer.retryWithPort", actions: ["keepModeReply", "disableEprt"] },
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
              on: {
                REPLY: [
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
              on: {
                REPLY: [
                  // curl: "The file does not exist" — RETR is never sent.
                  { guard: { type: "replyIs", params: { code: 550 } }, target: "#client.transfer.failed" },
                  { target: "commanding" },
                ],
              },
            },
            commanding: {
              entry: "sendTransferCommand",
              on: {
                REPLY: [
                  { guard: "replyIsPreliminary", target: "waiting", actions: "tellDataGo" },
                  { target: "#client.transfer.failed" },
                ],
              },
            },
            waiting: {
              on: {
                REPLY: [
                  { guard: and(["replyIsCompletion", "dataDone"]), target: "#client.transfer.succeeded", actions: "keepFinalReply" },
                  { guard: "replyIsCompletion", actions: "keepFinalReply" },
                  { guard: "replyIsPreliminary" },
                  { target: "#client.transfer.failed" },
                ],
              },
            },
          },
        },
        succeeded: {
          entry: "recordTransferOk",
          always: { target: "#client.nextCommand", actions: "advance" },
        },
        failed: {
          entry: "recordTransferFailed",
          always: { target: "#client.nextCommand", actions: "advance" },
        },
      },
    },
    quitting: {
      entry: { type: "send", params: { line: "QUIT" } },
      on: { REPLY: { target: "done", actions: "closeControl" } },
    },
    done: { type: "final" },
    disconnected: { type: "final", entry: "closeControl" },
  },
});
