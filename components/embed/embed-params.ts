/**
 * What an embed's URL asks for: which views, which controls, the step and the playable range,
 * autoplay, speed, theme, layout and the host origins it answers to. Every value is checked; a malformed or unknown one falls back to its
 * default and adds a short notice the embed shows, so nothing in a URL can break a slide.
 * Steps are 1-based in URLs (as the playground's), 0-based inside.
 */
import { boundNotices, listSome, quote, repeatedParameters } from "../lab/notices";
import { parseOrigins } from "./host-origins";
import { SPEEDS } from "../lab/use-lab";
import type { ViewName } from "../view-types";

export const EMBED_VIEWS = ["network", "sequence", "transcript", "explanation", "state"] as const satisfies readonly ViewName[];
export type EmbedViewName = (typeof EMBED_VIEWS)[number];
export const CONTROLS = ["full", "minimal", "none"] as const;
export type Controls = (typeof CONTROLS)[number];
export const EMBED_THEMES = ["light", "dark", "projector"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];
/**
 * "presentation": the picture fills the frame under one line of explanation (for a slide, read
 * from the back of a room); "panels": the lab's panels, as on the site (layoutOf decides).
 */
export const LAYOUTS = ["presentation", "panels"] as const;
export type EmbedLayout = (typeof LAYOUTS)[number];

export interface EmbedOptions {
  /** 0-based; null: the first playable step. */
  step: number | null;
  from: number | null;
  to: number | null;
  views: readonly ViewName[];
  controls: Controls;
  autoplay: boolean;
  speed: number;
  theme: EmbedTheme | null;
  /** A lesson's named scenario (lesson embeds). */
  scenario: string | null;
  /** null: by the controls (layoutOf). */
  layout: EmbedLayout | null;
  /**
   * The host pages whose messages the embed obeys and to which it posts its events (host-origins.ts);
   * null: any (no origin= in the URL); empty: none (origin= named nothing usable).
   */
  origins: readonly string[] | null;
}

/**
 * The layout an embed shows. Presentation needs the network view and nothing beside it but the
 * explanation (a transcript, a sequence diagram or the boxes' state asks for the panels); within that, the URL
 * decides, and unset, a slide's embed (controls none or minimal) presents and controls=full —
 * someone exploring, not a room watching — gets the lab's panels.
 */
export function layoutOf(o: Pick<EmbedOptions, "layout" | "controls" | "views">): EmbedLayout {
  const presentable = o.views.includes("network") && o.views.every((v) => v === "network" || v === "explanation");
  if (!presentable) return "panels";
  return o.layout ?? (o.controls === "full" ? "panels" : "presentation");
}

export const DEFAULT_EMBED: EmbedOptions = {
  step: null,
  from: null,
  to: null,
  views: ["network", "explanation"],
  controls: "minimal",
  autoplay: false,
  speed: 1,
  theme: null,
  scenario: null,
  layout: null,
  origins: null,
};

export const EMBED_KEYS = ["step", "from", "to", "views", "controls", "autoplay", "speed", "theme", "scenario", "layout", "origin"] as const;

function stepNumber(v: string): number | null {
  return /^\d{1,5}$/.test(v) && Number(v) >= 1 ? Number(v) - 1 : null;
}

