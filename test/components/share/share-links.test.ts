import { describe, expect, it } from "vitest";
import { shareLinks, stepLabel } from "../../../components/share/share-links";

const lesson = { title: "Active mode", page: "/lessons/active-mode", embed: "/embed/active-mode", step: 18, total: 37, lessonStep: { index: 5, total: 9 } };
const choices = { views: ["network", "explanation"] as const, controls: "minimal" as const, theme: null, atStep: true };

describe("Share / embed links", () => {
  it("names both numbers on a lesson: the lesson step and the lab step", () => {
    expect(stepLabel(lesson)).toBe("lesson step 5 — lab step 19");
    expect(stepLabel({ step: 18 })).toBe("step 19");
  });

  it("opens a lesson's page at its lesson step and the embed at the lab step", () => {
    const s = shareLinks("https://lab.example", lesson, choices);
    expect(s.pageUrl).toBe("https://lab.example/lessons/active-mode?step=5");
    expect(s.embedUrl).toBe("https://lab.example/embed/active-mode?step=19");
    expect(s.iframe).toContain('src="https://lab.example/embed/active-mode?step=19"');
    expect(s.slidev).toContain("url: https://lab.example/embed/active-mode?step=19\n");
  });

  it("opens the playground (no lesson steps) at the lab step, and both at the start when asked", () => {
    const playground = { title: "Playground", page: "/playground?mode=active", embed: "/embed/playground?mode=active", step: 6, total: 30 };
    expect(shareLinks("", playground, choices).pageUrl).toBe("/playground?mode=active&step=7");
    const start = shareLinks("", lesson, { ...choices, atStep: false });
    expect(start.pageUrl).toBe("/lessons/active-mode");
    expect(start.embedUrl).toBe("/embed/active-mode");
    expect(shareLinks("", { ...lesson, lessonStep: { index: 1, total: 9 } }, choices).pageUrl).toBe("/lessons/active-mode");
  });

  it("lets the iframe go full screen and escapes what it writes into attributes", () => {
    const s = shareLinks("", { ...lesson, title: 'A "quoted" <title>' }, { ...choices, controls: "none" });
    expect(s.iframe).toContain('allow="fullscreen"');
    expect(s.iframe).toContain('title="FTP Modes Lab: A &quot;quoted&quot; &lt;title>"');
    expect(s.iframe).toContain("step=19&amp;controls=none");
  });

  it("writes origin= into the embed (not the page link) when the instructor names their deck", () => {
    const s = shareLinks("https://lab.example", lesson, { ...choices, origins: ["https://slides.example.org"] });
    expect(new URL(s.embedUrl).searchParams.get("origin")).toBe("https://slides.example.org");
    expect(s.pageUrl).not.toContain("origin=");
    expect(shareLinks("https://lab.example", lesson, { ...choices, origins: null }).embedUrl).not.toContain("origin=");
  });
});
