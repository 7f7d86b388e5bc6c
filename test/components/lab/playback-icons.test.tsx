// @vitest-environment jsdom
/**
 * The playback buttons' marks (issue 11): drawn, and no two alike — Play (▶) is not Next step
 * (▶|), and the ends (|◀◀, ▶▶|) are not one step (|◀, ▶|). While a question holds the lab, the
 * way forward is disabled and says why.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Playback } from "../../../components/lab/Playback";
import { useLab } from "../../../components/lab/use-lab";
import type { Trace } from "../../../sim/trace/trace";
import { lab } from "../../harness/lab";

afterEach(cleanup);
beforeEach(() => {
  // jsdom has no matchMedia; the lab asks it for prefers-reduced-motion.
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});

const trace = lab("test/fixtures/reference/cli-fw--port.json").trace;

function Harness({ t, hold }: { t: Trace; hold?: boolean }) {
  const l = useLab(t, { initialStep: 5, hold: hold ? { fact: "result", transfer: 0 } : undefined });
  return <Playback lab={l} />;
}

const button = (name: string) => screen.getByRole("button", { name: new RegExp(`^${name}$`) });
const mark = (name: string) => button(name).querySelector("svg path")!.getAttribute("d");

describe("playback marks", () => {
  it("each button has its own drawn mark", () => {
    render(<Harness t={trace} />);
    const marks = ["First step", "Previous step", "Play", "Next step", "Last step"].map(mark);
    expect(marks.every((d) => d && d.length > 0)).toBe(true);
    expect(new Set(marks).size).toBe(5);
    // Shapes, not coordinates: a one-pixel shift of the same triangle would be the same mark.
    // |◀◀ (3 parts), |◀ (2), ▶ (1), ▶| (2), ▶▶| (3): each one-step button differs from Play and from its end.
    const parts = marks.map((d) => (d!.match(/z/gi) ?? []).length);
    expect(parts).toEqual([3, 2, 1, 2, 3]);
  });

  it("a held lab disables Play, Next step and Last step, and says why; back stays open", () => {
    render(<Harness t={trace} hold />);
    for (const name of ["Play", "Next step", "Last step"]) {
      const b = button(name);
      expect(b).toHaveProperty("disabled", true);
      expect(b.getAttribute("title")).toBe("Answer the question first");
    }
    expect(button("Previous step")).toHaveProperty("disabled", false);
  });
});
