import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SETUP, paramsToSetup, setupToParams, setupToScenario } from "../../../components/lab/setup-model";
import { parseScenario, toScenario } from "../../../sim/scenario/validate";
import { KNOBS, defaultSettings, knobApplies, settingOf, withSetting } from "../../../sim/scenario/knobs";
import { WITH_EXTRA, choices, everythingApplies, settingsArb } from "../setup/knob-fixtures";

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
    expect(parsed.notices.join(" ")).toContain(`unknown parameter "zzz"`);
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

describe("every knob of the registry, in the playground", () => {
  // The same checks for the registry and for the registry with one more entry: nothing below
  // names a knob, so a new entry is checked as soon as it is written.
  for (const [name, knobs] of [["the registry", KNOBS], ["the registry plus client.activePort", WITH_EXTRA]] as const) {
    describe(name, () => {
      it("round-trips URL → setup → scenario → URL, and the scenario holds each knob's value", () => {
        fc.assert(
          fc.property(settingsArb(knobs), fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }), (setup, step) => {
            const query = setupToParams(setup, step, knobs).toString();
            const parsed = paramsToSetup(new URLSearchParams(query), [], knobs);
            expect(parsed.notices).toEqual([]);
            expect(parsed.setup).toEqual(setup);
            expect(parsed.step).toBe(step);
            const scenario = setupToScenario(parsed.setup, BASE, knobs);
            for (const k of knobs) {
              if (knobApplies(k, scenario)) expect(k.read(scenario), k.path).toEqual(settingOf(k, setup));
            }
            expect(setupToParams(parsed.setup, step, knobs).toString()).toBe(query);
          }),
          { numRuns: 400 },
        );
      });

      it("makes a complete, valid scenario of any setup (parseScenario changes nothing)", () => {
        fc.assert(
          fc.property(settingsArb(knobs), (setup) => {
            const scenario = setupToScenario(setup, BASE, knobs);
            const parsed = parseScenario(scenario);
            expect(parsed.ok && parsed.scenario).toEqual(scenario);
          }),
          { numRuns: 300 },
        );
      });

      it("gives a valid scenario for every option of every knob, on its own and with everything else applying", () => {
        for (const from of [defaultSettings(knobs), everythingApplies(knobs)]) {
          for (const k of choices(knobs)) {
            for (const o of k.options) {
              const scenario = setupToScenario(withSetting(from, k, o.value), BASE, knobs);
              expect(parseScenario(scenario).ok, `${k.path} = ${String(o.value)}`).toBe(true);
            }
          }
        }
      });

      it("keeps every default out of the URL and reads a malformed value of any knob as its default, with a notice", () => {
        expect(setupToParams(defaultSettings(knobs), null, knobs).toString()).toBe("");
        for (const k of knobs) {
          const parsed = paramsToSetup(new URLSearchParams({ [k.param]: "<bad>" }), [], knobs);
          expect(parsed.setup, k.param).toEqual(defaultSettings(knobs));
          expect(parsed.notices, k.param).toEqual([expect.stringContaining(`Ignored ${k.param}=<bad>: expected`)]);
        }
      });
    });
  }

  it("takes a new knob from its one entry: default, URL parameter, scenario field", () => {
    expect(defaultSettings(WITH_EXTRA)).toEqual({ ...DEFAULT_SETUP, activePort: "ephemeral" });
    const parsed = paramsToSetup(new URLSearchParams("mode=active&aport=n%2B1"), [], WITH_EXTRA);
    expect(parsed.notices).toEqual([]);
    expect(parsed.setup).toEqual({ ...DEFAULT_SETUP, mode: "active", activePort: "n+1" });
    expect(setupToScenario(parsed.setup, BASE, WITH_EXTRA).client.activePort).toBe("n+1");
    expect(setupToParams(parsed.setup, null, WITH_EXTRA).toString()).toBe("mode=active&aport=n%2B1");
    // Without the entry, the parameter is unknown.
    expect(paramsToSetup(new URLSearchParams("aport=n%2B1")).notices).toEqual([`Ignored unknown parameter "aport".`]);
  });

  it("builds the same scenario for an old link as before the registry (a fixed sample)", () => {
    const scenario = setupToScenario(paramsToSetup(new URLSearchParams("mode=active&cfw=stateful&snat=1&snath=1&fwd=0&pasvaddr=1&range=3000-3009&cmd=STOR,LIST&tls=1")).setup, BASE);
    expect(scenario.client).toMatchObject({ ip: "10.99.1.10", mode: "active", firewall: "stateful", nat: null });
    expect(scenario.server).toMatchObject({
      ip: "10.99.2.20",
      passivePorts: [3000, 3009],
      passiveAddress: "203.0.113.5",
      nat: { publicIp: "203.0.113.5", forward: [21], ftpHelper: true },
      allowForeignDataAddress: false,
      activeSourcePort: 20,
    });
    expect(scenario.commands).toEqual(["STOR upload.txt", "LIST"]);
    expect(scenario.tls).toBe(true);
    expect(scenario.title).toBe("Playground");
  });
});

describe("a link that names a program", () => {
  const BASE = toScenario({});
  const fromLink = (query: string) => {
    const parsed = paramsToSetup(new URLSearchParams(query));
    expect(parsed.notices).toEqual([]);
    return { setup: parsed.setup, scenario: setupToScenario(parsed.setup, BASE) };
  };

  it("leaves unwritten what the program has its own default for: lftp uses the 227 address, inetutils ftp is active", () => {
    expect(fromLink("cli=lftp").scenario.client).toMatchObject({ software: "lftp", mode: "passive", pasvAddress: "use" });
    expect(fromLink("cli=inetutils-ftp").scenario.client).toMatchObject({ software: "inetutils-ftp", mode: "active" });
    expect(fromLink("cli=bsd-ftp").scenario.client).toMatchObject({ extended: true });
  });

  it("keeps what the link does write, and writes back only what differs from the program's defaults", () => {
    const { setup, scenario } = fromLink("cli=lftp&pasvip=ignore");
    expect(scenario.client.pasvAddress).toBe("ignore");
    expect(setupToParams(setup, null).toString()).toBe("cli=lftp&pasvip=ignore");
    expect(setupToParams(fromLink("cli=lftp").setup, null).toString()).toBe("cli=lftp");
  });

  it("takes the server program's source port: ProFTPD's anonymous sessions connect from an ephemeral port", () => {
    expect(fromLink("srv=proftpd").scenario.server.activeSourcePort).toBe("ephemeral");
  });
});
