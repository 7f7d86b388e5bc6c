/**
 * verify:real for a scenario with more than two hosts (issue 18): a server-to-server transfer
 * (scenario.fxp) or a relay in front of the server (server.relay). The scenario is built as a
 * multi-host case (cases.ts's shapes: two vsftpd on one LAN, or client ⇄ socat relay ⇄ vsftpd),
 * run for real by run-case.ts, and the transcript it writes is compared with the simulator the
 * way test/sim/multi-host-reference.test.ts compares the committed captures: FXP by each
 * server's replies and the file's arrival; a relay by how each of its five clients ended
 * (ftplib with the 227 address used and ignored, curl three ways), each simulated on its own.
 */
import { run as simulateScenario } from "../../../sim/simulate";
import { parseScenario } from "../../../sim/scenario/validate";
import { mappedPorts } from "../../../sim/net/relay";
import type { Scenario, ServerConfig } from "../../../sim/scenario/schema";
import type { CaseResult, Row } from "../case";
import type { RealCase } from "../cases";
import { FXP_HOSTS, RELAY_ADDRESSES, type MultiHostCase } from "./cases";
import { runOne, type Transcript } from "./run-case";
import type { VsftpdOptions } from "./vsftpd";
import { expectedSimEnding, fxpDisagreement, fxpScenario, realEnding, relayScenario, simEnding, type FxpFixture, type RelayFixture } from "../../harness/multi-host-fixtures";

export const isMultiHost = (s: Scenario): boolean => s.fxp !== undefined || s.server.relay !== undefined;

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

/** What the multi-host harness cannot build from this server's settings, or null. */
function serverUnsupported(cfg: ServerConfig, role: string): string | null {
  if (cfg.software !== "vsftpd") return `${role}: server.software "${cfg.software}" (the multi-host harness runs vsftpd)`;
  if (cfg.firewall !== "open") return `${role}: a firewall (the multi-host harness builds none)`;
  if (cfg.nat) return `${role}: a NAT router (the multi-host harness builds none)`;
  // vsftpd 3.0.3 cannot bind port 20 with port_promiscuous=YES; the harness runs connect_from_port_20=NO.
  if (cfg.activeSourcePort !== "ephemeral") return `${role}: connect_from_port_20=YES (the multi-host harness runs vsftpd with connect_from_port_20=NO)`;
  return null;
}

function vsftpdOf(cfg: ServerConfig, listenAddress: string, pasvAddress: string | undefined): VsftpdOptions {
  return {
    listenAddress,
    pasvMinPort: cfg.passivePorts[0],
    pasvMaxPort: cfg.passivePorts[1],
    ...(pasvAddress ? { pasvAddress } : {}),
    portPromiscuous: cfg.allowForeignDataAddress,
    pasvPromiscuous: cfg.allowForeignDataPeer ?? false,
    connectTimeout: seconds(cfg.connectTimeoutMs),
    acceptTimeout: seconds(cfg.acceptTimeoutMs),
  };
}

/** The scenario as a case run-case.ts can run, or why it cannot be built. */
export function multiHostCaseOf(s: Scenario, name: string): MultiHostCase | string {
  if (s.client.firewall !== "open" || s.client.nat) return "client: a firewall or NAT router (the multi-host harness builds none)";
  const base = { name, title: s.title ?? name, description: "" };
  if (s.fxp) {
    const why = serverUnsupported(s.server, "server A") ?? serverUnsupported(s.fxp.server, "server B");
    if (why) return why;
    if (s.server.passiveAddress || s.fxp.server.passiveAddress) return "a passive address (pasv_address) in a server-to-server transfer";
    return {
      ...base,
      kind: "fxp",
      a: vsftpdOf(s.server, FXP_HOSTS.a, undefined),
      b: vsftpdOf(s.fxp.server, FXP_HOSTS.b, undefined),
      eprt: s.fxp.announce === "EPRT",
      storFirst: s.fxp.order === "stor-first",
      file: s.fxp.file,
    };
  }
  const relay = s.server.relay!;
  const why = serverUnsupported(s.server, "server");
  if (why) return why;
  const pa = s.server.passiveAddress;
  if (pa !== null && pa !== relay.ip) return `server.passiveAddress ${pa}: neither the relay's address nor unset`;
  return {
    ...base,
    kind: "relay",
    server: vsftpdOf(s.server, RELAY_ADDRESSES.serverIp, pa === null ? undefined : RELAY_ADDRESSES.virtualIp),
    mapped: mappedPorts(relay.ports),
    dropUnmapped: relay.unmapped === "drop",
    forward: "off",
    file: "hello.bin",
  };
}

