import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../../lessons/catalog";
import { LessonEmbed } from "../../../components/embed/LessonEmbed";
import { lessonTraces } from "../../../lessons/lesson-traces";

export const dynamicParams = false;

export function generateStaticParams() {
  // "playground" is the static route next to this one; no lesson may take its name.
  return LESSONS.filter((l) => l.slug !== "playground").map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `${lessonBySlug(slug)?.title ?? "Lesson"} (embed)`, robots: { index: false } };
}

export default async function LessonEmbedPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  // Simulated at build time: the embed ships traces, not the simulator.
  const traces = lessonTraces(lesson);
  return <LessonEmbed slug={slug} traces={traces} />;
}
