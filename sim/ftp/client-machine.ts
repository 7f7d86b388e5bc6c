/**
 * The client protocol interpreter (RFC 959 §2.3, "user-PI"), behaving as the scenario's client
 * program does (its profile, sim/software): log in (what it sends before USER; USER, PASS only
 * when asked for it with 331; AUTH TLS, PBSZ 0 and PROT P first under FTPS), what it sends once
 * logged in (curl: PWD), then for each transfer the commands before the mode command (TYPE, SIZE,
 * MDTM), the mode command, the data connection, curl's TYPE and SIZE once it is open, the transfer
 * command, both the data and the 226, and what it sends after (MDTM, SITE UTIME). When a mode
 * fails it falls back as the program does: EPSV to PASV and EPRT to PORT (RFC 2428), remembered
 * for the session; PORT to LPRT (RFC 1639); to the other mode in the same session, or on a new
 * control connection (lftp). It never sends a command before the previous one has its reply (no
 * pipelining), and it gives up on a server that stays silent for its response timeout.
 *
 * Once its data connection is being set up (`connection`), a transfer is two things at once: the
 * commands and replies on the control connection (the state) and the data connection, run by the
 * data transfer process (an invoked actor whose end the transfer keeps as its data verdict). Each
 * ends in a verdict — the server completed or refused the transfer, or the client withdrew it; the
 * connection is done or failed — and the transfer ends when the verdicts decide it (the join).
 * The data connection is not a parallel region of its own: xstate's work per event grows with the
 * states active at once, and the region's only use was its verdict.
 */
import { and, assertEvent, assign, sendTo, setup, stateIn } from "xstate";
import type { Endpoint } from "../net/addresses";
import { isTransferLine } from "./commands";
import { dataDone, dataTransferMachine, type DataDone, type DataIo, type DataTransferInput } from "./data-transfer-machine";
import {
  announced,
  lprtLine,
  modeLine,
  passiveFixNote,
  passiveTarget,
  prepLines,
  refusesPassiveAddress,
  transferRequest,
  uploadContent,
  type ClientPlan,
  type TransferRequest,
} from "./client-session";
import { isCompletion, isPreliminary } from "./replies";
import { TRANSFER_VERBS } from "./transfer-verbs";
import type { ClientMode, VerbHabit } from "../software/client-profile";
import type { ModeCommand } from "../trace/events";

/**
 * A program with no response timeout of its own (tnftp, inetutils ftp, ftplib's FTP()) waits for
 * ever; the scenario's time limit ends the session first.
 */
export const FOREVER_MS = 7 * 24 * 3_600_000;

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
  /** Open a new control connection (the old one is closed): CONTROL_OPEN or CONTROL_FAILED follows. */
  reconnect(): void;
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

/** What the client host tells the machine (the console's machine hears the same, and a little more). */
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
  /** The data connection's verdict, for the join: null until its transfer process ends. */
  dataVerdict: "done" | "failed" | null;
  /** Why the data connection failed, for the summary. */
  dataFailure: string | null;
  /** The server's 2yz to the transfer command, kept when it came before the data verdict. */
  finalReply: number | null;
  bytes: number;
}

interface ClientContext extends ClientInput {
  index: number;
  /** The mode of the next data connection: the scenario's, until a fallback switches it. */
  mode: ClientMode;
  useEpsv: boolean;
  useEprt: boolean;
  type: "A" | "I" | null;
  transfer: TransferProgress | null;
  /** Commands to send one by one, each after the previous one's reply (before login, after it, around a transfer). */
  queue: readonly string[];
  /** The transfer already tried the other mode (FileZilla, WinSCP and tnftp switch once). */
  switched: boolean;
  /** A new control connection is logging in to take up the transfer where it stopped (lftp). */
  resuming: boolean;
}

type Output = DataDone;
const output = dataDone;
const replyCode = (event: ClientEvent): number | null => (event.type === "REPLY" ? event.code : null);
const progress = (context: ClientContext): TransferProgress => context.transfer!;
const program = (context: ClientContext) => context.plan.program;
const habitOf = (context: ClientContext): VerbHabit => program(context).conversation.verbs[progress(context).verb];

type ReplyEvent = Extract<ClientEvent, { type: "REPLY" }>;

/**
 * Where a 227/229 sends the data connection (null: nowhere usable), read once per reply: each
 * passive route's guard and the action that keeps it ask for it.
 */
