/**
 * Every prediction of a lesson as a quiz question an LMS imports: the step's words, its picture
 * (as the lesson shows it while the question is open), the choices, the right one — what the
 * simulator did, read with `factValue` as the lesson player grades it — and the why as feedback.
 * Three formats: GIFT (Moodle's text format: no pictures, it cannot carry files), Moodle XML
 * (the picture inside, base64) and QTI 1.2 (a zip with imsmanifest.xml, the assessment and its
 * pictures: Canvas's "QTI .zip file" import). Pure: pictures come in as bytes, files go out as
 * strings and bytes; scripts/export-lesson.ts renders the pictures and writes the files.
 */
import { strToU8, zipSync } from "fflate";
import { factsOf, fill } from "./facts";
import { factValue } from "./lesson-model";
import { lessonStepIn } from "./lesson-scenarios";
import type { Lesson } from "./schema";
import { escapeXml } from "./xml-text";
import type { Trace } from "../sim/trace/trace";

export const BANK_FORMATS = ["moodle", "gift", "qti"] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

export interface BankChoice {
  readonly label: string;
  readonly correct: boolean;
}

export interface BankQuestion {
  /** Unique in a bank, safe as a file name and an XML identifier: "active-mode-step-03". */
  readonly id: string;
  readonly lessonSlug: string;
  readonly lessonTitle: string;
  /** The lesson step, 1-based. */
  readonly step: number;
  readonly title: string;
  /** The step's text, placeholders filled from its trace. */
  readonly context: string;
  readonly question: string;
  readonly choices: readonly BankChoice[];
  readonly why: string;
  /**
   * The picture's file name (PNG), rendered from the lesson's handout (no answer on it); null
   * where the handout has none (a prediction about a moment that never happens).
   */
  readonly picture: string | null;
  /** The picture's alternative text. */
  readonly pictureAlt: string;
}

/** The questions of `lesson`: one per predict step, in order. */
export function bankQuestions(lesson: Lesson, traces: Readonly<Record<string, Trace>>): BankQuestion[] {
  const out: BankQuestion[] = [];
  lesson.steps.forEach((step, i) => {
    if (!step.predict) return;
    const { trace, at } = lessonStepIn(lesson, traces, i);
    const facts = factsOf(trace);
    const right = factValue(trace, step.predict.about.fact, step.predict.about.transfer);
    const id = `${lesson.slug}-step-${String(i + 1).padStart(2, "0")}`;
    out.push({
      id,
      lessonSlug: lesson.slug,
      lessonTitle: lesson.title,
      step: i + 1,
      title: step.title,
      context: fill(step.text, facts),
      question: fill(step.predict.question, facts),
      choices: step.predict.choices.map((c) => ({ label: fill(c.label, facts), correct: c.value === right })),
      why: fill(step.predict.why, facts),
      picture: at === null ? null : `${id}.png`,
      pictureAlt: `The network at this step of “${lesson.title}”: ${step.title}.`,
    });
  });
  return out;
}

/** The bank as the files of `format`: name → content. `pictures` by BankQuestion.picture. */
export function bankFiles(format: BankFormat, name: string, questions: readonly BankQuestion[], pictures: ReadonlyMap<string, Uint8Array>): Record<string, string | Uint8Array> {
  switch (format) {
    case "gift":
      return { [`${name}.gift.txt`]: toGift(questions) };
    case "moodle":
      return { [`${name}.moodle.xml`]: toMoodleXml(questions, pictures) };
    case "qti":
      return { [`${name}.qti.zip`]: toQtiZip(name, questions, pictures) };
  }
}

// ---------- text ----------

/** HTML for an LMS's rich text: each paragraph escaped (lesson text is plain text, never markup). */
const paragraphs = (...texts: string[]) => texts.map((t) => `<p>${escapeXml(t)}</p>`).join("");
const heading = (q: BankQuestion) => `${q.lessonTitle} · step ${q.step}: ${q.title}`;
const category = (q: BankQuestion) => `FTP Modes Lab/${q.lessonTitle}`;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

