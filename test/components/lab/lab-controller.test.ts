/**
 * The lab controller without a browser or React: real traces from the simulator (the lessons'
 * scenarios), events in, state out, time as ticks the test sends.
 */
import { describe, expect, it } from "vitest";
import { commandEvent, keyEvent } from "../../../components/lab/controller/inputs";
import { SPEEDS, STEP_MS, holding, initialLab, labReducer, msToNextStep, type LabEvent, type LabOptions, type LabState } from "../../../components/lab/controller/lab-controller";
import { landingOf, lessonJump } from "../../../components/lab/controller/lesson-jumps";
import { parseCommand } from "../../../components/embed/messages";
import { lessonBySlug } from "../../../lessons/catalog";
import { lessonStepIn } from "../../../lessons/lesson-scenarios";
import { lessonTraces } from "../../../lessons/lesson-traces";
import type { Scenario } from "../../../sim/scenario/schema";
import { run } from "../../../sim/simulate";
import { findMoment, type Moment } from "../../../sim/trace/moments";
import { timelineOf } from "../../../sim/trace/steps";
import type { Trace } from "../../../sim/trace/trace";

/** A tiny driver: the controller's state and a way to send it events. */
function labOf(trace: Trace, options: LabOptions = {}) {
  let state = initialLab(trace, options);
  return {
    get state(): LabState {
      return state;
    },
    send(...events: LabEvent[]) {
      for (const e of events) state = labReducer(state, e);
      return this;
    },
    /** Let the host's timer run out `times` times, as the hook does. */
    wait(times = 1) {
      for (let i = 0; i < times; i++) {
        const due = msToNextStep(state);
        if (due === null) break;
        state = labReducer(state, { type: "tick", ms: due });
      }
      return this;
    },
    press(...keys: string[]) {
      for (const k of keys) {
        const e = keyEvent(k);
        if (e) state = labReducer(state, e);
      }
      return this;
    },
  };
}

const lesson = (slug: string) => {
  const l = lessonBySlug(slug);
  if (!l) throw new Error(`no lesson ${slug}`);
  return { lesson: l, traces: lessonTraces(l) };
};
const stepIn = (trace: Trace, moment: Moment) => findMoment(trace, timelineOf(trace.events), moment);

const active = lesson("active-mode");
const activeTrace = active.traces.main!;
const total = timelineOf(activeTrace.events).steps.length;
const last = total - 1;

describe("stepping and bounds", () => {
  it("opens at the step asked for, within the session", () => {
    const lab = labOf(activeTrace, { initialStep: 5 });
    expect(lab.state).toMatchObject({ step: 5, first: 0, last, playing: false, speed: 1, selectedPacket: null, pending: null });
    expect(labOf(activeTrace).state.step).toBe(0);
    expect(labOf(activeTrace, { initialStep: 99_999 }).state.step).toBe(last);
    expect(labOf(activeTrace, { initialStep: -4 }).state.step).toBe(0);
  });

  it("steps forward and back, to the ends, and no further", () => {
    const lab = labOf(activeTrace, { initialStep: 3 });
    expect(lab.send({ type: "next" }).state.step).toBe(4);
    expect(lab.send({ type: "prev" }, { type: "prev" }).state.step).toBe(2);
    expect(lab.send({ type: "toStart" }).state.step).toBe(0);
    const atStart = lab.state;
    expect(lab.send({ type: "prev" }).state).toBe(atStart); // nothing changes, nothing re-renders
    expect(lab.send({ type: "toEnd" }).state.step).toBe(last);
    const atEnd = lab.state;
    expect(lab.send({ type: "next" }).state).toBe(atEnd);
  });

  it("clamps a jump to a step number (the slider, the sequence diagram, a host's goto)", () => {
    const lab = labOf(activeTrace);
    expect(lab.send({ type: "goTo", step: 12 }).state.step).toBe(12);
    expect(lab.send({ type: "goTo", step: 99_999 }).state.step).toBe(last);
    expect(lab.send({ type: "goTo", step: -1 }).state.step).toBe(0);
    expect(lab.send({ type: "goTo", step: Number.NaN }).state.step).toBe(0);
  });

  it("keeps a packet selected while the steps move", () => {
    const lab = labOf(activeTrace).send({ type: "selectPacket", id: 7 }, { type: "next" }, { type: "next" });
    expect(lab.state.selectedPacket).toBe(7);
    expect(lab.send({ type: "selectPacket", id: null }).state.selectedPacket).toBeNull();
  });
});

