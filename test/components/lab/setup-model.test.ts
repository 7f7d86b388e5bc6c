import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SETUP, paramsToSetup, setupToParams, setupToScenario, type Setup } from "../../../components/lab/setup-model";
import { GLOSSARY_BY_ID } from "../../../components/glossary/terms";
import { run } from "../../../sim/simulate";
import { hasOwnPassiveRange } from "../../../sim/scenario/passive-range";
import { SERVER_SETUP_IDS, setupOf, type ServerSetupId } from "../../../sim/scenario/setups";
import { parseScenario, toScenario } from "../../../sim/scenario/validate";
import { KNOBS, defaultSettings, knobApplies, settingOf, withSetting, withSettingFollowed } from "../../../sim/scenario/knobs";
import { WITH_EXTRA, choices, everythingApplies, settingsArb } from "../setup/knob-fixtures";

const BASE = toScenario({});

describe("the playground's URL", () => {
  it("round-trips every knob and the step", () => {
    const setup = { ...DEFAULT_SETUP, mode: "active" as const, extended: true, clientFirewall: "stateful" as const, serverSetup: "home-router" as const, serverNatHelper: true, tls: true, passiveLow: 3000, passiveHigh: 3009, commands: ["RETR" as const, "STOR" as const] };
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

describe("where the server runs, in the playground", () => {
  const BASE = toScenario({});
  const where = KNOBS.find((k) => k.path === "server.nat")!;
  const fwd = KNOBS.find((k) => k.path === "server.nat.forward")!;
  const fromLink = (query: string) => {
    const parsed = paramsToSetup(new URLSearchParams(query));
    expect(parsed.notices).toEqual([]);
    return { setup: parsed.setup, scenario: setupToScenario(parsed.setup, BASE) };
  };
  /** The settings after the learner picks `id` in the panel, from the setup on screen. */
  const choose = (setup: Setup, id: ServerSetupId) => withSettingFollowed(setup, setupToScenario(setup, BASE), where, id, KNOBS);

  it("names the setup in a link, and a link naming only it means the setup's habit (a security group allowing 21 alone)", () => {
    const { setup, scenario } = fromLink("snat=cloud-vm");
    expect(setup.serverSetup).toBe("cloud-vm");
    expect(setup.forwardPassive).toBe(false);
    expect(scenario.server).toMatchObject({ ip: "172.31.20.5", passivePorts: [30000, 30009], nat: { kind: "cloud", publicIp: "203.0.113.5", forward: [21], ftpHelper: false } });
    expect(setupToParams(setup, null).toString()).toBe("snat=cloud-vm");
    expect(fromLink("snat=docker").scenario.server).toMatchObject({ ip: "172.17.0.2", nat: { kind: "docker", forward: [21, [30000, 30009]] } });
  });

  it("still reads the links of the yes/no knob it replaced: snat=1 is a NAT router in front of the server where it was", () => {
    expect(fromLink("snat=1").setup.serverSetup).toBe("home-router");
    expect(fromLink("snat=1").scenario.server).toMatchObject({ ip: "10.99.2.20", nat: { publicIp: "203.0.113.5", forward: [21, [30000, 30009]], ftpHelper: false } });
    expect(fromLink("snat=0").setup).toEqual(DEFAULT_SETUP);
    expect(setupToParams(fromLink("snat=1").setup, null).toString()).toBe("snat=home-router");
  });

  it("sets the fields when chosen, and the other knobs still work after it", () => {
    let setup = choose(DEFAULT_SETUP, "cloud-vm");
    expect(setup).toMatchObject({ serverSetup: "cloud-vm", forwardPassive: false });
    let s = setupToScenario(setup, BASE);
    expect(run(s).result.transfers[0]!.cause).toMatch(/security group has no inbound rule for tcp\/3000\d/);
    // Open the range in the group, set pasv_address: both change what they say they change.
    setup = withSettingFollowed(setup, s, fwd, true, KNOBS);
    setup = { ...setup, advertisePublic: true };
    s = setupToScenario(setup, BASE);
    expect(s.server).toMatchObject({ passiveAddress: "203.0.113.5", nat: { kind: "cloud", forward: [21, [30000, 30009]] } });
    expect(run(s).result.transfers.every((t) => t.result === "ok")).toBe(true);
    // Back to a router, then to the LAN: the router forwards the range again, the LAN has no NAT.
    setup = choose(setup, "home-router");
    expect(setup.forwardPassive).toBe(true);
    setup = choose(setup, "lan");
    expect(setupToScenario(setup, BASE).server.nat).toBeNull();
  });

  it("round-trips every setup, with and without a passive range set, through the URL", () => {
    for (const id of SERVER_SETUP_IDS) {
      for (const rangeSet of [true, false]) {
        const setup = { ...choose(DEFAULT_SETUP, id), passiveRangeSet: rangeSet };
        const parsed = paramsToSetup(setupToParams(setup, 3));
        expect(parsed.notices).toEqual([]);
        expect(parsed.setup, `${id} ${rangeSet}`).toEqual(setup);
        const s = setupToScenario(parsed.setup, BASE);
        expect(setupOf(s)).toBe(id);
        expect(hasOwnPassiveRange(s)).toBe(rangeSet);
      }
    }
  });

  it("makes no passive range one choice: the server takes any free port, and the range's bounds no longer apply", () => {
    const { setup, scenario } = fromLink("rangeset=0&snat=cloud-vm");
    expect(hasOwnPassiveRange(scenario)).toBe(false);
    expect(knobApplies(KNOBS.find((k) => k.path === "server.passivePorts")!, scenario)).toBe(false);
    expect(knobApplies(fwd, scenario)).toBe(false);
    expect(setupToParams(setup, null).toString()).toBe("rangeset=0&snat=cloud-vm");
    const port = run(scenario).result.transfers[0]!;
    expect(port.result).toBe("failed");
  });

  it("names what lets the passive range in as the NAT's kind has it, with a glossary term that exists", () => {
    const words = SERVER_SETUP_IDS.filter((id) => id !== "lan").map((id) => fwd.labelIn!(setupToScenario(choose(DEFAULT_SETUP, id), BASE)));
    expect(words.map((w) => w.label)).toEqual(["Forward the passive range", "Security group allows the passive range", "Publish the passive range (-p)"]);
    for (const w of words) expect(GLOSSARY_BY_ID.has(w.term!)).toBe(true);
  });
});
