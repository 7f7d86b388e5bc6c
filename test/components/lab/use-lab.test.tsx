// @vitest-environment jsdom
/**
 * The hook only renders the controller: a lesson's jumps land once React shows their trace, the
 * playback timer is the controller's wait, the keys reach it. (The controller's own rules are
 * lab-controller.test.ts.)
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { explanationsByName } from "../../../components/explain/explanation";
import { LessonPlayer } from "../../../components/lab/LessonPlayer";
import { STEP_MS } from "../../../components/lab/use-lab";
import { lessonBySlug } from "../../../lessons/catalog";
import { lessonStepIn } from "../../../lessons/lesson-scenarios";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { timelineOf } from "../../../sim/trace/steps";
import { run } from "../../../sim/simulate";
import { findMoment } from "../../../sim/trace/moments";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

beforeAll(() => {
  // jsdom has no matchMedia; the lab asks it for prefers-reduced-motion (reduce: no travel).
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

const position = (container: HTMLElement) => Number(/^(\d+)\//.exec(container.querySelector(".playback-position")!.textContent!)![1]) - 1;

describe("useLab under a lesson", () => {
  it("switching scenario lands on the step's moment in the new trace", () => {
    const lesson = lessonBySlug("why-sftp")!;
    const traces = lessonTraces(lesson);
    const { container } = render(<LessonPlayer lesson={lesson} traces={traces} explanations={explanationsByName(traces)} />);
    expect(position(container)).toBe(lessonStepIn(lesson, traces, 0).at);
    fireEvent.click(screen.getByRole("button", { name: /^Step 5:/ }));
    expect(position(container)).toBe(lessonStepIn(lesson, traces, 4).at);
    expect(screen.getByText(/setup:/).textContent).toContain(traces.firewall!.scenario.title ?? "firewall");
    fireEvent.click(screen.getByRole("button", { name: /^Step 2:/ }));
    expect(position(container)).toBe(lessonStepIn(lesson, traces, 1).at);
  });

  it("plays on the controller's clock, and the keys step", () => {
    vi.useFakeTimers();
    const lesson = lessonBySlug("active-mode")!;
    const traces = lessonTraces(lesson);
    const total = timelineOf(traces.main!.events).steps.length;
    const { container } = render(<LessonPlayer lesson={lesson} traces={traces} explanations={explanationsByName(traces)} />);
    fireEvent.keyDown(window, { key: "Home" });
    expect(position(container)).toBe(0);
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    act(() => vi.advanceTimersByTime(STEP_MS - 1));
    expect(position(container)).toBe(0);
    act(() => vi.advanceTimersByTime(1));
    expect(position(container)).toBe(1);
    // One act per step: React schedules the next wait once it has shown this step.
    for (let i = 0; i < 2; i++) act(() => vi.advanceTimersByTime(STEP_MS));
    expect(position(container)).toBe(3);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    act(() => vi.advanceTimersByTime(5 * STEP_MS));
    expect(position(container)).toBe(3);
    fireEvent.keyDown(window, { key: "End" });
    expect(position(container)).toBe(total - 1);
    fireEvent.keyDown(window, { key: "ArrowLeft" });
    expect(position(container)).toBe(total - 2);
    fireEvent.keyDown(window, { key: " " });
    expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy();
    for (let i = 0; i < 3; i++) act(() => vi.advanceTimersByTime(STEP_MS));
    expect(position(container)).toBe(total - 1);
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
  });

  // Slow only on a loaded machine (a whole lesson rendered, two sessions simulated): the 20 s is a margin, not a target.
  it("a try-it simulates the learner's setup and lands where it first differs (PASV for PORT); back lands on the moment", async () => {
    const lesson = lessonBySlug("login-works-list-hangs")!;
    const traces = lessonTraces(lesson);
    const { container } = render(<LessonPlayer lesson={lesson} traces={traces} explanations={explanationsByName(traces)} />);
    fireEvent.click(screen.getByRole("button", { name: /^Step 8:.*\(try it\)/ }));
    const at425 = lessonStepIn(lesson, traces, 7).at;
    expect(position(container)).toBe(at425);
    // The try-it box loads when its step asks for it.
    fireEvent.change(await screen.findByLabelText("Client mode", undefined, { timeout: 10_000 }), { target: { value: JSON.stringify("passive") } });
    const passive = run({ ...traces.main!.scenario, client: { ...traces.main!.scenario.client, mode: "passive" } });
    const total = timelineOf(passive.events).steps.length;
    expect(total).not.toBe(timelineOf(traces.main!.events).steps.length);
    await vi.waitFor(() => expect(container.querySelector(".playback-position")!.textContent).toContain(`/${total}`));
    expect(position(container)).toBe(findMoment(passive, timelineOf(passive.events), { command: "PASV" }));
    fireEvent.click(screen.getByRole("button", { name: "Back to the lesson's setup" }));
    expect(position(container)).toBe(at425);
  }, 20_000);
});
