/**
 * The playground's setup: a value for every knob of sim/scenario/knobs.ts, and how it becomes a
 * scenario and a URL. Every knob is a short URL parameter, so a shared link reproduces the same
 * setup and step. A value that does not parse falls back to its default and says so in a
 * notice; nothing in a URL can break the page. Nothing here names a knob: each is read from the
 * registry, so a new entry there is a new knob here, in the URL and in an embed's `setup`.
 */
import { KNOBS, applySettings, defaultSettings, followedDefaults, isYesNo, settingOf, withSetting, type AnySettings, type Knob, type KnobSettings, type KnobValue } from "../../sim/scenario/knobs";
import type { Scenario } from "../../sim/scenario/schema";
import { boundNotices, repeatedParameters, unknownParameters } from "./notices";

export type Setup = KnobSettings<typeof KNOBS>;

export const DEFAULT_SETUP: Setup = defaultSettings(KNOBS);

/** What the playground sets before any knob: its own title, the reference lab's hosts, its file. */
const STAGE = {
  title: "Playground",
  clientIp: "10.99.1.10",
  serverIp: "10.99.2.20",
  files: { "hello.txt": "Hello, FTP!\n" },
} as const;

/**
 * The knobs applied to `base`, a complete scenario validated on the server (toScenario({})), so
 * the playground builds complete scenarios without shipping the schema to the browser.
 */
export function setupToScenario(s: AnySettings, base: Scenario, knobs: readonly Knob[] = KNOBS): Scenario {
  const staged: Scenario = {
    ...base,
    title: STAGE.title,
    client: { ...base.client, ip: STAGE.clientIp },
    server: { ...base.server, ip: STAGE.serverIp },
    files: { ...STAGE.files },
  };
  return applySettings(staged, s, knobs);
}

/** A choice's value as it is written in a URL: yes/no as 1/0. */
export const encodeChoice = (v: KnobValue) => (typeof v === "boolean" ? (v ? "1" : "0") : String(v));

/** A knob's value as a URL writes it, default or not. */
function encodeValue(k: Knob, s: AnySettings): string {
  const v = settingOf(k, s);
  switch (k.kind) {
    case "choice":
      return encodeChoice(v as KnobValue);
    case "portRange": {
      const [low, high] = v as readonly [number, number];
      return `${low}-${high}`;
    }
    case "list":
      return (v as readonly string[]).join(",");
  }
}

/** A knob's value in a URL, or null when it is the default (defaults stay out of links); `defaults`: as the chosen programs have them. */
function encodeKnob(k: Knob, s: AnySettings, defaults: AnySettings): string | null {
  const text = encodeValue(k, s);
  const base = k.kind === "choice" ? encodeValue(k, defaults) : encodeValue(k, defaultSettings([k]));
  return text === base ? null : text;
}

/** The knobs where `b` differs from `a`, each written out (a comparison's `compare=`: B as A's link changes it). */
export function setupDiffParams(a: AnySettings, b: AnySettings, knobs: readonly Knob[] = KNOBS): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of knobs) {
    const text = encodeValue(k, b);
    if (text !== encodeValue(k, a)) p.set(k.param, text);
  }
  return p;
}

export type Decoded = { ok: true; value: KnobValue | readonly string[] | readonly [number, number] } | { ok: false; expected: string };

/** A URL's text as a knob's value, or what it should have been. */
export function decodeKnob(k: Knob, text: string): Decoded {
  switch (k.kind) {
    case "choice": {
      if (isYesNo(k)) {
        if (text === "1" || text === "true") return { ok: true, value: true };
        if (text === "0" || text === "false") return { ok: true, value: false };
        return { ok: false, expected: "1 or 0" };
      }
      const option = k.options.find((o) => encodeChoice(o.value) === text);
      if (option) return { ok: true, value: option.value };
      // What an older link wrote for it (snat=1: a server behind a NAT router).
      const alias = k.aliases && Object.hasOwn(k.aliases, text) ? k.aliases[text] : undefined;
      return alias !== undefined ? { ok: true, value: alias } : { ok: false, expected: k.options.map((o) => encodeChoice(o.value)).join(" | ") };
    }
    case "portRange": {
      const m = /^(\d{1,5})-(\d{1,5})$/.exec(text);
      const low = m ? Number(m[1]) : NaN;
      const high = m ? Number(m[2]) : NaN;
      return m && low >= k.min && high <= k.max && low <= high ? { ok: true, value: [low, high] } : { ok: false, expected: `LOW-HIGH within ${k.min}-${k.max}` };
    }
    case "list": {
      const list = text.split(",").filter((c) => c !== "");
      const valid = list.every((c) => k.options.some((o) => o.value === c));
      return valid && list.length > 0 && list.length <= k.maxLength ? { ok: true, value: list } : { ok: false, expected: `a comma list of ${k.options.map((o) => o.value).join(", ")}` };
    }
  }
}

/** Only what differs from the defaults goes into the URL; `step` is 0-based, written 1-based. */
export function setupToParams(s: AnySettings, step: number | null, knobs: readonly Knob[] = KNOBS): URLSearchParams {
  const p = new URLSearchParams();
  const defaults = followedDefaults(s, knobs);
  for (const k of knobs) {
    const text = encodeKnob(k, s, defaults);
    if (text !== null) p.set(k.param, text);
  }
  if (step !== null && step > 0) p.set("step", String(step + 1));
  return p;
}

export interface ParsedSetup<S = Setup> {
  setup: S;
  /** 0-based step, or null. */
  step: number | null;
  notices: string[];
}

/**
 * A URL's (or a `setup` message's) parameters as a setup. `extraKnown` are parameters someone
 * else reads (an embed's): they are not reported as unknown.
 */
export function paramsToSetup(params: URLSearchParams, extraKnown: readonly string[], knobs: readonly Knob[]): ParsedSetup<AnySettings>;
export function paramsToSetup(params: URLSearchParams, extraKnown?: readonly string[]): ParsedSetup;
export function paramsToSetup(params: URLSearchParams, extraKnown: readonly string[] = [], knobs: readonly Knob[] = KNOBS): ParsedSetup<AnySettings> {
  let given: AnySettings = defaultSettings(knobs);
  const set = new Set<Knob>();
  const notices: string[] = [];
  const bad = (key: string, value: string, expected: string) => notices.push(`Ignored ${key}=${value.slice(0, 40)}: expected ${expected}.`);
  for (const k of knobs) {
    const text = params.get(k.param);
    if (text === null) continue;
    const decoded = decodeKnob(k, text);
    if (decoded.ok) {
      given = withSetting(given, k, decoded.value);
      set.add(k);
    } else bad(k.param, text, decoded.expected);
  }
  // What the link leaves unwritten is the chosen programs' default (lftp uses the 227 address).
  let s = followedDefaults(given, knobs);
  for (const k of set) s = withSetting(s, k, settingOf(k, given));
  let step: number | null = null;
  const stepText = params.get("step");
  if (stepText !== null) {
    if (/^\d{1,5}$/.test(stepText) && Number(stepText) >= 1) step = Number(stepText) - 1;
    else bad("step", stepText, "a step number from 1");
  }
  // Each parameter is read with params.get: its first value. (extraKnown are someone else's to report.)
  const own = [...knobs.map((k) => k.param), "step"];
  notices.push(...repeatedParameters(params, own));
  const known = new Set([...own, ...extraKnown]);
  notices.push(...unknownParameters([...params.keys()].filter((key) => !known.has(key))));
  return { setup: s, step, notices: boundNotices(notices) };
}
