import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../lessons/catalog";
import { factsOf, fill } from "../../lessons/facts";
import { parseLesson, LessonError } from "../../lessons/schema";
import { run } from "../../sim/simulate";
import { timelineOf } from "../../sim/trace/steps";
import { findMoment } from "../../sim/trace/moments";

describe("every lesson", () => {
  for (const lesson of LESSONS) {
    describe(lesson.slug, () => {
      const trace = run(lesson.scenario);
      const timeline = timelineOf(trace.events);
      const facts = factsOf(trace);
      it("points every step at a moment that happens, in order", () => {
        const at = lesson.steps.map((s) => findMoment(trace, timeline, s.at));
        expect(at.every((x) => x !== null)).toBe(true);
        expect([...at].sort((a, b) => a! - b!)).toEqual(at);
      });
      it("fills every {placeholder} of its narration from its own trace", () => {
        for (const s of lesson.steps) expect(fill(s.text, facts)).not.toMatch(/\{[a-zA-Z0-9]+\}/);
      });
      it("links only to lessons that exist", () => {
        for (const slug of lesson.next) expect(LESSONS.map((l) => l.slug)).toContain(slug);
      });
    });
  }

  it("the active-mode lesson's numbers are the ones on the wire", () => {
    const lesson = LESSONS.find((l) => l.slug === "active-mode")!;
    const trace = run(lesson.scenario);
    const facts = factsOf(trace);
    const port = trace.events.find((e) => e.type === "command" && e.line.startsWith("PORT"));
    expect(port && port.type === "command" && port.line).toContain(`${facts.activeP1},${facts.activeP2}`);
    expect(Number(facts.activeP1) * 256 + Number(facts.activeP2)).toBe(Number(facts.activePort));
  });
});

describe("a broken lesson file", () => {
  it("names the file and the field", () => {
    const json = JSON.parse(readFileSync("lessons/active-mode.json", "utf8"));
    json.steps[1].at = { reply: "two hundred" };
    json.level = "expert";
    expect(() => parseLesson("lessons/broken.json", json)).toThrow(LessonError);
    try {
      parseLesson("lessons/broken.json", json);
    } catch (e) {
      expect(String(e)).toContain("lessons/broken.json");
      expect(String(e)).toContain("level:");
      expect(String(e)).toContain("steps[1].at");
    }
  });
});
