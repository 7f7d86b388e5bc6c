/**
 * The diagnosis off the main thread: the page posts a log or a scenario, the worker answers with
 * the diagnosis or the trace (engine.ts). Nothing leaves the browser: the worker is a file of
 * this site, and it has no network code.
 */
import { diagnoseInput, traceOf } from "./engine";
import type { WorkerReply, WorkerRequest } from "./worker-protocol";

const post = (reply: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(reply);

self.addEventListener("message", (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  try {
    if (req.kind === "diagnose") post({ id: req.id, kind: "diagnose", outcome: diagnoseInput(req.input) });
    else post({ id: req.id, kind: "trace", trace: traceOf(req.scenario) });
  } catch (err) {
    post({ id: req.id, kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
});
