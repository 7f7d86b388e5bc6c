// @vitest-environment jsdom
/**
 * The question banks (lessons/question-bank.ts): every prediction of every lesson becomes one
 * question whose right choice is what the simulator did; GIFT escapes what it must; the Moodle
 * XML and the QTI assessment and manifest are well-formed XML of the shape their importers read,
 * with each picture inside (Moodle) or in the zip where the assessment points (QTI).
 */
import fc from "fast-check";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../lessons/catalog";
import { factValue } from "../../lessons/lesson-model";
import { lessonStepIn } from "../../lessons/lesson-scenarios";
import { lessonTraces } from "../../lessons/lesson-traces";
import { bankFiles, bankQuestions, escapeGift, toGift, toMoodleXml, type BankQuestion } from "../../lessons/question-bank";

/** The 8-byte PNG signature and a marker: enough to see each picture land where it belongs. */
const fakePng = (id: string) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(id)]);

const all: BankQuestion[] = LESSONS.flatMap((l) => bankQuestions(l, lessonTraces(l)));
const pictures = new Map(all.flatMap((q) => (q.picture ? [[q.picture, fakePng(q.id)] as const] : [])));
const pictured = all.filter((q) => q.picture !== null);

function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}

const children = (el: Element, name: string) => [...el.children].filter((c) => c.localName === name);
const child = (el: Element, name: string) => {
  const c = children(el, name)[0];
  if (!c) throw new Error(`<${el.localName}> has no <${name}>`);
  return c;
};

