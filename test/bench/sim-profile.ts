/**
 * Where a session's time goes: xstate's work counted by its own inspection API (actors, events,
 * microsteps, actions per session), and a CPU profile of many sessions split by who ran each
 * sample — xstate's interpreter, the garbage collector, the simulator (sim/), the rest.
 */
import { Session } from "node:inspector/promises";
import { assign, createActor, setup, type InspectionEvent } from "xstate";
import { run, toScenario, type Scenario } from "../../sim/index";

/** The session every simulator figure times: a login, LIST, RETR and QUIT through one firewall. */
export const BENCH_SESSION: Scenario = toScenario({
  title: "bench: passive LIST + RETR through a stateful client firewall",
  client: { mode: "passive", firewall: "stateful" },
  commands: ["LIST", "RETR hello.txt"],
});

export interface XstateCounts {
  actors: number;
  events: number;
  microsteps: number;
  actions: number;
}

/** Per session, averaged over `n` runs of `scenario` with different seeds. */
export function xstateCounts(scenario: Scenario, n = 50): XstateCounts {
  const c: XstateCounts = { actors: 0, events: 0, microsteps: 0, actions: 0 };
  const inspect = (e: InspectionEvent) => {
    if (e.type === "@xstate.actor") c.actors++;
    else if (e.type === "@xstate.event") c.events++;
    else if (e.type === "@xstate.microstep") c.microsteps++;
    else if (e.type === "@xstate.action") c.actions++;
  };
  for (let i = 0; i < n; i++) run({ ...scenario, seed: i + 1 }, { inspect });
  return { actors: c.actors / n, events: c.events / n, microsteps: c.microsteps / n, actions: c.actions / n };
}

export interface ProfileSplit {
  /** Shares of the sampled time, in percent. */
  xstate: number;
  gc: number;
  simulator: number;
  other: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** Samples `n` sessions with V8's CPU profiler and splits the time by the code that was running. */
export async function profileSplit(scenario: Scenario, n = 1500): Promise<ProfileSplit> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  for (let i = 0; i < n; i++) run({ ...scenario, seed: i + 1 });
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  session.disconnect();
  const kind = new Map<number, keyof ProfileSplit | "idle">();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    kind.set(
      node.id,
      /\/node_modules\/xstate\//.test(url) ? "xstate" : functionName === "(garbage collector)" ? "gc" : /\/sim\//.test(url) ? "simulator" : functionName === "(idle)" || functionName === "(program)" ? "idle" : "other",
    );
  }
  const time = { xstate: 0, gc: 0, simulator: 0, other: 0 };
  profile.samples.forEach((id, i) => {
    const k = kind.get(id);
    if (k && k !== "idle") time[k] += profile.timeDeltas[i] ?? 0;
  });
  const total = time.xstate + time.gc + time.simulator + time.other;
  const pct = (v: number) => (100 * v) / total;
  return { xstate: pct(time.xstate), gc: pct(time.gc), simulator: pct(time.simulator), other: pct(time.other) };
}

export interface XstateFloor {
  /** The cheapest event: a two-state machine with no actions, toggled. */
  eventUs: number;
  /**
   * A reply's event as the client's machine takes one, with nothing of the simulator in it: two
   * guards read, the state left (its response timer cancelled), one field assigned, the next state
   * entered (an entry action, a response timer armed on a clock that never fires).
   */
  typicalEventUs: number;
  /** The cheapest actor's life: created, started, stopped. */
  actorUs: number;
}

const floorMachine = setup({ types: { events: {} as { type: "TOGGLE" } } }).createMachine({
  initial: "a",
  states: { a: { on: { TOGGLE: "b" } }, b: { on: { TOGGLE: "a" } } },
});

interface TypicalContext {
  readonly [field: `f${number}`]: number;
  last: number;
}
type TypicalEvent = { type: "REPLY"; code: number };
let typicalSink = "";

/** Two states awaiting a reply in turn, as the client's awaitingReply states are built. */
const awaiting = (line: string, next: "a" | "b") => ({
  entry: { type: "send" as const, params: { line } },
  after: { response: "silent" },
  on: {
    REPLY: [
      { guard: { type: "codeIs" as const, params: { code: 421 } }, target: "silent" },
      { guard: { type: "codeIs" as const, params: { code: 530 } }, target: "silent" },
      { target: next, actions: "keepCode" as const },
    ],
  },
});

const typicalMachine = setup({
  types: { context: {} as TypicalContext, events: {} as TypicalEvent },
  delays: { response: () => 30_000 },
  guards: { codeIs: ({ event }, params: { code: number }) => event.code === params.code },
  actions: {
    send: (_, params: { line: string }) => {
      typicalSink = params.line;
    },
    keepCode: assign({ last: ({ event }) => event.code }),
  },
}).createMachine({
  // As wide as the client's context: each assign copies it.
  context: () => ({ ...Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`f${i}`, i])), last: 0 }),
  initial: "a",
  states: { a: awaiting("LIST", "b"), b: awaiting("RETR", "a"), silent: {} },
});

/** A clock whose timers never fire: the typical event arms and cancels, as a session's replies do. */
const stillClock = { setTimeout: () => 0, clearTimeout: () => undefined };

/** Median of `rounds` timings of `reps` calls of `work`, in µs per call. */
function medianUs(work: () => void, reps: number, rounds = 9): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < reps; i++) work();
    times.push(((performance.now() - started) * 1000) / reps);
  }
  return times.sort((a, b) => a - b)[rounds >> 1]!;
}

/**
 * What xstate's own interpreter costs at the least on this machine, measured beside the sessions:
 * with a session's counts of events and actors it bounds the sessions/s any design of the same
 * conversation can reach while xstate runs it.
 */
export function xstateFloor(): XstateFloor {
  const toggler = createActor(floorMachine).start();
  const toggle = { type: "TOGGLE" } as const;
  const eventUs = medianUs(() => toggler.send(toggle), 20_000);
  toggler.stop();
  const replier = createActor(typicalMachine, { clock: stillClock }).start();
  const reply: TypicalEvent = { type: "REPLY", code: 226 };
  const typicalEventUs = medianUs(() => replier.send(reply), 20_000);
  replier.stop();
  if (typicalSink === "") throw new Error("the typical machine's entry action never ran");
  const actorUs = medianUs(() => createActor(floorMachine).start().stop(), 4_000);
  return { eventUs, typicalEventUs, actorUs };
}