const passiveTargets = new WeakMap<ReplyEvent, Endpoint | null>();
function passiveTargetOf(context: ClientContext, event: ClientEvent): Endpoint | null {
  if (event.type !== "REPLY") return null;
  let target = passiveTargets.get(event);
  if (target === undefined) {
    target = passiveTarget(event.code, event.text, context.controlHost, context.plan);
    passiveTargets.set(event, target);
  }
  return target;
}

/** What the data transfer process gets: connect in passive mode, accept in active mode. */
function dataTransferInput(context: ClientContext): DataTransferInput {
  const passive = context.mode === "passive";
  const t = progress(context);
  const sending = TRANSFER_VERBS[t.verb].sender === "client";
  return {
    io: context.io.dataIo(passive ? t.dataTarget : null),
    direction: sending ? "send" : "receive",
    content: sending ? uploadContent(context.plan, t.arg) : "",
    openTimeoutMs: passive ? context.io.connectBudgetMs() : program(context).acceptTimeoutMs,
  };
}

/** The lines sent before the mode command, or after the transfer. */
function transferLines(context: ClientContext, when: "before" | "after"): string[] {
  const t = progress(context);
  const habit = habitOf(context);
  return prepLines(habit[when], habit, t.arg, context.type, program(context).conversation.typeEveryTime);
}

