/**
 * What `npm run fuzz` (scripts/fuzz.ts) throws at the lab's input surfaces, as fast-check
 * properties grouped by surface:
 *
 *   simulator  simulate() on valid random scenarios (test/sim/arbitraries.ts), on scenarios with
 *              hostile file names ("constructor", "__proto__", "toString", "a/b", very long…),
 *              with hostile command lines (CR/LF, NUL, 10k characters, unknown verbs,
 *              "SIZE __proto__"…) and on valid scenarios with one field replaced by anything.
 *              It may only throw ScenarioError (the documented validation error), must finish
 *              each run within a time bound, and must be deterministic (same input twice → the
 *              same JSON).
 *   url        the playground's and the embeds' URL parsers on random query strings: never
 *              throw, always a valid setup (its scenario passes the schema and simulates) and
 *              valid embed options.
 *   messages   the embed's postMessage validator on anything: never throws, accepts exactly the
 *              well-formed commands (checked against an independent reading of the API), and a
 *              `setup` it accepts is a valid setup.
 */
import fc from "fast-check";
import type * as Sim from "../../sim/index";
import { scenarioArb } from "../sim/arbitraries";
import { KNOBS } from "../../sim/scenario/knobs";
import { paramsToSetup, setupToScenario } from "../../components/lab/setup-model";
import { CONTROLS, EMBED_KEYS, EMBED_THEMES, EMBED_VIEWS, parseEmbedParams } from "../../components/embed/embed-params";
import { NS, parseCommand } from "../../components/embed/messages";
import { SPEEDS } from "../../components/lab/use-lab";

export type SimModule = typeof Sim;

export interface FuzzProperty {
  /** "surface/name" */
  readonly name: string;
  readonly surface: "simulator" | "url" | "messages";
  /** Share of the time budget (weights are normalized). */
  readonly weight: number;
  readonly property: fc.IProperty<[unknown]>;
  /** Inputs simulate() accepted and ran (the rest were rejected as invalid: ScenarioError). */
  readonly stats: { ran: number };
}

export interface FuzzOptions {
  /** A run of simulate() slower than this fails (ms). */
  readonly perRunMs: number;
}

// ---------- hostile values ----------

export const HOSTILE_NAMES = [
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
  "then",
  "length",
  "a/b",
  "../etc/passwd",
  "/",
  "with space.txt",
  " lead",
  "trail ",
  ".",
  "..",
  "",
  "x".repeat(300),
  "y".repeat(10_000),
  "naïve-ünïcödé.txt",
  "<img src=x onerror=alert(1)>",
  "a\r\nDELE hello.txt",
  "nul\u0000byte",
  "*",
] as const;

/** Names every plain object already "has": a lookup by name that forgets hasOwn finds these. */
const PROTO_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupGetter__"];

const VERBS = ["RETR", "STOR", "APPE", "SIZE", "DELE", "LIST", "NLST", "CWD", "MKD", "RMD", "RNFR", "RNTO", "MDTM", "STAT", "SITE", "HELP"];

const hostileName = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_NAMES), weight: 4 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 1 },
);

const hostileCommand: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...VERBS), hostileName).map(([v, n]) => `${v} ${n}`),
  fc.constantFrom("SIZE __proto__", "RETR constructor", "STOR __proto__", "APPE toString", "DELE hasOwnProperty", "CWD __proto__", "RETR prototype"),
  fc.tuple(fc.constantFrom(...VERBS, "NOOP", "PASV", "PORT", "EPRT", "USER", "PASS"), fc.constantFrom("\r\n", "\n", "\r", "\u0000", "\t"), fc.string({ maxLength: 20 })).map(([v, sep, rest]) => `${v}${sep}${rest}`),
  fc.integer({ min: 250, max: 10_000 }).map((n) => `RETR ${"a".repeat(n)}`),
  fc.constant("X".repeat(10_000)),
  fc.stringMatching(/^[A-Z]{1,8}( [!-~]{0,30})?$/), // unknown verbs, printable
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "LIST ", " LIST", "retr hello.txt", "PORT 1,2,3,4,5,6,7", "EPRT |||", "EPRT |1|::|0|", "REST -1", "REST 99999999999999999999"),
);

/** A data property named `key`, even "__proto__" (an own property, as JSON.parse makes it). */
const own = (entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> => Object.fromEntries(entries);

// ---------- helpers ----------

class FuzzFailure extends Error {
  override name = "FuzzFailure";
}

function stable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "undefined";
  } catch (e) {
    throw new FuzzFailure(`the result is not JSON: ${(e as Error).message}`);
  }
}

