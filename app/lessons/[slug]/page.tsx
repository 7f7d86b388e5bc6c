import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../../lessons/catalog";
import { LessonPlayer } from "../../../components/lab/LessonPlayer";
import { realRunFor } from "../../../lessons/real-runs";
import { run } from "../../../sim/simulate";

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
  // Simulated and matched here, at build time: the lesson page ships the trace and the real run,
  // not the simulator, the schema or the other recordings.
  return <LessonPlayer lesson={lesson} trace={run(lesson.scenario)} realRun={realRunFor(lesson.scenario)} />;
}
