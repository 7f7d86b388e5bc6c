/**
 * Predictions must test something (issue 11): for every predict step of every lesson, in the
 * built page at 1280×720, nothing on screen gives the answer before the learner gives it — not
 * its value, not its tell-tale — and the lab does not move past the question until it is answered
 * or skipped.
 *
 * "On screen" is what a learner can read anywhere in the page's main (scrolling included): the
 * text of every rendered, visible element (HTML and SVG), the aria-labels and tooltips (<title>)
 * of visible elements. The prediction's own form is left out (its choices name every answer), and
 * so are the legends (they list every mark, "✕ dropped" included, as a key).
 *
 * What gives an answer away is encoded once per fact kind (lessons/lesson-model.ts's FactKind) in
 * `tellsOf` below, from the trace the lesson was built with.
 */
import type { Page } from "@playwright/test";
import { LESSONS } from "../../lessons/catalog";
import { factsOf } from "../../lessons/facts";
import { factValue, type FactKind, type FactValue } from "../../lessons/lesson-model";
import { scenarioNameOfStep } from "../../lessons/lesson-scenarios";
import { lessonTraces } from "../../lessons/lesson-traces";
import type { Lesson } from "../../lessons/schema";
import type { Trace } from "../../sim/trace/trace";
import { expect, openLab, position, test, waitForHydration } from "./fixtures";