describe("a from/to range (embeds)", () => {
  // /embed/active-mode?from=10&to=12: 1-based in the URL, 0-based here.
  const range = { from: 9, to: 11 };

  it("opens at `from` and never leaves [from, to]", () => {
    const lab = labOf(activeTrace, { initialStep: range.from, ...range });
    expect(lab.state).toMatchObject({ step: 9, first: 9, last: 11 });
    for (let i = 0; i < 5; i++) lab.press("ArrowRight");
    expect(lab.state.step).toBe(11);
    for (let i = 0; i < 5; i++) lab.press("ArrowLeft");
    expect(lab.state.step).toBe(9);
    expect(lab.press("End").state.step).toBe(11);
    expect(lab.press("Home").state.step).toBe(9);
    expect(lab.send({ type: "goTo", step: 0 }).state.step).toBe(9);
    expect(lab.send({ type: "goTo", step: 99_999 }).state.step).toBe(11);
  });

  it("clamps a start outside the range, and a range past the session's end", () => {
    expect(labOf(activeTrace, { initialStep: 30, ...range }).state.step).toBe(11);
    expect(labOf(activeTrace, { from: 2, to: 10_000 }).state).toMatchObject({ first: 2, last });
  });

  it("plays to `to` and stops there", () => {
    const lab = labOf(activeTrace, { initialStep: range.from, ...range, autoplay: true });
    expect(lab.state.playing).toBe(true);
    lab.wait(10);
    expect(lab.state).toMatchObject({ step: 11, playing: false });
  });

  it("re-clamps when the range changes", () => {
    const lab = labOf(activeTrace, { initialStep: 20 });
    expect(lab.send({ type: "range", from: 9, to: 11 }).state).toMatchObject({ step: 11, first: 9, last: 11 });
    expect(lab.send({ type: "range", from: null, to: null }).state).toMatchObject({ step: 11, first: 0, last });
  });
});

