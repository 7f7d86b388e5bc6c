/**
 * The multi-host captures of issue 18 (test/real/fixtures/multi-host, written by
 * test/real/capture-multi-host.ts from real vsftpd, socat, ftplib and curl) read back as the
 * scenarios that describe them, so the simulator can be held to what the real programs did.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioInput } from "@/sim/scenario/schema";
import type { Trace } from "@/sim/trace/trace";
import type { VsftpdOptions } from "../real/multi-host/vsftpd";

export const MULTI_HOST_DIR = "test/real/fixtures/multi-host";

/** A server-to-server transfer both servers allow: B takes a PORT naming A (port_promiscuous), A takes B's data connection (pasv_promiscuous). */
export const FXP_ALLOWED: ScenarioInput = {
  client: { software: "ftplib" },
  server: { passivePorts: [40000, 40009], allowForeignDataPeer: true },
  files: { "report.csv": "a,b\n1,2\n" },
  // connect_from_port_20=NO on B: with port_promiscuous=YES vsftpd cannot bind port 20.
  fxp: { server: { allowForeignDataAddress: true, activeSourcePort: "ephemeral" }, file: "report.csv", as: "copy.csv" },
};

/** A relay in front of the server mapping 21 and the passive range 40000–40003, the 227 naming it; `relay`, `server`, `client` override. */
export const relayed = (relay: object, server: object = {}, client: object = {}): ScenarioInput => ({
  client: { software: "ftplib", ...client },
  server: { passivePorts: [40000, 40003], passiveAddress: "10.99.2.80", relay: { ip: "10.99.2.80", ports: [21, [40000, 40003]], ...relay }, ...server },
  commands: ["LIST", "RETR hello.txt"],
});

export interface FixtureServer {
  role: string;
  address: string;
  /** The options the capture started vsftpd with. */
  options: VsftpdOptions;
}

export interface FixtureEvent {
  ms: number;
  server: string;
  kind: "sent" | "reply" | "note";
  text: string;
}

export interface FxpFixture {
  case: string;
  topology: { client: string; A: string; B: string };
  servers: FixtureServer[];
  file: { name: string; bytes: number };
  runs: { kind: "ftplib-fxp"; result: { portAccepted: boolean; final: Record<string, string[]>; events: FixtureEvent[] } }[];
  arrived: { exists: boolean; bytes: number; identical: boolean };
}

export interface RelayRun {
  client: string;
  kind: "ftplib" | "curl";
  result: {
    ops?: { op: string; ok: boolean; error?: string }[];
    invocation?: string;
    exitCode?: number;
    log?: string[];
    events?: FixtureEvent[];
  };
}

export interface RelayFixture {
  case: string;
  topology: { client: string; relayVirtual: string; server: string };
  servers: FixtureServer[];
  relay: { virtualIp: string; mapped: number[]; ruleset: string | null; forward: "off" | "drop" | "reject" };
  runs: RelayRun[];
}

const read = <T>(name: string): T => JSON.parse(readFileSync(join(MULTI_HOST_DIR, `${name}.json`), "utf8")) as T;

export const fixtureNames = (prefix: "fxp" | "relay"): string[] =>
  readdirSync(MULTI_HOST_DIR)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

export const loadFxp = (name: string): FxpFixture => read<FxpFixture>(name);
export const loadRelay = (name: string): RelayFixture => read<RelayFixture>(name);

/** The file the simulator sends: the real one is 256 KiB, more than a scenario holds; only its arrival is compared. */
const SIM_FILE = "x".repeat(4096);

function serverFields(s: FixtureServer) {
  return {
    ip: s.address,
    passivePorts: [s.options.pasvMinPort, s.options.pasvMaxPort] as [number, number],
    passiveAddress: s.options.pasvAddress ?? null,
    // connect_from_port_20=NO in every capture.
    activeSourcePort: "ephemeral" as const,
    allowForeignDataAddress: s.options.portPromiscuous,
    allowForeignDataPeer: s.options.pasvPromiscuous,
    connectTimeoutMs: s.options.connectTimeout * 1000,
    acceptTimeoutMs: s.options.acceptTimeout * 1000,
  };
}

/** The FXP capture as a scenario: the same two servers, the same announcement and order. */
export function fxpScenario(f: FxpFixture): ScenarioInput {
  const [a, b] = [f.servers.find((s) => s.role === "A")!, f.servers.find((s) => s.role === "B")!];
  const sent = f.runs[0]!.result.events.filter((e) => e.kind === "sent").map((e) => e.text);
  const storFirst = sent.findIndex((t) => t.startsWith("STOR")) < sent.findIndex((t) => t.startsWith("RETR"));
  return {
    title: f.case,
    client: { software: "ftplib", ip: f.topology.client },
    server: serverFields(a),
    files: { [f.file.name]: SIM_FILE },
    fxp: {
      server: serverFields(b),
      file: f.file.name,
      announce: sent.some((t) => t.startsWith("EPRT")) ? "EPRT" : "PORT",
      order: storFirst ? "stor-first" : "retr-first",
    },
  };
}

