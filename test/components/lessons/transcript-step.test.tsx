// @vitest-environment jsdom
/**
 * A lesson step's `transcript` field (lessons/schema.ts): a step that quotes the client program's
 * log opens the transcript panel on it ("As FileZilla logs it"), once per step, leaving the learner
 * free to switch back; a step without it leaves the panel as the learner left it. And what such a
 * step quotes is what that log prints. The site's pages a step names ("/diagnose") are links.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { explanationsByName } from "../../../components/explain/explanation";
import { LessonPlayer } from "../../../components/lab/LessonPlayer";
import { linkSitePages } from "../../../components/lessons/site-links";
import { TranscriptTabs } from "../../../components/transcript/TranscriptTabs";
import { LESSONS, lessonBySlug } from "../../../lessons/catalog";
import { factsOf, fill } from "../../../lessons/facts";
import { lessonStepIn } from "../../../lessons/lesson-scenarios";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { parseLesson } from "../../../lessons/schema";
import { programLog } from "../../../sim/software/program-log";
import { lab } from "../../harness/lab";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
// jsdom has no matchMedia; the lab asks it for prefers-reduced-motion (reduce: no travel).
beforeEach(() => {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});

const selected = () => screen.getAllByRole("tab").find((t) => t.getAttribute("aria-selected") === "true")!.textContent;

describe("the transcript panel asked for a tab", () => {
  const at = lab({ client: { software: "lftp" }, commands: ["LIST"] }).at({ end: true });
  const panel = (request: { tab: "transcript" | "program"; key: string } | null) => <TranscriptTabs {...at.props} request={request} />;

  it("opens the requested tab, lets the learner leave it, and opens it again only on a new request", () => {
    const { rerender } = render(panel({ tab: "program", key: "1" }));
    expect(selected()).toBe("As lftp logs it");
    fireEvent.click(screen.getByRole("tab", { name: "Transcript" }));
    rerender(panel({ tab: "program", key: "1" }));
    expect(selected()).toBe("Transcript");
    rerender(panel({ tab: "program", key: "3" }));
    expect(selected()).toBe("As lftp logs it");
    // No request: the panel stays where it is; the same request after it is a new one.
    fireEvent.click(screen.getByRole("tab", { name: "Transcript" }));
    rerender(panel(null));
    expect(selected()).toBe("Transcript");
    rerender(panel({ tab: "program", key: "3" }));
    expect(selected()).toBe("As lftp logs it");
  });

  it("opens on the transcript without a request, as before", () => {
    render(panel(null));
    expect(selected()).toBe("Transcript");
  });
});

describe("a lesson step with transcript: program", () => {
  const lesson = lessonBySlug("read-the-log")!;
  const traces = lessonTraces(lesson);
  const stepButton = (n: number) => within(screen.getByRole("navigation", { name: "Lesson steps" })).getAllByRole("button")[n - 1]!;

  it("opens the program's log at the steps that quote it, and leaves the learner's choice alone elsewhere", async () => {
    expect(lesson.steps.map((s) => s.transcript ?? null).slice(0, 4)).toEqual(["program", "program", null, "program"]);
    render(<LessonPlayer lesson={lesson} traces={traces} explanations={explanationsByName(traces)} />);
    // The transcript's code comes after the lesson's first load (LabView: hydratedLater).
    await screen.findByRole("tablist", { name: "Transcript views" });
    expect(selected()).toBe("As FileZilla logs it");
    fireEvent.click(screen.getByRole("tab", { name: "Transcript" }));
    fireEvent.click(stepButton(2));
    expect(selected()).toBe("As FileZilla logs it");
    fireEvent.click(screen.getByRole("tab", { name: "Transcript" }));
    fireEvent.click(stepButton(3));
    expect(selected()).toBe("Transcript");
    fireEvent.click(stepButton(4));
    expect(selected()).toBe("As FileZilla logs it");
    // Another scenario, another program: its own tab, once the side views have the new trace
    // (they follow the picture's frame).
    fireEvent.click(stepButton(5));
    await waitFor(() => expect(selected()).toBe("As curl logs it"));
  });

  it("is refused when it names no tab", () => {
    const json = JSON.parse(readFileSync("lessons/active-mode.json", "utf8"));
    json.steps[0].transcript = "log";
    expect(() => parseLesson("lessons/active-mode.json", json)).toThrow(/steps\[0\]\.transcript: expected one of transcript, program/);
  });
});

/** What a step that opens the program's log quotes and that log does not print, with why. */
const NOT_FROM_THE_LOG: readonly { slug: string; quote: string; why: string }[] = [
  { slug: "read-the-log", quote: "I can log in, but the listing hangs", why: "the user's complaint, not a log line" },
];

describe("what a step that opens the program's log quotes", () => {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  for (const lesson of LESSONS) {
    const traces = lessonTraces(lesson);
    lesson.steps.forEach((step, i) => {
      if (step.transcript !== "program") return;
      it(`${lesson.slug} step ${i + 1}: every quoted line is in ${lessonStepIn(lesson, traces, i).name}'s log`, () => {
        const { trace } = lessonStepIn(lesson, traces, i);
        const log = programLog(trace).map((l) => norm(l.text));
        const facts = factsOf(trace);
        const quotes = [...step.text.matchAll(/"([^"]*)"/g)].map((m) => norm(fill(m[1]!, facts))).filter((q) => q.length >= 4);
        const missing = quotes.filter((q) => !log.some((l) => l.includes(q)) && !NOT_FROM_THE_LOG.some((x) => x.slug === lesson.slug && x.quote === q));
        expect(missing).toEqual([]);
      });
    });
  }
});

describe("the site's pages in a lesson's text", () => {
  const html = (text: string) => {
    const { container } = render(<p>{linkSitePages(text)}</p>);
    return container.innerHTML;
  };

  it("links /diagnose and the other pages, as words of their own, and nothing else", () => {
    expect(html("paste it at /diagnose: the lab reads it")).toBe('<p>paste it at <a href="/diagnose">/diagnose</a>: the lab reads it</p>');
    render(<p>{linkSitePages("Try /playground or /glossary.")}</p>);
    expect(screen.getByRole("link", { name: "/playground" }).getAttribute("href")).toBe("/playground");
    expect(screen.getByRole("link", { name: "/glossary" }).getAttribute("href")).toBe("/glossary");
    for (const plain of ["/lessons/active-mode", "/etc/vsftpd.conf", "a/diagnose", "/diagnoses", "<b>/x</b>"]) expect(html(plain)).toBe(`<p>${plain.replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`);
  });

  it("makes the last step of read-the-log point to /diagnose", () => {
    const lesson = lessonBySlug("read-the-log")!;
    render(<p>{linkSitePages(lesson.steps.at(-1)!.text)}</p>);
    expect(within(document.body).getByRole("link", { name: "/diagnose" })).toBeTruthy();
  });
});
