/**
 * Properties every simulated session must have, whatever the scenario: it ends within its time
 * bound, it is deterministic, it leaves no connection half-open, no packet passes a firewall rule
 * that drops it, NAT routers masquerade and keep their mappings, the client waits for each reply
 * before its next command, the server says 226 only for a data connection that closed in order,
 * and the result summary agrees with the scenario and with itself.
 *
 * Each property draws 1000 valid scenarios (test/sim/arbitraries.ts). They share one fast-check
 * seed, so they see the same scenarios and share one simulation of each (`traceOf`); a whole run
 * of the file takes a few seconds. The seed is fixed so CI is reproducible; explore with
 *   SIM_PROPERTY_SEED=random SIM_PROPERTY_RUNS=20000 npx vitest run test/sim/properties.test.ts
 * (SIM_PROPERTY_EXAMPLES=0 leaves out the known counterexamples, to look for new ones).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, simulate, type Endpoint, type EventOf, type Packet, type ScenarioInput, type Trace } from "../../sim/index";
import { DEFAULT_UPLOAD } from "../../sim/ftp/client-session";
import { resolveFirewall } from "../../sim/scenario/presets";
import { hostConfig, hostsOf, passiveRangeOf } from "../../sim/scenario/hosts";
import type { HostId } from "../../sim/trace/events";
import type { FirewallRule, FirewallRules } from "../../sim/scenario/schema";
import { scenarioArb } from "./arbitraries";

const SEED_ENV = process.env.SIM_PROPERTY_SEED;
const SEED = SEED_ENV === "random" ? Date.now() % 2 ** 31 : SEED_ENV ? Number(SEED_ENV) : 20_260_123;
const NUM_RUNS = Number(process.env.SIM_PROPERTY_RUNS ?? 1000);
const params = { seed: SEED, numRuns: NUM_RUNS };

/**
 * Minimal counterexamples the properties found in the simulator (all fixed since): each property
 * that found one runs it first (fast-check `examples`), before the generated scenarios, so a
 * regression shows at once whatever the seed.
 */
const COUNTEREXAMPLES = {
  /** A client whose greeting never comes (the server dropped its ACK and forgot it) waits forever: the session ends "done" with the client's control connection open. */
  clientWaitsForever: { server: { firewall: { policy: "accept", rules: [{ action: "drop", state: ["established"] }] } } },
  /** The client NAT re-creates a reset connection's entry without its mapping: SYN-ACKs are dropped, then the SYN leaves from the private address. */
  clientNatAfterReset: { client: { nat: { publicIp: "198.51.100.7" }, firewall: { policy: "reject" }, connectTimeoutMs: 3500 } },
  /** The same on the server NAT: after a reset, replies are masqueraded from another port, then the SYN is forwarded to the public address itself. */
  serverNatAfterReset: { client: { firewall: { policy: "reject" }, connectTimeoutMs: 3500 }, server: { nat: { publicIp: "203.0.113.5", forward: [21] } } },
  /**
   * No firewall at all: active mode behind a NAT with its FTP helper, and the third LIST's
   * listener reuses the second's port. The server's SYN for the same 4-tuple finds the closed
   * entry: the client's SYN-ACK leaves masqueraded from another port, the retransmitted SYN is
   * forwarded to the public address itself, and the client accepts it there.
   */
  clientNatTupleReuse: {
    client: { mode: "active", nat: { publicIp: "198.51.100.7", ftpHelper: true }, ephemeralPorts: [40000, 40015] },
    commands: ["LIST", "LIST", "LIST"],
    seed: 0,
  },
  /** A data connection still closing on the only passive port: the next PASV listens outside passivePorts. */
  passivePortOutsideRange: {
    client: { firewall: { policy: "accept", rules: [{ action: "drop", sport: 3000 }] } },
    server: { passivePorts: [3000, 3000] },
    commands: ["LIST", "LIST"],
  },
  /** The data connection is reset while TYPE awaits its reply: the client sends PASV anyway and takes TYPE's 200 for PASV's answer. */
  pipelinedAfterDataReset: {
    server: { passivePorts: [3000, 3009], firewall: { policy: "accept", rules: [{ action: "reject", state: ["established"], dport: [3000, 3009] }] } },
    commands: ["LIST", "LIST"],
  },
  /** The client's firewall resets the active data connection: the server still says 226, and the client, whose data connection never opened, waits forever. */
  completeAfterReset: { client: { mode: "active", firewall: { policy: "accept", rules: [{ action: "reject", state: ["established"], sport: 20 }] } } },
} satisfies Record<string, ScenarioInput>;
const withExamples = (...examples: ScenarioInput[]) =>
  process.env.SIM_PROPERTY_EXAMPLES === "0" ? params : { ...params, examples: examples.map((e): [ScenarioInput] => [e]) };

