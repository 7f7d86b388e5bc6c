import { writeFileSync } from "node:fs";
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from "./json-schema";

writeFileSync(SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText());
console.log(`wrote ${SCENARIO_SCHEMA_FILE}`);