function pictureOf(q: BankQuestion & { picture: string }, pictures: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const bytes = pictures.get(q.picture);
  if (!bytes) throw new Error(`no picture ${q.picture} for ${q.id}`);
  return bytes;
}

// ---------- GIFT (docs.moodle.org/en/GIFT_format) ----------

/** GIFT's special characters, escaped with a backslash wherever text goes. */
export const escapeGift = (s: string) => s.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");

export function toGift(questions: readonly BankQuestion[]): string {
  const lines: string[] = ["// FTP Modes Lab: the lessons' predictions (GIFT). Pictures need the Moodle XML or QTI export.", ""];
  let current = "";
  for (const q of questions) {
    if (category(q) !== current) {
      current = category(q);
      lines.push(`$CATEGORY: $course$/top/${current}`, "");
    }
    lines.push(`// ${q.id}`);
    lines.push(`::${escapeGift(heading(q))}::[html]${escapeGift(paragraphs(q.context, q.question))}{`);
    for (const c of q.choices) lines.push(`\t${c.correct ? "=" : "~"}${escapeGift(c.label)}#${escapeGift(c.correct ? "Right." : "Not what happens.")}`);
    // The general feedback: the why, after any answer.
    lines.push(`\t####${escapeGift(q.why)}`, "}", "");
  }
  return lines.join("\n");
}

// ---------- Moodle XML (docs.moodle.org/en/Moodle_XML_format) ----------

export function toMoodleXml(questions: readonly BankQuestion[], pictures: ReadonlyMap<string, Uint8Array>): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  let current = "";
  for (const q of questions) {
    if (category(q) !== current) {
      current = category(q);
      out.push(`  <question type="category"><category><text>${escapeXml(`$course$/top/${current}`)}</text></category></question>`);
    }
    const img = hasPicture(q) ? `<p><img src="@@PLUGINFILE@@/${q.picture}" alt="${escapeXml(q.pictureAlt)}" style="max-width:100%"></p>` : "";
    out.push(
      `  <question type="multichoice">`,
      `    <name><text>${escapeXml(heading(q))}</text></name>`,
      `    <questiontext format="html">`,
      `      <text>${escapeXml(paragraphs(q.context) + img + paragraphs(q.question))}</text>`,
      ...(hasPicture(q) ? [`      <file name="${escapeXml(q.picture)}" path="/" encoding="base64">${base64(pictureOf(q, pictures))}</file>`] : []),
      `    </questiontext>`,
      `    <generalfeedback format="html"><text>${escapeXml(paragraphs(q.why))}</text></generalfeedback>`,
      `    <defaultgrade>1</defaultgrade>`,
      `    <penalty>0</penalty>`,
      `    <hidden>0</hidden>`,
      `    <idnumber>${escapeXml(q.id)}</idnumber>`,
      `    <single>true</single>`,
      `    <shuffleanswers>true</shuffleanswers>`,
      `    <answernumbering>abc</answernumbering>`,
      ...q.choices.map(
        (c) =>
          `    <answer fraction="${c.correct ? 100 : 0}" format="html"><text>${escapeXml(escapeXml(c.label))}</text><feedback format="html"><text>${escapeXml(paragraphs(c.correct ? "Right." : "Not what happens."))}</text></feedback></answer>`,
      ),
      `  </question>`,
    );
  }
  out.push("</quiz>", "");
  return out.join("\n");
}

// ---------- QTI 1.2 for Canvas (IMS QTI ASI 1.2.1, in an IMS content package) ----------
// Canvas publishes a package's pictures from web_resources/, each a webcontent resource of the
// manifest, and resolves $IMS-CC-FILEBASE$ in a question's HTML to that folder.

const PICTURE_DIR = "ftp-modes-lab";
const hasPicture = (q: BankQuestion): q is BankQuestion & { picture: string } => q.picture !== null;
const pictureRef = (q: BankQuestion & { picture: string }) => `$IMS-CC-FILEBASE$/${PICTURE_DIR}/${q.picture}`;
const pictureFile = (q: BankQuestion & { picture: string }) => `web_resources/${PICTURE_DIR}/${q.picture}`;

