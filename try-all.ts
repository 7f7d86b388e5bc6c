import { readFileSync } from "node:fs";
import { simulate } from "./sim/index";
const exp = JSON.parse(readFileSync("test/fixtures/reference/expected.json","utf8"));
for (const name of Object.keys(exp)) {
  const t = simulate(JSON.parse(readFileSync(`test/fixtures/reference/${name}.json`, "utf8")));
  for (const tr of t.result.transfers) {
    const verb = tr.command.split(" ")[0]!;
    const e = exp[name].transfers[verb];
    const ok = e.result === tr.result && e.lastReply === tr.lastReply;
    console.log(ok ? "OK  " : "BAD ", name, verb, tr.result, tr.lastReply, tr.modeCommand, tr.modeReply, JSON.stringify(tr.data ?? tr.attempt), tr.cause);
  }
}
