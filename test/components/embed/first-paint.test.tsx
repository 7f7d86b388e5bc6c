// @vitest-environment jsdom
/**
 * The picture at the first paint: the embed's and the playground's static HTML (rendered as the
 * build does, with no URL) hold the network picture, not a loading line; the boot script marks
 * <html> for what CSS can show and hides what only React can (a step, a scenario, a knob).
 */
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { LessonEmbed } from "../../../components/embed/LessonEmbed";
import { PlaygroundEmbed } from "../../../components/embed/PlaygroundEmbed";
import { LiveExplanations } from "../../../components/lab/LiveExplanations";
import { Playground } from "../../../components/lab/Playground";
import { EMBED_BOOT, PENDING_CLASS, PLAYGROUND_BOOT } from "../../../components/site/url-boot";
import { lessonBySlug } from "../../../lessons/catalog";
import { lessonTraces } from "../../../lessons/lesson-traces";
import { toScenario } from "../../../sim/scenario/validate";

describe("static HTML", () => {
  const lesson = lessonBySlug("active-mode")!;

  it("a lesson embed holds the default step's network picture and headline", () => {
    const html = renderToString(<LessonEmbed slug="active-mode" traces={lessonTraces(lesson)} />);
    expect(html).toContain('class="nv-svg');
    expect(html).toContain('aria-label="Network"');
    expect(html).not.toContain("Loading the lab");
    // Step 1 of the session, as the default options start it.
    expect(html).toContain("Step 1 of ");
  });

  it("the playground embed and the playground hold the default setup's picture", () => {
    const base = toScenario({});
    // The playground as its page draws it: its explanations narrated in the browser.
    for (const html of [renderToString(<PlaygroundEmbed base={base} />), renderToString(<LiveExplanations><Playground base={base} /></LiveExplanations>)]) {
      expect(html).toContain('class="nv-svg');
      expect(html).not.toMatch(/Loading the (lab|playground)/);
    }
  });
});

/** The boot script run on a page at `search`: the classes and theme it leaves on <html>. */
function boot(script: string, search: string): { classes: string[]; theme: string | undefined } {
  window.history.replaceState(null, "", `/embed/active-mode${search}`);
  new Function(script)();
  const h = document.documentElement;
  return { classes: [...h.classList], theme: h.dataset.theme };
}

describe("the boot scripts", () => {
  afterEach(() => {
    document.documentElement.className = "";
    delete document.documentElement.dataset.theme;
  });

  it("shows the default picture at once when the URL asks only for what CSS can do", () => {
    expect(boot(EMBED_BOOT, "")).toEqual({ classes: [], theme: undefined });
    const r = boot(EMBED_BOOT, "?views=network&controls=none&theme=projector&layout=presentation");
    expect(r.theme).toBe("projector");
    expect(r.classes.sort()).toEqual(["embed-no-controls", "embed-no-explanation"]);
  });

  it.each(["?step=5", "?from=3&to=9", "?scenario=x", "?layout=panels", "?controls=full", "?views=network,sequence", "?theme=banana", "?theme=dark&theme=light", "?cnat=1", "?speed=2x"])(
    "hides the picture until React has applied %s",
    (search) => {
      expect(boot(EMBED_BOOT, search).classes).toContain(PENDING_CLASS);
    },
  );

  it("lets a plain origin= list through (it changes nothing drawn), and waits on one that earns a notice", () => {
    expect(boot(EMBED_BOOT, "?origin=https://slides.example.org,http://localhost:3030&theme=dark")).toEqual({ classes: [], theme: "dark" });
    document.documentElement.className = "";
    expect(boot(EMBED_BOOT, "?origin=https://slides.example.org/deck").classes).toContain(PENDING_CLASS);
    document.documentElement.className = "";
    expect(boot(EMBED_BOOT, "?origin=null").classes).toContain(PENDING_CLASS);
  });

  it("a bad theme is not applied before React says why", () => {
    expect(boot(EMBED_BOOT, "?theme=banana").theme).toBeUndefined();
  });

  it("the playground waits for any parameter, and only then", () => {
    expect(boot(PLAYGROUND_BOOT, "").classes).toEqual([]);
    expect(boot(PLAYGROUND_BOOT, "?mode=active").classes).toEqual([PENDING_CLASS]);
  });
});
