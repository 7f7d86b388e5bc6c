import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../../../../lessons/catalog";
import { PrintLesson } from "../../../../../components/lessons/PrintLesson";
import { run } from "../../../../../sim/simulate";

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
  const traces = Object.fromEntries(Object.entries(lesson.scenarios).map(([name, s]) => [name, run(s)]));
  return (
    <div className="page">
      <PrintLesson lesson={lesson} traces={traces} />
    </div>
  );
}