const arb = scenarioArb();

/** A cheap assertion for the loops over every event (expect() per event would dominate the run time). */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** One simulation per scenario, shared by the properties (same seed: same scenarios). */
const cache = new Map<string, Trace>();
function traceOf(input: ScenarioInput): Trace {
  const key = JSON.stringify(input);
  let trace = cache.get(key);
  if (!trace) {
    trace = simulate(input);
    if (cache.size >= 5000) cache.clear();
    cache.set(key, trace);
  }
  return trace;
}

const TRANSFER_VERBS = new Set(["LIST", "NLST", "RETR", "STOR", "APPE"]);
function splitCommand(line: string): { verb: string; arg: string } {
  const space = line.indexOf(" ");
  return space < 0 ? { verb: line.toUpperCase(), arg: "" } : { verb: line.slice(0, space).toUpperCase(), arg: line.slice(space + 1) };
}

// ---------------------------------------------------------------------------------------------
// An independent reading of the firewall rules: netfilter's INPUT chain, first match wins.

function ipToInt(ip: string): number {
  const o = ip.split(".").map(Number);
  return ((o[0]! * 256 + o[1]!) * 256 + o[2]!) * 256 + o[3]!;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const block = 2 ** (32 - bits);
  return Math.floor(ipToInt(ip) / block) === Math.floor(ipToInt(base!) / block);
}

const inPorts = (port: number, spec: number | readonly [number, number]): boolean =>
  typeof spec === "number" ? port === spec : spec[0] <= port && port <= spec[1];

function matches(rule: FirewallRule, p: Packet, ctState: string): boolean {
  return (
    (rule.state === undefined || (rule.state as readonly string[]).includes(ctState)) &&
    (rule.dport === undefined || inPorts(p.dst.port, rule.dport)) &&
    (rule.sport === undefined || inPorts(p.src.port, rule.sport)) &&
    (rule.saddr === undefined || inCidr(p.src.ip, rule.saddr))
  );
}

function verdictOf(rules: FirewallRules, p: Packet, ctState: string): { rule: number | null; verdict: string } {
  const index = rules.rules.findIndex((r) => matches(r, p, ctState));
  return index < 0 ? { rule: null, verdict: rules.policy } : { rule: index, verdict: rules.rules[index]!.action };
}

// ---------------------------------------------------------------------------------------------

describe("generated scenarios", { timeout: 120_000 }, () => {
  it("are all valid (the arbitraries produce only what the schema accepts)", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const parsed = parseScenario(s);
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      }),
      params,
    );
  });
});