/** One client run of a relay capture as a scenario: the client program and its settings, the relay, the server. */
export function relayScenario(f: RelayFixture, run: RelayRun): ScenarioInput {
  const server = f.servers[0]!;
  const ranges: (number | [number, number])[] = f.relay.mapped.map((p) => p);
  const files = { "hello.bin": "x".repeat(4096) };
  const relay = { ip: f.relay.virtualIp, ports: ranges, unmapped: f.relay.ruleset ? ("drop" as const) : ("reset" as const) };
  const common = { server: { ...serverFields(server), relay }, files };
  if (run.kind === "ftplib") {
    return {
      ...common,
      title: `${f.case}: ${run.client}`,
      client: { software: "ftplib", ip: f.topology.client, pasvAddress: run.client.includes("227 address used") ? "use" : "ignore", connectTimeoutMs: 5000 },
      commands: run.result.ops!.map((o) => o.op),
    };
  }
  const args = run.result.invocation!;
  return {
    ...common,
    title: `${f.case}: ${run.client}`,
    client: {
      software: "curl",
      ip: f.topology.client,
      extended: !args.includes("--disable-epsv"),
      pasvAddress: args.includes("--no-ftp-skip-pasv-ip") ? "use" : "ignore",
      connectTimeoutMs: 5000,
    },
    commands: ["RETR hello.bin"],
  };
}

/** How a real client run ended, in the words the comparison uses: ok, refused (RST), unreachable (ICMP) or timeout. */
export function realEnding(run: RelayRun, index: number): "ok" | "refused" | "unreachable" | "timeout" {
  if (run.kind === "curl") {
    const code = run.result.exitCode!;
    if (code === 0) return "ok";
    if (code === 28) return "timeout";
    return run.result.log?.some((l) => /No route to host/.test(l)) ? "unreachable" : "refused";
  }
  const op = run.result.ops![index]!;
  if (op.ok) return "ok";
  if (/ECONNREFUSED/.test(op.error ?? "")) return "refused";
  if (/EHOSTUNREACH/.test(op.error ?? "")) return "unreachable";
  return "timeout";
}

// Comparisons -----------------------------------------------------------------------------------

/**
 * Each server's lines from PASV on, as the client saw them ("A> PASV", "A< 227 …"), split by
 * server: the two servers interleave differently in real time. What is random in both worlds
 * (ports, the file's name and size in the 150) is masked.
 */
export function conversations(lines: readonly { server: string; kind: string; text: string }[]): { A: string[]; B: string[] } {
  const from = lines.findIndex((l) => l.kind === "sent" && l.text === "PASV");
  const masked = lines
    .slice(from)
    .filter((l) => l.kind !== "note" && !/^(QUIT|221)/.test(l.text))
    .map((l) =>
      `${l.server}${l.kind === "sent" ? ">" : "<"} ${l.text}`
        .replace(/(\d+,\d+,\d+,\d+),\d+,\d+/, "$1,p1,p2")
        .replace(/(\|\d+\.\d+\.\d+\.\d+)\|\d+\|/, "$1|port|")
        .replace(/\(\d+ bytes\)/, "(n bytes)")
        .replace(/ \S+\.(bin|txt|csv)\b/, " F"),
    );
  return { A: masked.filter((l) => l.startsWith("A")), B: masked.filter((l) => l.startsWith("B")) };
}

/** The simulated session's conversations, in the capture's words. */
export function simulatedConversations(trace: Trace): { A: string[]; B: string[] } {
  return conversations(
    trace.result.transcript.map((l) => ({
      server: (l.from === "client" ? l.to : l.from) === "server-b" ? "B" : "A",
      kind: l.from === "client" ? "sent" : "reply",
      text: l.line,
    })),
  );
}

/** Why a simulated FXP session differs from the capture, or null when it agrees. */
export function fxpDisagreement(f: FxpFixture, trace: Trace): string | null {
  const real = conversations(f.runs[0]!.result.events);
  const sim = simulatedConversations(trace);
  for (const side of ["A", "B"] as const) {
    if (JSON.stringify(real[side]) !== JSON.stringify(sim[side])) return `server ${side}: simulated [${sim[side].join(" | ")}], real [${real[side].join(" | ")}]`;
  }
  const ok = trace.result.transfers[0]?.result === "ok";
  if (ok !== f.arrived.identical) return `the file ${f.arrived.identical ? "arrived" : "did not arrive"} for real, ${ok ? "arrived" : "did not arrive"} simulated`;
  return null;
}

/** How transfer `index` of a simulated session ended, in realEnding's words (the lab has no ICMP: never "unreachable"). */
export function simEnding(trace: Trace, index: number): "ok" | "refused" | "timeout" {
  const t = trace.result.transfers[index]!;
  if (t.result === "ok") return "ok";
  if (/refused \(RST\)/.test(t.cause ?? "")) return "refused";
  return "timeout";
}

/**
 * Not modelled: a relay that answers a packet for its inside network with ICMP host-unreachable
 * (relay-private-227-reject); the lab's relay discards it, so the client times out instead.
 */
export const expectedSimEnding = (real: ReturnType<typeof realEnding>): "ok" | "refused" | "timeout" => (real === "unreachable" ? "timeout" : real);
