// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Predict } from "../../../components/lessons/Predict";
import { LessonIndex, type LessonCard } from "../../../components/lessons/LessonIndex";
import { parseProgress, readProgress, recordPrediction, recordVisit, resetProgress } from "../../../components/lessons/progress";

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const choices = [
  { label: "The client", value: "client" },
  { label: "The server", value: "server" },
];

describe("Predict", () => {
  it("asks first: nothing is told until an answer is checked", () => {
    render(<Predict question="Who dials?" choices={choices} truth="server" why="Active mode." onAnswer={() => {}} />);
    expect(screen.getByRole("group", { name: "Who dials?" })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Check my answer" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByText("Active mode.")).toBeNull();
  });

  it("says right, and why, when the pick is what the simulator did", () => {
    const onAnswer = vi.fn();
    render(<Predict question="Who dials?" choices={choices} truth="server" why="Active mode: the server dials." onAnswer={onAnswer} />);
    fireEvent.click(screen.getByRole("radio", { name: "The server" }));
    fireEvent.click(screen.getByRole("button", { name: "Check my answer" }));
    expect(onAnswer).toHaveBeenCalledWith(true);
    expect(screen.getByText("Right.")).toBeTruthy();
    expect(screen.getByText("Active mode: the server dials.")).toBeTruthy();
    expect(screen.getByText(/✓ what happens/).closest("label")!.textContent).toContain("The server");
  });

  it("names the right answer in words when the pick is wrong, and locks the choices", () => {
    const onAnswer = vi.fn();
    render(<Predict question="Who dials?" choices={choices} truth="server" why="Because." onAnswer={onAnswer} />);
    fireEvent.click(screen.getByRole("radio", { name: "The client" }));
    fireEvent.click(screen.getByRole("button", { name: "Check my answer" }));
    expect(onAnswer).toHaveBeenCalledWith(false);
    expect(screen.getByText(/It is: The server\./)).toBeTruthy();
    expect(screen.getByText(/✗ your answer/).closest("label")!.textContent).toContain("The client");
    expect(screen.getByRole("radio", { name: /^The server/ }).matches(":disabled")).toBe(true);
  });
});

describe("progress in localStorage", () => {
  it("records visits and predictions, and resets", () => {
    recordVisit("active-mode", 2, 8);
    recordVisit("active-mode", 1, 8); // going back does not lose how far they got
    recordPrediction("active-mode", 2, 8, true);
    expect(readProgress()["active-mode"]).toEqual({ furthest: 2, steps: 8, predictions: { "2": true } });
    resetProgress();
    expect(readProgress()).toEqual({});
  });

  it.each([
    ["not JSON", "{nope"],
    ["an array", "[1,2]"],
    ["a wrong shape", '{"active-mode": {"furthest": "far"}}'],
    ["a hostile key", '{"<img src=x>": {"furthest": 1, "steps": 2, "predictions": {}}}'],
  ])("treats %s as no progress", (_what, raw) => {
    expect(parseProgress(raw)).toEqual({});
  });
});

describe("the lessons index", () => {
  const cards: LessonCard[] = [
    { slug: "two-connections", order: 1, title: "Two connections", goal: "g", level: "beginner", minutes: 5, concepts: ["control connection"], steps: 6, predictions: 1 },
    { slug: "active-mode", order: 2, title: "Active mode", goal: "g", level: "beginner", minutes: 6, concepts: ["PORT"], steps: 8, predictions: 2 },
  ];

  it("shows level, time and concepts, and each lesson's progress", () => {
    recordVisit("two-connections", 5, 6);
    recordVisit("active-mode", 2, 8);
    recordPrediction("active-mode", 2, 8, true);
    render(<LessonIndex lessons={cards} />);
    const items = screen.getAllByRole("listitem");
    expect(items[0]!.textContent).toContain("Done");
    expect(items[1]!.textContent).toContain("Step 3 of 8");
    expect(items[1]!.textContent).toContain("1 of 2 predictions right");
    expect(items[1]!.textContent).toContain("beginner · 6 min · PORT");
  });

  it("resets after a confirmation", () => {
    recordVisit("active-mode", 2, 8);
    render(<LessonIndex lessons={cards} />);
    fireEvent.click(screen.getByRole("button", { name: "Reset my progress" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, reset" }));
    expect(screen.getAllByRole("listitem")[1]!.textContent).toContain("Not started");
    expect(readProgress()).toEqual({});
  });
});