describe("simulator properties", { timeout: 120_000 }, () => {
  it("every scenario terminates within its time bound, with events in time order", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events, scenario, result } = traceOf(s);
        expect(events[0]?.type).toBe("session-start");
        const last = events[events.length - 1]!;
        expect(last.type).toBe("session-end");
        expect(events.filter((e) => e.type === "session-end")).toHaveLength(1);
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          check(e.t >= 0 && e.t <= scenario.timeLimitMs, `event ${i} (${e.type}) at t=${e.t}, outside [0, ${scenario.timeLimitMs}]`);
          if (i > 0) check(e.t >= events[i - 1]!.t, `event ${i} (${e.type}) at t=${e.t} goes back in time`);
        }
        const end = last as EventOf<"session-end">;
        expect(result.endedBy).toBe(end.reason);
        if (end.reason === "time-limit") expect(end.t).toBe(scenario.timeLimitMs);
      }),
      params,
    );
  });

  it("is deterministic: the same scenario gives byte-identical traces", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const first = JSON.stringify(traceOf(s));
        const again = JSON.stringify(simulate(JSON.parse(JSON.stringify(s))));
        expect(again === first).toBe(true);
      }),
      params,
    );
  });

  it("leaves no connection half-open and no listener open but the server's port 21", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events } = traceOf(s);
        for (const host of ["client", "server"] as const) {
          // A connection id names one connection attempt at both ends; the accepting host can hold
          // more than one TCB for it (a SYN retransmitted after the first TCB was reset, or seen
          // from another address), so a TCB is the id with both sockets, opened by connect() or
          // by the first SYN-ACK it sends.
          const open = new Map<string, boolean>();
          const listening = new Set<number>();
          const tcb = (conn: number, local: Endpoint, remote: Endpoint) => `${conn} ${local.ip}:${local.port} ${remote.ip}:${remote.port}`;
          const start = (key: string, what: string) => {
            check(!open.get(key), `${host} ${what} connection ${key} while it is still open`);
            open.set(key, true);
          };
          for (const e of events) {
            if (e.type === "connect" && e.host === host) start(tcb(e.conn, e.from, e.to), "connects");
            const p = e.type === "send" ? e.packet : null;
            if (e.type === "send" && e.node === host && p!.attempt === 0 && p!.flags.includes("SYN") && p!.flags.includes("ACK")) {
              start(tcb(p!.conn, p!.src, p!.dst), "accepts");
            }
            if (e.type === "established" && e.host === host) {
              check(open.get(tcb(e.conn, e.local, e.remote)) === true, `${host} establishes connection ${tcb(e.conn, e.local, e.remote)} it never opened`);
            }
            if (e.type === "closed" && e.host === host) {
              const key = tcb(e.conn, e.local, e.remote);
              check(open.get(key) === true, `${host} closes connection ${key}, which is not open`);
              open.set(key, false);
            }
            if (e.type === "listen" && e.host === host) {
              check(!listening.has(e.socket.port), `${host} listens twice on ${e.socket.port}`);
              listening.add(e.socket.port);
            }
            if (e.type === "unlisten" && e.host === host) {
              check(listening.has(e.socket.port), `${host} unlistens ${e.socket.port}, which it does not listen on`);
              listening.delete(e.socket.port);
            }
          }
          const halfOpen = [...open].filter(([, isOpen]) => isOpen).map(([key]) => key);
          check(halfOpen.length === 0, `${host} never closes connection(s) ${halfOpen.join("; ")}`);
          const left = [...listening].filter((port) => !(host === "server" && port === 21));
          check(left.length === 0, `${host} still listens on ${left.join(", ")} at the end`);
        }
      }),
      withExamples(COUNTEREXAMPLES.clientWaitsForever, COUNTEREXAMPLES.completeAfterReset),
    );
  });

  it("NAT routers masquerade every packet leaving their host, forward inbound ones only to it, and keep each mapping", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events, scenario } = traceOf(s);
        const mappings = new Map<string, string>();
        const at = (e: Endpoint) => `${e.ip}:${e.port}`;
        for (const e of events) {
          if (e.type !== "nat") continue;
          const host = e.node === "client-nat" ? scenario.client : scenario.server;
          const nat = host.nat!;
          const outbound = e.before.src.ip === host.ip;
          if (outbound) {
            check(e.after.src.ip === nat.publicIp, `${e.node} let packet ${e.before.id} leave from ${at(e.after.src)} (${e.rule}), not from ${nat.publicIp}`);
          } else {
            check(e.before.dst.ip === nat.publicIp && e.after.dst.ip === host.ip, `${e.node} forwarded packet ${e.before.id} for ${at(e.before.dst)} to ${at(e.after.dst)} (${e.rule})`);
          }
          // One connection, one mapping: the inside socket and the remote one fix the public one.
          const inside = outbound ? e.before.src : e.after.dst;
          const remote = outbound ? e.before.dst : e.before.src;
          const outside = outbound ? e.after.src : e.before.dst;
          const key = `${e.node} conn ${e.before.conn} ${at(inside)} ⇄ ${at(remote)}`;
          const known = mappings.get(key);
          check(known === undefined || known === at(outside), `${key}: packet ${e.before.id} maps to ${at(outside)}, earlier ones to ${known} (${e.rule})`);
          mappings.set(key, at(outside));
        }
      }),
      withExamples(COUNTEREXAMPLES.clientNatTupleReuse, COUNTEREXAMPLES.clientNatAfterReset, COUNTEREXAMPLES.serverNatAfterReset),
    );
  });

  it("the client sends a command only once the previous one has its final reply (no pipelining)", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events } = traceOf(s);
        // The greeting is the first reply awaited (RFC 959 §5.4, Connection Establishment).
        let awaiting: string | null = "the greeting";
        for (const e of events) {
          if (e.type === "reply" && (e.code < 100 || e.code >= 200)) awaiting = null;
          if (e.type === "command") {
            check(awaiting === null, `t=${e.t}: the client sends "${e.line}" while ${awaiting === "the greeting" ? awaiting : `"${awaiting}"`} awaits its reply`);
            awaiting = e.line;
          }
        }
      }),
      withExamples(COUNTEREXAMPLES.pipelinedAfterDataReset),
    );
  });

  it("the server says 226 for LIST/NLST/RETR only when its data connection closed in order", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events } = traceOf(s);
        // The server's data connection for the transfer command in progress (RFC 959 §3.3: in
        // stream mode the sender closes the connection to mark the end of the file; a connection
        // that was reset or timed out may not have delivered it).
        let command: string | null = null;
        let lastDataClose: EventOf<"closed"> | null = null;
        for (const e of events) {
          if (e.type === "command") {
            command = splitCommand(e.line).verb;
            lastDataClose = null;
          }
          if (e.type === "closed" && e.host === "server" && e.purpose === "data") lastDataClose = e;
          if (e.type === "reply" && e.code === 226 && command !== null && ["LIST", "NLST", "RETR"].includes(command)) {
            check(
              lastDataClose !== null && lastDataClose.reason === "fin",
              `t=${e.t}: "${e.text}" after ${command}, but the server's data connection ${lastDataClose ? `closed by ${lastDataClose.reason}` : "never closed"}`,
            );
          }
        }
      }),
      withExamples(COUNTEREXAMPLES.completeAfterReset),
    );
  });

  it("no packet passes a firewall rule that drops it (first match wins, then the policy)", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { events, scenario } = traceOf(s);
        const rules = Object.fromEntries(
          hostsOf(scenario).map((host) => [host, resolveFirewall(hostConfig(scenario, host).firewall, passiveRangeOf(scenario, host))]),
        ) as Record<HostId, FirewallRules>;
        for (const e of events) {
          if (e.type === "deliver") {
            check(e.check.firewall === e.node, `packet ${e.packet.id} delivered to the ${e.node} was checked by the ${e.check.firewall} firewall`);
            const expected = verdictOf(rules[e.node], e.packet, e.check.ctState);
            check(
              expected.verdict === "accept" && e.check.verdict === "accept" && e.check.rule === expected.rule,
              `packet ${e.packet.id} delivered to the ${e.node} (ct ${e.check.ctState}, rule ${e.check.rule}: ${e.check.ruleText}); ` +
                `the rules say ${expected.verdict} by ${expected.rule === null ? "the policy" : `rule ${expected.rule}`}`,
            );
          }
          if (e.type === "drop" && e.check !== null) {
            const host = e.check.firewall;
            check(e.node === host, `packet ${e.packet.id} dropped at the ${e.node} by the ${host} firewall`);
            const expected = verdictOf(rules[host], e.packet, e.check.ctState);
            check(
              expected.verdict !== "accept" && e.check.verdict === expected.verdict && e.check.rule === expected.rule,
              `packet ${e.packet.id} dropped at the ${host} (ct ${e.check.ctState}, rule ${e.check.rule}: ${e.check.ruleText}, ${e.check.verdict}); ` +
                `the rules say ${expected.verdict} by ${expected.rule === null ? "the policy" : `rule ${expected.rule}`}`,
            );
          }
        }
      }),
      params,
    );
  });

  it("reports one result per transfer command, consistent with the mode and the server's settings", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { scenario, result } = traceOf(s);
        const expected = scenario.commands.flatMap((line, index) => (TRANSFER_VERBS.has(splitCommand(line).verb) ? [{ index, command: line }] : []));
        expect(result.transfers.map((t) => ({ index: t.index, command: t.command }))).toEqual(expected);
        const active = scenario.client.mode === "active";
        for (const t of result.transfers) {
          if (t.result === "ok") {
            expect(t.cause).toBeNull();
            expect(t.data, `${t.command} ok without a data connection`).not.toBeNull();
            const data = t.data!;
            expect(data.initiator).toBe(active ? "server" : "client");
            expect(active ? ["PORT", "EPRT"] : ["PASV", "EPSV"]).toContain(t.modeCommand);
            expect(t.reply !== null && t.reply >= 200 && t.reply < 300, `${t.command} ok with reply ${t.reply}`).toBe(true);
            // Each end as it sees its own socket: behind NAT, its private address.
            expect(data.client.ip).toBe(scenario.client.ip);
            expect(data.server.ip).toBe(scenario.server.ip);
            if (active && scenario.server.activeSourcePort === 20) expect(data.server.port).toBe(20);
            if (active && scenario.server.activeSourcePort === "ephemeral") {
              const [low, high] = scenario.server.ephemeralPorts;
              expect(data.server.port).toBeGreaterThanOrEqual(low);
              expect(data.server.port).toBeLessThanOrEqual(high);
            }
            if (!active) {
              const [low, high] = scenario.server.passivePorts;
              expect(data.server.port, `passive port outside ${low}-${high}`).toBeGreaterThanOrEqual(low);
              expect(data.server.port, `passive port outside ${low}-${high}`).toBeLessThanOrEqual(high);
            }
          } else {
            expect(typeof t.cause === "string" && t.cause.length > 0, `${t.command} failed without a cause`).toBe(true);
          }
        }
      }),
      withExamples(COUNTEREXAMPLES.passivePortOutsideRange, COUNTEREXAMPLES.clientNatTupleReuse),
    );
  });

  it("ok transfers moved the bytes: RETR the file's length, STOR/APPE the upload's", () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { scenario, result } = traceOf(s);
        // What each file may hold when a command runs: a failed upload may still have been
        // stored (the server saw it through, the client did not), so keep every possibility.
        const files = new Map<string, Set<string | null>>(Object.entries(scenario.files).map(([n, c]) => [n, new Set([c])]));
        const possible = (name: string) => files.get(name) ?? new Set([null]);
        const byIndex = new Map(result.transfers.map((t) => [t.index, t]));
        scenario.commands.forEach((line, index) => {
          const { verb, arg } = splitCommand(line);
          const t = byIndex.get(index);
          if (verb === "DELE") files.set(arg, new Set([null]));
          if (!t) return;
          if (verb === "RETR" && t.result === "ok") {
            const lengths = [...possible(arg)].filter((c): c is string => c !== null).map((c) => c.length);
            expect(lengths, `RETR ${arg} ok, ${t.bytes} bytes`).toContain(t.bytes);
          }
          if (verb === "STOR" || verb === "APPE") {
            const upload = scenario.client.files[arg] ?? DEFAULT_UPLOAD;
            if (t.result === "ok") expect(t.bytes).toBe(upload.length);
            const after = new Set<string | null>();
            for (const before of possible(arg)) {
              const stored = verb === "APPE" ? (before ?? "") + upload : upload;
              if (t.result === "ok") after.add(stored);
              else after.add(before).add(stored);
            }
            files.set(arg, after);
          }
        });
      }),
      params,
    );
  });
});
