/**
 * `npm run bench`: the simulator's speed and memory, one `name: value unit` line per figure.
 * Targets (issue 2): 10 000 sessions (login, LIST, RETR, QUIT through one firewall) in under a
 * second on this 2-core machine; a trace whose size grows linearly with its packets. Issue 17:
 * 2 000 sessions/s on one thread with xstate's own interpreter, and where a session's time goes
 * (xstate's work per session by its inspection API, a CPU profile split by who ran).
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { run, toScenario, type Trace } from "../../sim/index";
import { diagnoseTimes, readTimes } from "./diagnose-bench";
import { learnerViewTimes } from "./learner-views-bench";
import { line } from "./report";
import { BENCH_SESSION, profileSplit, xstateCounts, xstateFloor } from "./sim-profile";

const session = BENCH_SESSION;

let peakRss = process.memoryUsage().rss;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function sessionsPerSecond(n: number): { rate: number; events: number; packets: number } {
  let events = 0;
  let packets = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const trace = run({ ...session, seed: i + 1 });
    events += trace.events.length;
    for (const e of trace.events) if (e.type === "send") packets++;
    if (i % 500 === 0) sampleMemory();
  }
  const elapsed = performance.now() - started;
  return { rate: (n / elapsed) * 1000, events: events / n, packets: packets / n };
}

function traceSize(bytes: number): { packets: number; events: number; json: number } {
  const scenario = toScenario({ files: { "big.bin": "x".repeat(bytes) }, commands: ["RETR big.bin"] });
  const trace: Trace = run(scenario);
  const packets = trace.events.filter((e) => e.type === "send").length;
  return { packets, events: trace.events.length, json: JSON.stringify(trace).length };
}

/** The same sessions split over one worker thread per core, timed from the parent. */
async function parallelSessionsPerSecond(workers: number, perWorker: number): Promise<number> {
  // A worker needs tsx's loader before it can import this TypeScript file.
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  const entry = new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  const threads = Array.from({ length: workers }, () => new Worker(entry, { workerData: { perWorker } }));
  await Promise.all(threads.map((w) => new Promise((ok) => w.once("message", ok)))); // warmed up
  const started = performance.now();
  threads.forEach((w) => w.postMessage("go"));
  await Promise.all(threads.map((w) => new Promise((ok) => w.once("message", ok))));
  const elapsed = performance.now() - started;
  await Promise.all(threads.map((w) => w.terminate()));
  return ((workers * perWorker) / elapsed) * 1000;
}

if (!isMainThread) {
  const { perWorker } = workerData as { perWorker: number };
  sessionsPerSecond(300);
  parentPort!.postMessage("ready");
  parentPort!.once("message", () => {
    sessionsPerSecond(perWorker);
    parentPort!.postMessage("done");
  });
} else {
  await main();
}

async function main(): Promise<void> {
// Warm up the JIT before measuring.
sessionsPerSecond(300);
const measured = sessionsPerSecond(3000);
sampleMemory();
const parallel = await parallelSessionsPerSecond(2, 3000);
line("sessions/s (1 thread, goal ≥ 2000)", Math.round(measured.rate));
line("sessions/s", Math.round(parallel));
line("time for 10000 sessions", Math.round((10_000 / parallel) * 1000), "ms");
line("events/session", Math.round(measured.events));
line("packets/session", Math.round(measured.packets));
line("peak rss", Math.round(peakRss / 2 ** 20), "MiB");

const counts = xstateCounts(session);
line("xstate actors/session", counts.actors.toFixed(0));
line("xstate events/session", counts.events.toFixed(0));
line("xstate microsteps/session", counts.microsteps.toFixed(0));
line("xstate actions/session", counts.actions.toFixed(0));
// Measured before the profiler attaches, beside the sessions it is compared with.
const floor = xstateFloor();
const split = await profileSplit(session);
line("profile xstate", split.xstate.toFixed(0), "%");
line("profile gc", split.gc.toFixed(0), "%");
line("profile simulator", split.simulator.toFixed(0), "%");
line("profile other", split.other.toFixed(0), "%");
// The ceiling: this session's events and actors at xstate's cheapest (each actor's init event is
// in its life), with and without the rest of a session's time (simulator, GC, other) as profiled.
const floorUs = (counts.events - counts.actors) * floor.eventUs + counts.actors * floor.actorUs;
const restUs = (1e6 / measured.rate) * (1 - split.xstate / 100);
line("xstate floor per event", floor.eventUs.toFixed(2), "µs");
line("xstate floor per actor", floor.actorUs.toFixed(2), "µs");
line("xstate typical reply event (guards, timer, assign, entry)", floor.typicalEventUs.toFixed(2), "µs");
// What a session's events cost xstate on average, by the profile: beside the typical reply, it
// says whether the machines do more per event than such a reply, or only have that many events.
line("xstate per event in a session (profile share × session time / events)", (((1e6 / measured.rate) * split.xstate) / 100 / counts.events).toFixed(2), "µs");
line("sessions/s ceiling (xstate at its floor, nothing else)", Math.round(1e6 / floorUs));
line("sessions/s ceiling (xstate at its floor, the rest as measured)", Math.round(1e6 / (floorUs + restUs)));
// Every event as dear as a typical reply's (a session's events mostly are), still nothing else.
const typicalUs = (counts.events - counts.actors) * floor.typicalEventUs + counts.actors * floor.actorUs;
line("sessions/s ceiling (each event as a typical reply's, nothing else)", Math.round(1e6 / typicalUs));

const small = traceSize(1_000);
const large = traceSize(60_000);
line("trace packets (1 KB RETR)", small.packets);
line("trace packets (60 KB RETR)", large.packets);
line("trace bytes/packet (1 KB RETR)", Math.round(small.json / small.packets));
line("trace bytes/packet (60 KB RETR)", Math.round(large.json / large.packets));
line("trace events/packet (1 KB RETR)", (small.events / small.packets).toFixed(2));
line("trace events/packet (60 KB RETR)", (large.events / large.packets).toFixed(2));

const diagnosis = diagnoseTimes();
line("diagnose corpus logs", diagnosis.logs);
line("diagnose p50", Math.round(diagnosis.p50), "ms");
line("diagnose p95", Math.round(diagnosis.p95), "ms");
line("diagnose max", Math.round(diagnosis.max), "ms");
const reading = readTimes();
line("diagnose read 1 MB log", Math.round(reading.realMs), "ms");
line("diagnose read 1 MB noise", Math.round(reading.noiseMs), "ms");
const views = learnerViewTimes();
line(`box state per step (${views.steps}-step session)`, views.boxStateMsPerStep.toFixed(2), "ms");
line(`compare align + first difference (${views.steps}-step sessions)`, views.compareMs.toFixed(1), "ms");
}