describe("question banks", () => {
  it("asks every prediction of every lesson, once, with exactly one right choice: the simulator's", () => {
    const predictions = LESSONS.flatMap((l) => l.steps.filter((s) => s.predict).map(() => l.slug));
    expect(all).toHaveLength(predictions.length);
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
    for (const lesson of LESSONS) {
      const traces = lessonTraces(lesson);
      for (const q of all.filter((x) => x.lessonSlug === lesson.slug)) {
        const step = lesson.steps[q.step - 1]!;
        const { trace } = lessonStepIn(lesson, traces, q.step - 1);
        const right = step.predict!.choices.filter((c) => c.value === factValue(trace, step.predict!.about.fact, step.predict!.about.transfer));
        expect(q.choices.filter((c) => c.correct).map((c) => c.label), q.id).toEqual(right.map((c) => c.label));
        // Filled from the trace: no {placeholder} is left for a learner to see.
        expect(`${q.context} ${q.question} ${q.why}`).not.toMatch(/\{[a-zA-Z0-9]+\}/);
      }
    }
  });

  it("GIFT: special characters are escaped, so any text stays one field", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const escaped = escapeGift(s);
        // Every special character is preceded by a backslash that is not itself escaped.
        expect(escaped.replace(/\\[\\~=#{}:]/g, "")).not.toMatch(/[\\~=#{}:]/);
        expect(escaped).not.toMatch(/\n/);
      }),
    );
    const gift = toGift(all);
    expect(gift.match(/^::/gm)).toHaveLength(all.length);
    // One "=" (the right answer) per question.
    expect(gift.match(/^\t=/gm)).toHaveLength(all.length);
    expect(gift).toContain("$CATEGORY: $course$/top/FTP Modes Lab/Active mode");
  });

  it("Moodle XML: one multichoice per prediction, its picture inside, the right answer at 100 and the why as general feedback", () => {
    const doc = parseXml(toMoodleXml(all, pictures));
    const questions = [...doc.getElementsByTagName("question")].filter((q) => q.getAttribute("type") === "multichoice");
    expect(questions).toHaveLength(all.length);
    questions.forEach((el, i) => {
      const q = all[i]!;
      expect(child(child(el, "name"), "text").textContent).toBe(`${q.lessonTitle} · step ${q.step}: ${q.title}`);
      const text = child(el, "questiontext");
      expect(text.getAttribute("format")).toBe("html");
      // The question's HTML names the picture; the file carries it.
      const html = new DOMParser().parseFromString(child(text, "text").textContent!, "text/html");
      expect(html.body.textContent).toContain(q.question);
      if (q.picture === null) {
        expect(html.querySelector("img")).toBeNull();
        expect(children(text, "file")).toHaveLength(0);
      } else {
        expect(html.querySelector("img")!.getAttribute("src")).toBe(`@@PLUGINFILE@@/${q.picture}`);
        expect(html.querySelector("img")!.getAttribute("alt")).toBe(q.pictureAlt);
        const file = child(text, "file");
        expect(file.getAttribute("name")).toBe(q.picture);
        expect(Buffer.from(file.textContent!, "base64")).toEqual(Buffer.from(pictures.get(q.picture)!));
      }
      const answers = children(el, "answer");
      expect(answers.map((a) => new DOMParser().parseFromString(child(a, "text").textContent!, "text/html").body.textContent)).toEqual(q.choices.map((c) => c.label));
      expect(answers.map((a) => a.getAttribute("fraction"))).toEqual(q.choices.map((c) => (c.correct ? "100" : "0")));
      expect(child(child(el, "generalfeedback"), "text").textContent).toContain(q.why.slice(0, 30).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
      expect(child(el, "single").textContent).toBe("true");
    });
  });

  it("QTI 1.2: a zip whose manifest names the assessment and every picture, all present; each item scores its right choice", () => {
    const files = bankFiles("qti", "ftp-modes-lab", all, pictures);
    const zip = unzipSync(files["ftp-modes-lab.qti.zip"] as Uint8Array);
    const manifest = parseXml(strFromU8(zip["imsmanifest.xml"]!));
    const hrefs = [...manifest.getElementsByTagName("file")].map((f) => f.getAttribute("href")!);
    expect(hrefs.sort()).toEqual(Object.keys(zip).filter((k) => k !== "imsmanifest.xml").sort());
    const resource = [...manifest.getElementsByTagName("resource")].find((r) => r.getAttribute("type") === "imsqti_xmlv1p2")!;
    const assessmentPath = resource.getAttribute("href")!;
    const doc = parseXml(strFromU8(zip[assessmentPath]!));
    expect(doc.documentElement.namespaceURI).toBe("http://www.imsglobal.org/xsd/ims_qtiasiv1p2");
    const items = [...doc.getElementsByTagName("item")];
    expect(items).toHaveLength(all.length);
    items.forEach((item, i) => {
      const q = all[i]!;
      const labels = [...item.getElementsByTagName("response_label")];
      expect(labels.map((l) => l.textContent)).toEqual(q.choices.map((c) => c.label));
      const scored = [...item.getElementsByTagName("varequal")].map((v) => v.textContent);
      const right = labels.filter((_, j) => q.choices[j]!.correct).map((l) => l.getAttribute("ident"));
      expect(scored).toEqual(right);
      // The stem's picture: Canvas resolves $IMS-CC-FILEBASE$ to the package's web_resources/.
      const stem = new DOMParser().parseFromString(item.getElementsByTagName("mattext")[0]!.textContent!, "text/html");
      if (q.picture === null) {
        expect(stem.querySelector("img")).toBeNull();
        return;
      }
      const src = stem.querySelector("img")!.getAttribute("src")!;
      expect(src).toMatch(/^\$IMS-CC-FILEBASE\$\//);
      const inZip = src.replace("$IMS-CC-FILEBASE$/", "web_resources/");
      expect(zip[inZip]).toEqual(pictures.get(q.picture));
      const webcontent = [...manifest.getElementsByTagName("resource")].filter((r) => r.getAttribute("type") === "webcontent").map((r) => r.getAttribute("href"));
      expect(webcontent).toContain(inZip);
    });
    items.forEach((item, i) => expect(item.getElementsByTagName("itemfeedback")[0]!.textContent).toContain(all[i]!.why.slice(0, 30)));
    // Most predictions have a picture: the exports would be poorer without them.
    expect(pictured.length).toBeGreaterThan(all.length / 2);
  });

  it("a bank is the same bytes each time (the zip carries a fixed date)", () => {
    const a = bankFiles("qti", "x", all.slice(0, 3), pictures)["x.qti.zip"];
    const b = bankFiles("qti", "x", all.slice(0, 3), pictures)["x.qti.zip"];
    expect(Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array))).toBe(true);
  });

  it("says which picture is missing rather than writing a question without it", () => {
    expect(() => toMoodleXml(pictured.slice(0, 1), new Map())).toThrow(`no picture ${pictured[0]!.picture} for ${pictured[0]!.id}`);
  });
});