describe("playback: time is a tick the host sends", () => {
  it("advances one step per STEP_MS at speed 1, and only while playing", () => {
    const lab = labOf(activeTrace);
    expect(msToNextStep(lab.state)).toBeNull();
    expect(lab.send({ type: "tick", ms: 5 * STEP_MS }).state.step).toBe(0);
    lab.send({ type: "play" });
    expect(msToNextStep(lab.state)).toBe(STEP_MS);
    expect(lab.send({ type: "tick", ms: STEP_MS - 1 }).state.step).toBe(0);
    expect(msToNextStep(lab.state)).toBe(1);
    expect(lab.send({ type: "tick", ms: 1 }).state.step).toBe(1);
    expect(lab.wait(2).state.step).toBe(3);
    lab.send({ type: "pause" });
    expect(lab.send({ type: "tick", ms: STEP_MS }).state).toMatchObject({ step: 3, playing: false });
  });

  it("restarts the step's time when the learner steps while it plays", () => {
    const lab = labOf(activeTrace).send({ type: "play" }, { type: "tick", ms: 1000 }, { type: "next" });
    expect(lab.state.step).toBe(1);
    expect(msToNextStep(lab.state)).toBe(STEP_MS);
    expect(lab.send({ type: "tick", ms: 200 }).state.step).toBe(1);
  });

  it("stops at the last step; playing again starts over from the first", () => {
    const lab = labOf(activeTrace, { initialStep: last - 2 }).send({ type: "play" });
    lab.wait(2);
    expect(lab.state).toMatchObject({ step: last, playing: false });
    expect(msToNextStep(lab.state)).toBeNull();
    expect(lab.send({ type: "play" }).state).toMatchObject({ step: 0, playing: true });
  });

  it("a long tick moves several steps, and never past the end", () => {
    const lab = labOf(activeTrace).send({ type: "play" }, { type: "tick", ms: 5 * STEP_MS + 10 });
    expect(lab.state.step).toBe(5);
    expect(lab.send({ type: "tick", ms: 1000 * STEP_MS }).state).toMatchObject({ step: last, playing: false });
  });

  it("toggles (space) between playing and paused; reaching the end by a jump ends playback", () => {
    const lab = labOf(activeTrace, { initialStep: 4 });
    expect(lab.press(" ").state.playing).toBe(true);
    expect(lab.press(" ").state.playing).toBe(false);
    lab.press(" ", "End");
    expect(lab.state).toMatchObject({ step: last, playing: false });
    expect(lab.press(" ").state).toMatchObject({ step: 0, playing: true });
  });

  it("speed divides the step's time; a new speed restarts the step's time", () => {
    const lab = labOf(activeTrace).send({ type: "speed", speed: 2 }, { type: "play" });
    expect(msToNextStep(lab.state)).toBe(STEP_MS / 2);
    expect(lab.send({ type: "tick", ms: STEP_MS / 2 - 1 }).state.step).toBe(0);
    lab.send({ type: "speed", speed: 0.5 });
    expect(msToNextStep(lab.state)).toBe(STEP_MS * 2);
    expect(lab.send({ type: "tick", ms: STEP_MS }).state.step).toBe(0);
    expect(lab.send({ type: "tick", ms: STEP_MS }).state.step).toBe(1);
    for (const s of SPEEDS) {
      const at = labOf(activeTrace, { speed: s, autoplay: true });
      expect(msToNextStep(at.state)).toBe(STEP_MS / s);
      expect(at.wait().state.step).toBe(1);
    }
  });

  it("ignores a speed that is not a positive number", () => {
    const lab = labOf(activeTrace, { speed: 2 });
    for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(lab.send({ type: "speed", speed }).state.speed).toBe(2);
    expect(labOf(activeTrace, { speed: 0 }).state.speed).toBe(1);
  });

  it("autoplay starts playing (the home page's session at 2×) and plays it to the end", () => {
    const lab = labOf(activeTrace, { autoplay: true, speed: 2 });
    expect(lab.state.playing).toBe(true);
    lab.wait(total + 5);
    expect(lab.state).toMatchObject({ step: last, playing: false });
    expect(labOf(activeTrace, { autoplay: true, initialStep: last }).state.playing).toBe(false);
  });
});

describe("a new trace on screen", () => {
  it("keeps the playhead at the same logical point (the playground's knobs)", () => {
    const passive: Scenario = { ...activeTrace.scenario, client: { ...activeTrace.scenario.client, mode: "passive" } };
    const passiveTrace = run(passive);
    const lab = labOf(activeTrace, { initialStep: stepIn(activeTrace, { reply: 230 })! });
    lab.send({ type: "trace", trace: passiveTrace });
    expect(lab.state.trace).toBe(passiveTrace);
    expect(lab.state.step).toBe(stepIn(passiveTrace, { reply: 230 }));
    expect(lab.state.last).toBe(timelineOf(passiveTrace.events).steps.length - 1);
    const same = lab.state;
    expect(lab.send({ type: "trace", trace: passiveTrace }).state).toBe(same);
  });

  it("stays within the range in the new trace", () => {
    const lab = labOf(activeTrace, { from: 2, to: 6, initialStep: 6 });
    const other = run({ ...activeTrace.scenario, client: { ...activeTrace.scenario.client, firewall: "stateful" } });
    lab.send({ type: "trace", trace: other });
    expect(lab.state.step).toBeGreaterThanOrEqual(2);
    expect(lab.state.step).toBeLessThanOrEqual(6);
  });
});