function simulated(input: unknown): ReturnType<typeof simulateScenario> {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`the capture's scenario is invalid: ${r.errors.join("; ")}`);
  return simulateScenario(r.scenario);
}

function fxpRows(t: Transcript): Row[] {
  const f = t as unknown as FxpFixture;
  const trace = simulated(fxpScenario(f));
  const sim = trace.result.transfers[0]!;
  const realA = f.runs[0]?.result.final.A?.at(-1) ?? null;
  const why = f.runs.length === 0 ? "no real run" : fxpDisagreement(f, trace);
  return [
    {
      command: `FXP ${sim.command} → STOR on B`,
      sim: { result: sim.result, lastReply: sim.fxp?.a.reply ?? sim.reply, shape: null },
      real: {
        command: sim.command,
        op: "FXP",
        result: f.arrived?.identical ? "ok" : "failed",
        lastReply: realA ? Number(realA.slice(0, 3)) : null,
        dataEndpoint: null,
        exitCode: null,
        durationMs: t.durationMs,
        log: (f.runs[0]?.result.events ?? []).map((e) => `${e.server} ${e.kind} ${e.text}`).join("\n"),
        shape: null,
      },
      agree: why === null,
      why,
    },
  ];
}

function relayRows(t: Transcript): Row[] {
  const f = t as unknown as RelayFixture;
  return f.runs.flatMap((run) => {
    const trace = simulated(relayScenario(f, run));
    const ops = run.kind === "ftplib" ? run.result.ops!.map((o) => o.op) : ["RETR hello.bin"];
    return ops.map((op, i): Row => {
      const real = realEnding(run, i);
      const sim = simEnding(trace, i);
      const why = sim === expectedSimEnding(real) ? null : `${run.client}: simulated ${sim}, real ${real}`;
      const simT = trace.result.transfers[i]!;
      return {
        command: `${op} (${run.client})`,
        sim: { result: simT.result, lastReply: simT.lastReply, shape: null },
        real: { command: op, op, result: real === "ok" ? "ok" : "failed", lastReply: null, dataEndpoint: null, exitCode: run.result.exitCode ?? null, durationMs: 0, log: real, note: `${run.client}: ${real}`, shape: null },
        agree: why === null,
        why,
      };
    });
  });
}

/** Runs the scenario's case for real and compares, as runCase does for a two-host scenario. */
export async function runMultiHostCase(c: RealCase, id: string, programs: Record<string, string>): Promise<CaseResult> {
  const t0 = Date.now();
  const s = c.scenario;
  const res: CaseResult = { name: c.name, file: c.file, mode: s.fxp ? `fxp ${s.fxp.announce}` : "relay", driver: s.fxp ? "ftplib" : "ftplib+curl", rows: [], setupMs: 0, transfersMs: 0, totalMs: 0, rulesets: { client: null, router: null, server: null }, raw: c.raw };
  const built = multiHostCaseOf(s, c.name);
  if (typeof built === "string") {
    res.skipped = `not runnable on the real network: ${built}`;
    res.totalMs = Date.now() - t0;
    return res;
  }
  const t = await runOne(built, id, programs);
  res.transfersMs = t.durationMs;
  if (t.error) res.error = t.error;
  try {
    res.rows = built.kind === "fxp" ? fxpRows(t) : relayRows(t);
  } catch (e) {
    res.error = `${res.error ? `${res.error}; ` : ""}${e instanceof Error ? e.message : String(e)}`;
  }
  res.vsftpdLog = t.servers.map((v) => `[${v.role}]\n${v.log.join("\n")}`).join("\n");
  res.totalMs = Date.now() - t0;
  return res;
}
