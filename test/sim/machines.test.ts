/**
 * Model-based tests of the two protocol interpreters with xstate/graph.
 *
 * xstate/graph walks a logic with its pure `transition` and a mock actor scope whose action
 * executor does nothing, so a machine's own actions (io.reply, io.send…) never run during a
 * traversal, and an invoked child never starts. To see what the machines *do*, the traversal
 * here walks a replay model (`fromTransition`): its state is the history of events so far, and
 * each transition replays that history on a fresh, real actor of the machine (createActor with
 * a recording io as its input) driven by a scripted environment: a manual clock for the
 * `after` timers and a stub DataIo for the data connection (the environment only: the
 * data-transfer child machine itself runs for real). The abstract state the graph dedups on is
 * the machine's state value, the context fields that matter, and the environment's state.
 *
 * Server (vsftpd server-PI): every reachable state × every command of a bounded set
 * (getAdjacencyMap covers each edge; paths are bounded by `stopWhen` on the depth): every reply
 * is one RFC 959 §5.4 (RFC 2428, RFC 2228/4217, RFC 2389, RFC 3659 for the extensions) allows
 * for the command, in a valid sequence; and from every state QUIT is answered 221. Three vsftpd
 * habits outside the tables are tolerated, narrowly (`vsftpdDeviations`).
 *
 * Client (curl-like user-PI): the environment is an RFC-conformant server: it answers each
 * command with a reply sequence the same table allows. Every command the client sends is
 * well-formed, it never has two commands awaiting replies, it sends nothing to a data transfer
 * that has ended, and from every reachable state a final state (done/disconnected/silent) can be
 * reached without the control connection being cut, even when a data connection never opens.
 *
 * TIMER is "time passes until the next pending timer" (the manual clock keeps due times), so the
 * response, connect and accept timeouts race in the order their delays say.
 */
import { CURL_PROFILE } from "../../sim/software/curl";
import { createActor, fromTransition, type AnyActorRef } from "xstate";
import { getAdjacencyMap, getPathsFromEvents, getShortestPaths } from "xstate/graph";
import { describe, expect, it } from "vitest";
import { clientMachine, type ClientIo } from "../../sim/ftp/client-machine";
import type { ClientPlan } from "../../sim/ftp/client-session";
import type { DataIo, DataTransferEvent } from "../../sim/ftp/data-transfer-machine";
import { VSFTPD_REPLIES, type Reply } from "../../sim/ftp/replies";
import { serverMachine, type ServerIo } from "../../sim/ftp/server-machine";
import type { ServerPolicy } from "../../sim/ftp/server-session";

// =============================================================================================
// The replies RFC 959 §5.4 ("Command-Reply Sequences") allows for each command. `first` are
// the replies that may answer the command directly (1yz preliminaries included); `then` are the
// replies §5.4 indents under 125/150: what may follow a preliminary reply. RFC 959 §4.2: one
// command, then optional 1yz replies, then exactly one completion or failure reply.

interface ReplySequence {
  readonly first: readonly number[];
  readonly then?: readonly number[];
}

const FILE_TRANSFER_FAILURES = [425, 426, 451];

const REPLY_TABLE: Readonly<Record<string, ReplySequence>> = {
  // RFC 959 §5.4, Login
  USER: { first: [230, 530, 500, 501, 421, 331, 332] },
  PASS: { first: [230, 202, 530, 500, 501, 503, 421, 332] },
  ACCT: { first: [230, 202, 530, 500, 501, 503, 421] },
  CWD: { first: [250, 500, 501, 502, 421, 530, 550] },
  CDUP: { first: [200, 500, 501, 502, 421, 530, 550] },
  // RFC 959 §5.4, Logout
  QUIT: { first: [221, 500] },
  // RFC 959 §5.4, Transfer parameters
  PORT: { first: [200, 500, 501, 421, 530] },
  PASV: { first: [227, 500, 501, 502, 421, 530] },
  MODE: { first: [200, 500, 501, 504, 421, 530] },
  TYPE: { first: [200, 500, 501, 504, 421, 530] },
  STRU: { first: [200, 500, 501, 504, 421, 530] },
  // RFC 959 §5.4, File action commands
  REST: { first: [500, 501, 502, 421, 530, 350] },
  STOR: { first: [125, 150, 532, 450, 452, 553, 500, 501, 421, 530], then: [110, 226, 250, ...FILE_TRANSFER_FAILURES, 551, 552] },
  RETR: { first: [125, 150, 450, 550, 500, 501, 421, 530], then: [110, 226, 250, ...FILE_TRANSFER_FAILURES] },
  LIST: { first: [125, 150, 450, 500, 501, 502, 421, 530], then: [226, 250, ...FILE_TRANSFER_FAILURES] },
  NLST: { first: [125, 150, 450, 500, 501, 502, 421, 530], then: [226, 250, ...FILE_TRANSFER_FAILURES] },
  APPE: { first: [125, 150, 532, 450, 550, 452, 553, 500, 501, 502, 421, 530], then: [110, 226, 250, ...FILE_TRANSFER_FAILURES, 551, 552] },
  DELE: { first: [250, 450, 550, 500, 501, 502, 421, 530] },
  MKD: { first: [257, 500, 501, 502, 421, 530, 550] },
  PWD: { first: [257, 500, 501, 502, 421, 550] },
  ABOR: { first: [225, 226, 500, 501, 502, 421] },
  // RFC 959 §5.4, Informational commands
  SYST: { first: [215, 500, 501, 502, 421] },
  HELP: { first: [211, 214, 500, 501, 502, 421] },
  // RFC 959 §5.4, Miscellaneous commands
  NOOP: { first: [200, 500, 421] },
  // RFC 2428 §2: EPRT succeeds with 200; 522 when the network protocol is not supported; the
  // RFC 959 §4.2.1 syntax errors (500, 501) and, like PORT in §5.4, 421 and 530.
  EPRT: { first: [200, 522, 500, 501, 421, 530] },
  // RFC 2428 §3: EPSV succeeds with 229; 522 for an unsupported protocol; as PASV in §5.4 otherwise.
  EPSV: { first: [229, 522, 500, 501, 502, 421, 530] },
  // RFC 4217 (explicit FTPS) uses RFC 2228's AUTH, PBSZ and PROT, with the replies RFC 2228's
  // command-reply sequences list for them.
  AUTH: { first: [234, 334, 502, 504, 534, 431, 500, 501, 421] },
  PBSZ: { first: [200, 503, 500, 501, 421, 530] },
  PROT: { first: [200, 504, 536, 503, 534, 431, 500, 501, 421, 530] },
  // RFC 2389 §3.2: FEAT answers 211; a server without it says 500 or 502.
  FEAT: { first: [211, 500, 502] },
  // RFC 3659 §4.2: SIZE answers 213 or 550, plus the RFC 959 syntax/availability errors.
  SIZE: { first: [213, 550, 500, 501, 502, 503, 504, 421, 530] },
};