describe("jumps to a moment", () => {
  it("land at once when their trace is on screen", () => {
    const lab = labOf(activeTrace);
    lab.send({ type: "land", at: [{ command: "PORT" }], in: activeTrace.scenario });
    expect(lab.state).toMatchObject({ step: stepIn(activeTrace, { command: "PORT" }), pending: null });
    // A moment that never happens: the next one named, else the end.
    lab.send({ type: "land", at: [{ reply: 425 }, { transferEnd: 0 }], in: activeTrace.scenario });
    expect(lab.state.step).toBe(stepIn(activeTrace, { transferEnd: 0 }));
    lab.send({ type: "land", at: [{ reply: 425 }], in: activeTrace.scenario });
    expect(lab.state.step).toBe(last);
  });

  it("in another scenario: wait for its trace, then land (a lesson switching setups)", () => {
    const { lesson: l, traces } = lesson("why-sftp");
    const lab = labOf(traces.ftp!, { initialStep: lessonStepIn(l, traces, 0).at! });
    const before = lab.state.step;
    // Lesson step 5 ("firewall" scenario, the 227 reply).
    lab.send(lessonJump(l, traces, 4));
    expect(lab.state.step).toBe(before);
    expect(lab.state.pending?.scenario).toBe(traces.firewall!.scenario);
    lab.send({ type: "trace", trace: traces.firewall! });
    expect(lab.state).toMatchObject({ step: lessonStepIn(l, traces, 4).at, pending: null });
    expect(lab.state.step).toBe(stepIn(traces.firewall!, { reply: 227 }));
  });

  it("a stale trace arriving late does not steal the jump", () => {
    const { lesson: l, traces } = lesson("why-sftp");
    const lab = labOf(traces.ftp!);
    lab.send(lessonJump(l, traces, 4)); // wants "firewall"
    lab.send(lessonJump(l, traces, 6)); // then "nat", before "firewall" arrived
    lab.send({ type: "trace", trace: traces.firewall! });
    expect(lab.state.trace).toBe(traces.firewall);
    expect(lab.state.pending?.scenario).toBe(traces.nat!.scenario);
    lab.send({ type: "goTo", step: 3 });
    lab.send({ type: "trace", trace: traces.nat! });
    expect(lab.state).toMatchObject({ step: lessonStepIn(l, traces, 6).at, pending: null });
    // Once landed, the same trace again is nothing new.
    lab.send({ type: "next" }, { type: "trace", trace: traces.nat! });
    expect(lab.state.step).toBe(lessonStepIn(l, traces, 6).at! + 1);
  });

  it("a later jump in the trace on screen cancels one still waiting", () => {
    const { lesson: l, traces } = lesson("stateful-ftp-helper");
    const lab = labOf(traces["no-helper"]!);
    lab.send(lessonJump(l, traces, 3)); // "helper"
    lab.send(lessonJump(l, traces, 1)); // back in "no-helper": lands now
    expect(lab.state).toMatchObject({ step: lessonStepIn(l, traces, 1).at, pending: null });
    lab.send({ type: "trace", trace: traces.helper! });
    expect(lab.state.pending).toBeNull();
  });

  it("try-it: the learner's setup, simulated, lands where the change first shows in the step's transfer", () => {
    const { lesson: l, traces } = lesson("login-works-list-hangs");
    const main = traces.main!;
    const k = 7; // "425": try passive mode
    const lab = labOf(main, { initialStep: lessonStepIn(l, traces, k).at! });
    const passive: Scenario = { ...main.scenario, client: { ...main.scenario.client, mode: "passive" } };
    lab.send(lessonJump(l, traces, k, passive));
    expect(lab.state.trace).toBe(main); // still simulating
    const simulated = run(passive);
    lab.send({ type: "trace", trace: simulated });
    // No 425 once the setup works; the LIST's first difference from the lesson's run is PASV where PORT was.
    expect(stepIn(simulated, { reply: 425 })).toBeNull();
    expect(lab.state.step).toBe(stepIn(simulated, { command: "PASV" }));
    expect(lab.state.step).not.toBe(stepIn(simulated, { end: true }));
    // "Back to the lesson's setup": its trace again, at the step's own moment.
    lab.send(lessonJump(l, traces, k, main.scenario), { type: "trace", trace: main });
    expect(lab.state).toMatchObject({ trace: main, step: stepIn(main, { reply: 425 }), pending: null });
  });

  it("try-it keeps the moment when the learner's setup still has it", () => {
    const { lesson: l, traces } = active;
    const k = 3; // PORT
    const lab = labOf(activeTrace, { initialStep: lessonStepIn(l, traces, k).at! });
    const walled: Scenario = { ...activeTrace.scenario, client: { ...activeTrace.scenario.client, firewall: "stateful" } };
    lab.send(lessonJump(l, traces, k, walled));
    const simulated = run(walled);
    lab.send({ type: "trace", trace: simulated });
    expect(lab.state.step).toBe(stepIn(simulated, { command: "PORT" }));
  });

  it("a setup the learner left before it was simulated never steals the jump", () => {
    const { lesson: l, traces } = lesson("login-works-list-hangs");
    const main = traces.main!;
    const k = 7;
    const lab = labOf(main);
    const passive: Scenario = { ...main.scenario, client: { ...main.scenario.client, mode: "passive" } };
    const open: Scenario = { ...main.scenario, client: { ...main.scenario.client, firewall: "open" } };
    lab.send(lessonJump(l, traces, k, passive), lessonJump(l, traces, k, open));
    lab.send({ type: "trace", trace: run(passive) }); // late, and no longer wanted
    expect(lab.state.pending?.scenario).toBe(open);
    const wanted = run(open);
    lab.send({ type: "trace", trace: wanted });
    expect(lab.state.pending).toBeNull();
    // The open firewall lets the server's SYN in: that is the first step unlike the lesson's.
    expect(stepIn(wanted, { reply: 425 })).toBeNull();
    expect(lab.state.step).toBe(stepIn(wanted, { syn: "data" }));
  });

  it("a lesson step lands on its own moment, else the end of the transfer it is about", () => {
    const { lesson: l } = lesson("login-works-list-hangs");
    expect(landingOf(l.steps[7]!)).toEqual([{ reply: 425 }, { transferEnd: 0 }]);
    expect(landingOf({ at: { drop: 1 }, predict: { about: { transfer: 2 } } })).toEqual([{ drop: 1 }, { transferEnd: 2 }]);
    expect(landingOf({ at: { start: true } })).toEqual([{ start: true }, { transferEnd: 0 }]);
  });
});

