/** The simulator's public surface: scenario in, trace out. */
export { simulate, run, SimulationError, TRACE_VERSION, type Trace } from "./simulate";
export { parseScenario, toScenario, ScenarioError, type ParseResult } from "./scenario/validate";
export { scenarioSchema, FIREWALL_PRESETS, type Scenario, type ScenarioInput } from "./scenario/schema";
export type { TraceEvent, EventOf, HostId, NodeId, RouterId, Purpose, FirewallCheck, ModeCommand, ConnectionInfo } from "./trace/events";
export type { SessionResult, TransferResult, TranscriptLine, DataEndpoints } from "./trace/result";
export { summarize, transcriptOf } from "./trace/result";
export type { Packet, TcpFlag } from "./net/packet";
export type { Endpoint } from "./net/addresses";
