/**
 * The two paper routes of a lesson — /lessons/<slug>/print (with answers) and
 * /lessons/<slug>/handout (without) — built the same way: one static page per lesson.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LESSONS, lessonBySlug } from "../../lessons/catalog";
import { lessonTraces } from "../../lessons/lesson-traces";
import { PrintLesson, type PrintVersion } from "./PrintLesson";

type SlugParams = { params: Promise<{ slug: string }> };

const TITLE: Record<PrintVersion, string> = { answers: "print", handout: "student handout" };

export function lessonSlugParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

export async function printMetadata({ params }: SlugParams, version: PrintVersion): Promise<Metadata> {
  const { slug } = await params;
  return { title: `${lessonBySlug(slug)?.title ?? "Lesson"} (${TITLE[version]})` };
}

export async function PrintRoute({ params, version }: SlugParams & { version: PrintVersion }) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  return (
    <div className="page">
      <PrintLesson lesson={lesson} traces={lessonTraces(lesson)} version={version} />
    </div>
  );
}