/** One run: the trace as JSON, or "ScenarioError: …"; anything else thrown is a failure. */
function once(sim: SimModule, input: unknown, perRunMs: number): string {
  const t0 = performance.now();
  let out: string;
  try {
    out = stable(sim.simulate(input));
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    if (e instanceof sim.ScenarioError) out = `ScenarioError: ${e.message}`;
    else {
      const err = e as Error;
      throw new FuzzFailure(`simulate threw ${err?.name ?? typeof e}: ${String(err?.message ?? e).slice(0, 500)}`);
    }
  }
  const ms = performance.now() - t0;
  if (ms > perRunMs) throw new FuzzFailure(`simulate took ${ms.toFixed(0)} ms (bound ${perRunMs} ms)`);
  return out;
}

/** simulate(input) twice: never throws but ScenarioError, in time, the same both times. */
function checkSimulate(sim: SimModule, input: unknown, perRunMs: number, mustBeValid: boolean, stats: { ran: number }): void {
  const a = once(sim, input, perRunMs);
  const b = once(sim, input, perRunMs);
  if (a !== b) throw new FuzzFailure(`not deterministic: two runs of the same input differ (${a.length} vs ${b.length} chars of JSON)`);
  const rejected = a.startsWith("ScenarioError: ");
  if (mustBeValid && rejected) throw new FuzzFailure(`a valid scenario was rejected: ${a.slice(0, 300)}`);
  if (!rejected) stats.ran++;
}

