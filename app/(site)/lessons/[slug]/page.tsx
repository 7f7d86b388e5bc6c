import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../../../lessons/catalog";
import { LessonPlayer } from "../../../../components/lab/LessonPlayer";
import { LessonFigure } from "../../../../components/lessons/figures";
import { Legend } from "../../../../components/Legend";
import { LabLegendProvider } from "../../../../components/lab/LabLegend";
import { explanationsByName } from "../../../../components/explain/explanation";
import { realRunFor } from "../../../../lessons/real-runs";
import { lessonTraces } from "../../../../lessons/lesson-traces";

export const dynamicParams = false;

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: lessonBySlug(slug)?.title ?? "Lesson" };
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  // Simulated and matched here, at build time: the lesson page ships its traces and real runs,
  // not the simulator (loaded only if the learner tries a setup), the schema or other recordings.
  const traces = lessonTraces(lesson);
  const realRuns = Object.fromEntries(Object.entries(lesson.scenarios).map(([name, s]) => [name, realRunFor(s)]));
  const nextTitles = Object.fromEntries(lesson.next.map((s) => [s, lessonBySlug(s)?.title ?? s]));
  // The steps' drawings, drawn here: the player shows them without their code.
  const figures = Object.fromEntries(lesson.steps.flatMap((s) => (s.figure ? [[s.figure, <LessonFigure key={s.figure} name={s.figure} />]] : [])));
  // Every step's explanation, drawn here: the page carries no narration code, only its words.
  return (
    <LabLegendProvider legend={<Legend />}>
      <LessonPlayer lesson={lesson} traces={traces} realRuns={realRuns} nextTitles={nextTitles} figures={figures} explanations={explanationsByName(traces)} />
    </LabLegendProvider>
  );
}
