// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { RealVsSimulated } from "../../../components/transcript/RealVsSimulated";
import { TranscriptTabs } from "../../../components/transcript/TranscriptTabs";
import { explanationsByName } from "../../../components/explain/explanation";
import { LessonPlayer } from "../../../components/lab/LessonPlayer";
import { lessonBySlug } from "../../../lessons/catalog";
import { realRunFor } from "../../../lessons/real-runs";
import { run } from "../../../sim/simulate";
import { labOf } from "../../harness/lab";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

afterEach(cleanup);

const lesson = lessonBySlug("passive-mode")!;
const passive = labOf(run(lesson.scenario), "the passive-mode lesson");
const { trace, timeline, last } = passive;
const realRun = realRunFor(lesson.scenario)!;

const table = () => screen.getByRole("table", { name: /Transfer 1, LIST/ });
/** The row whose simulated or real cell contains `text`. */
const rowWith = (text: string | RegExp) => within(table()).getAllByRole("row").find((r) => within(r).queryAllByText(text).length > 0)!;

describe("RealVsSimulated", () => {
  it("shows both columns, the recording's software and the verdict per transfer", () => {
    render(<RealVsSimulated trace={trace} timeline={timeline} step={last} run={realRun} />);
    const headers = within(table()).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Match", "Simulated", "Real (curl -v)"]);
    expect(screen.getByText("vsftpd 3.0.3")).toBeTruthy();
    expect(screen.getByText("curl 7.88.1")).toBeTruthy();
    expect(screen.getByText(/Linux 6\.18/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Transfer 1: LIST" })).toBeTruthy();
    const verdict = screen.getByText("Agree:").closest("p")!;
    expect(verdict.textContent).toContain(`real ok, 226 in ${realRun.transfers[0]!.durationMs} ms, simulated ok, 226`);
  });

  it("marks each row in words: same, random port only, the same login step for another account, or one side only", () => {
    render(<RealVsSimulated trace={trace} timeline={timeline} step={last} run={realRun} />);
    expect(rowWith("TYPE A").textContent).toContain("the same on both sides");
    expect(rowWith(/Entering Passive Mode/).textContent).toContain("the same but for a random port number");
    // The login, by role: one row for demo's USER and anonymous's, demo's password step beside nothing.
    expect(rowWith("USER demo")).toBe(rowWith("USER anonymous"));
    expect(rowWith("USER demo").textContent).toContain("the same login step for another account");
    expect(rowWith("PASS ****").textContent).toContain("the same login step for another account");
    expect(rowWith("QUIT").textContent).toContain("only in the simulation");
    expect(rowWith("Connect data stream passively").textContent).toContain("only in the real run");
    // The random numbers are set apart on both sides of the 227 row.
    const underlined = rowWith(/Entering Passive Mode/).querySelectorAll('[title="Random: a new number in every run"]');
    const texts = [...underlined].map((u) => u.textContent);
    expect(texts).toHaveLength(4); // p1 and p2, simulated then real
    // The real 227's p1 and p2, as recorded.
    const real227 = realRun.transfers[0]!.log.find((l) => l.text.startsWith("227 "))!.text;
    expect(texts.slice(2)).toEqual(/,(\d+),(\d+)\)/.exec(real227)!.slice(1, 3));
  });

  it("keeps the password masked", () => {
    const { container } = render(<RealVsSimulated trace={trace} timeline={timeline} step={last} run={realRun} />);
    expect(container.textContent).toContain("PASS ****");
    expect(container.textContent).not.toMatch(/PASS demo/);
  });

  it("hides and shows curl's remarks", () => {
    render(<RealVsSimulated trace={trace} timeline={timeline} step={last} run={realRun} />);
    const box = screen.getByRole("checkbox", { name: /Show curl's own remarks/ });
    expect(within(table()).queryByText("Connect data stream passively")).not.toBeNull();
    fireEvent.click(box);
    expect(within(table()).queryByText("Connect data stream passively")).toBeNull();
    expect(within(table()).getByText("USER anonymous")).toBeTruthy();
  });

  it("highlights the row of the current step", () => {
    const { container } = render(<RealVsSimulated trace={trace} timeline={timeline} step={passive.stepOf({ command: "PASV" })} run={realRun} />);
    const current = container.querySelectorAll('[aria-current="step"]');
    expect(current).toHaveLength(1);
    expect(current[0]!.textContent).toContain("PASV");
  });
});

describe("TranscriptTabs", () => {
  it("switches between the transcript and the comparison with the mouse and the keyboard", async () => {
    render(<TranscriptTabs {...passive.at({ end: true }).props} realRun={realRun} />);
    const tabs = screen.getByRole("tablist", { name: "Transcript views" });
    const transcriptTab = within(tabs).getByRole("tab", { name: "Transcript" });
    const realTab = within(tabs).getByRole("tab", { name: "Real vs simulated" });
    expect(within(tabs).getAllByRole("tab").map((t) => t.textContent)).toEqual(["Transcript", "As curl logs it", "Real vs simulated"]);
    expect(transcriptTab.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("list", { name: "Control connection transcript" })).toBeTruthy();

    fireEvent.click(realTab);
    expect(realTab.getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByRole("table", { name: /Transfer 1, LIST/ })).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Control connection transcript" })).toBeNull();
    expect(screen.getByRole("tabpanel", { name: "Real vs simulated" })).toBeTruthy();

    // → from the last tab wraps round to the first.
    fireEvent.keyDown(realTab, { key: "ArrowRight" });
    expect(transcriptTab.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(transcriptTab);
    expect(transcriptTab.tabIndex).toBe(0);
    expect(realTab.tabIndex).toBe(-1);
    fireEvent.keyDown(transcriptTab, { key: "End" });
    expect(realTab.getAttribute("aria-selected")).toBe("true");
    expect(await screen.findByRole("table", { name: /Transfer 1, LIST/ })).toBeTruthy();
  });
});

describe("the lab with and without a real run", () => {
  // jsdom has no matchMedia; the lab asks it for prefers-reduced-motion (reduce: no travel).
  beforeAll(() => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it("offers the comparison when a real run matches", async () => {
    render(<LessonPlayer lesson={lesson} traces={{ main: trace }} realRuns={{ main: realRun }} explanations={explanationsByName({ main: trace })} />);
    // The transcript's code comes after the lesson's first load (LabView: hydratedLater).
    expect(await screen.findByRole("tab", { name: "Real vs simulated" })).toBeTruthy();
  });

  it("offers the transcript and the program's log, and no comparison, when none does", async () => {
    render(<LessonPlayer lesson={lesson} traces={{ main: trace }} realRuns={{ main: null }} explanations={explanationsByName({ main: trace })} />);
    const tabs = await screen.findByRole("tablist", { name: "Transcript views" });
    expect(within(tabs).getAllByRole("tab").map((t) => t.textContent)).toEqual(["Transcript", "As curl logs it"]);
    expect(screen.queryByRole("tab", { name: "Real vs simulated" })).toBeNull();
    expect(screen.getByRole("list", { name: "Control connection transcript" })).toBeTruthy();
  });
});