/** RFC 959 §4.2.1: a command the server does not know is a syntax error (500) or not implemented (502). */
const UNKNOWN_COMMAND: ReplySequence = { first: [500, 502, 421] };

/** RFC 959 §5.4, Connection Establishment: 120 (then 220), 220, or 421. */
const GREETING: ReplySequence = { first: [120, 220, 421], then: [220] };

const isPreliminary = (code: number) => code >= 100 && code < 200;
const verbOf = (line: string) => (line.split(" ", 1)[0] ?? "").toUpperCase();
const sequenceFor = (line: string): ReplySequence => REPLY_TABLE[verbOf(line)] ?? UNKNOWN_COMMAND;

/**
 * Checks the replies to one command against the table; returns what is wrong, or null.
 * `complete`: the server went back to reading commands, so the final reply must be there.
 */
function checkSequence(line: string, codes: readonly number[], spec: ReplySequence, complete: boolean, alsoFirst: readonly number[] = []): string | null {
  let preliminary = false;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    const allowed = preliminary ? (spec.then ?? []) : [...spec.first, ...alsoFirst];
    if (!allowed.includes(code)) return `${line} answered ${codes.join(", ")}: ${code} is not allowed ${preliminary ? "after a 1yz reply" : "as a reply"}`;
    if (isPreliminary(code)) {
      preliminary = true;
      continue;
    }
    if (i !== codes.length - 1) return `${line} answered ${codes.join(", ")}: replies after the final one`;
    return null;
  }
  return complete ? `${line} answered ${codes.length === 0 ? "nothing" : codes.join(", ")}: no final reply` : null;
}

/**
 * Where vsftpd 3.0.3, which the server machine reproduces on purpose, answers outside the tables.
 * Each is tolerated narrowly (one code, as a direct reply, for the commands and in the state
 * named), so anything else still fails.
 */
const TRANSFER_VERBS = ["LIST", "NLST", "RETR", "STOR", "APPE"];
function vsftpdDeviations(verb: string, loggedIn: boolean, policy: ServerPolicy): number[] {
  const extra: number[] = [];
  // prelogin.c answers every command but USER, PASS, QUIT, FEAT, OPTS (and AUTH, PBSZ, PROT with
  // ssl_enable) with "530 Please login with USER and PASS."; RFC 959 §5.4 lists 530 for most
  // commands, but not for SYST, PWD, NOOP, HELP or an unknown verb.
  if (!loggedIn) extra.push(530);
  // vsftpd opens the data connection before it says 150, so "425 Use PORT or PASV first.",
  // "425 Failed to establish connection." and "425 Security: Bad IP connecting." come without a
  // 1yz reply; RFC 959 §5.4 lists 425 only under 125/150.
  if (TRANSFER_VERBS.includes(verb)) extra.push(425);
  // postlogin.c lists PBSZ and PROT among the disabled commands when ssl_enable=NO:
  // "550 Permission denied."; RFC 2228 has 500, 501, 503, 421 and 530 for them.
  if (loggedIn && !policy.tls && (verb === "PBSZ" || verb === "PROT")) extra.push(550);
  return extra;
}

// =============================================================================================
// The environment: a manual clock and a stub data connection.

class ManualClock {
  private readonly timers = new Map<number, { due: number; fn: () => void }>();
  private nextId = 1;
  private now = 0;
  setTimeout = (fn: (...args: unknown[]) => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { due: this.now + ms, fn: () => fn() });
    return id;
  };
  clearTimeout = (id: unknown): void => {
    this.timers.delete(id as number);
  };
  get pending(): number {
    return this.timers.size;
  }
  /** When the pending timers fire, relative to now: part of the abstract state. */
  get schedule(): number[] {
    return [...this.timers.values()].map((t) => t.due - this.now).sort((a, b) => a - b);
  }
  /** Time passes until the next timer: every timer due then fires, in the order it was set. */
  fireNext(): void {
    if (this.timers.size === 0) return;
    this.now = Math.min(...[...this.timers.values()].map((t) => t.due));
    for (;;) {
      const due = [...this.timers].find(([, t]) => t.due <= this.now);
      if (!due) return;
      this.timers.delete(due[0]);
      due[1].fn();
    }
  }
}

