"use client";
/**
 * A lesson: its narration step by step beside the lab, each lesson step jumping the lab to the
 * moment it talks about, in the scenario it names. Predict steps ask before the lab reveals;
 * try-it steps unlock knobs and simulate the learner's setup in the browser (the simulator is
 * loaded only then). Progress is kept in this browser. Each jump is a controller event
 * (controller/lesson-jumps.ts): the lab lands when the trace it names is on screen.
 *
 * A predict step is a question the lab does not answer before the learner does: the lab holds at
 * its moment (the controller's hold: Continue, Play, →, End all wait), the explanation panel is
 * left out and the views hold back verdicts (open-question.ts) until an answer or a skip.
 * `?step=N` opens lesson step N (from 1). A step that quotes the client program's log opens the
 * transcript panel on it (`transcript: "program"`); the site's pages its text names are links.
 */
import { clientOnly } from "../client-only";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { OpenQuestionContext } from "../open-question";
import { ALL_VIEWS, type OpenQuestion } from "../view-types";
import type { RealRun } from "../../lessons/real-run";
import type { Lesson } from "../../lessons/schema";
import type { Scenario } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import { factsOf, fill } from "../../lessons/facts";
import { lessonStepIn, scenarioNameOfStep } from "../../lessons/lesson-scenarios";
import type { FigureName } from "../lessons/figures";
import type { ExplanationContent } from "../explain/explanation";
import { linkSitePages } from "../lessons/site-links";
import { recordPrediction, recordVisit, useLessonProgress } from "../lessons/deferred-progress";
import { useScormReport } from "../lessons/scorm-report";
import { holding } from "./controller/lab-controller";
import { lessonJump } from "./controller/lesson-jumps";
import { ExplanationSource, type ExplainStep } from "./Explanation";
import { LabView } from "./LabView";
import { lessonStepParam } from "./lesson-step-param";
import { Notices } from "./Notices";
import { useLab } from "./use-lab";

// Not on a lesson's first step: loaded when a step asks (the try-it box brings the knobs).
const LessonPredict = clientOnly(() => import("../lessons/LessonPredict").then((m) => m.LessonPredict));
// A step's try-it knobs, challenge, console or "What each box knows" button.
const StepTools = clientOnly(() => import("../lessons/StepTools").then((m) => m.StepTools));
// A step that shows two setups side by side loads the comparison (both traces came with the page).
const CompareView = clientOnly(() => import("../compare/CompareView").then((m) => m.CompareView), () => <p className="panel-loading">Loading the comparison…</p>);

export interface LessonPlayerProps {
  readonly lesson: Lesson;
  /** Each of the lesson's scenarios, simulated when the site was built. */
  readonly traces: Readonly<Record<string, Trace>>;
  /** The recorded real run of each scenario, when there is one. */
  readonly realRuns?: Readonly<Record<string, RealRun | null>>;
  /** Titles of the lessons in `next`, by slug. */
  readonly nextTitles?: Readonly<Record<string, string>>;
  /**
   * The drawings the lesson's steps show (components/lessons/figures.tsx), drawn by the page on
   * the server: static pictures, so no page carries their code.
   */
  readonly figures?: Readonly<Partial<Record<FigureName, ReactNode>>>;
  /**
   * Each scenario's explanation at every step (components/explain/explanation.tsx), drawn on the
   * server: the page carries neither the narration nor the glossary. A try-it setup's are
   * narrated in the browser, loaded with the simulator.
   */
  readonly explanations: Readonly<Record<string, readonly ExplanationContent[]>>;
}

/** What lesson step `index` asks, if it is a predict step. */
function questionOf(lesson: Lesson, index: number): OpenQuestion | null {
  const p = lesson.steps[index]?.predict;
  return p ? { fact: p.about.fact, transfer: p.about.transfer } : null;
}

/** The knobs lesson step `step` lets the learner touch (a try-it's or a challenge's), if any. */
function unlockedKnobs(step: Lesson["steps"][number] | undefined) {
  return step?.tryIt?.toggles ?? step?.challenge?.toggles ?? [];
}

/** Never shown: every trace on screen is the lesson's (explained on the server) or a try-it's (narrated once loaded). */
const UNEXPLAINED: ExplanationContent = { title: "", tone: "neutral", source: null, text: null };

