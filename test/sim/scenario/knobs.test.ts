/**
 * The registry of knobs is sound: one name of each kind per knob, parameters an embed's `setup`
 * message can carry, defaults among the options, glossary terms that exist, and writes that
 * leave the scenario alone where a knob does not apply.
 */
import { describe, expect, it } from "vitest";
import { KNOBS, SECTIONS, defaultSettings, isYesNo, knobApplies, type Knob } from "../../../sim/scenario/knobs";
import { GLOSSARY_BY_ID } from "../../../components/glossary/terms";
import { toScenario } from "../../../sim/scenario/validate";

const knobs: readonly Knob[] = KNOBS;
const keysOf = (k: Knob) => (k.kind === "portRange" ? [k.keys.low, k.keys.high] : [k.key]);

describe("the registry of knobs", () => {
  it("gives each knob its own scenario path, URL parameter and setup field(s)", () => {
    for (const names of [knobs.map((k) => k.path), knobs.map((k) => k.param), knobs.flatMap(keysOf)]) expect(new Set(names).size).toBe(names.length);
  });

  it("uses URL parameters a `setup` message can carry (a-z, up to 20) and leaves `step` to the lab", () => {
    for (const k of knobs) {
      expect(k.param, k.path).toMatch(/^[a-z]{1,20}$/);
      expect(k.param).not.toBe("step");
    }
  });

  it("has defaults among the options, distinct option values and labels, and a label for each", () => {
    for (const k of knobs) {
      expect(k.label.length, k.path).toBeGreaterThan(0);
      if (k.kind === "portRange") {
        expect(k.default[0]).toBeGreaterThanOrEqual(k.min);
        expect(k.default[1]).toBeLessThanOrEqual(k.max);
        continue;
      }
      const values = k.options.map((o) => o.value);
      const labels = k.options.map((o) => o.label);
      expect(new Set(values).size, k.path).toBe(values.length);
      expect(new Set(labels).size, k.path).toBe(labels.length);
      if (k.kind === "choice") expect(values, k.path).toContain(k.default);
      else for (const d of k.default) expect(values, k.path).toContain(d);
    }
  });

  it("names glossary terms that exist, and sections that exist", () => {
    for (const k of knobs) {
      if (k.term) expect(GLOSSARY_BY_ID.has(k.term), `${k.path}: ${k.term}`).toBe(true);
      expect(SECTIONS.map((s) => s.id), k.path).toContain(k.section);
    }
    for (const s of SECTIONS) if ("term" in s) expect(GLOSSARY_BY_ID.has(s.term)).toBe(true);
  });

  it("draws yes/no knobs as false then true", () => {
    for (const k of knobs) if (k.kind === "choice" && k.options.every((o) => typeof o.value === "boolean")) expect(isYesNo(k), k.path).toBe(true);
  });

  it("reads back what it writes where it applies, and leaves the scenario alone where it does not", () => {
    const plain = toScenario({ server: { passivePorts: [3000, 3009] } });
    const natted = toScenario({ client: { nat: { publicIp: "198.51.100.7" } }, server: { passivePorts: [3000, 3009], nat: { publicIp: "203.0.113.5", forward: [21] } } });
    // A server at the address a NAT knob would give its router: no NAT can go in front of it.
    const taken = toScenario({ client: { ip: "198.51.100.7" }, server: { ip: "203.0.113.5" } });
    // More hosts (issue 18): a relay in front of the server, a server-to-server transfer.
    const relayed = toScenario({ server: { passivePorts: [3000, 3009], passiveAddress: "10.99.2.80", relay: { ip: "10.99.2.80", ports: [21, [3000, 3009]] } } });
    const fxp = toScenario({ client: { software: "ftplib" }, fxp: { server: { activeSourcePort: "ephemeral" } } });
    for (const s of [plain, natted, taken, relayed, fxp]) {
      for (const k of knobs) {
        if (k.kind !== "choice") continue;
        for (const o of k.options) {
          const after = k.write(s, o.value);
          if (knobApplies(k, s)) expect(k.read(after), `${k.path} = ${String(o.value)}`).toEqual(o.value);
          else expect(after, k.path).toEqual(s);
        }
      }
    }
  });

  it("has a default for every setup field", () => {
    expect(Object.keys(defaultSettings(KNOBS)).sort()).toEqual(knobs.flatMap(keysOf).sort());
  });
});