/** Every JSON path (as keys) of a plain value. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

function setPath(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<string, unknown>) : { ...(root as Record<string, unknown>) };
  const [head, ...rest] = path;
  Object.defineProperty(copy, head!, { value: setPath(copy[head!], rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---------- the properties ----------

export function fuzzProperties(sim: SimModule, { perRunMs }: FuzzOptions): FuzzProperty[] {
  const base = sim.toScenario({});

  const st = () => ({ ran: 0 });
  const s1 = st(), s2 = st(), s3 = st(), s4 = st();
  const simulator: FuzzProperty[] = [
    {
      name: "simulator/valid-scenarios",
      surface: "simulator",
      weight: 3,
      stats: s1,
      property: fc.property(scenarioArb() as fc.Arbitrary<unknown>, (input) => checkSimulate(sim, input, perRunMs, true, s1)),
    },
    {
      name: "simulator/hostile-file-names",
      surface: "simulator",
      weight: 3,
      stats: s2,
      property: fc.property(
        fc
          .tuple(
            scenarioArb({ maxCommands: 3 }),
            fc.array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...PROTO_NAMES), weight: 3 }, { arbitrary: hostileName, weight: 1 }), fc.string({ maxLength: 20 })), { maxLength: 2 }),
            fc.array(fc.tuple(fc.constantFrom("RETR", "STOR", "APPE", "SIZE", "DELE", "LIST", "NLST", "CWD", "MKD"), fc.oneof({ arbitrary: fc.constantFrom(...PROTO_NAMES), weight: 3 }, { arbitrary: hostileName, weight: 1 })), { minLength: 1, maxLength: 4 }),
            fc.boolean(),
          )
          .map(([s, files, cmds, uploads]): unknown => {
            const names = own(files);
            return {
              ...s,
              files: names,
              client: { ...s.client, ...(uploads ? { files: own(files) } : {}) },
              commands: [...(s.commands ?? []), ...cmds.map(([v, n]) => `${v} ${n}`)],
            };
          }),
        (input) => checkSimulate(sim, input, perRunMs, false, s2),
      ),
    },
    {
      name: "simulator/hostile-commands",
      surface: "simulator",
      weight: 3,
      stats: s3,
      property: fc.property(
        fc.tuple(scenarioArb({ maxCommands: 2 }), fc.array(hostileCommand, { minLength: 1, maxLength: 4 })).map(([s, cmds]): unknown => ({ ...s, commands: [...(s.commands ?? []), ...cmds] })),
        (input) => checkSimulate(sim, input, perRunMs, false, s3),
      ),
    },
    {
      name: "simulator/malformed-input",
      surface: "simulator",
      weight: 2,
      stats: s4,
      property: fc.property(
        fc.oneof(
          { arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), weight: 1 },
          {
            arbitrary: fc.tuple(scenarioArb({ maxCommands: 3 }), fc.nat(), fc.anything({ withNullPrototype: true, maxDepth: 2 })).map(([s, n, v]) => {
              const all = paths(s).filter((p) => p.length > 0);
              return setPath(s, all[n % all.length]!, v);
            }),
            weight: 4,
          },
        ),
        (input) => checkSimulate(sim, input, perRunMs, false, s4),
      ),
    },
  ];

  // ---------- URLs ----------
  const knobParams = KNOBS.map((k) => k.param);
  const knownValues = KNOBS.flatMap((k) => (k.kind === "choice" ? k.options.map((o) => (typeof o.value === "boolean" ? (o.value ? "1" : "0") : String(o.value))) : k.kind === "list" ? k.options.map((o) => o.value) : ["1024-2048", "3000-3009"]));
  const key = fc.oneof(fc.constantFrom(...knobParams, ...EMBED_KEYS, "step", "__proto__", "constructor", "toString", ""), fc.string({ maxLength: 12 }));
  const value = fc.oneof(
    fc.constantFrom(...knownValues, ...EMBED_VIEWS, ...CONTROLS, ...EMBED_THEMES, ...SPEEDS.map(String), "0", "1", "-1", "99999", "1e3", "NaN", "Infinity", "", "network,,sequence", "1-65535", "65535-1", "0-0", "__proto__", "<script>alert(1)</script>"),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.integer({ min: 0, max: 20_000 }).map((n) => "9".repeat(n % 9000)),
  );
  const query = fc.oneof(
    { arbitrary: fc.array(fc.tuple(key, value), { maxLength: 12 }).map((kv) => new URLSearchParams(kv.map(([k, v]) => [k, v])).toString()), weight: 4 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 100 }), weight: 1 },
    { arbitrary: fc.array(fc.constantFrom("%", "%zz", "%00", "&", "=", "+", "?", "#", "%E0%A4%A", "a", "step", "mode"), { maxLength: 30 }).map((a) => a.join("")), weight: 1 },
  );

  const checkSetup = (params: URLSearchParams, extra: readonly string[], runIt: boolean): void => {
    const parsed = paramsToSetup(params, extra);
    if (parsed.step !== null && !(Number.isInteger(parsed.step) && parsed.step >= 0)) throw new FuzzFailure(`bad step ${parsed.step}`);
    if (!parsed.notices.every((n) => typeof n === "string")) throw new FuzzFailure("a notice is not a string");
    const scenario = setupToScenario(parsed.setup, base);
    const check = sim.parseScenario(JSON.parse(JSON.stringify(scenario)));
    if (!check.ok) throw new FuzzFailure(`the setup's scenario is invalid: ${check.errors.join("; ").slice(0, 400)}`);
    if (runIt) once(sim, scenario, perRunMs);
  };

  const LESSON_SCENARIOS = ["open", "stateful", "helper"];
  const url: FuzzProperty[] = [
    {
      name: "url/playground",
      surface: "url",
      weight: 2,
      stats: { ran: 0 },
      property: fc.property(query as fc.Arbitrary<unknown>, (q) => {
        checkSetup(new URLSearchParams(q as string), [], true);
      }),
    },
    {
      name: "url/embed",
      surface: "url",
      weight: 1,
      stats: { ran: 0 },
      property: fc.property(query as fc.Arbitrary<unknown>, (q) => {
        const params = new URLSearchParams(q as string);
        const { options: o, notices } = parseEmbedParams(params, LESSON_SCENARIOS);
        const step = (v: number | null) => v === null || (Number.isInteger(v) && v >= 0);
        if (!step(o.step) || !step(o.from) || !step(o.to)) throw new FuzzFailure(`bad step/from/to ${o.step}/${o.from}/${o.to}`);
        if (o.from !== null && o.to !== null && o.from > o.to) throw new FuzzFailure("from after to");
        if (o.views.length === 0 || !o.views.every((v) => (EMBED_VIEWS as readonly string[]).includes(v)) || new Set(o.views).size !== o.views.length) throw new FuzzFailure(`bad views ${o.views}`);
        if (!(CONTROLS as readonly string[]).includes(o.controls)) throw new FuzzFailure(`bad controls ${o.controls}`);
        if (!(SPEEDS as readonly number[]).includes(o.speed)) throw new FuzzFailure(`bad speed ${o.speed}`);
        if (o.theme !== null && !(EMBED_THEMES as readonly string[]).includes(o.theme)) throw new FuzzFailure(`bad theme ${o.theme}`);
        if (o.scenario !== null && !LESSON_SCENARIOS.includes(o.scenario)) throw new FuzzFailure(`bad scenario ${o.scenario}`);
        if (typeof o.autoplay !== "boolean") throw new FuzzFailure("autoplay not boolean");
        if (!notices.every((n) => typeof n === "string")) throw new FuzzFailure("a notice is not a string");
        // The playground embed reads the same URL for its setup.
        checkSetup(params, EMBED_KEYS, false);
      }),
    },
  ];

  // ---------- messages ----------
  const plain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
  /** An independent reading of the message API (components/embed/messages.ts header): should it be accepted? */
  const wellFormed = (d: unknown): boolean => {
    if (!plain(d) || d.ns !== NS) return false;
    const { method, args } = d;
    if (method === "next" || method === "prev" || method === "play" || method === "pause") return true;
    if (method === "goto") {
      let s = plain(args) ? args.step : args;
      if (typeof s === "string") s = /^\d{1,5}$/.test(s) ? Number(s) : s;
      return typeof s === "number" && Number.isInteger(s) && s >= 1 && s <= 100_000;
    }
    if (method === "setup") {
      if (!plain(args)) return false;
      const e = Object.entries(args);
      return e.length <= 30 && e.every(([k, v]) => /^[a-z]{1,20}$/.test(k) && ((typeof v === "string" && v.length <= 60) || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean"));
    }
    return false;
  };
  const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, maxDepth: 2 });
  const stepLike = fc.oneof(fc.integer({ min: -5, max: 100_005 }), fc.double(), fc.constantFrom("5", "05", "100000", "100001", "1.5", " 5", "-1", "1e3", "", "<b>1</b>"), anything);
  const setupArgs = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...knobParams, "step", "__proto__", "constructor", "Mode", "a".repeat(21)), fc.string({ maxLength: 5 })), fc.oneof(fc.constantFrom(...knownValues), fc.string({ maxLength: 70 }), fc.integer(), fc.double(), fc.boolean(), anything), { maxKeys: 32 }),
    anything,
  );
  const message = fc.oneof(
    {
      arbitrary: fc.record(
        {
          ns: fc.oneof({ arbitrary: fc.constant(NS), weight: 5 }, { arbitrary: anything, weight: 1 }),
          method: fc.oneof({ arbitrary: fc.constantFrom("goto", "next", "prev", "play", "pause", "setup"), weight: 5 }, { arbitrary: fc.constantFrom("explode", "GOTO", "__proto__", "constructor", "toString"), weight: 1 }, { arbitrary: anything, weight: 1 }),
          args: fc.oneof(stepLike, fc.record({ step: stepLike }), setupArgs),
        },
        { requiredKeys: [] },
      ),
      weight: 6,
    },
    { arbitrary: anything, weight: 2 },
    { arbitrary: fc.constantFrom<unknown>(JSON.parse(`{"ns":"${NS}","method":"setup","args":{"__proto__":{"mode":"active"}}}`), JSON.parse(`{"__proto__":{"ns":"${NS}","method":"next"}}`), Object.assign(Object.create(null), { ns: NS, method: "next" }), [NS, "next"]), weight: 1 },
  );
  const messages: FuzzProperty[] = [
    {
      name: "messages/validator",
      surface: "messages",
      weight: 1,
      stats: { ran: 0 },
      property: fc.property(message as fc.Arbitrary<unknown>, (data) => {
        const cmd = parseCommand(data);
        const expected = wellFormed(data);
        if ((cmd !== null) !== expected) throw new FuzzFailure(`parseCommand ${cmd ? "accepted" : "rejected"} a message that is ${expected ? "well formed" : "malformed"}`);
        if (cmd === null) return;
        if (cmd.method === "goto" && !(Number.isInteger(cmd.step) && cmd.step >= 1 && cmd.step <= 100_000)) throw new FuzzFailure(`bad step ${cmd.step}`);
        if (cmd.method === "setup") {
          if (!plain(cmd.params) || !Object.entries(cmd.params).every(([k, v]) => /^[a-z]{1,20}$/.test(k) && typeof v === "string" && v.length <= 60)) throw new FuzzFailure("bad setup params");
          checkSetup(new URLSearchParams(Object.entries(cmd.params)), EMBED_KEYS, false);
        }
      }),
    },
  ];

  return [...simulator, ...url, ...messages];
}
