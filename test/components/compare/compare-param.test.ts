/**
 * A comparison in a URL (components/compare/compare-param.ts): `compare=` holds setup B as the
 * knobs where it differs from A; it reads back as the same B, whatever A's link leaves to the
 * programs' defaults; a bad value is said and leaves A alone; each side is named in words.
 */
import { describe, expect, it } from "vitest";
import { compareValue, parseCompare, sideWords } from "../../../components/compare/compare-param";
import { paramsToSetup, setupToScenario } from "../../../components/lab/setup-model";
import { KNOBS, settingOf, withSetting } from "../../../sim/scenario/knobs";
import { toScenario } from "../../../sim/scenario/validate";

const BASE = toScenario({});
const setupOf = (query: string) => paramsToSetup(new URLSearchParams(query)).setup;
const knob = (param: string) => KNOBS.find((k) => k.param === param)!;
const same = (a: object, b: object) => KNOBS.every((k) => JSON.stringify(settingOf(k, a as never)) === JSON.stringify(settingOf(k, b as never)));

describe("compare= in a link", () => {
  it("writes only what B changes, and reads it back as the same B", () => {
    const a = setupOf("mode=active&cfw=stateful");
    const b = withSetting(withSetting(a, knob("mode"), "passive"), knob("cfw"), "stateful+ftp-helper");
    const value = compareValue(a, b);
    expect(new URLSearchParams(value).get("mode")).toBe("passive");
    expect(new URLSearchParams(value).get("cfw")).toBe("stateful+ftp-helper");
    expect([...new URLSearchParams(value).keys()].sort()).toEqual(["cfw", "mode"]);
    const read = parseCompare(value, a);
    expect(read.notices).toEqual([]);
    expect(same(read.setup!, b)).toBe(true);
  });

  it("writes a knob B has at its default when A's link sets it otherwise", () => {
    const a = setupOf("mode=passive");
    const b = withSetting(a, knob("mode"), "active");
    const value = compareValue(a, b);
    expect(new URLSearchParams(value).get("mode")).toBe("active");
    expect(settingOf(knob("mode"), parseCompare(value, a).setup!)).toBe("active");
  });

  it("survives the page's own link: compare= inside the playground's query", () => {
    const a = setupOf("mode=active");
    const b = withSetting(a, knob("cfw"), "stateful+ftp-helper");
    const page = new URLSearchParams("mode=active");
    page.set("compare", compareValue(a, b));
    const back = new URLSearchParams(page.toString());
    expect(settingOf(knob("cfw"), parseCompare(back.get("compare"), a).setup!)).toBe("stateful+ftp-helper");
  });

  it("reads a hand-written + as a plus", () => {
    const a = setupOf("");
    expect(settingOf(knob("cfw"), parseCompare("cfw=stateful+ftp-helper", a).setup!)).toBe("stateful+ftp-helper");
  });

  it("says what it ignored, naming compare=, and keeps A alone when nothing in it is a knob", () => {
    const a = setupOf("");
    expect(parseCompare("hello", a)).toEqual({ setup: null, notices: ["Ignored compare=hello: expected the knobs setup B changes, such as compare=mode%3Dpassive."] });
    const half = parseCompare("mode=sideways&tls=1", a);
    expect(half.setup).not.toBeNull();
    expect(settingOf(knob("tls"), half.setup!)).toBe(true);
    expect(half.notices).toEqual([expect.stringMatching(/^In compare=: Ignored mode=sideways: expected active \| passive\.$/)]);
    expect(parseCompare(null, a)).toEqual({ setup: null, notices: [] });
  });

  it("names each side by the knobs that tell them apart", () => {
    const a = setupOf("mode=active");
    const b = withSetting(a, knob("mode"), "passive");
    const words = sideWords(a, b, setupToScenario(a, BASE), setupToScenario(b, BASE));
    expect(words).toEqual({ a: "Client mode: active (PORT)", b: "Client mode: passive (PASV)" });
    expect(sideWords(a, a, setupToScenario(a, BASE), setupToScenario(a, BASE))).toEqual({ a: "the same setup", b: "the same setup" });
  });
});
