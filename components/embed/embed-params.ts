/**
 * What an embed's URL asks for: which views, which controls, the step and the playable range,
 * autoplay, speed and theme. Every value is checked; a malformed or unknown one falls back to its
 * default and adds a short notice the embed shows, so nothing in a URL can break a slide.
 * Steps are 1-based in URLs (as the playground's), 0-based inside.
 */
import { boundNotices, listSome, quote, repeatedParameters } from "../lab/notices";
import { SPEEDS } from "../lab/use-lab";
import type { ViewName } from "../view-types";

export const EMBED_VIEWS = ["network", "sequence", "transcript", "explanation"] as const satisfies readonly ViewName[];
export type EmbedViewName = (typeof EMBED_VIEWS)[number];
export const CONTROLS = ["full", "minimal", "none"] as const;
export type Controls = (typeof CONTROLS)[number];
export const EMBED_THEMES = ["light", "dark", "projector"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

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
};

export const EMBED_KEYS = ["step", "from", "to", "views", "controls", "autoplay", "speed", "theme", "scenario"] as const;

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
  return p;
}