export function parseEmbedParams(params: URLSearchParams, scenarioNames: readonly string[] = []): { options: EmbedOptions; notices: string[] } {
  const o: EmbedOptions = { ...DEFAULT_EMBED };
  const notices: string[] = [];
  const bad = (key: string, value: string, expected: string) => notices.push(`Ignored ${key}=${quote(value)}: expected ${expected}.`);
  for (const key of ["step", "from", "to"] as const) {
    const v = params.get(key);
    if (v === null) continue;
    const n = stepNumber(v);
    if (n === null) bad(key, v, "a step number from 1");
    else o[key] = n;
  }
  if (o.from !== null && o.to !== null && o.from > o.to) {
    notices.push(`Ignored from=${o.from + 1} and to=${o.to + 1}: from must not come after to.`);
    o.from = null;
    o.to = null;
  }
  const views = params.get("views");
  if (views !== null) {
    const list = views.split(",").map((v) => v.trim()).filter(Boolean);
    const known = list.filter((v): v is EmbedViewName => (EMBED_VIEWS as readonly string[]).includes(v));
    if (known.length === 0) bad("views", views, EMBED_VIEWS.join(", "));
    else {
      o.views = [...new Set(known)];
      const unknown = list.filter((v) => !(EMBED_VIEWS as readonly string[]).includes(v));
      if (unknown.length) notices.push(`Ignored views ${listSome(unknown)}: expected ${EMBED_VIEWS.join(", ")}.`);
    }
  }
  const controls = params.get("controls");
  if (controls !== null) {
    if ((CONTROLS as readonly string[]).includes(controls)) o.controls = controls as Controls;
    else bad("controls", controls, CONTROLS.join(" | "));
  }
  const autoplay = params.get("autoplay");
  if (autoplay !== null) {
    if (["1", "true", ""].includes(autoplay)) o.autoplay = true;
    else if (["0", "false"].includes(autoplay)) o.autoplay = false;
    else bad("autoplay", autoplay, "1 or 0");
  }
  const speed = params.get("speed");
  if (speed !== null) {
    const n = Number(speed);
    if ((SPEEDS as readonly number[]).includes(n)) o.speed = n;
    else bad("speed", speed, SPEEDS.join(" | "));
  }
  const theme = params.get("theme");
  if (theme !== null) {
    if ((EMBED_THEMES as readonly string[]).includes(theme)) o.theme = theme as EmbedTheme;
    else bad("theme", theme, EMBED_THEMES.join(" | "));
  }
  const scenario = params.get("scenario");
  if (scenario !== null) {
    if (scenarioNames.includes(scenario)) o.scenario = scenario;
    else bad("scenario", scenario, scenarioNames.length ? scenarioNames.join(" | ") : "nothing: this embed has one scenario");
  }
  const layout = params.get("layout");
  if (layout !== null) {
    if ((LAYOUTS as readonly string[]).includes(layout)) o.layout = layout as EmbedLayout;
    else bad("layout", layout, LAYOUTS.join(" | "));
  }
  const origin = params.get("origin");
  if (origin !== null) {
    const parsed = parseOrigins(origin);
    o.origins = parsed.origins;
    notices.push(...parsed.notices);
  }
  // Each parameter is read with params.get: its first value. Unknown keys are the caller's to report.
  notices.push(...repeatedParameters(params, EMBED_KEYS));
  return { options: o, notices: boundNotices(notices) };
}

/** The URL parameters for these options (only what differs from the defaults). */
export function embedParams(o: Partial<EmbedOptions>): URLSearchParams {
  const p = new URLSearchParams();
  if (o.step !== undefined && o.step !== null) p.set("step", String(o.step + 1));
  if (o.from !== undefined && o.from !== null) p.set("from", String(o.from + 1));
  if (o.to !== undefined && o.to !== null) p.set("to", String(o.to + 1));
  if (o.views && o.views.join(",") !== DEFAULT_EMBED.views.join(",")) p.set("views", o.views.join(","));
  if (o.controls && o.controls !== DEFAULT_EMBED.controls) p.set("controls", o.controls);
  if (o.autoplay) p.set("autoplay", "1");
  if (o.speed !== undefined && o.speed !== DEFAULT_EMBED.speed) p.set("speed", String(o.speed));
  if (o.theme) p.set("theme", o.theme);
  if (o.scenario) p.set("scenario", o.scenario);
  if (o.layout) p.set("layout", o.layout);
  if (o.origins) p.set("origin", o.origins.join(","));
  return p;
}

/**
 * What the URL's steps become once the session's length is known (the controller clamps them),
 * said like any other value the embed could not honour: "Step 999 is past the end: showing step 37."
 */
export function stepNotices(o: Pick<EmbedOptions, "step" | "from" | "to">, total: number): string[] {
  const notices: string[] = [];
  const end = total - 1;
  const from = o.from === null ? 0 : Math.min(o.from, end);
  const to = o.to === null ? end : Math.max(from, Math.min(o.to, end));
  if (o.from !== null && o.from > end) notices.push(`from=${o.from + 1} is past the end: the session has ${total} steps.`);
  if (o.to !== null && o.to > end) notices.push(`to=${o.to + 1} is past the end: the session has ${total} steps.`);
  if (o.step !== null) {
    if (o.step > end) notices.push(`Step ${o.step + 1} is past the end: showing step ${to + 1}.`);
    else if (o.step > to) notices.push(`Step ${o.step + 1} is after to=${to + 1}: showing step ${to + 1}.`);
    else if (o.step < from) notices.push(`Step ${o.step + 1} is before from=${from + 1}: showing step ${from + 1}.`);
  }
  return notices;
}