interface Tell {
  /** What it is, for the failure message. */
  readonly what: string;
  readonly pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const word = (s: string | number) => new RegExp(`(?<![\\w.:,])${escape(String(s))}(?![\\w])`, "i");
const code = (n: number) => new RegExp(`(?<![\\d.:,])${n}(?![\\d])`);

/** Marks that say a packet was dropped or lost: the ✕ with its rule, a wall's count. */
const DROP_TELLS: readonly Tell[] = [
  { what: "a drop mark", pattern: /✕/ },
  // A drop's own words ("policy drop" beside a ✕, "dropped by the client firewall"); a firewall's
  // rule list ending in "policy drop" is its configuration, not a drop.
  { what: "a drop's rule", pattern: /^policy drop$|dropped by|\blost\b/i },
  { what: "a drop count", pattern: /\d+\s*dropped/i },
];

/** A data connection on the picture (network view or sequence) says who dials it and where; onScreen reports each as this mark. */
const DATA_MARK = "⟨a data connection is drawn⟩";
/** Each transfer's outcome line is also read whole, after this mark, so a tell can name its transfer. */
const OUTCOME_MARK = "⟨outcome⟩ ";
const DATA_DRAWN: Tell = { what: "a data connection drawn", pattern: new RegExp(escape(DATA_MARK)) };

/**
 * Everything on screen that would answer `fact` of transfer `index` before the learner does: the
 * answer's value as the picture writes it, and the tell-tales that imply it.
 */
function tellsOf(trace: Trace, fact: FactKind, index: number, answer: FactValue, label: string): Tell[] {
  // The correct choice's words, where they are a sentence of their own ("Yes", "The client" are everyday words).
  const out: Tell[] = label.length >= 16 ? [{ what: `the answer's own words "${label}"`, pattern: new RegExp(escape(label)) }] : [];
  const transfer = trace.result.transfers[index];
  const finalReply = transfer?.reply ?? null;
  const facts = factsOf(trace);
  switch (fact) {
    case "droppedBy": {
      out.push(...DROP_TELLS);
      // The policy of the firewall that drops it ("control-only") says where the SYN dies.
      if (answer === "client" || answer === "server") {
        const cfg = trace.scenario[answer].firewall;
        // As the wall writes it ("control-only") or the sequence's lane ("control only").
        if (typeof cfg === "string" && cfg !== "open") out.push({ what: `the ${answer} firewall's policy name`, pattern: new RegExp(`(?<![\\w-])${escape(cfg).replace(/-/g, "[- ]")}(?![\\w-])`, "i") });
      }
      break;
    }
    case "result":
      out.push(...DROP_TELLS, { what: `the outcome "${answer}"`, pattern: answer === "failed" ? /\bfail(ed|s)?\b/i : /transfer complete|directory send ok|: done\b/i });
      if (finalReply !== null) out.push({ what: `the final reply ${finalReply}`, pattern: code(finalReply) });
      break;
    case "reply":
    case "lastReply":
      if (typeof answer === "number") out.push({ what: `the reply ${answer}`, pattern: code(answer) });
      if (finalReply !== null) out.push({ what: `the final reply ${finalReply}`, pattern: code(finalReply) });
      break;
    case "modeReply":
      if (typeof answer === "number") out.push({ what: `the reply ${answer}`, pattern: code(answer) });
      break;
    case "initiator":
      if (index === 0) out.push(DATA_DRAWN);
      // Earlier transfers' data connections are the question's premise ("as for the listing"): only this transfer's counts.
      if (index === 0) out.push({ what: "who opened the data connection", pattern: /data connection[^.;]*opened by|opened by[^.;]*data connection/i });
      else if (transfer) out.push({ what: `who opened ${transfer.command}'s data connection`, pattern: new RegExp(`^${escape(OUTCOME_MARK)}.*\\b${escape(transfer.command)}\\b.*opened by`, "i") });
      break;
    case "serverPort": {
      if (index === 0) out.push(DATA_DRAWN);
      if (answer === "20") out.push({ what: "the server's port 20", pattern: /:20(?!\d)|from port 20\b/i });
      else if (answer === "ephemeral") out.push({ what: "the word ephemeral", pattern: /ephemeral/i });
      else if (typeof answer === "string" && answer.startsWith("port ")) out.push({ what: answer, pattern: word(answer.slice(5)) });
      else if (answer === "passive range") {
        // The port as a socket or a reply writes it (":3012", "|||3012|"); the range's bounds are the premise.
        for (const port of [facts.pasvPort, facts.epsvPort, facts.dataToPort]) if (port) out.push({ what: `the passive port ${port}`, pattern: new RegExp(`(?:[:|]|\\bport )${port}(?!\\d)`, "i") });
        out.push({ what: "a passive reply", pattern: /\b22[79]\b/ });
      }
      break;
    }
  }
  return out;
}

interface Asked {
  readonly lesson: Lesson;
  readonly index: number;
  readonly title: string;
  readonly tells: readonly Tell[];
}

const ASKED: Asked[] = LESSONS.flatMap((lesson) => {
  const traces = lessonTraces(lesson);
  return lesson.steps.flatMap((s, index) => {
    if (!s.predict) return [];
    const trace = traces[scenarioNameOfStep(lesson, index)]!;
    const { fact, transfer } = s.predict.about;
    const answer = factValue(trace, fact, transfer);
    const label = s.predict.choices.find((c) => c.value === answer)?.label ?? String(answer);
    return [{ lesson, index, title: s.title, tells: tellsOf(trace, fact, transfer, answer, label) }];
  });
});

/** Every string a learner can see or hear in main, outside the prediction's form and the legends. */
async function onScreen(page: Page): Promise<string[]> {
  return page.locator("main").evaluate((main, [mark, outcome]) => {
    const left = (el: Element) => el.closest("form") !== null || el.closest('[aria-label="Legend"]') !== null;
    const seen = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || left(el)) continue;
      // A tooltip is read on hover: it counts when what it belongs to is visible.
      const owner = el.tagName.toLowerCase() === "title" ? el.parentElement : el;
      if (owner && seen(owner)) out.push(text);
    }
    for (const el of main.querySelectorAll('[data-purpose="data"]')) if (seen(el)) out.push(mark);
    for (const li of main.querySelectorAll('[role="status"] li')) if (seen(li)) out.push(outcome + (li as HTMLElement).innerText.replace(/\s+/g, " "));
    for (const el of main.querySelectorAll("[aria-label], [title]")) {
      if (left(el) || !seen(el)) continue;
      for (const a of ["aria-label", "title"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  }, [DATA_MARK, OUTCOME_MARK] as const);
}

async function openStep(page: Page, slug: string, index: number): Promise<void> {
  await openLab(page, `/lessons/${slug}`);
  const button = page.getByRole("navigation", { name: "Lesson steps" }).getByRole("button", { name: new RegExp(`^Step ${index + 1}:.*\\(predict\\)`) });
  await button.click();
  await expect(button).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("button", { name: "Check my answer" })).toBeVisible();
  // The sequence diagram is loaded after the page: read it too.
  await expect(page.getByTestId("sequence-body")).toBeAttached();
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

test.describe("before a prediction is answered, nothing on screen answers it", () => {
  test("every lesson's predict steps are checked", () => {
    expect(ASKED.length).toBeGreaterThan(15);
  });
  for (const a of ASKED) {
    test(`${a.lesson.slug}, lesson step ${a.index + 1} ("${a.title}")`, async ({ page }) => {
      await openStep(page, a.lesson.slug, a.index);
      const texts = await onScreen(page);
      const found = a.tells.flatMap((t) => texts.filter((s) => t.pattern.test(s)).map((s) => `${t.what}: ${JSON.stringify(s.slice(0, 160))}`));
      expect([...new Set(found)], `what answers "${a.title}" before the learner does`).toEqual([]);
    });
  }
});

test.describe("the lab waits at an unanswered prediction", () => {
  // login-works-list-hangs, lesson step 3: "Will LIST work?" at the PORT command.
  const slug = "login-works-list-hangs";
  const index = LESSONS.find((l) => l.slug === slug)!.steps.findIndex((s) => s.predict);

  test("Continue, Play, Next step, Last step, →, End and space stay at the question; Skip lets it go on", async ({ page }) => {
    await openStep(page, slug, index);
    const at = (await position(page).textContent())!;
    const lessonStep = (n: number) => page.getByText(new RegExp(`^Lesson step ${n} of \\d+$`));
    const button = (name: string) => page.getByRole("button", { name, exact: true });
    const card = page.getByRole("region", { name: new RegExp(`^${escape(LESSONS.find((l) => l.slug === slug)!.steps[index]!.title)}$`) });
    await expect(card.getByRole("button", { name: "Continue →" })).toBeDisabled();
    for (const name of ["Play", "Next step", "Last step"]) await expect(button(name)).toBeDisabled();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (const key of ["ArrowRight", "End", " "]) await page.keyboard.press(key);
    await page.waitForTimeout(1500);
    await expect(position(page)).toHaveText(at);
    await expect(lessonStep(index + 1)).toBeVisible();
    // Going back is free.
    await page.keyboard.press("ArrowLeft");
    await expect(position(page)).not.toHaveText(at);
    await page.keyboard.press("ArrowRight");
    await expect(position(page)).toHaveText(at);

    await button("Skip the question").click();
    await expect(page.getByText(/Skipped\./)).toBeVisible();
    await expect(card.getByRole("button", { name: "Continue →" })).toBeEnabled();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("ArrowRight");
    await expect(position(page)).not.toHaveText(at);
    await card.getByRole("button", { name: "Continue →" }).click();
    await expect(lessonStep(index + 2)).toBeVisible();
  });

  test("answering releases it too", async ({ page }) => {
    await openStep(page, slug, index);
    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Check my answer" }).click();
    await expect(page.getByRole("button", { name: "Next step", exact: true })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeEnabled();
  });
});

test.describe("a lesson link's ?step=", () => {
  test("opens that lesson step", async ({ page }) => {
    await openLab(page, "/lessons/active-mode?step=5");
    await expect(page.getByText(/^Lesson step 5 of \d+/)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Lesson steps" }).getByRole("button", { name: /^Step 5:/ })).toHaveAttribute("aria-current", "step");
  });

  for (const bad of ["0", "999", "x"]) {
    test(`step=${bad} opens step 1 and says so`, async ({ page }) => {
      await openLab(page, `/lessons/active-mode?step=${bad}`);
      await waitForHydration(page.getByRole("navigation", { name: "Lesson steps" }).getByRole("button").first());
      await expect(page.getByRole("note")).toContainText(`step=${bad} is not a step of this lesson`);
      await expect(page.getByText(/^Lesson step 1 of \d+/)).toBeVisible();
    });
  }
});
