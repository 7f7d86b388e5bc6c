import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SETUP, paramsToSetup, setupToParams, setupToScenario } from "../../../components/lab/setup-model";
import { parseScenario, toScenario } from "../../../sim/scenario/validate";

const BASE = toScenario({});

describe("the playground's URL", () => {
  it("round-trips every knob and the step", () => {
    const setup = { ...DEFAULT_SETUP, mode: "active" as const, extended: true, clientFirewall: "stateful" as const, serverNat: true, serverNatHelper: true, tls: true, passiveLow: 3000, passiveHigh: 3009, commands: ["RETR" as const, "STOR" as const] };
    const parsed = paramsToSetup(new URLSearchParams(setupToParams(setup, 11).toString()));
    expect(parsed.setup).toEqual(setup);
    expect(parsed.step).toBe(11);
    expect(parsed.notices).toEqual([]);
  });

  it("keeps the defaults out of the URL", () => {
    expect(setupToParams(DEFAULT_SETUP, 0).toString()).toBe("");
  });

  it("falls back to defaults with a notice for each malformed or unknown value", () => {
    const parsed = paramsToSetup(new URLSearchParams("mode=banana&step=-3&range=9-99999&cfw=<script>&zzz=1&cmd=RM"));
    expect(parsed.setup).toEqual(DEFAULT_SETUP);
    expect(parsed.step).toBeNull();
    expect(parsed.notices).toHaveLength(6);
    expect(parsed.notices.join(" ")).toContain("Ignored mode=banana");
    expect(parsed.notices.join(" ")).toContain("unknown parameter zzz");
  });

  it("turns any query string into a valid scenario", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (query) => {
        const { setup } = paramsToSetup(new URLSearchParams(query));
        expect(parseScenario(setupToScenario(setup, BASE)).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
