/**
 * run(scenario): builds the hosts, firewalls, NAT routers and FTP programs a scenario
 * describes, runs the session on the virtual clock until it ends (or hits its time limit), and
 * returns the trace with the result derived from it. Pure and deterministic: the same scenario
 * gives the same trace, byte for byte.
 */
import { Firewall } from "./net/firewall";
import { FTP_DATA_PORT } from "./net/ftp-ports";
import { NatRouter } from "./net/nat";
import { Network, type Site } from "./net/network";
import { TcpStack } from "./net/tcp";
import { createRandom } from "./random";
import { Scheduler } from "./scheduler";
import { resolveFirewall } from "./scenario/presets";
import { clientProfile, serverProfile } from "./software/profiles";
import type { Scenario } from "./scenario/schema";
import { startClient } from "./ftp/client-host";
import { virtualClock } from "./ftp/clock";
import { startServer } from "./ftp/server-host";
import { TraceWriter } from "./trace/events";
import { summarize } from "./trace/result";
import { TRACE_VERSION, type Trace } from "./trace/trace";
import type { HostId } from "./trace/events";
import { hostConfig, hostsOf, passiveRangeOf, serverConfig } from "./scenario/hosts";
import type { ServerConfig } from "./scenario/schema";
import { routerOfHost } from "./net/hosts";
import { startRelay } from "./net/relay";
import { startFxpClient } from "./ftp/fxp-host";
import { fileStore, type FileStore } from "./ftp/files";
import type { InspectionEvent, Observer } from "xstate";

type InspectionObserver = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

export class SimulationError extends Error {
  constructor(readonly causes: unknown[]) {
    super(`the simulation failed: ${causes.map(String).join("; ")}`);
    this.name = "SimulationError";
  }
}

export interface RunOptions {
  /** xstate's inspection API on the client's and the server's actors (and the data transfers they invoke): the bench counts events and microsteps with it. */
  readonly inspect?: InspectionObserver;
}

/**
 * Runs a scenario that is already valid and complete (the output of toScenario). This module
 * does not import the schema, so a page that only runs prepared scenarios ships no zod.
 */
export function run(scenario: Scenario, options: RunOptions = {}): Trace {
  const scheduler = new Scheduler();
  const random = createRandom(scenario.seed);
  const trace = new TraceWriter(scheduler);
  const errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  const clock = virtualClock(scheduler);
  const { client, server } = scenario;

  const hosts = hostsOf(scenario);
  const sites = hosts.map((host): Site => {
    const cfg = hostConfig(scenario, host);
    const firewall = new Firewall(host, resolveFirewall(cfg.firewall, passiveRangeOf(scenario, host)), trace);
    const nat = cfg.nat ? new NatRouter(routerOfHost(host), cfg.nat, cfg.ip, cfg.ephemeralPorts, random, trace) : null;
    return { host, ip: cfg.ip, firewall, nat, stack: null, ...(host === "server" && server.relay ? { behind: "relay" as const } : {}) };
  });
  const network = new Network(sites, scheduler, trace);
  const stacks: Partial<Record<HostId, TcpStack>> = {};
  for (const site of sites) {
    const cfg = hostConfig(scenario, site.host);
    site.stack = stacks[site.host] = new TcpStack(site.host, cfg.ip, cfg.ephemeralPorts, scheduler, random, trace, network);
  }
  const stackOf = (host: HostId): TcpStack => stacks[host]!;

  trace.emit({ type: "session-start" });
  const common = { scheduler, random, trace, clock, inspect: options.inspect, onError };
  const servers = (scenario.fxp ? (["server", "server-b"] as const) : (["server"] as const)).map((host) =>
    startServer({
      ...common,
      stack: stackOf(host),
      ...serverOptions(scenario, serverConfig(scenario, host), host === "server" ? scenario.files : fileStore([])),
    }),
  );
  if (server.relay) startRelay(stackOf("relay"), server.ip, server.relay.ports);
  const client_ = scenario.fxp
    ? startFxpClient({
        ...common,
        stack: stackOf("client"),
        plan: { userName: (client.login ?? scenario.user).name, password: (client.login ?? scenario.user).password, file: scenario.fxp.file, as: scenario.fxp.as ?? scenario.fxp.file, announce: scenario.fxp.announce, order: scenario.fxp.order },
        addresses: { A: network.publicAddress("server"), B: network.publicAddress("server-b") },
        connectTimeoutMs: client.connectTimeoutMs,
      })
    : startClient({
        stack: stackOf("client"),
        scheduler,
        trace,
        plan: {
          userName: (client.login ?? scenario.user).name,
          password: (client.login ?? scenario.user).password,
          tls: scenario.tls,
          commands: scenario.commands,
          mode: client.mode,
          extended: client.extended,
          pasvAddress: client.pasvAddress,
          program: clientProfile(client.software),
          advertise: client.advertise,
          connectTimeoutMs: client.connectTimeoutMs,
          uploads: client.files,
        },
        serverAddress: network.publicAddress("server"),
        activePort: client.activePort,
        clock,
        inspect: options.inspect,
        onError,
      });

  const finished = scheduler.run(scenario.timeLimitMs);
  if (!finished) {
    // The time limit: the programs stop first, so nothing reacts to the teardown.
    client_.stop();
    for (const serverHost of servers) for (const session of serverHost.sessions) session.stop();
    for (const host of hosts) stackOf(host).abortAll();
  } else if (client_.getSnapshot().status === "active") {
    errors.push(new Error(`the session stalled: nothing left to happen, yet the client is still in ${JSON.stringify(client_.getSnapshot().value)}`));
  }
  trace.emit({ type: "session-end", reason: finished ? "done" : "time-limit" });
  if (errors.length > 0) throw new SimulationError(errors);
  const events = trace.take();
  return { version: TRACE_VERSION, scenario, events, result: summarize(events, scenario) };
}

/** A server's daemon as its settings and program (sim/software) make it: the server's, or server B's. */
function serverOptions(scenario: Scenario, cfg: ServerConfig, files: FileStore) {
  const profile = serverProfile(cfg.software);
  return {
    policy: {
      userName: scenario.user.name,
      password: scenario.user.password,
      tls: scenario.tls,
      extended: cfg.extended,
      allowForeignDataAddress: cfg.allowForeignDataAddress,
      connectFromPort20: cfg.activeSourcePort === FTP_DATA_PORT,
      replies: profile.replies(cfg),
      anonymousPassword: profile.anonymousPassword,
      refuseDataAddress: profile.refuseDataAddress,
      dataTarget: profile.dataTarget,
      refuseConnect: profile.refuseConnect,
      passiveAddressFor: profile.passiveAddressFor,
    },
    allowForeignDataPeer: cfg.allowForeignDataPeer ?? false,
    files,
    passivePorts: cfg.passivePorts,
    passiveAddress: cfg.passiveAddress,
    activeSourcePort: cfg.activeSourcePort,
    connectTimeoutMs: cfg.connectTimeoutMs,
    acceptTimeoutMs: cfg.acceptTimeoutMs,
  };
}
