import type { Metadata } from "next";
import { LESSONS } from "../../../lessons/catalog";
import { LessonIndex, type LessonCard } from "../../../components/lessons/LessonIndex";

export const metadata: Metadata = { title: "Lessons" };

export default function LessonsIndex() {
  const cards: LessonCard[] = LESSONS.map((l) => ({
    slug: l.slug,
    order: l.order,
    title: l.title,
    goal: l.goal,
    level: l.level,
    minutes: l.minutes,
    concepts: l.concepts,
    steps: l.steps.length,
    predictions: l.steps.filter((s) => s.predict).length,
    predictSteps: l.steps.flatMap((s, i) => (s.predict ? [i] : [])),
  }));
  return (
    <div className="page">
      <h1 className="page-title">Lessons</h1>
      <p className="lede">From &ldquo;two connections&rdquo; to &ldquo;why passive won&rdquo;: each lesson steps through a simulated session, asks you to predict, and lets you try a fix.</p>
      <LessonIndex lessons={cards} />
    </div>
  );
}
