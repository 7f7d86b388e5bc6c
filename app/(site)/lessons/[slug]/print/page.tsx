import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../../../../lessons/catalog";
import { PrintLesson } from "../../../../../components/lessons/PrintLesson";
import { lessonTraces } from "../../../../../lessons/lesson-traces";

export const dynamicParams = false;

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `${lessonBySlug(slug)?.title ?? "Lesson"} (print)` };
}

export default async function PrintPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  const traces = lessonTraces(lesson);
  return (
    <div className="page">
      <PrintLesson lesson={lesson} traces={traces} />
    </div>
  );
}
