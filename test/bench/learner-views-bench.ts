/**
 * The learner's views that read a trace in the browser on every step (issue 14): what every box
 * knows (a replay of the trace's packets through the firewalls) and two setups compared (the
 * alignment and the first difference). A long session: six transfers behind a NAT router with
 * its FTP helper, against the same in the other mode.
 */
import { run, toScenario } from "../../sim/index";
import { boxStateAt } from "../../sim/trace/box-state";
import { alignTraces, firstDivergence } from "../../sim/trace/compare";
import { timelineOf } from "../../sim/trace/steps";

export function learnerViewTimes(): { steps: number; boxStateMsPerStep: number; compareMs: number } {
  const a = toScenario({
    client: { mode: "passive", nat: { publicIp: "198.51.100.7", ftpHelper: true, forward: [] } },
    server: { firewall: "control+passive-range" },
    commands: ["LIST", "RETR hello.txt", "STOR upload.txt", "LIST", "NLST", "LIST"],
  });
  const ta = run(a);
  const tb = run(toScenario({ ...a, client: { ...a.client, mode: "active" } }));
  const la = timelineOf(ta.events);
  const lb = timelineOf(tb.events);
  let t0 = performance.now();
  for (let i = 0; i < la.steps.length; i++) boxStateAt(ta, la, i);
  const boxStateMsPerStep = (performance.now() - t0) / la.steps.length;
  const rounds = 20;
  t0 = performance.now();
  for (let i = 0; i < rounds; i++) firstDivergence(ta, la, tb, lb, alignTraces(ta, la, tb, lb));
  return { steps: la.steps.length, boxStateMsPerStep, compareMs: (performance.now() - t0) / rounds };
}