/** A refusal among the commands before the transfer that ends it: TYPE not accepted; SIZE's 550 ("The file does not exist"). */
function prepRefused(line: string, code: number): boolean {
  if (line.startsWith("TYPE ")) return !isCompletion(code);
  return line.startsWith("SIZE ") && code === 550;
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

/** The transfer's record as it starts, or (after a reconnect, lftp) as it takes up again. */
function beginning(context: ClientContext): Pick<ClientContext, "transfer"> & Partial<Pick<ClientContext, "resuming" | "switched">> {
  const unconnected = { modeCommand: null, modeReply: null, dataTarget: null, dataVerdict: null, dataFailure: null } as const;
  if (context.resuming && context.transfer) return { resuming: false, transfer: { ...context.transfer, ...unconnected } };
  const t = transferRequest(context.index, context.plan.commands[context.index]!);
  return { switched: false, transfer: { ...t, ...unconnected, finalReply: null, bytes: 0 } };
}

/** The scenario's command `ahead` of the index, null past the last. */
const commandAhead = (context: ClientContext, ahead: 0 | 1): string | null => context.plan.commands[context.index + ahead] ?? null;

const patch = (context: ClientContext, change: Partial<TransferProgress>): { transfer: TransferProgress } => ({ transfer: { ...progress(context), ...change } });

const CONNECTION = "#client.connection";

const client = setup({
  types: {
    input: {} as ClientInput,
    context: {} as ClientContext,
    events: {} as ClientEvent,
  },
  actors: { dataTransfer: dataTransferMachine },
  delays: {
    response: ({ context }) => program(context).responseTimeoutMs ?? FOREVER_MS,
    reconnect: ({ context }) => program(context).fallbacks.reconnectDelayMs,
  },
  guards: {
    replyIs: ({ event }, params: { code: number }) => replyCode(event) === params.code,
    replyIsPreliminary: ({ event }) => isPreliminary(replyCode(event) ?? 0),
    replyIsCompletion: ({ event }) => isCompletion(replyCode(event) ?? 0),
    usesTls: ({ context }) => context.plan.tls,
    loggingIn: stateIn("#client.login"),
    resuming: ({ context }) => context.resuming,
    queueEmpty: ({ context }) => context.queue.length === 0,
    greeted: ({ event }) => replyCode(event) === 220,
    loginAccepted: ({ event }) => replyCode(event) === 230,
    nothingBeforeLogin: ({ context }) => program(context).conversation.beforeLogin.length === 0,
    nothingAfterLogin: ({ context }) => context.resuming || program(context).conversation.afterLogin.length === 0,
    lastQueued: ({ context }) => context.queue.length === 1,
    nothingAfterTransfer: ({ context }) => transferLines(context, "after").length === 0,
    queuedRefused: ({ context, event }) => event.type === "REPLY" && prepRefused(context.queue[0] ?? "", event.code),
    // The scenario's next command: the one at the index after the login; as a command ends, the
    // one after it (read before the index moves on to it).
    noMoreCommands: ({ context }) => commandAhead(context, 0) === null,
    nextIsTransfer: ({ context }) => isTransferLine(commandAhead(context, 0) ?? ""),
    lastCommandEnded: ({ context }) => commandAhead(context, 1) === null,
    transferFollows: ({ context }) => isTransferLine(commandAhead(context, 1) ?? ""),
    wantsEpsv: ({ context }) => context.mode === "passive" && context.useEpsv,
    isPassive: ({ context }) => context.mode === "passive",
    wantsEprt: ({ context }) => context.useEprt,
    commandFirst: ({ context }) => program(context).conversation.commandBeforeConnect,
    usablePassiveReply: ({ context, event }) => passiveTargetOf(context, event) !== null,
    refusedPassiveAddress: ({ context, event }) => event.type === "REPLY" && refusesPassiveAddress(event.code, event.text, context.controlHost, context.plan),
    abortsOnMismatch: ({ context }) => program(context).pasvMismatch?.abort === true,
    typeIsSet: ({ context }) => !habitOf(context).afterConnect.includes("TYPE") || context.type === habitOf(context).type,
    sizeFirst: ({ context }) => habitOf(context).afterConnect.includes("SIZE"),
    dataSucceeded: (_, params: Output) => params.output.ok,
    completionKept: ({ context }) => progress(context).finalReply !== null,
    viaEpsv: ({ context }) => progress(context).modeCommand === "EPSV",
    viaPort: ({ context }) => progress(context).modeCommand === "PORT",
    // The program's fallbacks (sim/software's Fallbacks); a switch to the other mode happens once.
    reconnectsOnEpsv: ({ context }) => program(context).fallbacks.epsvFailed === "reconnect",
    activeAfterPasvRefused: ({ context }) => program(context).fallbacks.pasvRefused === "active" && !context.switched,
    activeAfterConnectFailed: ({ context }) => program(context).fallbacks.passiveConnectFailed === "active" && !context.switched,
    pasvAfterConnectFailed: ({ context }) => program(context).fallbacks.passiveConnectFailed === "pasv",
    lprtAfterPort: ({ context }) => program(context).fallbacks.portRefused === "lprt",
    passiveAfterPort: ({ context }) => program(context).fallbacks.portRefused === "passive" && !context.switched,
    reconnectsOnPort: ({ context }) => program(context).fallbacks.portRefused === "reconnect" && !context.switched,
    // The data connection's verdict, as the join and the control conversation read it.
    dataDone: ({ context }) => progress(context).dataVerdict === "done",
    dataFailed: ({ context }) => progress(context).dataVerdict === "failed",
  },
  actions: {
    send: ({ context }, params: { line: string }) => context.io.send(params.line),
    sendUser: ({ context }) => context.io.send(`USER ${context.plan.userName}`),
    sendPass: ({ context }) => context.io.send(`PASS ${context.plan.password}`),
    sendRaw: ({ context }) => context.io.send(context.plan.commands[context.index]!),
    startTls: ({ context }) => context.io.startTls(),
    recordLoginOk: ({ context }) => {
      // A login on a new control connection continues the session: the first one was recorded.
      if (!context.resuming) context.io.loginResult("ok", 230);
    },
    recordLoginFailure: ({ context, event }) => context.io.loginResult("failed", replyCode(event)),
    advance: assign({ index: ({ context }) => context.index + 1 }),
    queueBeforeLogin: assign({ queue: ({ context }) => program(context).conversation.beforeLogin }),
    queueAfterLogin: assign({ queue: ({ context }) => (context.resuming ? [] : program(context).conversation.afterLogin) }),
    /** The transfer succeeded: the commands the program sends after it are queued, and the transfer is over. */
    finishTransfer: assign(({ context }) => ({ queue: transferLines(context, "after"), transfer: null })),
    sendQueued: ({ context }) => context.io.send(context.queue[0]!),
    /** The reply to the queue's head: a TYPE the server accepted is the session's type now. */
    dequeue: assign(({ context, event }) => {
      const head = context.queue[0] ?? "";
      const accepted = head.startsWith("TYPE ") && isCompletion(replyCode(event) ?? 0);
      return { queue: context.queue.slice(1), type: accepted ? (head.slice(5) as "A" | "I") : context.type };
    }),
    /** A transfer starts, or (after a reconnect) takes up again where it stopped; the program's commands before it are queued. */
    beginTransfer: assign(({ context }) => {
      const begun = beginning(context);
      return { ...begun, queue: transferLines({ ...context, ...begun }, "before") };
    }),
    announceTransfer: ({ context }) => {
      if (!context.resuming) context.io.transferStarted(transferRequest(context.index, context.plan.commands[context.index]!));
    },
    noteModeCommand: assign(({ context }, params: { mode: ModeCommand }) => patch(context, { modeCommand: params.mode, modeReply: null })),
    sendModeCommand: ({ context }, params: { mode: ModeCommand }) => context.io.send(modeLine(params.mode, null)),
    keepModeReply: assign(({ context, event }) => patch(context, { modeReply: replyCode(event) })),
    /**
     * A usable 227/229: its code, and where the data connection goes. A new data connection: an
     * earlier one's failure (EPSV's, before PASV) no longer explains anything.
     */
    keepPassiveReply: assign(({ context, event }) => {
      assertEvent(event, "REPLY");
      return patch(context, { modeReply: event.code, dataTarget: passiveTargetOf(context, event), dataVerdict: null, dataFailure: null });
    }),
    /** The program's own remark when it replaced a 227 address it judged wrong (sim/software's PasvFix). */
    notePassiveFix: ({ context, event }) => {
      assertEvent(event, "REPLY");
      const note = passiveFixNote(event.code, event.text, context.controlHost, context.plan);
      if (note) context.io.note(note);
    },
    notePassiveMismatch: ({ context }) => context.io.note(program(context).pasvMismatch!.note),
    disableEpsv: assign({ useEpsv: false }),
    sayEpsvDisabled: ({ context }) => {
      const text = program(context).messages.epsvDisabled;
      if (text) context.io.note(text);
    },
    disableEprt: assign({ useEprt: false }),
    sayEprtDisabled: ({ context }) => {
      const text = program(context).messages.eprtDisabled;
      if (text) context.io.note(text);
    },
    /** Fallback to the other mode: the program's words, if it says anything. */
    switchMode: assign(({ context }, params: { to: ClientMode }) => {
      const text = params.to === "passive" ? program(context).messages.switchToPassive : program(context).messages.switchToActive;
      if (text) context.io.note(text);
      return { mode: params.to, switched: true };
    }),
    /** Active mode, RFC 959 §3.2: listen first, then announce the socket in EPRT or PORT. */
    openListener: ({ context }) => context.io.listen(),
    /** The listener is the new data connection's: as keepPassiveReply, an earlier failure is forgotten. */
    keepAnnounced: assign(({ context, event }) => {
      assertEvent(event, "LISTENING");
      return patch(context, { modeCommand: context.useEprt ? "EPRT" : "PORT", modeReply: null, dataTarget: announced(event.socket, context.plan), dataVerdict: null, dataFailure: null });
    }),
    sendAnnouncement: ({ context }) => {
      const t = progress(context);
      context.io.send(modeLine(t.modeCommand!, t.dataTarget));
    },
    /** RFC 1639 §2: the same socket announced as LPRT (inetutils ftp, after a refused PORT). */
    sendLongAnnouncement: ({ context }) => context.io.send(lprtLine(progress(context).dataTarget!)),
    sendType: ({ context }) => context.io.send(`TYPE ${habitOf(context).type}`),
    keepType: assign({ type: ({ context }) => habitOf(context).type }),
    sendSize: ({ context }) => context.io.send(`SIZE ${progress(context).arg}`),
    sendTransferCommand: ({ context }) => context.io.send(progress(context).line),
    /** The client accepts or starts reading the data connection once the server says 150. */
    tellDataGo: sendTo("data", { type: "GO" }),
    keepFinalReply: assign(({ context, event }) => patch(context, { finalReply: replyCode(event) })),
    keepDataDone: assign(({ context }, params: Output) => patch(context, { dataVerdict: "done", bytes: params.output.ok ? params.output.bytes : 0 })),
    keepDataFailure: assign(({ context }, params: Output) => patch(context, { dataVerdict: "failed", dataFailure: params.output.ok ? null : params.output.reason })),
    releaseData: ({ context }) => context.io.releaseData(),
    clearTransfer: assign({ transfer: null }),
    /** The 2yz that completed the transfer: the event's, or the one kept while the data connection was still moving. */
    recordTransferOk: ({ context, event }) => context.io.transferEnded(summary(context, "ok", replyCode(event) ?? progress(context).finalReply)),
    /** The event that ended the transfer is the one that completed the join: a reply, or the data connection's end. */
    recordTransferFailed: ({ context, event }) => context.io.transferEnded(summary(context, "failed", replyCode(event))),
    recordTransferAbandoned: ({ context }) => {
      if (context.transfer) context.io.transferEnded(summary(context, "failed", null));
    },
    noteSilence: ({ context }) => {
      const ms = program(context).responseTimeoutMs ?? FOREVER_MS;
      context.io.note(program(context).messages.silence(ms / 1000));
    },
    closeControl: ({ context }) => context.io.closeControl(),
    /** lftp: a new control connection, and the same transfer on it; the session's TYPE starts afresh. */
    prepareReconnect: assign({ resuming: true, type: null, queue: [] }),
    reconnect: ({ context }) => context.io.reconnect(),
  },
});

type StateConfig = NonNullable<Parameters<typeof client.createMachine>[0]["states"]>[string];

/**
 * A state that waits for the server (a reply, or its half of the TLS handshake). The client gives
 * up on a server silent for its response timeout, counted afresh in each such state; silence
 * during the login is also the login's failure.
 */
const awaitingReply = (state: StateConfig): StateConfig => ({
  ...state,
  after: {
    response: [{ guard: "loggingIn", target: "#client.silent", actions: "recordLoginFailure" }, { target: "#client.silent" }],
  },
});

/** A transition's guard and actions, as the machine's config takes them. */
type Transition = Extract<NonNullable<StateConfig["always"]>, { guard?: unknown }>;
type GuardName = Extract<NonNullable<Transition["guard"]>, string>;
type ClientAction = Extract<NonNullable<Transition["actions"]>, string | { type: string }>;

/** One way on, taken when all its guards hold (the first route that holds wins). */
interface Route {
  readonly guards?: readonly GuardName[];
  readonly target: string;
  readonly actions?: readonly ClientAction[];
  readonly reenter?: boolean;
}

/**
 * The transitions of `routes`, taken when `when` holds too, each with `actions` first: a decision
 * the machine would otherwise make in an eventless state of its own, one microstep later.
 */
function via(routes: readonly Route[], when?: GuardName, actions: readonly ClientAction[] = []): Route[] {
  return routes.map((r) => ({ ...r, guards: [...(when ? [when] : []), ...(r.guards ?? [])], actions: [...actions, ...(r.actions ?? [])] }));
}

/** Routes as the machine's transitions. */
function transitions(routes: readonly Route[]): Transition[] {
  return routes.map(({ guards = [], target, actions = [], reenter }): Transition => ({
    ...(guards.length === 0 ? {} : { guard: guards.length === 1 ? guards[0] : and([...guards]) }),
    target,
    actions: [...actions],
    ...(reenter ? { reenter } : {}),
  }));
}

/** A passive mode command's state, entered: the command noted for the transfer's summary, then sent. */
const modeCommandEntry = (mode: "EPSV" | "PASV"): ClientAction[] => [
  { type: "noteModeCommand", params: { mode } },
  { type: "sendModeCommand", params: { mode } },
];

/** After the login's preamble: the credentials, under FTPS once the control connection is secured (RFC 4217 §4). */
const CREDENTIALS: readonly Route[] = [{ guards: ["usesTls"], target: "#client.login.auth" }, { target: "#client.login.user" }];

/** The mode command of a transfer: EPSV, PASV, or (active) the listener first. */
const CHOOSE_MODE: readonly Route[] = [
  { guards: ["wantsEpsv"], target: "#client.extendedPassive" },
  { guards: ["isPassive"], target: "#client.passive" },
  { target: CONNECTION },
];

/** Once the data connection is ready: TYPE if the program's habit wants another, SIZE if it asks first, then the transfer command. */
const SIZE_CHECK: readonly Route[] = [{ guards: ["sizeFirst"], target: `${CONNECTION}.sizing` }, { target: `${CONNECTION}.commanding` }];
const TYPE_CHECK: readonly Route[] = [...via(SIZE_CHECK, "typeIsSet"), { target: `${CONNECTION}.typing` }];

/**
 * Passive mode with a usable 227/229: the data connection opens at once; a program that sends
 * its commands first (commandFirst) starts on them meanwhile, the others wait for the connection.
 */
const PASSIVE_CONNECTION: readonly Route[] = [...via(TYPE_CHECK, "commandFirst"), { target: `${CONNECTION}.connecting` }];

/** The first command after the login (`ahead` 0), or, as a command ends, the next one (`ahead` 1, and the index moves on): QUIT when none is left. */
const commandRoutes = (ahead: 0 | 1): readonly Route[] => {
  const actions: readonly ClientAction[] = ahead === 1 ? ["advance"] : [];
  return [
    { guards: [ahead === 1 ? "lastCommandEnded" : "noMoreCommands"], target: "#client.quitting", actions },
    // A transfer starts (announced, then its record) before its first state is entered.
    { guards: [ahead === 1 ? "transferFollows" : "nextIsTransfer"], target: "#client.preparing", actions: [...actions, "announceTransfer", "beginTransfer"] },
    // Re-entered from its own end: the next raw command.
    { target: "#client.raw", actions, reenter: true },
  ];
};
const FIRST_COMMAND = commandRoutes(0);
const NEXT_COMMAND = commandRoutes(1);

/**
 * Logged in: the first command at once when there is nothing to send first (or the login resumes
 * a transfer); otherwise what the program sends then (curl: PWD), the queue's first line in the
 * same step. Either way not through the queue's eventless `next`, one microstep later.
 */
const LOGGED_IN: readonly Route[] = [...via(FIRST_COMMAND, "nothingAfterLogin"), { target: "#client.loggedIn.sending" }];

/**
 * The transfer succeeded: what `finishing` does, and with nothing to send after it (most
 * programs) straight on to the next command; otherwise finishing's first line in the same step.
 */
const SUCCEEDED: readonly Route[] = [
  ...via(NEXT_COMMAND, "nothingAfterTransfer", ["recordTransferOk", "finishTransfer"]),
  { target: "#client.finishing.sending" },
];

/** The join once the server completed the transfer: the data connection's verdict decides it. */
const JOIN: readonly Route[] = [...via(SUCCEEDED, "dataDone"), { guards: ["dataFailed"], target: "#client.failed" }];

/**
 * The queue's commands one by one, each after the previous one's reply, then `done`. `refused`:
 * where a refusal among them goes (the commands before a transfer: TYPE, SIZE); otherwise a reply
 * is only heard. The reply to the last one leaves at once (no eventless step per reply).
 */
type Done = string | Route | readonly Route[];
const routesOf = (done: Done): readonly Route[] => (typeof done === "string" ? [{ target: done }] : "target" in done ? [done as Route] : (done as readonly Route[]));

const sendingQueue = (done: Done, refused?: string): StateConfig => ({
  initial: "next",
  states: {
    next: { always: transitions([...via(routesOf(done), "queueEmpty"), { target: "sending" }]) },
    sending: awaitingReply({
      entry: "sendQueued",
      on: {
        REPLY: [
          { guard: "replyIsPreliminary" },
          ...(refused ? [{ guard: "queuedRefused" as const, target: refused }] : []),
          ...transitions(via(routesOf(done), "lastQueued", ["dequeue"])),
          { target: "sending", reenter: true, actions: "dequeue" },
        ],
      },
    }),
  },
});

export const clientMachine = client.createMachine({
  id: "client",
  context: ({ input }) => ({
    ...input,
    index: 0,
    mode: input.plan.mode,
    useEpsv: input.plan.extended && input.plan.program.extended.passive,
    useEprt: input.plan.extended && input.plan.program.extended.active,
    type: null,
    transfer: null,
    queue: [],
    switched: false,
    resuming: false,
  }),
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
              // The queue is empty at a greeting (a session's start, or a reconnect's): with nothing to
              // send before USER, straight on to the credentials; otherwise the preamble's first line
              // in the same step (not through its queue's eventless `next`).
              ...transitions(via(via(CREDENTIALS, "nothingBeforeLogin"), "greeted")),
              { guard: "greeted", target: "preamble.sending", actions: "queueBeforeLogin" },
              { target: "#client.quitting", actions: "recordLoginFailure" },
            ],
          },
        }),
        /** What the program sends before USER (inetutils ftp's SYST, lftp's FEAT); then AUTH TLS first under FTPS. */
        preamble: sendingQueue(CREDENTIALS),
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
              ...transitions(via(LOGGED_IN, "loginAccepted", ["recordLoginOk"])),
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
              ...transitions(via(LOGGED_IN, "loginAccepted", ["recordLoginOk"])),
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
      on: { REPLY: transitions(LOGGED_IN) },
    }),
    /** What the program sends once logged in (curl: PWD; tnftp: SYST, FEAT); nothing when it logged in again to resume. */
    loggedIn: {
      entry: "queueAfterLogin",
      ...sendingQueue(FIRST_COMMAND),
    },
    raw: awaitingReply({
      entry: "sendRaw",
      on: {
        REPLY: [{ guard: "replyIsPreliminary" }, ...transitions(NEXT_COMMAND)],
      },
    }),
    // The transfer: from the commands before its mode command (`preparing`) to its end (`finishing`,
    // `failed`). Its states are the machine's own, not a compound's: xstate's work per event grows
    // with the states active at once; what entering it did is the transfer route's (commandRoutes).
    /** The program's commands before the mode command (lftp: TYPE I, SIZE, MDTM; ftplib: TYPE). */
    preparing: sendingQueue(CHOOSE_MODE, "#client.failed"),
    choosing: { always: transitions(CHOOSE_MODE) },
    extendedPassive: awaitingReply({
      entry: modeCommandEntry("EPSV"),
      on: {
        REPLY: [
          ...transitions(via(PASSIVE_CONNECTION, "usablePassiveReply", ["keepPassiveReply"])),
          // lftp: "Switching passive mode off", and active mode on a new control connection.
          { guard: "reconnectsOnEpsv", target: "#client.reconnecting", actions: ["keepModeReply", "disableEpsv", "sayEpsvDisabled", { type: "switchMode", params: { to: "active" } }] },
          { target: "epsvFailed", actions: "keepModeReply" },
        ],
      },
    }),
    /**
     * RFC 2428 (curl's ftp_epsv_disable): EPSV was refused, or its data connection failed
     * before the transfer command went out. Try PASV, and never EPSV again in this session.
     */
    epsvFailed: {
      entry: ["disableEpsv", "sayEpsvDisabled"],
      always: "passive",
    },
    passive: awaitingReply({
      entry: modeCommandEntry("PASV"),
      on: {
        REPLY: [
          { guard: "refusedPassiveAddress", target: "mismatched", actions: "keepModeReply" },
          ...transitions(via(PASSIVE_CONNECTION, "usablePassiveReply", ["keepPassiveReply", "notePassiveFix"])),
          // FileZilla, WinSCP, tnftp: PASV refused, try PORT (once).
          { guard: "activeAfterPasvRefused", target: "connection", actions: ["keepModeReply", { type: "switchMode", params: { to: "active" } }] },
          { target: "failed", actions: "keepModeReply" },
        ],
      },
    }),
    /** tnftp, inetutils ftp: the 227 names another host than the control peer; no data connection. */
    mismatched: {
      entry: "notePassiveMismatch",
      always: [{ guard: "abortsOnMismatch", target: "aborting" }, { target: "failed" }],
    },
    aborting: awaitingReply({
      entry: { type: "send", params: { line: "ABOR" } },
      on: { REPLY: "failed" },
    }),
    /**
     * The data connection is being set up: the control conversation in this state, the
     * connection in the data transfer process it invokes. The join sits on the control's
     * verdicts (a kept 2yz, refused, withdrawn): eventless, so it runs on the event that
     * completed it (its reply, if any, is the summary's), and its guards are read only once the
     * control conversation has a verdict, not on every step. The invocation is this state's:
     * its transfer process starts (and arms its open timeout) before anything the control
     * conversation arms on entry.
     */
    connection: {
      exit: "releaseData",
      invoke: {
        id: "data",
        src: "dataTransfer",
        input: ({ context }) => dataTransferInput(context),
        // The data verdict, kept for the join to read: no state of its own, no microstep more.
        onDone: [
          { guard: { type: "dataSucceeded", params: output }, actions: { type: "keepDataDone", params: output } },
          { actions: { type: "keepDataFailure", params: output } },
        ],
      },
      // Entered as a whole in active mode (the listener first); passive entries name their state (PASSIVE_CONNECTION).
      initial: "listening",
      states: {
        /** Passive: the client sends nothing more until its connection is open. */
        connecting: {
          on: { DATA_OPEN: transitions(TYPE_CHECK) },
          always: { guard: "dataFailed", target: "withdrawn" },
        },
        listening: {
          entry: "openListener",
          on: { LISTENING: { target: "announcing", actions: ["keepAnnounced", "sendAnnouncement"] } },
        },
        announcing: awaitingReply({
          on: {
            REPLY: [
              ...transitions(via(TYPE_CHECK, "replyIsCompletion", ["keepModeReply"])),
              // RFC 2428: EPRT refused, try PORT — on a new listening socket, with a new data transfer.
              { guard: "wantsEprt", target: "#client.connection", reenter: true, actions: ["keepModeReply", "disableEprt", "sayEprtDisabled"] },
              { guard: and(["viaPort", "lprtAfterPort"]), target: "longAnnouncing", actions: "keepModeReply" },
              { guard: "passiveAfterPort", target: "#client.choosing", actions: ["keepModeReply", { type: "switchMode", params: { to: "passive" } }] },
              { guard: "reconnectsOnPort", target: "#client.reconnecting", actions: ["keepModeReply", { type: "switchMode", params: { to: "passive" } }] },
              { target: "refused", actions: "keepModeReply" },
            ],
          },
        }),
        /** inetutils ftp: the refused PORT again as RFC 1639's LPRT. */
        longAnnouncing: awaitingReply({
          entry: "sendLongAnnouncement",
          on: {
            REPLY: [
              ...transitions(via(TYPE_CHECK, "replyIsCompletion", ["keepModeReply"])),
              { target: "refused", actions: "keepModeReply" },
            ],
          },
        }),
        typing: awaitingReply({
          entry: "sendType",
          on: {
            REPLY: [
              // The data connection failed meanwhile: whatever the reply, send nothing more.
              { guard: "dataFailed", target: "withdrawn" },
              ...transitions(via(SIZE_CHECK, "replyIsCompletion", ["keepType"])),
              { target: "refused" },
            ],
          },
        }),
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
        /**
         * After 150: the wait for the 2yz goes on until the data connection is done too. A 2yz
         * that comes first is kept (the control conversation's verdict), and the join waits for
         * the data verdict in this state: no state of its own, nothing more active at once.
         */
        transferring: awaitingReply({
          on: {
            REPLY: [
              // The data connection's verdict is in already: the join at once, not one microstep later.
              ...transitions(via(JOIN, "replyIsCompletion")),
              { guard: "replyIsCompletion", actions: "keepFinalReply" },
              { guard: "replyIsPreliminary" },
              { target: "refused" },
            ],
          },
          always: transitions(via(JOIN, "completionKept")),
        }),
        /** The server refused (the announcement, TYPE, SIZE, the command, or the transfer): that decides alone. */
        refused: { always: "#client.failed" },
        /** The data connection failed before the transfer command went out. */
        withdrawn: {
          always: [
            // Nothing was asked of the server yet: the program may still try another way.
            { guard: "activeAfterConnectFailed", target: "#client.connection", reenter: true, actions: { type: "switchMode", params: { to: "active" } } },
            { guard: and(["viaEpsv", "pasvAfterConnectFailed"]), target: "#client.epsvFailed" },
            { target: "#client.failed" },
          ],
        },
      },
    },
    /** The transfer succeeded; what the program sends after it (tnftp: MDTM; lftp: SITE UTIME), replies only heard. */
    finishing: {
      entry: ["recordTransferOk", "finishTransfer"],
      ...sendingQueue(NEXT_COMMAND),
    },
    failed: {
      entry: ["recordTransferFailed", "clearTransfer"],
      always: transitions(NEXT_COMMAND),
    },
    /**
     * lftp: the control connection is closed, and a new one opened after its reconnect interval;
     * the login on it takes up the transfer (in the mode the fallback chose).
     */
    reconnecting: {
      entry: ["prepareReconnect", "releaseData", "closeControl"],
      after: { reconnect: { actions: "reconnect" } },
      on: {
        // The old connection's close is expected here.
        CONTROL_CLOSED: {},
        CONTROL_OPEN: "login",
        CONTROL_FAILED: { target: "disconnected", actions: "recordLoginFailure" },
      },
    },
    quitting: awaitingReply({
      entry: { type: "send", params: { line: "QUIT" } },
      on: { REPLY: { target: "done", actions: "closeControl" } },
    }),
    /** The server stopped answering: give up on the session. */
    silent: {
      // The program says it gives up, then the transfer it was waiting on ends.
      entry: ["noteSilence", "recordTransferAbandoned", "closeControl"],
      type: "final",
    },
    done: { type: "final" },
    disconnected: { type: "final", entry: ["recordTransferAbandoned", "closeControl"] },
  },
});