describe("inputs as controller events", () => {
  it("keys: Home, →×5, Home, End, ← (the lesson page's keyboard)", () => {
    const lab = labOf(activeTrace, { initialStep: 1 });
    expect(lab.press("Home").state.step).toBe(0);
    expect(lab.press(...Array(5).fill("ArrowRight")).state.step).toBe(5);
    expect(lab.press("Home").state.step).toBe(0);
    expect(lab.press("End").state.step).toBe(last);
    expect(lab.press("ArrowLeft").state.step).toBe(last - 1);
  });

  it("names an event for the playback keys only", () => {
    expect(keyEvent("ArrowRight")).toEqual({ type: "next" });
    expect(keyEvent("ArrowLeft")).toEqual({ type: "prev" });
    expect(keyEvent(" ")).toEqual({ type: "toggle" });
    expect(keyEvent("Home")).toEqual({ type: "toStart" });
    expect(keyEvent("End")).toEqual({ type: "toEnd" });
    for (const k of ["a", "Enter", "ArrowUp", "Tab", "toString", "constructor", "__proto__"]) expect(keyEvent(k)).toBeNull();
  });

  it("a host's postMessage commands: goto 14, next, prev; goto past the end; setup is the page's", () => {
    const lab = labOf(activeTrace);
    const post = (data: unknown) => {
      const cmd = parseCommand(data);
      const e = cmd && commandEvent(cmd);
      if (e) lab.send(e);
      return lab.state.step + 1;
    };
    expect(post({ ns: "ftp-lab", method: "goto", args: { step: 14 } })).toBe(14);
    expect(post({ ns: "ftp-lab", method: "next" })).toBe(15);
    expect(post({ ns: "ftp-lab", method: "goto", args: { step: -1 } })).toBe(15);
    expect(post({ ns: "other", method: "goto", args: { step: 1 } })).toBe(15);
    expect(post({ ns: "ftp-lab", method: "prev" })).toBe(14);
    expect(post({ ns: "ftp-lab", method: "goto", args: 99_999 })).toBe(total);
    post({ ns: "ftp-lab", method: "goto", args: { step: 1 } });
    post({ ns: "ftp-lab", method: "play" });
    expect(lab.state.playing).toBe(true);
    post({ ns: "ftp-lab", method: "pause" });
    expect(lab.state.playing).toBe(false);
    expect(commandEvent({ method: "setup", params: { mode: "active" } })).toBeNull();
  });
});

