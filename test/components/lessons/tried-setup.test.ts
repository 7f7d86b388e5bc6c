/**
 * A try-it or challenge step's setup in a lesson link (components/lessons/tried-setup.ts): what
 * the learner changed goes into the link in the playground's words, and comes back as the same
 * setup; a link cannot change a knob the step does not unlock, and says what it ignored.
 */
import { describe, expect, it } from "vitest";
import { triedSetupFromParams, triedSetupParams } from "../../../components/lessons/tried-setup";
import { LESSONS } from "../../../lessons/catalog";
import { TOGGLES, applyToggle, toggleValue, type ToggleName } from "../../../lessons/lesson-model";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { scenarioNameOfStep } from "../../../lessons/lesson-scenarios";
import { toScenario } from "../../../sim/scenario/validate";

const base = toScenario({ client: { mode: "passive" }, server: { passivePorts: [3000, 3024], firewall: "control-only" }, commands: ["LIST"] });
const toggles: readonly ToggleName[] = ["server.firewall", "client.mode"];
const read = (query: string, step = 10) => triedSetupFromParams(new URLSearchParams(query), toggles, base, step);

describe("a learner's setup in a lesson link", () => {
  it("writes only the unlocked knobs the learner changed, as the playground writes them", () => {
    expect(triedSetupParams(toggles, base, base).toString()).toBe("");
    const fixed = applyToggle(base, "server.firewall", "control+passive-range");
    expect(triedSetupParams(toggles, base, fixed).toString()).toBe("sfw=control%2Bpassive-range");
    const both = applyToggle(fixed, "client.mode", "active");
    // The registry's order, whatever order the step lists its knobs in.
    expect(triedSetupParams([...toggles].reverse(), base, both).toString()).toBe("mode=active&sfw=control%2Bpassive-range");
  });

  it("reads back the same setup it wrote", () => {
    const both = applyToggle(applyToggle(base, "client.mode", "active"), "server.firewall", "stateful+ftp-helper");
    const linked = read(triedSetupParams(toggles, base, both).toString());
    expect(linked.notices).toEqual([]);
    expect(linked.scenario).not.toBeNull();
    for (const name of toggles) expect(toggleValue(linked.scenario!, name)).toBe(toggleValue(both, name));
  });

  it("changes nothing when the link names the lesson's own values", () => {
    expect(read("mode=passive&sfw=control-only")).toEqual({ scenario: null, notices: [] });
  });

  it("refuses a knob the step does not unlock, and says which", () => {
    const linked = read("cfw=open&mode=active");
    expect(linked.notices).toEqual(["Ignored cfw=open: lesson step 10 does not unlock the knob “Client firewall”."]);
    expect(toggleValue(linked.scenario!, "client.mode")).toBe("active");
    expect(linked.scenario!.client.firewall).toEqual(base.client.firewall);
  });

  it("refuses a value the knob does not have, and says what it expected", () => {
    const linked = read(`sfw=${"x".repeat(80)}`);
    expect(linked.scenario).toBeNull();
    expect(linked.notices).toHaveLength(1);
    expect(linked.notices[0]).toMatch(/^Ignored sfw=x{24}…: expected open \| stateful \| /);
  });

  it("leaves parameters that are no knob to the page (step, anything else)", () => {
    expect(read("step=10&utm_source=slides")).toEqual({ scenario: null, notices: [] });
  });
});

describe("every try-it and challenge step of the lessons", () => {
  it("round-trips each setting of each knob it unlocks through a link", () => {
    let checked = 0;
    for (const lesson of LESSONS) {
      const traces = lessonTraces(lesson);
      lesson.steps.forEach((step, i) => {
        const unlocked = step.tryIt?.toggles ?? step.challenge?.toggles;
        if (!unlocked) return;
        const original = traces[scenarioNameOfStep(lesson, i)]!.scenario;
        for (const name of unlocked) {
          for (const { value } of TOGGLES[name].options) {
            const changed = applyToggle(original, name, value);
            const linked = triedSetupFromParams(triedSetupParams(unlocked, original, changed), unlocked, original, i + 1);
            expect(linked.notices).toEqual([]);
            expect(toggleValue(linked.scenario ?? original, name)).toBe(toggleValue(changed, name));
            checked++;
          }
        }
      });
    }
    expect(checked).toBeGreaterThan(10);
  });
});
