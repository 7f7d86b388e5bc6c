/**
 * A packaged lesson and its LMS (components/lessons/scorm.ts): the suspend data it keeps reads
 * back as written and nothing else reads as ours; the score counts first answers only; the SCORM
 * runtime is found where ADL says to look, and a cross-origin parent is not an error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findScormApi, readSuspend, scoreOf, SUSPEND_LIMIT, writeSuspend, type Scorm12Api } from "../../../components/lessons/scorm";

const api = (): Scorm12Api => ({
  LMSInitialize: () => "true",
  LMSFinish: () => "true",
  LMSGetValue: () => "",
  LMSSetValue: () => "true",
  LMSCommit: () => "true",
  LMSGetLastError: () => "0",
});

/** A chain of fake windows, the innermost first; `apiAt` puts the runtime on one of them. */
function windows(depth: number, apiAt: number | null, crossOriginAt: number | null = null): Window {
  let top: Record<string, unknown> | null = null;
  const chain: Record<string, unknown>[] = [];
  for (let i = depth; i >= 0; i--) {
    const w: Record<string, unknown> = {};
    w.parent = top ?? w;
    if (i === apiAt) w.API = api();
    if (i === crossOriginAt) Object.defineProperty(w, "API", { get: () => { throw new DOMException("Blocked a frame", "SecurityError"); } });
    chain.unshift(w);
    top = w;
  }
  return chain[0] as unknown as Window;
}

describe("a packaged lesson's suspend data", () => {
  it("reads back as written, for any position and first answers of the lesson", () => {
    const predictSteps = [2, 5, 9];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.dictionary(fc.constantFrom("2", "5", "9"), fc.boolean()), (a, b, first) => {
        const s = { step: Math.min(a, b), furthest: Math.max(a, b), first };
        expect(readSuspend(writeSuspend(s), 12, predictSteps)).toEqual(s);
      }),
    );
  });

  it.each([
    ["", "empty"],
    ["v2;1;1;", "another version"],
    ["v1;8;8;", "a step past the lesson's end"],
    ["v1;5;3;", "a step beyond the furthest"],
    ["v1;1;1;x+", "junk answers"],
    ['{"step":1}', "someone else's"],
    [`v1;1;1;${"2+,".repeat(SUSPEND_LIMIT)}2+`, "too long"],
  ])("ignores %j (%s)", (text) => {
    expect(readSuspend(text, 8, [2])).toBeNull();
  });

  it("keeps only the answers of steps that ask", () => {
    expect(readSuspend("v1;3;4;2+,3-,7+", 8, [2])).toEqual({ step: 3, furthest: 4, first: { "2": true } });
  });
});

describe("the score", () => {
  it("is the share of predictions right on the first try, 0–100", () => {
    expect(scoreOf({}, [2, 5])).toBe(0);
    expect(scoreOf({ "2": true }, [2, 5])).toBe(50);
    expect(scoreOf({ "2": true, "5": false }, [2, 5])).toBe(50);
    expect(scoreOf({ "2": true, "5": true }, [2, 5])).toBe(100);
    expect(scoreOf({ "2": true, "5": true, "4": false }, [2, 5, 4])).toBe(67);
    // A lesson with nothing to predict has nothing to get wrong.
    expect(scoreOf({}, [])).toBe(100);
  });
});

describe("finding the SCORM 1.2 runtime (ADL's search)", () => {
  it("on this window or a parent, up to 7 levels up", () => {
    expect(findScormApi(windows(0, 0))).not.toBeNull();
    expect(findScormApi(windows(3, 2))).not.toBeNull();
    expect(findScormApi(windows(7, 7))).not.toBeNull();
    expect(findScormApi(windows(9, 9))).toBeNull();
    expect(findScormApi(windows(3, null))).toBeNull();
  });

  it("not past a parent of another origin, which is not an error", () => {
    expect(findScormApi(windows(3, 3, 1))).toBeNull();
  });

  it("on the opener when the lesson was opened in a window of its own", () => {
    const w = windows(0, null) as unknown as Record<string, unknown>;
    w.opener = windows(1, 1);
    expect(findScormApi(w as unknown as Window)).not.toBeNull();
  });

  it("not an object that only looks like it", () => {
    const w = windows(0, null) as unknown as Record<string, unknown>;
    w.API = { LMSInitialize: () => "true" };
    expect(findScormApi(w as unknown as Window)).toBeNull();
  });
});
