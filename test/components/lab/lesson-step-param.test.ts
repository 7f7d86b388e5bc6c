import { describe, expect, it } from "vitest";
import { lessonStepParam } from "../../../components/lab/lesson-step-param";

const of = (q: string, total = 9) => lessonStepParam(new URLSearchParams(q), total);

describe("a lesson link's ?step=", () => {
  it("opens lesson step N, counted from 1", () => {
    expect(of("step=5")).toEqual({ index: 4, notice: null });
    expect(of("step=1")).toEqual({ index: 0, notice: null });
    expect(of("step=9")).toEqual({ index: 8, notice: null });
    expect(of("")).toEqual({ index: 0, notice: null });
  });

  it("falls back to step 1 with a notice for 0, past the end, and anything not a whole number", () => {
    for (const bad of ["0", "10", "999", "x", "-2", "2.5", "", "1e1", "9".repeat(40)]) {
      const r = of(`step=${bad}`);
      expect(r.index, bad).toBe(0);
      expect(r.notice, bad).toMatch(/^step=.* is not a step of this lesson \(1–9\): showing step 1\.$/);
      expect(r.notice!.length).toBeLessThan(80);
    }
  });
});
