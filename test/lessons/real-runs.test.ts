import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lessonBySlug } from "../../lessons/catalog";
import { REAL_RUN_LOADERS, loadRealRun } from "../../lessons/real-run-loaders";
import { parseRealRun, RealRunError } from "../../lessons/real-run-schema";
import { REAL_RUNS, realRunFor, realRunKeys } from "../../lessons/real-runs";
import { scenarioKey } from "../../lessons/scenario-key";
import { DEFAULT_SETUP, setupToScenario } from "../../components/lab/setup-model";
import { toScenario } from "../../sim/scenario/validate";

const DIR = "lessons/real-runs";
const filesOnDisk = () => readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const lesson = (slug: string) => {
  const l = lessonBySlug(slug);
  if (!l) throw new Error(`no lesson ${slug}`);
  return l;
};

describe("the recorded real runs", () => {
  it("lists every fixture of lessons/real-runs/ in real-runs.ts and in real-run-loaders.ts", () => {
    expect(REAL_RUNS.map((r) => r.file.replace(`${DIR}/`, "")).sort()).toEqual(filesOnDisk());
    expect(Object.keys(REAL_RUN_LOADERS).map((n) => `${n}.json`).sort()).toEqual(filesOnDisk());
  });

  it("loads, lazily, the very fixture the build checked", async () => {
    for (const { run } of REAL_RUNS) expect(await loadRealRun(run.name)).toEqual(run);
    expect(await loadRealRun("no-such-run")).toBeNull();
  });

  it("keys each run by its scenario as parseScenario normalizes it (the playground's table is in sync)", () => {
    const keys = realRunKeys();
    expect(Object.keys(keys)).toHaveLength(filesOnDisk().length);
    for (const file of filesOnDisk()) {
      const json = JSON.parse(readFileSync(`${DIR}/${file}`, "utf8"));
      expect(keys[scenarioKey(toScenario(json.scenario))]).toBe(file.replace(/\.json$/, ""));
    }
  });

  it("finds the real run of the active-mode and passive-mode lessons", () => {
    expect(realRunFor(lesson("active-mode").scenario)?.name).toBe("active-mode");
    expect(realRunFor(lesson("passive-mode").scenario)?.name).toBe("passive-mode");
  });

  it("finds none once a field changes, and ignores the title", () => {
    const passive = lesson("passive-mode").scenario;
    expect(realRunFor({ ...passive, client: { ...passive.client, mode: "active" } })).toBeNull();
    expect(realRunFor({ ...passive, server: { ...passive.server, passivePorts: [30000, 30009] } })).toBeNull();
    expect(realRunFor({ ...passive, commands: ["LIST", "RETR hello.txt"] })).toBeNull();
    expect(realRunFor({ ...passive, seed: 2 })).toBeNull();
    expect(realRunFor({ ...passive, title: "Another name" })?.name).toBe("passive-mode");
    expect(realRunFor({ ...passive, title: undefined })?.name).toBe("passive-mode");
  });

  it("matches a playground setup of the same scenario (the browser's path)", () => {
    const setup = { ...DEFAULT_SETUP, pasvAddress: "use" as const, passiveLow: 30000, passiveHigh: 30049, commands: ["LIST" as const] };
    const keys = realRunKeys();
    expect(keys[scenarioKey(setupToScenario(setup, toScenario({})))]).toBe("passive-mode");
    expect(keys[scenarioKey(setupToScenario(DEFAULT_SETUP, toScenario({})))]).toBeUndefined();
  });
});

describe("scenarioKey", () => {
  it("does not depend on the order of fields", () => {
    const a = toScenario({ client: { mode: "active", extended: true }, commands: ["LIST"] });
    const b = toScenario({ commands: ["LIST"], client: { extended: true, mode: "active" } });
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as typeof b;
    expect(scenarioKey(reordered)).toBe(scenarioKey(a));
    expect(scenarioKey(toScenario({ commands: ["RETR hello.txt", "LIST"] }))).not.toBe(scenarioKey(toScenario({ commands: ["LIST", "RETR hello.txt"] })));
  });
});

describe("a broken real-run file", () => {
  const json = () => JSON.parse(readFileSync(`${DIR}/passive-mode.json`, "utf8"));

  it("names the file and the field", () => {
    const broken = json();
    broken.transfers[0].result = "maybe";
    broken.transfers[0].log[2].kind = "shouted";
    expect(() => parseRealRun(`${DIR}/passive-mode.json`, broken)).toThrow(RealRunError);
    expect(() => parseRealRun(`${DIR}/passive-mode.json`, broken)).toThrow(/passive-mode\.json[\s\S]*transfers\[0\]\.result[\s\S]*transfers\[0\]\.log\[2\]\.kind/);
  });

  it("names the scenario's field", () => {
    const broken = json();
    broken.scenario.client.mode = "sideways";
    expect(() => parseRealRun(`${DIR}/passive-mode.json`, broken)).toThrow(/scenario\.client\.mode/);
  });

  it("wants the name of its file", () => {
    expect(() => parseRealRun(`${DIR}/other.json`, json())).toThrow(/name: expected "other"/);
  });
});
