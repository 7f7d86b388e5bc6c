"use client";
/**
 * The page's way to the simulator: a Web Worker when the browser has one (the page stays
 * responsive while a dozen sessions are simulated), else the same code on the page, loaded on
 * demand. Either way everything happens in this browser.
 */
import type { ScenarioInput } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import type { Outcome } from "./engine";
import type { WorkerReply, WorkerRequest } from "./worker-protocol";

export interface DiagnoseClient {
  diagnose(input: string | Uint8Array): Promise<Outcome>;
  trace(scenario: ScenarioInput): Promise<Trace | null>;
  dispose(): void;
}

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };
type Payload = { kind: "diagnose"; input: string | Uint8Array } | { kind: "trace"; scenario: ScenarioInput };

/** The same work on the page (no Worker, or it failed to start). */
function inPage(): DiagnoseClient {
  const engine = () => import("./engine");
  return {
    diagnose: async (input) => (await engine()).diagnoseInput(input),
    trace: async (scenario) => (await engine()).traceOf(scenario),
    dispose: () => {},
  };
}

export function createDiagnoseClient(): DiagnoseClient {
  if (typeof Worker === "undefined") return inPage();
  let worker: Worker | null;
  try {
    worker = new Worker(new URL("./diagnose.worker.ts", import.meta.url));
  } catch {
    return inPage();
  }
  const fallback = inPage();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  worker.addEventListener("message", (e: MessageEvent<WorkerReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    p.resolve(e.data);
  });
  worker.addEventListener("error", () => {
    // The worker could not load (a strict host, an old browser): carry on in the page.
    for (const p of pending.values()) p.reject(new Error("worker failed"));
    pending.clear();
    worker?.terminate();
    worker = null;
  });
  const ask = (payload: Payload): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      if (!worker) return reject(new Error("worker failed"));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...payload } satisfies WorkerRequest);
    });
  return {
    async diagnose(input) {
      try {
        const r = await ask({ kind: "diagnose", input });
        if (r.kind === "diagnose") return r.outcome;
        return { ok: false, message: `The log could not be read (${r.kind === "error" ? r.message.slice(0, 200) : "no answer"}).` };
      } catch {
        return fallback.diagnose(input);
      }
    },
    async trace(scenario) {
      try {
        const r = await ask({ kind: "trace", scenario });
        return r.kind === "trace" ? r.trace : null;
      } catch {
        return fallback.trace(scenario);
      }
    },
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
