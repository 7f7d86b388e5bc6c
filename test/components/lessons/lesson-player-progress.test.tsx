// @vitest-environment jsdom
/**
 * The lesson player keeps the learner's progress in this browser (components/lessons/progress.ts,
 * loaded after the page's first load by deferred-progress.ts): a step opened is recorded, and the
 * steps reached before are marked visited when the lesson is opened again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { explanationsByName } from "../../../components/explain/explanation";
import { LessonPlayer } from "../../../components/lab/LessonPlayer";
import { readProgress, resetProgress } from "../../../components/lessons/progress";
import { lessonBySlug } from "../../../lessons/catalog";
import { lessonTraces } from "../../../lessons/lesson-traces";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

const lesson = lessonBySlug("active-mode")!;
const traces = lessonTraces(lesson);
const player = () => <LessonPlayer lesson={lesson} traces={traces} explanations={explanationsByName(traces)} />;
const stepButtons = () => within(screen.getByRole("navigation", { name: "Lesson steps" })).getAllByRole("button");
const visited = () => stepButtons().flatMap((b, i) => (b.dataset.visited === "yes" ? [i + 1] : []));

beforeEach(() => {
  resetProgress();
  // jsdom has no matchMedia; the lab asks it for prefers-reduced-motion (reduce: no travel).
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  resetProgress();
});

describe("the lesson player's stored progress", () => {
  it("records each step reached and marks them visited when the lesson is opened again", async () => {
    const first = render(player());
    await waitFor(() => expect(readProgress()[lesson.slug]?.furthest).toBe(0));
    fireEvent.click(stepButtons()[3]!);
    await waitFor(() => expect(readProgress()[lesson.slug]?.furthest).toBe(3));
    first.unmount();

    render(player());
    await waitFor(() => expect(visited()).toEqual([1, 2, 3, 4]));
    expect(readProgress()[lesson.slug]).toMatchObject({ furthest: 3, steps: lesson.steps.length });
  });

  it("marks nothing visited in a browser with no progress stored", async () => {
    render(player());
    await waitFor(() => expect(readProgress()[lesson.slug]?.furthest).toBe(0));
    expect(visited()).toEqual([1]);
  });
});
