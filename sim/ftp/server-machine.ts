/**
 * The server protocol interpreter (RFC 959 §2.3, "server-PI"), behaving as vsftpd 3.0.3 does:
 * it greets, reads one command at a time, answers each with `decide`, and for a transfer hands
 * the data connection to a data transfer process, replying 150 once that connection is open and
 * 226 when it is done, or 425 when it could not be opened. A program that answers at once, before
 * the connection is open (FileZilla Server), says so in its TransferWords.early.
 */
import { assertEvent, assign, sendTo, setup } from "xstate";
import type { Endpoint } from "../net/addresses";
import { dataDone, dataTransferMachine, type DataDone, type DataIo, type DataTransferInput, type DataTransferOutput } from "./data-transfer-machine";
import { formatHostPort } from "./hostport";
import type { Reply, TransferFacts } from "./replies";
import {
  decide,
  initialServerState,
  type DataPlan,
  type Decision,
  type PendingTransfer,
  type ServerPolicy,
  type ServerState,
} from "./server-session";
import { byteLength, fileContent, withFile, type FileStore } from "./files";
import { TRANSFER_VERBS } from "./transfer-verbs";

export interface ServerIo {
  reply(r: Reply): void;
  /** Listen on a port of the passive range (vsftpd closes any earlier listener first); null: none free. */
  openPassive(): Endpoint | null;
  /** Forget the data connection's listener or pending connection (pasv_cleanup / port_cleanup). */
  releaseData(): void;
  startTls(): void;
  dataIo(plan: DataPlan): DataIo;
  /** Passive: the client's data connection has already arrived from the control peer (absent: never asked). */
  dataConnected?(): boolean;
  closeControl(): void;
}

export interface ServerInput {
  io: ServerIo;
  policy: ServerPolicy;
  files: FileStore;
  /** The control connection's peer, as the server sees it. */
  peerIp: string;
  /** The address written in 227 replies: pasv_address, or the server's own. */
  passiveAddress: string | null;
  connectTimeoutMs: number;
  acceptTimeoutMs: number;
}

export type ServerEvent =
  | { type: "COMMAND"; line: string }
  | { type: "DATA_OPEN" }
  | { type: "CONTROL_CLOSED" };

interface ServerContext extends Omit<ServerInput, "files"> {
  session: ServerState;
  transfer: PendingTransfer | null;
  /** The transfer's 1yz went out before its data connection opened (TransferWords.early). */
  openedEarly: boolean;
}

type CommandEvent = Extract<ServerEvent, { type: "COMMAND" }>;

/**
 * What vsftpd does with a command line: `decide` (server-session.ts) is pure, so the guards that
 * pick the transition and the actions that carry it out share one decision per command, taken
 * from the session as the command found it.
 */
const decisions = new WeakMap<CommandEvent, Decision>();
function decisionFor(context: ServerContext, event: ServerEvent): Decision {
  assertEvent(event, "COMMAND");
  let d = decisions.get(event);
  if (!d) {
    d = decide(context.session, event.line, context.policy, context.peerIp);
    decisions.set(event, d);
  }
  return d;
}

type Output = DataDone;
const output = dataDone;

/** The data transfer process for the pending transfer: the table says which way the bytes go. */
function dataTransferInput(context: ServerContext): DataTransferInput {
  const plan = context.session.dataPlan!;
  const t = context.transfer!;
  const verb = TRANSFER_VERBS[t.verb];
  return {
    io: context.io.dataIo(plan),
    direction: verb.sender === "server" ? "send" : "receive",
    content: verb.sender === "server" ? verb.content(t.name, context.session.files) : "",
    openTimeoutMs: plan.kind === "port" ? context.connectTimeoutMs : context.acceptTimeoutMs,
  };
}

/**
 * What a program may word a transfer's replies with (replies.ts's TransferWords); `files` as the
 * transfer leaves them (the completion of an upload counts the stored file).
 */
