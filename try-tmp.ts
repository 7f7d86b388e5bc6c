import { readFileSync } from "node:fs";
import { simulate } from "./sim/index";
const name = process.argv[2]!;
const t = simulate(JSON.parse(readFileSync(`/work/shared/reference/cases/${name}.json`, "utf8")));
console.log(JSON.stringify(t.result, null, 1));
if (process.argv[3]) for (const e of t.events) console.log(JSON.stringify(e));
