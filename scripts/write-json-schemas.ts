/** `npm run schema`: rewrite the generated JSON Schemas (scenario and lesson) from their zod schemas. */
import { writeFileSync } from "node:fs";
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from "../sim/scenario/json-schema";
import { LESSON_SCHEMA_FILE, lessonJsonSchemaText } from "../lessons/json-schema";

writeFileSync(SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText());
console.log(`wrote ${SCENARIO_SCHEMA_FILE}`);
writeFileSync(LESSON_SCHEMA_FILE, lessonJsonSchemaText());
console.log(`wrote ${LESSON_SCHEMA_FILE}`);
