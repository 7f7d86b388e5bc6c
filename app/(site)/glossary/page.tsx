import type { Metadata } from "next";
import { GLOSSARY } from "../../../components/glossary/terms";

export const metadata: Metadata = { title: "Glossary" };

export default function GlossaryPage() {
  return (
    <div className="page glossary">
      <h1 className="page-title">Glossary</h1>
      <dl className="glossary-list">
        {GLOSSARY.map((t) => (
          <div key={t.id} id={t.id} className="glossary-entry">
            <dt>{t.term}</dt>
            <dd>
              {t.definition}
              {t.source && <span className="glossary-source"> ({t.source})</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
