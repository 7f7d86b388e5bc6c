// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render } from "@testing-library/react";
import { parseEmbedParams } from "../../../components/embed/embed-params";
import { Notices } from "../../../components/lab/Notices";
import { paramsToSetup } from "../../../components/lab/setup-model";
import { boundNotices } from "../../../components/lab/notices";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

afterEach(cleanup);

/** 1,000 unknown keys and 600 `mode=` (the first one valid). */
function floodedQuery(): URLSearchParams {
  const p = new URLSearchParams();
  for (let i = 0; i < 1000; i++) p.append(`k${i}`, "1");
  p.append("mode", "active");
  for (let i = 1; i < 600; i++) p.append("mode", "banana");
  return p;
}

describe("notices from a flooded URL are grouped and capped", () => {
  it("the playground: one line for the unknown keys, one for the repeated key, the first value used", () => {
    const parsed = paramsToSetup(floodedQuery());
    expect(parsed.setup.mode).toBe("active");
    expect(parsed.notices).toEqual([
      "mode was given 600 times; the first is used.",
      'Ignored 1,000 unknown parameters: "k0", "k1", "k2", "k3", "k4", … (and 995 more).',
    ]);
  });

  it("an unknown key repeated is one line", () => {
    const p = new URLSearchParams();
    for (let i = 0; i < 600; i++) p.append("zzz", "1");
    expect(paramsToSetup(p).notices).toEqual(['Ignored unknown parameter "zzz" (given 600 times).']);
  });

  it("the embed: repeated keys once each, a long views list bounded", () => {
    const p = new URLSearchParams();
    for (let i = 0; i < 600; i++) p.append("step", String(i + 1));
    p.append("views", ["network", ...Array.from({ length: 300 }, (_, i) => `v${i % 100}`)].join(","));
    const { options, notices } = parseEmbedParams(p);
    expect(options.step).toBe(0);
    expect(notices).toEqual([
      'Ignored views "v0", "v1", "v2", "v3", "v4", … (and 95 more): expected network, sequence, transcript, explanation, state.',
      "step was given 600 times; the first is used.",
    ]);
  });

  it("the lesson embed's own unknown-key lines (one per key, repeated) are regrouped", () => {
    const lines = [...Array.from({ length: 600 }, () => 'Ignored unknown parameter "mode".')];
    expect(boundNotices(lines)).toEqual(['Ignored unknown parameter "mode" (given 600 times).']);
    const many = Array.from({ length: 1000 }, (_, i) => `Ignored unknown parameter ${JSON.stringify(`k${i}`)}.`);
    expect(boundNotices(many)).toEqual(['Ignored 1,000 unknown parameters: "k0", "k1", "k2", "k3", "k4", … (and 995 more).']);
  });

  it("at most five lines and a count of the rest; bounding twice counts the same", () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Ignored x${i}=1: expected 1 or 0.`);
    const once = boundNotices(lines);
    expect(once).toEqual([...lines.slice(0, 5), "… and 7 more notices."]);
    const others = Array.from({ length: 7 }, (_, i) => `Ignored y${i}=1: expected 1 or 0.`);
    expect(boundNotices([...once, ...boundNotices(others)])).toEqual([...lines.slice(0, 5), "… and 14 more notices."]);
    // One over the cap is shown rather than counted.
    expect(boundNotices(lines.slice(0, 6))).toEqual(lines.slice(0, 6));
  });
});

describe("Notices", () => {
  it("renders many notices, duplicates included, capped and without a duplicate-key warning", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const notices = [
      ...Array.from({ length: 600 }, () => 'Ignored unknown parameter "mode".'),
      ...Array.from({ length: 600 }, () => "Ignored step=abc: expected a step number from 1."),
      ...Array.from({ length: 20 }, (_, i) => `Ignored x${i}=1: expected 1 or 0.`),
    ];
    const { container } = render(<Notices notices={notices} />);
    const lines = [...container.querySelectorAll("p")].map((p) => p.textContent);
    expect(lines).toEqual([
      'Ignored unknown parameter "mode" (given 600 times).',
      "Ignored step=abc: expected a step number from 1.",
      "Ignored x0=1: expected 1 or 0.",
      "Ignored x1=1: expected 1 or 0.",
      "Ignored x2=1: expected 1 or 0.",
      "… and 17 more notices.",
    ]);
    expect(error.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringContaining("same key"));
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
