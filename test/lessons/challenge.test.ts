/**
 * "Make it work" challenges (lessons/challenge.ts): the goal's words say what still misses it;
 * the lesson check refuses a challenge that is already solved or that its knobs cannot solve;
 * every challenge of the lessons is broken as given and solvable.
 */
import { describe, expect, it } from "vitest";
import { challengeProblems, reachableSetups, unmetGoal, type Challenge } from "../../lessons/challenge";
import { LESSONS } from "../../lessons/catalog";
import { applyToggle } from "../../lessons/lesson-model";
import { lessonStepIn } from "../../lessons/lesson-scenarios";
import { lessonTraces } from "../../lessons/lesson-traces";
import { run } from "../../sim/simulate";
import { toScenario } from "../../sim/scenario/validate";

const closed = toScenario({ client: { mode: "passive" }, server: { passivePorts: [3000, 3024], firewall: "control-only" }, commands: ["LIST"] });
const challenge: Challenge = {
  task: "Make LIST work.",
  toggles: ["server.firewall", "client.mode"],
  goal: {
    expect: [{ transfer: 0, result: "ok", reply: 226 }],
    forbid: [{ knob: "server.firewall", values: ["open"], why: "a firewall that accepts every new connection protects nothing." }],
  },
  solved: "Yes.",
};

describe("a challenge's goal", () => {
  it("says, in words, each way the session and the setup miss it", () => {
    const unmet = unmetGoal(closed, run(closed), challenge.goal);
    expect(unmet).toContain("Transfer 1: result should be ok, and it is failed.");
    expect(unmet).toContain("Transfer 1: reply should be 226, and it is none.");
    const open = applyToggle(closed, "server.firewall", "open");
    // It works, but the firewall is no firewall any more.
    expect(unmetGoal(open, run(open), challenge.goal)).toEqual([expect.stringMatching(/: not “.+”, a firewall that accepts every new connection protects nothing\.$/)]);
    const range = applyToggle(closed, "server.firewall", "control+passive-range");
    expect(unmetGoal(range, run(range), challenge.goal)).toEqual([]);
  });

  it("reaches every combination of its knobs", () => {
    expect(reachableSetups(closed, challenge.toggles)).toHaveLength(5 * 2);
  });
});

describe("the lesson check of a challenge", () => {
  const check = (c: Challenge, scenario = closed) => challengeProblems([{ title: "Fix it", challenge: c }], () => ({ scenario, trace: run(scenario) }), run);

  it("passes one that is broken as given and solvable", () => {
    expect(check(challenge)).toEqual([]);
  });

  it("refuses one already solved by its own setup", () => {
    const fine = applyToggle(closed, "server.firewall", "control+passive-range");
    expect(check(challenge, fine)).toEqual(['step 1 ("Fix it").challenge: the goal is already met by the step\'s setup: nothing to fix']);
  });

  it("refuses one its knobs cannot solve", () => {
    expect(check({ ...challenge, toggles: ["client.mode"], goal: { ...challenge.goal, expect: [{ transfer: 0, result: "ok", initiator: "client", serverPort: "20" }] } })).toEqual([
      'step 1 ("Fix it").challenge: no setting of client.mode meets the goal',
    ]);
  });

  it("holds for every challenge of the lessons, and at least one lesson has one", () => {
    let seen = 0;
    for (const lesson of LESSONS) {
      const traces = lessonTraces(lesson);
      seen += lesson.steps.filter((s) => s.challenge).length;
      expect(
        challengeProblems(lesson.steps, (i) => {
          const { trace } = lessonStepIn(lesson, traces, i);
          return { scenario: trace.scenario, trace };
        }, run),
        lesson.slug,
      ).toEqual([]);
    }
    expect(seen).toBeGreaterThan(0);
  });
});
