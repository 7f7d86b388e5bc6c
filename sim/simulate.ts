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

  const site = (host: "client" | "server"): Site => {
    const cfg = scenario[host];
    const firewall = new Firewall(host, resolveFirewall(cfg.firewall, server.passivePorts), trace);
    const nat = cfg.nat
      ? new NatRouter(host === "client" ? "client-nat" : "server-nat", cfg.nat, cfg.ip, cfg.ephemeralPorts, random, trace)
      : null;
    return { host, ip: cfg.ip, firewall, nat, stack: null };
  };
  const sites = { client: site("client"), server: site("server") };
  const network = new Network(sites, scheduler, trace);
  const stacks = {
    client: new TcpStack("client", client.ip, client.ephemeralPorts, scheduler, random, trace, network),
    server: new TcpStack("server", server.ip, server.ephemeralPorts, scheduler, random, trace, network),
  };
  sites.client.stack = stacks.client;
  sites.server.stack = stacks.server;

  trace.emit({ type: "session-start" });
  const serverHost = startServer({
    stack: stacks.server,
    scheduler,
    random,
    trace,
    policy: {
      userName: scenario.user.name,
      password: scenario.user.password,
      tls: scenario.tls,
      extended: server.extended,
      allowForeignDataAddress: server.allowForeignDataAddress,
      connectFromPort20: server.activeSourcePort === FTP_DATA_PORT,
      replies: serverProfile(server.software).replies(server),
      anonymousPassword: serverProfile(server.software).anonymousPassword,
      refuseDataAddress: serverProfile(server.software).refuseDataAddress,
      dataTarget: serverProfile(server.software).dataTarget,
      refuseConnect: serverProfile(server.software).refuseConnect,
      passiveAddressFor: serverProfile(server.software).passiveAddressFor,
    },
    files: scenario.files,
    passivePorts: server.passivePorts,
    passiveAddress: server.passiveAddress,
    activeSourcePort: server.activeSourcePort,
    connectTimeoutMs: server.connectTimeoutMs,
    acceptTimeoutMs: server.acceptTimeoutMs,
    clock,
    inspect: options.inspect,
    onError,
  });
  const client_ = startClient({
    stack: stacks.client,
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
    for (const session of serverHost.sessions) session.stop();
    stacks.client.abortAll();
    stacks.server.abortAll();
  } else if (client_.getSnapshot().status === "active") {
    errors.push(new Error(`the session stalled: nothing left to happen, yet the client is still in ${JSON.stringify(client_.getSnapshot().value)}`));
  }
  trace.emit({ type: "session-end", reason: finished ? "done" : "time-limit" });
  if (errors.length > 0) throw new SimulationError(errors);
  return { version: TRACE_VERSION, scenario, events: trace.events, result: summarize(trace.events, scenario) };
}
