"use client";
/**
 * The "Share / embed" dialog (ShareDialog.tsx loads it on the first click): the link to this
 * lesson or setup at this step, the iframe snippet for any page or reveal.js deck, the Markdown
 * for a Slidev slide, and the current step as SVG or PNG for PowerPoint and Google Slides. A
 * native <dialog>: focus moves in, Esc closes, focus returns.
 */
import { useId, useLayoutEffect, useRef, useState } from "react";
import { EMBED_THEMES, EMBED_VIEWS, type Controls, type EmbedTheme, type EmbedViewName } from "../embed/embed-params";
import { parseOrigins } from "../embed/host-origins";
import { quote } from "../lab/notices";
import { shareLinks, stepLabel } from "./share-links";
import type { ShareTarget } from "./ShareDialog";
import styles from "./ShareDialog.module.css";

/** Opened (showModal) when it mounts and each time `opened` (the count of clicks on the button) grows. */
export function ShareDialogBody({ target, opened }: { target: ShareTarget; opened: number }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [views, setViews] = useState<EmbedViewName[]>(["network", "explanation"]);
  const [controls, setControls] = useState<Controls>("minimal");
  const [theme, setTheme] = useState<EmbedTheme | "">("");
  const [atStep, setAtStep] = useState(true);
  const [status, setStatus] = useState("");
  const [deck, setDeck] = useState("");

  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, [opened]);
  // Drawn only in the browser, after a click: the page's own origin is known.
  // origin=: what the instructor typed, checked as the embed will check it; a bad entry is said
  // here and left out of the snippet rather than shipped to fail closed in a slide.
  const deckOrigins = deck.trim() ? parseOrigins(deck) : null;
  const deckProblem =
    deckOrigins && deckOrigins.rejected.length > 0
      ? `Not an origin: ${deckOrigins.rejected.map((r) => quote(r)).join(", ")}. Write it as https://slides.example.org (scheme, host and port; no path). The snippet leaves ${deckOrigins.rejected.length > 1 ? "them" : "it"} out.`
      : "";
  const s = shareLinks(window.location.origin, target, { views, controls, theme: theme || null, atStep, origins: deckOrigins && deckOrigins.origins.length > 0 ? deckOrigins.origins : null });
  const lesson = target.lessonStep;

  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied the ${what}.`);
    } catch {
      setStatus(`Could not copy: select the ${what} and copy it by hand.`);
    }
  };
  const exportAs = async (kind: "svg" | "png") => {
    const all = [...document.querySelectorAll<SVGSVGElement>(".panel-network svg.nv-svg")];
    const svg = all[0];
    if (!svg) {
      setStatus("Nothing to export: the network view is not on screen.");
      return;
    }
    try {
      // The export code is loaded on the click that needs it: no page's first load carries it.
      const { composeSvg, download, embeddedFontCss, svgToPng } = await import("./export-image");
      const pictures = target.pictures ? all.slice(0, target.pictures.length).map((s, i) => ({ svg: s, heading: target.pictures![i] })) : svg;
      const text = composeSvg(pictures, await target.caption(), await embeddedFontCss(svg));
      const file = `${target.name}-step-${String(target.step + 1).padStart(2, "0")}.${kind}`;
      download(file, kind === "svg" ? new Blob([text], { type: "image/svg+xml" }) : await svgToPng(text));
      setStatus(`Saved ${file}.`);
    } catch (e) {
      setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const field = (label: string, value: string, what: string, hint?: string) => (
    <div className={styles.field}>
      <label htmlFor={`${id}-${what}`}>{label}</label>
      {hint && (
        <p id={`${id}-${what}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      <div className={styles.copyRow}>
        <textarea id={`${id}-${what}`} aria-describedby={hint ? `${id}-${what}-hint` : undefined} readOnly value={value} rows={Math.min(5, Math.max(value.split("\n").length - 1, value.length > 90 ? 3 : 1))} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy(what, value)}>
          Copy
        </button>
      </div>
    </div>
  );

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-title`} onClose={() => setStatus("")}>
      <div className={styles.head}>
        <h2 id={`${id}-title`}>Share or embed “{target.title}”</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Close">
          ✕
        </button>
      </div>
      <fieldset className={styles.options}>
        <legend>Embed options</legend>
        <label>
          <input type="checkbox" checked={atStep} onChange={(e) => setAtStep(e.target.checked)} /> Start at {stepLabel(target)}
        </label>
        <span className={styles.group} role="group" aria-label="Views">
          {EMBED_VIEWS.map((v) => (
            <label key={v}>
              <input
                type="checkbox"
                checked={views.includes(v)}
                onChange={(e) => setViews((old) => (e.target.checked ? EMBED_VIEWS.filter((x) => x === v || old.includes(x)) : old.length > 1 ? old.filter((x) => x !== v) : old))}
              />{" "}
              {v}
            </label>
          ))}
        </span>
        <label>
          Controls{" "}
          <select value={controls} onChange={(e) => setControls(e.target.value as Controls)}>
            <option value="full">full</option>
            <option value="minimal">minimal</option>
            <option value="none">none (driven by the deck)</option>
          </select>
        </label>
        <label>
          Theme{" "}
          <select value={theme} onChange={(e) => setTheme(e.target.value as EmbedTheme | "")}>
            <option value="">the viewer&apos;s</option>
            {EMBED_THEMES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.deck}>
          <label htmlFor={`${id}-deck`}>Only this deck may drive it (optional)</label>
          <input
            id={`${id}-deck`}
            type="text"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://slides.example.org"
            value={deck}
            onChange={(e) => setDeck(e.target.value)}
            aria-invalid={deckProblem ? true : undefined}
            aria-describedby={`${id}-deck-hint`}
          />
          <span id={`${id}-deck-hint`} className={deckProblem ? styles.problem : styles.hint}>
            {deckProblem || "The origin of the page that shows your slides: the embed then obeys only that page and tells its steps to it alone."}
          </span>
        </span>
      </fieldset>
      {field("Link", s.pageUrl, "link", lesson && atStep ? `Opens the lesson at lesson step ${lesson.index} of ${lesson.total}.` : undefined)}
      {field(
        "Embed (iframe, for any page or a reveal.js deck)",
        s.iframe,
        "iframe snippet",
        lesson && atStep ? `Opens the lab at lab step ${target.step + 1} of ${target.total} (lesson step ${lesson.index}): an embed and a deck count the lab's steps.` : undefined,
      )}
      {field("Slidev slide (Markdown)", s.slidev, "Slidev Markdown")}
      <div className={styles.exports}>
        <span>This step as a picture:</span>
        <button type="button" onClick={() => void exportAs("svg")}>
          Download SVG
        </button>
        <button type="button" onClick={() => void exportAs("png")}>
          Download PNG
        </button>
      </div>
      <p className={styles.status} aria-live="polite">
        {status}
      </p>
    </dialog>
  );
}
