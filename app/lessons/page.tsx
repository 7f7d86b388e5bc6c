import type { Metadata } from "next";
import Link from "next/link";
import { LESSONS } from "../../lessons/catalog";

export const metadata: Metadata = { title: "Lessons" };

export default function LessonsIndex() {
  return (
    <div className="page">
      <h1 className="page-title">Lessons</h1>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.slug}>
            <Link href={`/lessons/${l.slug}`}>{l.title}</Link> <span className="lesson-meta">· {l.level} · {l.minutes} min · {l.concepts.join(", ")}</span>
            <p>{l.goal}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