const QTI_NS = 'xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"';

const field = (label: string, entry: string) => `<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${escapeXml(entry)}</fieldentry></qtimetadatafield>`;

function qtiItem(q: BankQuestion): string {
  const img = hasPicture(q) ? `<p><img src="${pictureRef(q)}" alt="${escapeXml(q.pictureAlt)}"></p>` : "";
  const stem = paragraphs(q.context) + img + paragraphs(q.question);
  const labels = q.choices.map((c, i) => ({ ...c, ident: `${q.id}-choice-${i + 1}` }));
  const right = labels.find((c) => c.correct);
  return [
    `      <item ident="${q.id}" title="${escapeXml(heading(q))}">`,
    `        <itemmetadata><qtimetadata>${field("question_type", "multiple_choice_question")}${field("points_possible", "1")}</qtimetadata></itemmetadata>`,
    `        <presentation>`,
    `          <material><mattext texttype="text/html">${escapeXml(stem)}</mattext></material>`,
    `          <response_lid ident="response1" rcardinality="Single">`,
    `            <render_choice>`,
    ...labels.map((c) => `              <response_label ident="${c.ident}"><material><mattext texttype="text/plain">${escapeXml(c.label)}</mattext></material></response_label>`),
    `            </render_choice>`,
    `          </response_lid>`,
    `        </presentation>`,
    `        <resprocessing>`,
    `          <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>`,
    // The why after any answer (Canvas's general feedback), then the score for the right one.
    `          <respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>`,
    right ? `          <respcondition continue="No"><conditionvar><varequal respident="response1">${right.ident}</varequal></conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>` : "",
    `        </resprocessing>`,
    `        <itemfeedback ident="general_fb"><flow_mat><material><mattext texttype="text/html">${escapeXml(paragraphs(q.why))}</mattext></material></flow_mat></itemfeedback>`,
    `      </item>`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function toQtiAssessment(name: string, title: string, questions: readonly BankQuestion[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<questestinterop ${QTI_NS}>`,
    `  <assessment ident="${name}" title="${escapeXml(title)}">`,
    `    <qtimetadata>${field("cc_maxattempts", "1")}</qtimetadata>`,
    `    <section ident="root_section">`,
    ...questions.map(qtiItem),
    `    </section>`,
    `  </assessment>`,
    `</questestinterop>`,
    "",
  ].join("\n");
}

export function toQtiManifest(name: string, title: string, questions: readonly BankQuestion[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${name}-manifest" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">`,
    `  <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion><imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang="en">${escapeXml(title)}</imsmd:langstring></imsmd:title></imsmd:general></imsmd:lom></metadata>`,
    `  <organizations/>`,
    `  <resources>`,
    `    <resource identifier="${name}-assessment" type="imsqti_xmlv1p2" href="${name}/${name}.xml">`,
    `      <file href="${name}/${name}.xml"/>`,
    `    </resource>`,
    ...questions.filter(hasPicture).map((q) => `    <resource identifier="${q.id}-picture" type="webcontent" href="${pictureFile(q)}"><file href="${pictureFile(q)}"/></resource>`),
    `  </resources>`,
    `</manifest>`,
    "",
  ].join("\n");
}

export function toQtiZip(name: string, questions: readonly BankQuestion[], pictures: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const title = questions.length > 0 && questions.every((q) => q.lessonSlug === questions[0]!.lessonSlug) ? `FTP Modes Lab: ${questions[0]!.lessonTitle}` : "FTP Modes Lab: all lessons";
  const files: Record<string, Uint8Array> = {
    "imsmanifest.xml": strToU8(toQtiManifest(name, title, questions)),
    [`${name}/${name}.xml`]: strToU8(toQtiAssessment(name, title, questions)),
  };
  for (const q of questions.filter(hasPicture)) files[pictureFile(q)] = pictureOf(q, pictures);
  // A fixed date: the same lessons give the same zip, byte for byte.
  return zipSync(files, { level: 9, mtime: new Date("2026-01-01T00:00:00Z") });
}