/** The data connection as the environment sees it: it reports what the peer and the network do. */
class DataStub implements DataIo {
  report: ((e: DataTransferEvent) => void) | null = null;
  opened = false;
  eofSent = false;
  finished = false;
  closedByMachine = false;
  aborted: string | null = null;
  sent = "";
  constructor(readonly kind: "connect" | "accept") {}
  open(report: (e: DataTransferEvent) => void): void {
    this.report = report;
  }
  send(content: string): void {
    this.sent += content;
  }
  close(): void {
    this.closedByMachine = true;
  }
  abort(reason: "timeout" | "cancel"): void {
    this.aborted = reason;
    this.finished = true;
  }
  get live(): boolean {
    return this.report !== null && !this.finished;
  }
}

type DataEvent =
  | { type: "DATA_OPENED" }
  /** The peer sent its bytes and FIN. */
  | { type: "DATA_EOF" }
  /** connect() fails: RST. */
  | { type: "DATA_REFUSED" }
  /** A connection from another address reached the passive listener (vsftpd: 425 Security: Bad IP). */
  | { type: "DATA_FOREIGN_PEER" }
  /** The open connection is reset. */
  | { type: "DATA_RESET" }
  /** Time passes: pending timers fire. */
  | { type: "TIMER" };

interface ChildView {
  status: string;
  value: unknown;
  direction: "send" | "receive";
}

function childOf(actor: AnyActorRef): ChildView | null {
  const children = (actor.getSnapshot() as { children: Record<string, AnyActorRef | undefined> }).children;
  const child = children.data;
  if (!child) return null;
  const snap = child.getSnapshot() as { status: string; value: unknown; context: { direction: "send" | "receive" } };
  return { status: snap.status, value: snap.value, direction: snap.context.direction };
}

/** The data events the environment can produce now. */
function dataEvents(stub: DataStub | null, child: ChildView | null, clock: ManualClock, acceptorChecksPeer: boolean): DataEvent[] {
  const out: DataEvent[] = [];
  if (clock.pending > 0) out.push({ type: "TIMER" });
  if (!stub || !stub.live || !child || child.status !== "active") return out;
  if (!stub.opened) {
    out.push({ type: "DATA_OPENED" });
    if (stub.kind === "connect") out.push({ type: "DATA_REFUSED" });
    if (stub.kind === "accept" && acceptorChecksPeer) out.push({ type: "DATA_FOREIGN_PEER" });
  } else {
    if (child.direction === "receive" && !stub.eofSent) out.push({ type: "DATA_EOF" });
    out.push({ type: "DATA_RESET" });
  }
  return out;
}

function applyDataEvent(stub: DataStub | null, clock: ManualClock, event: DataEvent): void {
  if (event.type === "TIMER") {
    clock.fireNext();
    return;
  }
  // Not possible now (a scripted path may try anything): nothing happens.
  if (!stub || !stub.live) return;
  const report = stub.report!;
  switch (event.type) {
    case "DATA_OPENED":
      stub.opened = true;
      report({ type: "OPENED" });
      break;
    case "DATA_EOF":
      stub.eofSent = true;
      report({ type: "EOF", received: "peer bytes" });
      break;
    case "DATA_REFUSED":
      stub.finished = true;
      report({ type: "OPEN_FAILED", reason: "refused" });
      break;
    case "DATA_FOREIGN_PEER":
      stub.finished = true;
      report({ type: "OPEN_FAILED", reason: "bad-ip" });
      break;
    case "DATA_RESET":
      stub.finished = true;
      report({ type: "CLOSED", reason: "reset" });
      break;
  }
}

/** The peer finishes the TCP close once the machine has closed its end (it read the bytes, or sent its own FIN). */
function settleData(stub: DataStub | null): void {
  if (stub && stub.live && stub.closedByMachine) {
    stub.finished = true;
    stub.report!({ type: "CLOSED", reason: "fin" });
  }
}