/** Every view but the explanation, which would say what the learner is asked to predict. */
const VIEWS_WHILE_ASKING = ALL_VIEWS.filter((v) => v !== "explanation");

export function LessonPlayer({ lesson, traces, realRuns = {}, nextTitles = {}, figures = {}, explanations }: LessonPlayerProps) {
  const steps = lesson.steps;
  const [current, setCurrent] = useState(0);
  // The question of the step on screen, until the learner answers or skips it.
  const [open, setOpen] = useState<OpenQuestion | null>(() => questionOf(lesson, 0));
  const [notices, setNotices] = useState<readonly string[]>([]);
  const step = steps[current]!;
  const scenarioName = scenarioNameOfStep(lesson, current);
  const lessonTrace = traces[scenarioName]!;

  // A try-it step's own setup, simulated on demand; cleared when the learner moves on.
  // `params`: its knobs as a link writes them (tried-setup.ts), for "Share / embed".
  const [tried, setTried] = useState<{ step: number; scenario: Scenario; trace: Trace | null; params: string } | null>(null);
  // The browser's narration, loaded with the simulator for a try-it setup (and kept once loaded).
  const [explainLive, setExplainLive] = useState<ExplainStep | null>(null);
  const explain = useMemo<ExplainStep>(() => {
    const drawn = new Map(Object.entries(traces).map(([name, t]) => [t, explanations[name] ?? []]));
    return (l) => drawn.get(l.trace)?.[l.step] ?? explainLive?.(l) ?? UNEXPLAINED;
  }, [traces, explanations, explainLive]);
  const triedHere = tried && tried.step === current ? tried : null;
  // The step on screen, for work that finishes later (a linked setup is applied only if the learner is still there).
  const here = useRef(current);
  useEffect(() => {
    here.current = current;
  }, [current]);
  const trace = triedHere?.trace ?? lessonTrace;

  // The lab opens at the first step's moment; every later move is a jump the controller lands.
  const opening = useMemo(() => lessonStepIn(lesson, traces, 0).at ?? 0, [lesson, traces]);
  const lab = useLab(trace, { initialStep: opening, hold: questionOf(lesson, 0) ?? undefined });
  const facts = useMemo(() => factsOf(lab.trace), [lab.trace]);
  // Stored progress fitted to this lesson: a step within it, predictions only where a step asks.
  const predictSteps = useMemo(() => steps.flatMap((s, i) => (s.predict ? [i] : [])), [steps]);
  const progress = useLessonProgress(lesson.slug, { steps: steps.length, predictSteps });

  const { send } = lab;
  const go = useCallback(
    (i: number) => {
      const k = Math.max(0, Math.min(steps.length - 1, i));
      // Another scenario (or leaving the learner's own setup) is another trace: the lab lands once
      // it is on screen — and a predict step's question holds it there.
      const question = questionOf(lesson, k);
      send(holding(lessonJump(lesson, traces, k), question));
      setCurrent(k);
      setOpen(question);
      setTried(null);
    },
    [lesson, send, steps.length, traces],
  );

  // The question is answered or skipped: the lab may move on.
  const { release } = lab;
  const answered = useCallback(() => {
    setOpen(null);
    release();
  }, [release]);


  useEffect(() => {
    recordVisit(lesson.slug, current, steps.length);
  }, [lesson.slug, current, steps.length]);

  // In an LMS (the SCORM package): resume where the learner stopped, and report each step, answer
  // and challenge check (the score counts predictions and challenges alike, at the first try).
  const scoredSteps = useMemo(() => steps.flatMap((s, i) => (s.predict || s.challenge ? [i] : [])), [steps]);
  const scormAnswer = useScormReport({ steps: steps.length, scoredSteps }, current, (stored) => {
    for (const [k, right] of Object.entries(stored.first)) if (steps[Number(k)]?.predict) recordPrediction(lesson.slug, Number(k), steps.length, right);
    if (stored.step !== 0) go(stored.step);
  });

  // The learner's setup: where its trace first shows the change (lesson-jumps.ts' try-it landing).
  // `index`: the lesson step it is tried at (a link's, on arrival, before `current` has moved there).
  const tryScenario = useCallback(
    (scenario: Scenario, at?: number) => {
      const index = at ?? current;
      const original = traces[scenarioNameOfStep(lesson, index)]!.scenario;
      send(holding(lessonJump(lesson, traces, index, scenario), index === current ? open : questionOf(lesson, index)));
      if (scenario === original) {
        setTried(null);
        return;
      }
      setTried({ step: index, scenario, trace: null, params: "" });
      void Promise.all([import("../../sim/simulate"), import("../explain/explanation"), import("../lessons/tried-setup")]).then(([{ run }, { explanationAt }, { triedSetupParams }]) => {
        const simulated = run(scenario);
        const params = triedSetupParams(unlockedKnobs(steps[index]), original, scenario).toString();
        setExplainLive(() => (l: Parameters<ExplainStep>[0]) => explanationAt(l.trace, l.timeline, l.step));
        // A setup the learner has already left behind is never shown.
        setTried((t) => (t && t.scenario === scenario ? { ...t, trace: simulated, params } : t));
      });
    },
    [current, lesson, open, send, steps, traces],
  );

  // A shared link's lesson step (static export: the URL is only known in the browser).
  useEffect(() => {
    const search = new URLSearchParams(window.location.search);
    const asked = lessonStepParam(search, steps.length);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (asked.notice) setNotices([asked.notice]);
    if (asked.index !== 0) go(asked.index);
    // A try-it or challenge step's setup in the link (mode=passive…): read by the try-it's own module.
    const toggles = unlockedKnobs(steps[asked.index]);
    if ([...search.keys()].some((key) => key !== "step"))
      void import("../lessons/tried-setup").then(({ triedSetupFromParams }) => {
        const base = traces[scenarioNameOfStep(lesson, asked.index)]!.scenario;
        const linked = triedSetupFromParams(search, toggles, base, asked.index + 1);
        if (linked.notices.length > 0) setNotices((n) => [...n, ...linked.notices]);
        if (linked.scenario && here.current === asked.index) tryScenario(linked.scenario, asked.index);
      });
    // Once, on arrival: later moves are the learner's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finished = current === steps.length - 1;
  const predict = step.predict;

  const narration = (
    <section className="lesson-card" aria-labelledby="lesson-step-title">
      <nav aria-label="Lesson steps">
        <ol className="lesson-steps">
          {steps.map((s, i) => {
            // While a question is open, the titles of the steps after it ("Found: the client's
            // firewall") would answer it: they are named once it is answered.
            const title = open && i > current ? "after the question" : s.title;
            return (
            <li key={i}>
              <button
                type="button"
                aria-current={i === current ? "step" : undefined}
                aria-label={`Step ${i + 1}: ${title}${s.predict ? " (predict)" : ""}${s.tryIt ? " (try it)" : ""}${s.challenge ? " (make it work)" : ""}`}
                title={title}
                onClick={() => go(i)}
                data-kind={s.predict ? "predict" : s.tryIt ? "try" : s.challenge ? "challenge" : "step"}
                data-visited={progress && i <= progress.furthest ? "yes" : undefined}
              >
                {s.predict ? "?" : s.tryIt ? "✎" : s.challenge ? "★" : i + 1}
              </button>
            </li>
            );
          })}
        </ol>
      </nav>
      <p className="lesson-progress">
        Lesson step {current + 1} of {steps.length}
        {scenarioName !== "main" && Object.keys(traces).length > 1 && <> · setup: {traces[scenarioName]!.scenario.title ?? scenarioName}</>}
      </p>
      <h2 id="lesson-step-title">{step.title}</h2>
      {/* Scrolls on its own when a short screen squeezes it (globals.css): focusable so the keyboard can scroll it too. */}
      <p className="lesson-text" tabIndex={0} role="region" aria-label={`Step ${current + 1} text`}>
        {linkSitePages(fill(step.text, facts))}
      </p>
      {predict && (
        <LessonPredict
          key={`predict-${current}`}
          question={fill(predict.question, facts)}
          choices={predict.choices}
          trace={lessonTrace}
          fact={predict.about.fact}
          transfer={predict.about.transfer}
          why={fill(predict.why, facts)}
          previous={progress?.predictions[String(current)]}
          onAnswer={(correct) => {
            recordPrediction(lesson.slug, current, steps.length, correct);
            scormAnswer(current, correct);
            answered();
          }}
          onSkip={answered}
        />
      )}
      {(step.boxes || step.tryIt || step.console || step.challenge) && (
        <StepTools
          key={`tools-${current}`}
          step={step}
          fill={(text) => fill(text, facts)}
          lessonTrace={lessonTrace}
          tried={triedHere}
          lab={lab}
          onSetup={tryScenario}
          onChecked={(solved) => scormAnswer(current, solved)}
          onConsoleRun={(trace, at, explainIt) => {
            setExplainLive(() => explainIt);
            setTried({ step: current, scenario: trace.scenario, trace, params: "" });
            // The lab goes to the line's packet and plays what it caused, as the playground does.
            send({ type: "land", at: [at], in: trace.scenario });
            send({ type: "play" });
          }}
        />
      )}
      <div className="lesson-nav">
        <button type="button" onClick={() => go(current - 1)} disabled={current === 0}>
          ← Back
        </button>
        <button type="button" className="primary" onClick={() => go(current + 1)} disabled={finished || open !== null} title={open ? "Answer the question, or skip it, to go on" : undefined}>
          Continue →
        </button>
        {open && <span className="lesson-wait">Answer the question, or skip it, to go on.</span>}
      </div>
      {finished && (
        <div className="lesson-summary">
          <h3>Summary</h3>
          <p>{lesson.summary}</p>
          <p className="lesson-concepts">Concepts: {lesson.concepts.join(", ")}</p>
          {lesson.next.length > 0 && (
            <p className="lesson-onward">
              Next:{" "}
              {lesson.next.map((slug, i) => (
                <span key={slug}>
                  {i > 0 && " · "}
                  <Link href={`/lessons/${slug}`}>{nextTitles[slug] ?? slug.replace(/-/g, " ")}</Link>
                </span>
              ))}
            </p>
          )}
          <p className="lesson-onward">
            <Link href="/lessons">All lessons</Link>
          </p>
        </div>
      )}
    </section>
  );

  return (
    <div className="page lesson">
      <header className="lesson-header">
        <p className="lesson-meta">
          {/* The concepts ("500 Illegal PORT command") can name a prediction's answer: they close the lesson. */}
          {lesson.level} · {lesson.minutes} min · <Link href={`/lessons/${lesson.slug}/print`}>print version</Link> ·{" "}
          <Link href={`/lessons/${lesson.slug}/handout`}>student handout (no answers)</Link>
        </p>
        <h1>{lesson.title}</h1>
        <p className="lede">{lesson.goal}</p>
        <Notices notices={notices} />
      </header>
      {step.figure && figures[step.figure] && <div className="lesson-figure">{figures[step.figure]}</div>}
      <ExplanationSource.Provider value={explain}>
      <OpenQuestionContext.Provider value={open}>
      {step.compare && traces[step.compare] ? (
        <CompareView
          key={`compare-${current}`}
          a={lessonTrace}
          b={traces[step.compare]!}
          words={{ a: lessonTrace.scenario.title ?? scenarioName, b: traces[step.compare]!.scenario.title ?? step.compare }}
          initialStepA={lessonStepIn(lesson, traces, current).at ?? 0}
          aside={narration}
          asideOnNarrow="first"
        />
      ) : (
      <LabView
        lab={lab}
        views={open ? VIEWS_WHILE_ASKING : ALL_VIEWS}
        aside={narration}
        explanationBelow
        // A step that quotes the program's log opens the transcript panel on it.
        transcriptTab={step.transcript ? { tab: step.transcript, key: String(current) } : null}
        // A step about what a firewall or router holds opens "What each box knows" on it.
        boxRequest={step.boxes ? { tab: step.boxes, key: String(current) } : null}
        realRun={triedHere ? null : (realRuns[scenarioName] ?? null)}
        share={{
          title: lesson.title,
          // The learner's own setup of a try-it or challenge step travels with the link.
          page: `/lessons/${lesson.slug}${triedHere?.params ? `?${triedHere.params}` : ""}`,
          embed: `/embed/${lesson.slug}${Object.keys(traces).length > 1 ? `?scenario=${encodeURIComponent(scenarioName)}` : ""}`,
          name: lesson.slug,
          lessonStep: { index: current + 1, total: steps.length },
        }}
      />
      )}
      </OpenQuestionContext.Provider>
      </ExplanationSource.Provider>
    </div>
  );
}