function transferFacts(context: ServerContext, failure?: string, files: FileStore = context.session.files): TransferFacts {
  const t = context.transfer!;
  const verb = TRANSFER_VERBS[t.verb];
  const plan = context.session.dataPlan;
  return {
    verb: t.verb,
    name: t.name,
    activePort: plan?.kind === "port" ? plan.endpoint.port : null,
    entries: Object.keys(files).length,
    bytes: byteLength(verb.sender === "server" ? verb.content(t.name, files) : (fileContent(files, t.name) ?? "")),
    type: context.session.type,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** The session's files once the transfer is over: with the upload when one arrived whole. */
function storedFiles(context: ServerContext, output: DataTransferOutput): FileStore {
  const t = context.transfer!;
  const verb = TRANSFER_VERBS[t.verb];
  const files = context.session.files;
  if (!output.ok || verb.sender !== "client") return files;
  return withFile(files, t.name, verb.stored(fileContent(files, t.name), output.received));
}

/** The program's reply to the transfer command before its data connection opens, if it sends one then. */
function earlyReply(context: ServerContext): Reply | null {
  const early = context.policy.replies.transferWords?.early;
  if (!early) return null;
  const plan = context.session.dataPlan;
  return early(transferFacts(context), plan?.kind === "pasv" && (context.io.dataConnected?.() ?? false));
}

export const serverMachine = setup({
  types: {
    input: {} as ServerInput,
    context: {} as ServerContext,
    events: {} as ServerEvent,
  },
  actors: { dataTransfer: dataTransferMachine },
  guards: {
    decided: ({ context, event }, params: { kind: Decision["kind"] }) => decisionFor(context, event).kind === params.kind,
    /** A reply that changes the session (TYPE, a login, PORT's plan …): the one assign of the command. */
    patches: ({ context, event }) => {
      const d = decisionFor(context, event);
      return d.kind === "reply" && d.patch !== undefined;
    },
    transferSucceeded: (_, params: Output) => params.output.ok,
    peerWasForeign: (_, params: Output) => !params.output.ok && params.output.reason === "bad-ip",
  },
  actions: {
    greet: ({ context }) => context.io.reply(context.policy.replies.greeting),
    applyDecision: assign({
      session: ({ context, event }) => {
        const d = decisionFor(context, event);
        return d.kind === "reply" && d.patch ? { ...context.session, ...d.patch } : context.session;
      },
    }),
    /** The decided reply; PORT and EPRT forget the earlier data connection first (port_cleanup). */
    answer: ({ context, event }) => {
      const d = decisionFor(context, event);
      if (d.kind !== "reply") return;
      if (d.releaseData) context.io.releaseData();
      context.io.reply(d.reply);
    },
    acceptTls: ({ context }) => {
      context.io.reply(context.policy.replies.authProceed);
      context.io.startTls();
    },
    markTlsActive: assign({ session: ({ context }) => ({ ...context.session, tlsActive: true }) }),
    openPassiveListener: ({ context, event }) => {
      const d = decisionFor(context, event);
      const extended = d.kind === "passive" && d.extended;
      // RFC 959 §4.1.2 PASV: the reply carries the address and port the server now listens on.
      const listening = context.io.openPassive();
      if (!listening) {
        // vsftpd dies when it cannot bind a passive port: the session ends.
        context.io.reply(context.policy.replies.oopsBind);
        context.io.closeControl();
        return;
      }
      const advertised = { ip: context.passiveAddress ?? listening.ip, port: listening.port };
      context.io.reply(extended ? context.policy.replies.extendedPassive(listening.port) : context.policy.replies.passive(formatHostPort(advertised)));
    },
    planPassive: assign({
      session: ({ context, event }) => {
        const d = decisionFor(context, event);
        return { ...context.session, dataPlan: { kind: "pasv", extended: d.kind === "passive" && d.extended } as const };
      },
    }),
    releaseData: ({ context }) => context.io.releaseData(),
    /** The transfer, and whether its 1yz goes out at once (TransferWords.early): one assign. */
    beginTransfer: assign(({ context, event }) => {
      const d = decisionFor(context, event);
      const transfer = d.kind === "transfer" ? d.transfer : null;
      return { transfer, openedEarly: earlyReply({ ...context, transfer }) !== null };
    }),
    tellDataGo: sendTo("data", { type: "GO" }),
    /** TransferWords.early: the 1yz at once, as the data connection is being set up (FileZilla Server). */
    replyEarly: ({ context }) => {
      const r = earlyReply(context);
      if (r) context.io.reply(r);
    },
    replyOpening: ({ context }) => {
      if (context.openedEarly) return;
      context.io.reply(
        context.policy.replies.transferWords?.opening(transferFacts(context)) ??
          TRANSFER_VERBS[context.transfer!.verb].opening(context.transfer!.name, context.session.files, context.policy.replies),
      );
    },
    replyComplete: ({ context }, { output }: Output) =>
      context.io.reply(
        context.policy.replies.transferWords?.completion(transferFacts(context, undefined, storedFiles(context, output))) ??
          TRANSFER_VERBS[context.transfer!.verb].completion(context.policy.replies),
      ),
    replyBadIp: ({ context }) => context.io.reply(context.policy.replies.badIpConnecting),
    replyNoConnection: ({ context }, { output }: Output) => {
      // RFC 959 §4.2: opened, then lost is 426 (vsftpd's "Failure writing network stream"); never opened, 425.
      if (!output.ok && output.reason.startsWith("lost")) {
        context.io.reply(TRANSFER_VERBS[context.transfer!.verb].sender === "client" ? context.policy.replies.readFailed : context.policy.replies.writeFailed);
      } else context.io.reply(context.policy.replies.transferWords?.noConnection(transferFacts(context, output.ok ? undefined : output.reason)) ?? context.policy.replies.failedToConnect);
    },
    /**
     * The transfer is over: an upload that arrived whole is stored (STOR replaces, APPE appends),
     * and the session forgets the transfer and its data plan, in one assign.
     */
    endTransfer: assign(({ context }, params: Output) => ({
      transfer: null,
      openedEarly: false,
      session: { ...context.session, files: storedFiles(context, params.output), dataPlan: null },
    })),
    dieWithOops: ({ context, event }) => {
      const d = decisionFor(context, event);
      context.io.releaseData();
      if (d.kind === "oops") context.io.reply(d.reply);
      context.io.closeControl();
    },
    sayGoodbye: ({ context }) => {
      context.io.releaseData();
      context.io.reply(context.policy.replies.goodbye);
      context.io.closeControl();
    },
    dropSession: ({ context }) => context.io.releaseData(),
  },
}).createMachine({
  id: "server",
  context: ({ input }) => ({
    io: input.io,
    policy: input.policy,
    peerIp: input.peerIp,
    passiveAddress: input.passiveAddress,
    connectTimeoutMs: input.connectTimeoutMs,
    acceptTimeoutMs: input.acceptTimeoutMs,
    session: initialServerState(input.files),
    transfer: null,
    openedEarly: false,
  }),
  initial: "ready",
  entry: "greet",
  on: {
    CONTROL_CLOSED: { target: ".gone", actions: "dropSession" },
  },
  states: {
    ready: {
      tags: ["ready"],
      on: {
        // One transition per command: the decision picks it (a reply keeps the session ready).
        // The kinds exclude each other, so the commonest (a reply) is asked first: most commands
        // then cost one or two guards instead of seven.
        COMMAND: [
          { guard: "patches", actions: ["applyDecision", "answer"] },
          { guard: { type: "decided", params: { kind: "reply" } }, actions: "answer" },
          { guard: { type: "decided", params: { kind: "passive" } }, actions: ["releaseData", "openPassiveListener", "planPassive"] },
          { guard: { type: "decided", params: { kind: "transfer" } }, target: "transferring", actions: "beginTransfer" },
          { guard: { type: "decided", params: { kind: "quit" } }, target: "closed", actions: "sayGoodbye" },
          { guard: { type: "decided", params: { kind: "auth" } }, actions: ["acceptTls", "markTlsActive"] },
          { guard: { type: "decided", params: { kind: "oops" } }, target: "closed", actions: "dieWithOops" },
        ],
      },
    },
    transferring: {
      entry: "replyEarly",
      invoke: {
        id: "data",
        src: "dataTransfer",
        input: ({ context }) => dataTransferInput(context),
        onDone: [
          {
            guard: { type: "transferSucceeded", params: output },
            target: "ready",
            actions: ["releaseData", { type: "replyComplete", params: output }, { type: "endTransfer", params: output }],
          },
          { guard: { type: "peerWasForeign", params: output }, target: "ready", actions: ["releaseData", "replyBadIp", { type: "endTransfer", params: output }] },
          { target: "ready", actions: ["releaseData", { type: "replyNoConnection", params: output }, { type: "endTransfer", params: output }] },
        ],
      },
      // RFC 959 §5.4: 150 first, then the bytes flow.
      on: { DATA_OPEN: { actions: ["replyOpening", "tellDataGo"] } },
    },
    closed: { type: "final" },
    gone: { type: "final" },
  },
});
