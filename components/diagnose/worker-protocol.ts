/** The messages between the diagnose page and its worker. */
import type { ScenarioInput } from "../../sim/scenario/schema";
import type { Trace } from "../../sim/trace/trace";
import type { Outcome } from "./engine";

export type WorkerRequest =
  | { readonly id: number; readonly kind: "diagnose"; readonly input: string | Uint8Array }
  | { readonly id: number; readonly kind: "trace"; readonly scenario: ScenarioInput };

export type WorkerReply =
  | { readonly id: number; readonly kind: "diagnose"; readonly outcome: Outcome }
  | { readonly id: number; readonly kind: "trace"; readonly trace: Trace | null }
  | { readonly id: number; readonly kind: "error"; readonly message: string };