describe("a question holds the lab (a lesson's predict step)", () => {
  const question = { fact: "initiator", transfer: 0 } as const;
  const atPort = stepIn(activeTrace, { command: "PORT" })!;
  const held = () => labOf(activeTrace).send({ type: "land", at: [{ command: "PORT" }], in: activeTrace.scenario, hold: question });

  it("next, →, End, a goto past it and the slider stop at the held step; back is free", () => {
    const lab = held();
    expect(lab.state).toMatchObject({ step: atPort, hold: { step: atPort, question } });
    expect(lab.press("ArrowRight", "End").state.step).toBe(atPort);
    expect(lab.send({ type: "next" }, { type: "toEnd" }, { type: "goTo", step: last }).state.step).toBe(atPort);
    expect(lab.press("ArrowLeft").state.step).toBe(atPort - 1);
    expect(lab.press("ArrowRight", "ArrowRight").state.step).toBe(atPort);
    expect(lab.press("Home").state.step).toBe(0);
  });

  it("Play (space) at the held step waits; from before it, plays up to it and stops", () => {
    const lab = held();
    expect(lab.press(" ").state.playing).toBe(false);
    expect(msToNextStep(lab.state)).toBeNull();
    lab.send({ type: "goTo", step: atPort - 3 }, { type: "play" });
    expect(lab.state.playing).toBe(true);
    lab.wait(10);
    expect(lab.state).toMatchObject({ step: atPort, playing: false });
    // One long tick (a tab in the background) cannot jump it either.
    lab.send({ type: "goTo", step: atPort - 3 }, { type: "play" }, { type: "tick", ms: STEP_MS * 50 });
    expect(lab.state).toMatchObject({ step: atPort, playing: false });
  });

  it("a host's next/play/goto obey the same hold", () => {
    const lab = held();
    for (const data of [{ method: "next" }, { method: "play" }, { method: "goto", args: { step: total } }]) {
      const cmd = parseCommand({ ns: "ftp-lab", ...data });
      const e = cmd && commandEvent(cmd);
      if (e) lab.send(e);
    }
    expect(lab.state).toMatchObject({ step: atPort, playing: false });
  });

  it("release (answered or skipped) lets it move on and play to the end", () => {
    const lab = held().send({ type: "release" });
    expect(lab.state.hold).toBeNull();
    expect(lab.press("ArrowRight").state.step).toBe(atPort + 1);
    lab.send({ type: "play" }).wait(total);
    expect(lab.state).toMatchObject({ step: last, playing: false });
  });

  it("any other landing replaces the hold (the learner picks another lesson step)", () => {
    const lab = held().send({ type: "land", at: [{ transferEnd: 0 }], in: activeTrace.scenario });
    expect(lab.state.hold).toBeNull();
    expect(lab.press("End").state.step).toBe(last);
  });

  it("a landing that waits for its trace holds where it lands, not before", () => {
    const { lesson: l, traces } = lesson("why-sftp");
    const lab = labOf(traces.ftp!);
    lab.send(holding(lessonJump(l, traces, 4), question));
    // Still on the old trace: no hold yet, the old step is free.
    expect(lab.state.hold).toBeNull();
    lab.send({ type: "trace", trace: traces.firewall! });
    const at = stepIn(traces.firewall!, { reply: 227 })!;
    expect(lab.state).toMatchObject({ step: at, hold: { step: at, question } });
    expect(lab.press("End").state.step).toBe(at);
  });

  it("a lesson opening on a predict step holds from the first frame; a landing while playing stops there", () => {
    const lab = labOf(activeTrace, { initialStep: atPort, hold: question, autoplay: true });
    expect(lab.state).toMatchObject({ step: atPort, playing: false, hold: { step: atPort } });
    const playing = labOf(activeTrace).send({ type: "play" }, { type: "land", at: [{ command: "PORT" }], in: activeTrace.scenario, hold: question });
    expect(playing.state).toMatchObject({ step: atPort, playing: false });
  });
});
