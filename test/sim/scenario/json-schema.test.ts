import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from "../../../sim/scenario/json-schema";

describe("the published JSON Schema", () => {
  it("is the one generated from the zod schema (run `npm run schema` after changing it)", () => {
    expect(readFileSync(SCENARIO_SCHEMA_FILE, "utf8")).toBe(scenarioJsonSchemaText());
  });

  it("lists the firewall presets and the rule fields lesson authors complete", () => {
    const text = scenarioJsonSchemaText();
    for (const word of ["stateful+ftp-helper", "control+passive-range", "dport", "pasvAddress", "passivePorts"]) expect(text).toContain(word);
  });
});
