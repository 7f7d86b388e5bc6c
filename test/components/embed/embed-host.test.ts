import { describe, expect, it } from "vitest";
import { DEFAULT_EMBED, layoutOf, parseEmbedParams, stepNotices } from "../../../components/embed/embed-params";
import { parseCommand, parseHostMessage } from "../../../components/embed/messages";
import { fitZoom } from "../../../components/embed/fit-zoom";
import { mergeSetup } from "../../../components/embed/setup-merge";
import { DEFAULT_SETUP, paramsToSetup } from "../../../components/lab/setup-model";

describe("a host's setup, merged into the setup on screen", () => {
  const natted = paramsToSetup(new URLSearchParams("mode=passive&snat=1&fwd=1&cfw=stateful")).setup;

  it("changes only the parameters it names (a firewall change keeps the NAT)", () => {
    expect(paramsToSetup(new URLSearchParams("mode=passive&snat=1&fwd=1&cfw=stateful")).notices).toEqual([]);
    expect(natted.serverSetup).toBe("home-router");
    const r = mergeSetup(natted, { sfw: "control-only" });
    expect(r.notices).toEqual([]);
    expect(r.changed).toBe(true);
    expect(r.setup).toEqual({ ...natted, serverFirewall: "control-only" });
    expect(r.setup.serverSetup).toBe("home-router");
    expect(r.setup.clientFirewall).toBe("stateful");
  });

  it("refuses one bad value alone, with a notice naming it, and applies the rest", () => {
    const r = mergeSetup(natted, { mode: "active", sfw: "bogus" });
    expect(r.setup.mode).toBe("active");
    expect(r.setup.serverFirewall).toBe(natted.serverFirewall);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toContain("sfw=bogus");
  });

  it("reads step (0-based) to land on, ignores the embed's own parameters, reports unknown ones, and says when nothing changed", () => {
    const r = mergeSetup(DEFAULT_SETUP, { step: "12", views: "network", colour: "red" });
    expect(r.step).toBe(11);
    expect(r.changed).toBe(false);
    expect(r.setup).toEqual(DEFAULT_SETUP);
    expect(r.notices.join(" ")).toContain("colour");
    expect(r.notices.join(" ")).not.toContain("views");
  });
});

describe("steps past the end", () => {
  it("says so like any other value it could not honour", () => {
    expect(stepNotices({ step: 998, from: null, to: null }, 37)).toEqual(["Step 999 is past the end: showing step 37."]);
    expect(stepNotices({ step: 20, from: 2, to: 11 }, 37)).toEqual(["Step 21 is after to=12: showing step 12."]);
    expect(stepNotices({ step: 0, from: 4, to: null }, 37)).toEqual(["Step 1 is before from=5: showing step 5."]);
    expect(stepNotices({ step: null, from: 99, to: null }, 37)[0]).toContain("from=100 is past the end");
    expect(stepNotices({ step: 36, from: null, to: null }, 37)).toEqual([]);
  });
});

describe("the presentation layout", () => {
  it("is the default for a slide (controls none or minimal) showing the network, and never for transcripts or sequences", () => {
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "none" })).toBe("presentation");
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "minimal" })).toBe("presentation");
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "full" })).toBe("panels");
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "none", views: ["network", "transcript"] })).toBe("panels");
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "none", layout: "panels" })).toBe("panels");
    expect(layoutOf({ ...DEFAULT_EMBED, controls: "full", layout: "presentation" })).toBe("presentation");
  });

  it("is a URL parameter, checked like the others", () => {
    expect(parseEmbedParams(new URLSearchParams("layout=presentation")).options.layout).toBe("presentation");
    const bad = parseEmbedParams(new URLSearchParams("layout=huge"));
    expect(bad.options.layout).toBeNull();
    expect(bad.notices.join(" ")).toContain("Ignored layout=");
  });

  it("zooms the drawing to fill the stage's height, keeping its layout wide", () => {
    // 960×540 frame, a bar of ~34 px: a 472-unit drawing is drawn 1.06× (its 13-unit text at ~14 px).
    expect(fitZoom({ width: 944, height: 500 }, 472)).toBe(1.04);
    expect(fitZoom({ width: 1900, height: 1040 }, 472)).toBe(2.2);
    expect(fitZoom({ width: 700, height: 1000 }, 472)).toBe(1.16);
    expect(fitZoom({ width: 0, height: 500 }, 472)).toBe(1);
  });
});

describe("release", () => {
  it("is a host message of its own, not a lab command", () => {
    expect(parseHostMessage({ ns: "ftp-lab", method: "release" })).toEqual({ method: "release" });
    expect(parseCommand({ ns: "ftp-lab", method: "release" })).toBeNull();
    expect(parseHostMessage({ ns: "other", method: "release" })).toBeNull();
    expect(parseHostMessage({ ns: "ftp-lab", method: "goto", args: 3 })).toEqual({ method: "goto", step: 3 });
  });
});
