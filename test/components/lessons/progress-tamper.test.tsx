// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { LessonIndex, type LessonCard } from "../../../components/lessons/LessonIndex";
import { readProgress, recordPrediction, recordVisit } from "../../../components/lessons/progress";

const KEY = "ftp-lab-progress-v1";

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const cards: LessonCard[] = [
  { slug: "two-connections", order: 1, title: "Two connections", goal: "g", level: "beginner", minutes: 5, concepts: ["c"], steps: 10, predictions: 2, predictSteps: [2, 8] },
  { slug: "active-mode", order: 2, title: "Active mode", goal: "g", level: "beginner", minutes: 6, concepts: ["c"], steps: 8, predictions: 1, predictSteps: [2] },
  { slug: "passive-mode", order: 3, title: "Passive mode", goal: "g", level: "beginner", minutes: 6, concepts: ["c"], steps: 7, predictions: 1 },
];

function texts(): string[] {
  return screen.getAllByRole("listitem").map((li) => li.textContent ?? "");
}

describe("the lessons index with tampered progress", () => {
  it("never shows a step outside the lesson or more predictions than it has", () => {
    const all = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [String(i), true]));
    localStorage.setItem(
      KEY,
      JSON.stringify({
        "two-connections": { furthest: -5, steps: 10, predictions: {} },
        "active-mode": { furthest: 3, steps: 8, predictions: { ...all, "2": false, "99": true, x: true, "-1": true } },
        "passive-mode": { furthest: 2, steps: 7, predictions: all },
      }),
    );
    render(<LessonIndex lessons={cards} />);
    const [two, active, passive] = texts();
    expect(two).toContain("Not started");
    expect(active).toContain("Step 4 of 8");
    // Only step 2 asks; it was answered wrong.
    expect(active).toContain("0 of 1 prediction right");
    // No predictSteps given: counted within the lesson's steps, capped at its predictions.
    expect(passive).toContain("1 of 1 prediction right");
    expect(screen.getByText(/lessons done/).textContent).toBe("0 of 3 lessons done; 1 of 2 predictions right.");
  });

  it.each([
    ["a huge negative step", { furthest: -1e21, steps: 8, predictions: {} }],
    ["a fractional step", { furthest: 2.5, steps: 8, predictions: {} }],
    ["a step past the end", { furthest: 12, steps: 8, predictions: {} }],
    ["a string step", { furthest: "3", steps: 8, predictions: {} }],
    ["absurd steps", { furthest: 3, steps: 1e9, predictions: {} }],
  ])("treats %s as not started", (_what, p) => {
    localStorage.setItem(KEY, JSON.stringify({ "active-mode": p }));
    render(<LessonIndex lessons={cards} />);
    expect(texts()[1]).toContain("Not started");
    expect(texts()[1]).not.toMatch(/Step -|e\+/);
  });

  it("ignores an oversized store (100,000 predictions) and says nothing broke", () => {
    const predictions = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [String(i), true]));
    localStorage.setItem(KEY, JSON.stringify({ "active-mode": { furthest: 3, steps: 100_000, predictions } }));
    render(<LessonIndex lessons={cards} />);
    expect(screen.getByText(/lessons, about/).textContent).toBe("3 lessons, about 17 minutes in all. Your progress is kept in this browser only.");
    expect(document.body.textContent).not.toContain("100000");
  });
});

describe("writing progress", () => {
  it("writes back only the validated data, never the junk it read", () => {
    const junk = "x".repeat(20_000); // twice: under the 64 KB cap, so it is read
    localStorage.setItem(
      KEY,
      JSON.stringify({
        "active-mode": { furthest: 1, steps: 8, predictions: { "2": true, "7": "yes", "50": true }, junk },
        "<img src=x>": { furthest: 1, steps: 2, predictions: {} },
        "bad-shape": { furthest: -1, steps: 8, predictions: {} },
        extra: junk,
      }),
    );
    recordVisit("active-mode", 3, 8);
    const stored = localStorage.getItem(KEY)!;
    expect(stored.length).toBeLessThan(200);
    expect(JSON.parse(stored)).toEqual({ "active-mode": { furthest: 3, steps: 8, predictions: { "2": true } } });
  });

  it("replaces 2.5 MB of junk with what the learner did", () => {
    localStorage.setItem(KEY, JSON.stringify({ "active-mode": { furthest: 1, steps: 8, predictions: {}, junk: "x".repeat(2_500_000) } }));
    expect(readProgress()).toEqual({});
    recordPrediction("active-mode", 2, 8, true);
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ "active-mode": { furthest: 2, steps: 8, predictions: { "2": true } } });
  });

  it("refuses to record a step outside the lesson", () => {
    recordVisit("active-mode", -4, 8);
    recordVisit("active-mode", 1e21, 8);
    recordVisit("active-mode", 9, 8);
    recordPrediction("active-mode", 20, 8, true);
    expect(readProgress()).toEqual({});
  });
});
