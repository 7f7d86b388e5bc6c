/**
 * The JSON Schema lesson authors point their editor at, generated from the zod schema so the
 * two cannot drift (a test compares it with the committed file). `npm run schema` rewrites it.
 */
import { z } from "zod";
import { scenarioSchema } from "./schema";

export const SCENARIO_SCHEMA_FILE = "sim/scenario/scenario.schema.json";

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
  return {
    ...schema,
    $id: "https://ftp-modes-lab.invalid/scenario.schema.json",
    title: "FTP Modes Lab scenario",
    description: "A scenario of spec/scenario.md: the client, the server, their firewalls and NAT routers, and the commands to run.",
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
