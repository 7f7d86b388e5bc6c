import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_EMBED, EMBED_KEYS, EMBED_VIEWS, embedParams, parseEmbedParams } from "../../../components/embed/embed-params";
import { parseCommand } from "../../../components/embed/messages";
import { paramsToSetup } from "../../../components/lab/setup-model";
import { ALL_VIEWS } from "../../../components/view-types";
import { KNOBS, settingOf, type Knob } from "../../../sim/scenario/knobs";

describe("embed URL parameters", () => {
  it("reads views, controls, steps (1-based), range, autoplay, speed, theme and a named scenario", () => {
    const { options, notices } = parseEmbedParams(new URLSearchParams("views=network,sequence&controls=none&step=7&from=3&to=9&autoplay=1&speed=2&theme=projector&scenario=open"), ["closed", "open"]);
    expect(notices).toEqual([]);
    expect(options).toEqual({ views: ["network", "sequence"], controls: "none", step: 6, from: 2, to: 8, autoplay: true, speed: 2, theme: "projector", scenario: "open", layout: null, origins: null });
  });

  it.each([
    ["views=colour", "Ignored views="],
    ["controls=loud", "Ignored controls="],
    ["step=0", "Ignored step="],
    ["step=abc", "Ignored step="],
    ["from=9&to=3", "from must not come after to"],
    ["speed=3", "Ignored speed="],
    ["theme=neon", "Ignored theme="],
    ["autoplay=maybe", "Ignored autoplay="],
    ["scenario=open", "this embed has one scenario"],
  ])("falls back with a notice for %s", (query, notice) => {
    const { options, notices } = parseEmbedParams(new URLSearchParams(query));
    expect(notices.join(" ")).toContain(notice);
    expect(options.views).toEqual(DEFAULT_EMBED.views);
  });

  it("keeps the known views of a list with unknown ones, and says which it dropped", () => {
    const { options, notices } = parseEmbedParams(new URLSearchParams("views=network,chart"));
    expect(options.views).toEqual(["network"]);
    expect(notices).toEqual(['Ignored views "chart": expected network, sequence, transcript, explanation, state.']);
  });

  it("round-trips through embedParams", () => {
    const options = { ...DEFAULT_EMBED, step: 4, views: ["transcript"] as const, controls: "full" as const, theme: "dark" as const };
    expect(parseEmbedParams(embedParams(options)).options).toEqual(options);
  });

  it("never throws and always yields valid options, whatever the query (1000 random queries)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("step", "from", "to", "views", "controls", "autoplay", "speed", "theme", "scenario", "x"), fc.string({ maxLength: 30 })), (dict) => {
        const { options } = parseEmbedParams(new URLSearchParams(dict));
        expect(options.views.length).toBeGreaterThan(0);
        expect(["full", "minimal", "none"]).toContain(options.controls);
        if (options.from !== null && options.to !== null) expect(options.from).toBeLessThanOrEqual(options.to);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("postMessage commands", () => {
  it("accepts the documented commands", () => {
    expect(parseCommand({ ns: "ftp-lab", method: "goto", args: { step: 5 } })).toEqual({ method: "goto", step: 5 });
    expect(parseCommand({ ns: "ftp-lab", method: "goto", args: 5 })).toEqual({ method: "goto", step: 5 });
    for (const method of ["next", "prev", "play", "pause"]) expect(parseCommand({ ns: "ftp-lab", method })).toEqual({ method });
    expect(parseCommand({ ns: "ftp-lab", method: "setup", args: { mode: "active", ext: true, step: 3 } })).toEqual({ method: "setup", params: { mode: "active", ext: "1", step: "3" } });
  });

  it.each([
    ["another namespace", { ns: "other", method: "next" }],
    ["no namespace", { method: "next" }],
    ["an unknown method", { ns: "ftp-lab", method: "eval" }],
    ["a step below 1", { ns: "ftp-lab", method: "goto", args: { step: 0 } }],
    ["a fractional step", { ns: "ftp-lab", method: "goto", args: { step: 1.5 } }],
    ["markup as a step", { ns: "ftp-lab", method: "goto", args: { step: "<b>1</b>" } }],
    ["a setup that is not an object", { ns: "ftp-lab", method: "setup", args: "mode=active" }],
    ["a setup key with markup", { ns: "ftp-lab", method: "setup", args: { "<x>": "1" } }],
    ["a setup value too long", { ns: "ftp-lab", method: "setup", args: { mode: "a".repeat(61) } }],
    ["a setup value that is an object", { ns: "ftp-lab", method: "setup", args: { mode: { toString: "x" } } }],
    ["a string", "goto 1"],
    ["null", null],
    ["an array", ["ftp-lab", "next"]],
  ])("ignores %s", (_what, data) => {
    expect(parseCommand(data)).toBeNull();
  });

  it("never throws on arbitrary data (1000 random values)", () => {
    fc.assert(fc.property(fc.anything(), (v) => parseCommand(v) === null || typeof parseCommand(v) === "object"), { numRuns: 1000 });
  });
});

describe("a playground embed's knobs (the registry's)", () => {
  it("takes every value of every knob from a `setup` message, as a host would write it", () => {
    for (const k of KNOBS as readonly Knob[]) {
      const values: unknown[] = k.kind === "choice" ? k.options.map((o) => o.value) : k.kind === "list" ? [k.options.map((o) => o.value)] : [[k.min, k.max]];
      for (const value of values) {
        // As JSON a host would send: yes/no as true/false, numbers as numbers, lists and ranges as text.
        const raw = Array.isArray(value) ? (k.kind === "portRange" ? value.join("-") : value.join(",")) : value;
        const cmd = parseCommand({ ns: "ftp-lab", method: "setup", args: { [k.param]: raw } });
        expect(cmd, `${k.param}=${String(raw)}`).not.toBeNull();
        if (cmd?.method !== "setup") continue;
        const parsed = paramsToSetup(new URLSearchParams(cmd.params), EMBED_KEYS);
        expect(parsed.notices, k.param).toEqual([]);
        expect(settingOf(k, parsed.setup), k.param).toEqual(value);
      }
    }
  });

  it("keeps the knobs' parameters apart from the embed's own (step is both: the lab's step)", () => {
    for (const k of KNOBS) expect(EMBED_KEYS as readonly string[]).not.toContain(k.param);
  });

  it("offers only views the lab has", () => {
    for (const v of EMBED_VIEWS) expect(ALL_VIEWS).toContain(v);
  });
});