/** Runs `fn` with console.warn captured: xstate warns, e.g., when an event goes to a stopped child. */
function capturingWarnings<T>(warnings: string[], fn: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

/** An adjacency map (xstate/graph's AdjacencyMap) over a replay model's states. */
type Graph<S, E> = Record<string, { state: { context: S }; transitions: Record<string, { event: E; state: { context: S } }> }>;

/** Walks a replay model and returns its adjacency map (every reachable state and every edge). */
function explore<S, E extends { type: string }>(
  initial: S,
  step: (state: S, event: E) => S,
  options: { key: (s: S) => string; events: (s: S) => readonly E[]; depth: (s: S) => number; maxDepth: number; limit: number },
): Graph<S, E> {
  const logic = fromTransition((state: S, event: E) => step(state, event), initial);
  return getAdjacencyMap(logic, {
    serializeState: (snapshot) => options.key(snapshot.context),
    events: (snapshot) => options.events(snapshot.context),
    stopWhen: (snapshot) => options.depth(snapshot.context) >= options.maxDepth,
    limit: options.limit,
  }) as unknown as Graph<S, E>;
}

const describeEvents = (events: readonly { type: string; line?: string; code?: number }[]): string =>
  events.map((e) => (e.type === "COMMAND" ? `"${e.line}"` : e.type === "REPLY" ? `${e.code}` : e.type)).join(" → ");

// =============================================================================================
// The server.

const CLIENT_IP = "10.99.1.10";
const SERVER_IP = "10.99.2.20";
const FOREIGN_IP = "10.99.3.30";
const hostPort = (ip: string, port: number) => `${ip.split(".").join(",")},${port >> 8},${port & 255}`;

type ServerModelEvent = { type: "COMMAND"; line: string } | { type: "CONTROL_CLOSED" } | DataEvent;

const SERVER_COMMANDS: readonly string[] = [
  "USER demo",
  "USER anonymous",
  "PASS demo",
  "PASS bad",
  "SYST",
  "PWD",
  "TYPE A",
  "TYPE I",
  "TYPE X",
  "PASV",
  "EPSV",
  `PORT ${hostPort(CLIENT_IP, 40000)}`,
  `PORT ${hostPort(FOREIGN_IP, 40000)}`,
  `EPRT |1|${CLIENT_IP}|40001|`,
  `EPRT |1|${CLIENT_IP}|`,
  "LIST",
  "RETR hello.txt",
  "RETR missing.txt",
  "STOR x",
  "FEAT",
  "NOOP",
  "QUIT",
  "XYZZY",
  "AUTH TLS",
  "PBSZ 0",
  "PROT P",
];

interface ServerRun {
  readonly history: readonly ServerModelEvent[];
  readonly key: string;
  readonly enabled: readonly ServerModelEvent[];
  /** Replies with the index of the event that caused them (-1: at start). */
  readonly replies: readonly { step: number; code: number; text: string }[];
  readonly value: string;
  readonly status: string;
  readonly controlClosedByServer: boolean;
  readonly errors: readonly string[];
}

const FILES = { "hello.txt": "Hello, FTP!\n" };

function runServer(policy: ServerPolicy, history: readonly ServerModelEvent[]): ServerRun {
  const warnings: string[] = [];
  const run = capturingWarnings(warnings, () => replayServer(policy, history));
  return { ...run, errors: [...run.errors, ...warnings.map((w) => `xstate warned: ${w.replace(/ \(x:\d+\)/g, "")}`)] };
}

function replayServer(policy: ServerPolicy, history: readonly ServerModelEvent[]): ServerRun {
  const replies: { step: number; code: number; text: string }[] = [];
  const errors: string[] = [];
  const clock = new ManualClock();
  let step = -1;
  const env = { stub: null as DataStub | null, closedControl: false, passivePort: 3000 };
  const io: ServerIo = {
    reply: (r: Reply) => void replies.push({ step, code: r.code, text: r.text }),
    openPassive: () => ({ ip: SERVER_IP, port: env.passivePort++ }),
    releaseData: () => undefined,
    startTls: () => undefined,
    dataIo: (plan) => (env.stub = new DataStub(plan.kind === "port" ? "connect" : "accept")),
    closeControl: () => void (env.closedControl = true),
  };
  const actor = createActor(serverMachine, {
    clock,
    input: { io, policy, files: FILES, peerIp: CLIENT_IP, passiveAddress: null, connectTimeoutMs: 3000, acceptTimeoutMs: 4000 },
  });
  actor.subscribe({ error: (e) => void errors.push(`the actor failed: ${String(e)}`) });
  actor.start();
  history.forEach((event, i) => {
    step = i;
    if (actor.getSnapshot().status !== "active") return;
    if (event.type === "COMMAND" || event.type === "CONTROL_CLOSED") actor.send(event);
    else applyDataEvent(env.stub, clock, event);
    settleData(env.stub);
  });
  const snapshot = actor.getSnapshot();
  const child = childOf(actor);
  const session = snapshot.context.session;
  const value = JSON.stringify(snapshot.value);
  const enabled: ServerModelEvent[] = [];
  if (snapshot.status === "active") {
    if (snapshot.hasTag("ready")) enabled.push(...SERVER_COMMANDS.map((line) => ({ type: "COMMAND" as const, line })));
    enabled.push(...dataEvents(env.stub, child, clock, true));
    enabled.push({ type: "CONTROL_CLOSED" });
  }
  const live = env.stub;
  const key = JSON.stringify({
    value,
    status: snapshot.status,
    loggedIn: session.loggedIn,
    pendingUser: session.pendingUser,
    type: session.type,
    plan: session.dataPlan,
    tls: [session.tlsActive, session.protPrivate, session.epsvAll],
    files: Object.keys(session.files).sort(),
    transfer: snapshot.context.transfer?.verb ?? null,
    child: child && { status: child.status, value: child.value },
    data: live && { live: live.live, opened: live.opened, eof: live.eofSent, closed: live.closedByMachine },
    timers: clock.schedule,
  });
  actor.stop();
  return { history, key, enabled, replies, value, status: snapshot.status, controlClosedByServer: env.closedControl, errors };
}

/** Every reply the server sent, against the table: the greeting, then each command's sequence. */
function serverViolations(run: ServerRun, policy: ServerPolicy): string[] {
  const out: string[] = [...run.errors];
  const { history, replies } = run;
  const commandSteps = history.flatMap((e, i) => (e.type === "COMMAND" ? [i] : []));
  const greeting = replies.filter((r) => r.step < (commandSteps[0] ?? Infinity)).map((r) => r.code);
  const greetingProblem = checkSequence("the greeting", greeting, GREETING, true);
  if (greetingProblem) out.push(greetingProblem);
  let loggedIn = false;
  commandSteps.forEach((at, n) => {
    const line = (history[at] as { line: string }).line;
    const next = commandSteps[n + 1] ?? Infinity;
    const codes = replies.filter((r) => r.step >= at && r.step < next).map((r) => r.code);
    const alsoFirst = vsftpdDeviations(verbOf(line), loggedIn, policy);
    if (codes.includes(230)) loggedIn = true;
    // The server read the next command, or answered QUIT: this command's answer is complete.
    // At the end of the path it may still be transferring, or the control connection was cut.
    const cut = history.slice(at + 1, next).some((e) => e.type === "CONTROL_CLOSED");
    const complete = next !== Infinity || (!cut && run.value !== '"transferring"');
    const problem = checkSequence(line, codes, sequenceFor(line), complete && !cut, alsoFirst);
    if (problem) out.push(problem);
  });
  return out;
}

/** From the end of `run`: let a pending transfer end (it times out or is reset), then QUIT. */
function quitFrom(policy: ServerPolicy, run: ServerRun): string | null {
  if (run.status !== "active") return null;
  const finish: ServerModelEvent[] = [];
  let current = run;
  for (let guard = 0; current.value === '"transferring"' && guard < 4; guard++) {
    const next = current.enabled.find((e) => e.type === "DATA_RESET") ?? current.enabled.find((e) => e.type === "TIMER");
    if (!next) return `stuck transferring after ${describeEvents(run.history)}: no timer, no connection to lose`;
    finish.push(next);
    current = runServer(policy, [...run.history, ...finish]);
  }
  const quit = runServer(policy, [...current.history, { type: "COMMAND", line: "QUIT" }]);
  const codes = quit.replies.filter((r) => r.step === quit.history.length - 1).map((r) => r.code);
  if (codes.length !== 1 || codes[0] !== 221 || quit.value !== '"closed"' || !quit.controlClosedByServer) {
    return `QUIT after ${describeEvents(current.history)} answered [${codes.join(", ")}], state ${quit.value}`;
  }
  return null;
}

const POLICIES: Record<string, ServerPolicy> = {
  "plain vsftpd": { userName: "demo", password: "demo", tls: false, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES },
  "ssl_enable=YES": { userName: "demo", password: "demo", tls: true, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES },
  "no EPRT/EPSV, port_promiscuous=YES": { userName: "demo", password: "demo", tls: false, extended: false, allowForeignDataAddress: true, connectFromPort20: true, replies: VSFTPD_REPLIES },
  anonymous: { userName: "anonymous", password: "", tls: false, extended: true, allowForeignDataAddress: false, connectFromPort20: true, replies: VSFTPD_REPLIES },
};

const SERVER_MAX_DEPTH = 16;
const serverGraphs = new Map<string, Graph<ServerRun, ServerModelEvent>>();
function serverGraph(name: string) {
  let graph = serverGraphs.get(name);
  if (!graph) {
    const policy = POLICIES[name]!;
    graph = explore<ServerRun, ServerModelEvent>(runServer(policy, []), (s, e) => runServer(policy, [...s.history, e]), {
      key: (s) => s.key,
      events: (s) => s.enabled,
      depth: (s) => s.history.length,
      maxDepth: SERVER_MAX_DEPTH,
      limit: 200_000,
    });
    serverGraphs.set(name, graph);
  }
  return graph;
}

const edgesOf = <S, E>(graph: Graph<S, E>) =>
  Object.values(graph).flatMap((node) => Object.values(node.transitions).map((t) => ({ from: node.state.context, event: t.event, to: t.state.context })));

describe("server machine (vsftpd server-PI), model-based", { timeout: 120_000 }, () => {
  for (const name of Object.keys(POLICIES)) {
    describe(name, () => {
      it("answers every command of every reachable state with replies RFC 959 §5.4 allows", () => {
        const graph = serverGraph(name);
        const problems = new Map<string, string>();
        for (const { to } of edgesOf(graph)) {
          for (const p of serverViolations(to, POLICIES[name]!)) if (!problems.has(p)) problems.set(p, describeEvents(to.history));
        }
        const report = [...problems].map(([p, path]) => `${p}\n    path: ${path}`);
        expect(report, `${Object.keys(graph).length} states`).toEqual([]);
      });

      it("answers QUIT with 221 from every reachable state", () => {
        const graph = serverGraph(name);
        const problems = new Set<string>();
        for (const node of Object.values(graph)) {
          const problem = quitFrom(POLICIES[name]!, node.state.context);
          if (problem) problems.add(problem);
        }
        expect([...problems]).toEqual([]);
      });
    });
  }

  it("reaches every state of the machine (ready, transferring, closed, gone)", () => {
    const values = new Set(Object.values(serverGraph("plain vsftpd")).map((n) => n.state.context.value));
    expect([...values].sort()).toEqual(['"closed"', '"gone"', '"ready"', '"transferring"']);
  });

  it("follows a scripted session (getPathsFromEvents): login, PASV, LIST, STOR, QUIT", () => {
    const policy = POLICIES["plain vsftpd"]!;
    const logic = fromTransition((s: ServerRun, e: ServerModelEvent) => runServer(policy, [...s.history, e]), runServer(policy, []));
    const script: ServerModelEvent[] = [
      { type: "COMMAND", line: "USER demo" },
      { type: "COMMAND", line: "PASS demo" },
      { type: "COMMAND", line: "PASV" },
      { type: "COMMAND", line: "LIST" },
      { type: "DATA_OPENED" },
      { type: "COMMAND", line: "EPSV" },
      { type: "COMMAND", line: "STOR x" },
      { type: "DATA_OPENED" },
      { type: "DATA_EOF" },
      { type: "COMMAND", line: "QUIT" },
    ];
    // getPathsFromEvents builds an adjacency map first; offer it only the script's next event,
    // and tell states apart by their whole history, so the path is exactly the script.
    const [path] = getPathsFromEvents(logic, script, {
      serializeState: (s) => JSON.stringify(s.context.history),
      events: (s) => script.slice(s.context.history.length, s.context.history.length + 1),
    });
    const end = path!.state.context;
    expect(end.replies.map((r) => r.code)).toEqual([220, 331, 230, 227, 150, 226, 229, 150, 226, 221]);
    expect(end.value).toBe('"closed"');
    expect(serverViolations(end, policy)).toEqual([]);
  });

  it("getShortestPaths reaches a completed upload in a handful of steps", () => {
    const policy = POLICIES.anonymous!;
    const logic = fromTransition((s: ServerRun, e: ServerModelEvent) => runServer(policy, [...s.history, e]), runServer(policy, []));
    const paths = getShortestPaths(logic, {
      serializeState: (s) => s.context.key,
      events: (s) => s.context.enabled,
      toState: (s) => s.context.replies.some((r) => r.code === 226) && s.context.history.some((e) => e.type === "COMMAND" && e.line === "STOR x"),
      stopWhen: (s) => s.context.history.length >= 6,
    });
    expect(paths.length).toBeGreaterThan(0);
    expect(Math.min(...paths.map((p) => p.steps.length))).toBeLessThanOrEqual(6);
  });
});

// =============================================================================================
// The client.

type ClientModelEvent =
  | { type: "CONTROL_OPEN" }
  | { type: "CONTROL_FAILED"; reason: string }
  | { type: "CONTROL_CLOSED" }
  | { type: "TLS_READY" }
  | { type: "REPLY"; code: number; text: string }
  | DataEvent;

const PASSIVE_OK = `227 Entering Passive Mode (${hostPort(SERVER_IP, 3000)}).`;

/** What a server may say, with texts: 227 and 229 both well-formed and not. */
function replyTexts(code: number): string[] {
  switch (code) {
    case 227:
      return [PASSIVE_OK, "227 Entering Passive Mode."];
    case 229:
      return ["229 Entering Extended Passive Mode (|||3001|)", "229 Entering Extended Passive Mode"];
    case 213:
      return ["213 12"];
    case 257:
      return ['257 "/" is the current directory'];
    default:
      return [`${code} Reply.`];
  }
}

/** A conformant server: it greets, then answers the oldest unanswered command with a reply the table allows. */
function conformantReplies(outstanding: readonly { line: string; preliminary: boolean }[], greeting: "pending" | "after 120" | "done"): ClientModelEvent[] {
  let codes: readonly number[];
  if (greeting !== "done") codes = greeting === "pending" ? GREETING.first : (GREETING.then ?? []);
  else if (outstanding[0]) codes = outstanding[0].preliminary ? (sequenceFor(outstanding[0].line).then ?? []) : sequenceFor(outstanding[0].line).first;
  else return [];
  return [...new Set(codes)].flatMap((code) => replyTexts(code).map((text) => ({ type: "REPLY" as const, code, text })));
}

interface Sent {
  readonly step: number;
  readonly line: string;
}

interface ClientRun {
  readonly history: readonly ClientModelEvent[];
  readonly key: string;
  readonly enabled: readonly ClientModelEvent[];
  readonly sent: readonly Sent[];
  readonly value: string;
  readonly status: string;
  /** The most commands awaiting a final reply at once. */
  readonly maxOutstanding: number;
  readonly logins: number;
  readonly started: number;
  readonly ended: number;
  readonly errors: readonly string[];
}

function runClient(plan: ClientPlan, history: readonly ClientModelEvent[]): ClientRun {
  const warnings: string[] = [];
  const run = capturingWarnings(warnings, () => replayClient(plan, history));
  return { ...run, errors: [...run.errors, ...warnings.map((w) => `xstate warned: ${w.replace(/ \(x:\d+\)/g, "")}`)] };
}

function replayClient(plan: ClientPlan, history: readonly ClientModelEvent[]): ClientRun {
  const sent: Sent[] = [];
  const errors: string[] = [];
  const clock = new ManualClock();
  let step = -1;
  const env = {
    stub: null as DataStub | null,
    controlOpen: false,
    tlsStarted: false,
    tlsReady: false,
    greeting: "pending" as "pending" | "after 120" | "done",
    logins: 0,
    started: 0,
    ended: 0,
    listens: 0,
    maxOutstanding: 0,
  };
  const outstanding: { line: string; preliminary: boolean }[] = [];
  const io: ClientIo = {
    send: (line) => {
      sent.push({ step, line });
      outstanding.push({ line, preliminary: false });
      env.maxOutstanding = Math.max(env.maxOutstanding, outstanding.length);
    },
    startTls: () => void (env.tlsStarted = true),
    // As the client host does: the listening socket comes back as LISTENING.
    listen: () => actor.send({ type: "LISTENING", socket: { ip: CLIENT_IP, port: 40000 + env.listens++ } }),
    connectBudgetMs: () => plan.connectTimeoutMs,
    dataIo: (target) => (env.stub = new DataStub(target ? "connect" : "accept")),
    releaseData: () => undefined,
    note: () => undefined,
    loginResult: () => void env.logins++,
    transferStarted: () => void env.started++,
    transferEnded: () => void env.ended++,
    closeControl: () => void (env.controlOpen = false),
    reconnect: () => undefined,
  };
  const actor = createActor(clientMachine, { clock, input: { io, plan, controlHost: SERVER_IP } });
  actor.subscribe({ error: (e) => void errors.push(`the actor failed: ${String(e)}`) });
  actor.start();
  history.forEach((event, i) => {
    step = i;
    if (actor.getSnapshot().status !== "active") return;
    switch (event.type) {
      case "CONTROL_OPEN":
        env.controlOpen = true;
        actor.send(event);
        break;
      case "CONTROL_FAILED":
      case "CONTROL_CLOSED":
        env.controlOpen = false;
        actor.send(event);
        break;
      case "TLS_READY":
        env.tlsReady = true;
        actor.send(event);
        break;
      case "REPLY":
        if (env.greeting !== "done") env.greeting = event.code === 120 ? "after 120" : "done";
        else if (isPreliminary(event.code)) outstanding[0]!.preliminary = true;
        else outstanding.shift();
        actor.send(event);
        break;
      default:
        applyDataEvent(env.stub, clock, event);
    }
    settleData(env.stub);
  });
  const snapshot = actor.getSnapshot();
  const c = snapshot.context;
  const t = c.transfer;
  const child = childOf(actor);
  const value = JSON.stringify(snapshot.value);
  const enabled: ClientModelEvent[] = [];
  if (snapshot.status === "active") {
    if (snapshot.matches("connecting")) enabled.push({ type: "CONTROL_OPEN" }, { type: "CONTROL_FAILED", reason: "refused" });
    if (env.controlOpen) {
      if (env.tlsStarted && !env.tlsReady) enabled.push({ type: "TLS_READY" });
      else enabled.push(...conformantReplies(outstanding, env.greeting));
      enabled.push({ type: "CONTROL_CLOSED" });
    }
    enabled.push(...dataEvents(env.stub, child, clock, false));
  }
  const live = env.stub;
  const replyClass = (code: number | null) => (code === null ? null : Math.floor(code / 100));
  const key = JSON.stringify({
    value,
    status: snapshot.status,
    ctx: [c.index, c.useEpsv, c.useEprt, c.type],
    // Where the transfer stands is the state value (the control conversation) and the data verdict; these are its data.
    transfer: t && [t.modeCommand, replyClass(t.modeReply), t.dataTarget, t.dataVerdict, t.dataFailure !== null, replyClass(t.finalReply)],
    outstanding,
    greeting: env.greeting,
    control: [env.controlOpen, env.tlsStarted, env.tlsReady],
    child: child && { status: child.status, value: child.value },
    data: live && { live: live.live, opened: live.opened, eof: live.eofSent, closed: live.closedByMachine },
    timers: clock.schedule,
  });
  actor.stop();
  return {
    history,
    key,
    enabled,
    sent,
    value,
    status: snapshot.status,
    maxOutstanding: env.maxOutstanding,
    logins: env.logins,
    started: env.started,
    ended: env.ended,
    errors,
  };
}

/** RFC 959 §5.3.1 syntax, per command the client may send (and the plan's own lines as given). */
function malformed(line: string, plan: ClientPlan): string | null {
  if (!/^[\x20-\x7e]+$/.test(line) || line.trim() !== line) return "not printable ASCII without surrounding spaces";
  if (plan.commands.includes(line)) return null;
  const byte = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  const rules: Record<string, RegExp> = {
    USER: /^USER \S.*$/,
    PASS: /^PASS( .*)?$/,
    AUTH: /^AUTH TLS$/,
    PBSZ: /^PBSZ 0$/,
    PROT: /^PROT P$/,
    PWD: /^PWD$/,
    PASV: /^PASV$/,
    EPSV: /^EPSV$/,
    PORT: new RegExp(`^PORT ${byte}(,${byte}){5}$`),
    EPRT: /^EPRT \|1\|(\d{1,3}\.){3}\d{1,3}\|\d{1,5}\|$/,
    TYPE: /^TYPE [AI]$/,
    SIZE: /^SIZE \S.*$/,
    QUIT: /^QUIT$/,
  };
  const rule = rules[verbOf(line)];
  if (!rule) return "a command the client has no business sending";
  if (!rule.test(line)) return `does not match ${rule}`;
  if (verbOf(line) === "PORT") {
    const parts = line.slice(5).split(",").map(Number);
    if (parts[4]! * 256 + parts[5]! === 0) return "announces port 0";
  }
  if (verbOf(line) === "EPRT") {
    const [, , ip, port] = line.slice(5).split("|");
    if (ip!.split(".").some((o) => Number(o) > 255) || Number(port) < 1 || Number(port) > 65535) return "announces an impossible address";
  }
  return null;
}

const PLANS: Record<string, ClientPlan> = {
  "passive, LIST and RETR": plan({ mode: "passive", commands: ["LIST", "RETR hello.txt"] }),
  "EPSV falling back to PASV, STOR then a raw NOOP": plan({ mode: "passive", extended: true, pasvAddress: "use", commands: ["STOR up.txt", "NOOP"] }),
  "active, EPRT falling back to PORT, NLST": plan({ mode: "active", extended: true, commands: ["NLST"] }),
  "active over TLS, APPE": plan({ mode: "active", tls: true, commands: ["APPE log.txt"], advertise: { ip: "198.51.100.7" } }),
  "passive over TLS, raw SYST, RETR": plan({ mode: "passive", tls: true, extended: true, commands: ["SYST", "RETR hello.txt"] }),
};

function plan(p: Partial<ClientPlan> & Pick<ClientPlan, "mode" | "commands">): ClientPlan {
  return {
    userName: "demo",
    password: "demo",
    tls: false,
    extended: false,
    pasvAddress: "ignore",
    program: CURL_PROFILE,
    advertise: null,
    connectTimeoutMs: 3000,
    uploads: {},
    ...p,
  };
}

const CLIENT_MAX_DEPTH = 40;

/** The reachable states from which no path of `allowed` events reaches done/disconnected (at most 5 shown). */
function stuckStates(graph: Graph<ClientRun, ClientModelEvent>, allowed: (e: ClientModelEvent) => boolean) {
  const nodes = Object.entries(graph);
  const canFinish = new Set<string>(nodes.filter(([, n]) => n.state.context.status === "done").map(([k]) => k));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [k, n] of nodes) {
      if (canFinish.has(k)) continue;
      if (Object.values(n.transitions).some((t) => allowed(t.event) && canFinish.has(t.state.context.key))) {
        canFinish.add(k);
        changed = true;
      }
    }
  }
  // States at the depth bound were not expanded: they are not judged.
  const stuck = nodes.filter(([k, n]) => !canFinish.has(k) && n.state.context.history.length < CLIENT_MAX_DEPTH).map(([, n]) => n.state.context);
  const lines = stuck
    .sort((a, b) => a.history.length - b.history.length)
    .slice(0, 5)
    .map((s) => `stuck in ${s.value} after ${describeEvents(s.history)}; can still: ${describeEvents(s.enabled)}`);
  return { lines, count: stuck.length, total: nodes.length };
}
const clientGraphs = new Map<string, Graph<ClientRun, ClientModelEvent>>();
function clientGraph(name: string) {
  let graph = clientGraphs.get(name);
  if (!graph) {
    const p = PLANS[name]!;
    graph = explore<ClientRun, ClientModelEvent>(runClient(p, []), (s, e) => runClient(p, [...s.history, e]), {
      key: (s) => s.key,
      events: (s) => s.enabled,
      depth: (s) => s.history.length,
      maxDepth: CLIENT_MAX_DEPTH,
      limit: 500_000,
    });
    clientGraphs.set(name, graph);
  }
  return graph;
}

