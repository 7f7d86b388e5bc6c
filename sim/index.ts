/** The simulator's public surface: scenario in, trace out. */
import { run } from "./simulate";
import type { Trace } from "./trace/trace";
import { toScenario } from "./scenario/validate";

export { run, SimulationError } from "./simulate";
export { TRACE_VERSION, type Trace } from "./trace/trace";

/** Accepts a scenario as written, validates it (a ScenarioError names every bad field) and runs it. */
export function simulate(input: unknown): Trace {
  return run(toScenario(input));
}

export { parseScenario, toScenario, ScenarioError, type ParseResult } from "./scenario/validate";
export { scenarioSchema, type Scenario, type ScenarioInput } from "./scenario/schema";
export { FIREWALL_PRESETS } from "./scenario/preset-names";
export type { TraceEvent, EventOf, HostId, NodeId, RouterId, Purpose, FirewallCheck, ModeCommand } from "./trace/events";
export { connectionsOf, type ConnectionInfo } from "./trace/connections";
export { transferWindows, transferWindow, socketTransfer, type TransferWindow } from "./trace/transfers";
export type { SessionResult, TransferResult, TranscriptLine, DataEndpoints } from "./trace/result";
export { summarize, transcriptOf } from "./trace/result";
export type { Packet, TcpFlag } from "./net/packet";
export type { Endpoint } from "./net/addresses";