describe("client machine (curl-like user-PI), model-based, against a conformant server", { timeout: 120_000 }, () => {
  for (const name of Object.keys(PLANS)) {
    describe(name, () => {
      it("sends only well-formed commands, one at a time", () => {
        const graph = clientGraph(name);
        const p = PLANS[name]!;
        const problems = new Map<string, string>();
        for (const { to } of edgesOf(graph)) {
          for (const e of to.errors) if (!e.startsWith("xstate warned") && !problems.has(e)) problems.set(e, describeEvents(to.history));
          for (const { line } of to.sent) {
            const why = malformed(line, p);
            if (why && !problems.has(`${line}: ${why}`)) problems.set(`${line}: ${why}`, describeEvents(to.history));
          }
          if (to.maxOutstanding > 1) {
            const what = `${to.maxOutstanding} commands awaiting replies at once (${to.sent.slice(-2).map((s) => s.line).join(", ")})`;
            if (!problems.has(what)) problems.set(what, describeEvents(to.history));
          }
        }
        expect([...problems].map(([p, path]) => `${p}\n    path: ${path}`), `${Object.keys(graph).length} states`).toEqual([]);
      });

      it("sends no event to a data transfer that has already ended (xstate warns)", () => {
        const problems = new Map<string, string>();
        for (const { to } of edgesOf(clientGraph(name))) {
          for (const e of to.errors) if (e.startsWith("xstate warned") && !problems.has(e)) problems.set(e, describeEvents(to.history));
        }
        expect([...problems].map(([p, path]) => `${p}\n    path: ${path}`)).toEqual([]);
      });

      it("can reach done or disconnected from every reachable state without losing the control connection", () => {
        const report = stuckStates(clientGraph(name), (e) => e.type !== "CONTROL_CLOSED" && e.type !== "CONTROL_FAILED");
        expect(report.lines, `${report.count} of ${report.total} states cannot finish`).toEqual([]);
      });

      it("can finish even if a data connection never opens (control replies, timers, the TCP outcome of a connect)", () => {
        // curl bounds the wait for a data connection: --connect-timeout in passive mode, the
        // accept timeout (CURLOPT_ACCEPTTIMEOUT_MS, 60 s) in active mode. A connection that never
        // comes must not hang it; one that opened ends by itself (EOF, reset or TCP timeout).
        const report = stuckStates(clientGraph(name), (e) => e.type !== "CONTROL_CLOSED" && e.type !== "CONTROL_FAILED" && e.type !== "DATA_OPENED");
        expect(report.lines, `${report.count} of ${report.total} states cannot finish`).toEqual([]);
      });

      it("on QUIT's answer has logged in once and ended every transfer it started", () => {
        const graph = clientGraph(name);
        const problems = new Set<string>();
        for (const node of Object.values(graph)) {
          const s = node.state.context;
          if (s.value !== '"done"') continue;
          if (s.logins !== 1) problems.add(`${s.logins} login results after ${describeEvents(s.history)}`);
          if (s.started !== s.ended) problems.add(`${s.started} transfers started, ${s.ended} ended after ${describeEvents(s.history)}`);
          if (s.sent[s.sent.length - 1]?.line !== "QUIT") problems.add(`done without QUIT last after ${describeEvents(s.history)}`);
        }
        expect([...problems]).toEqual([]);
      });
    });
  }
});
