/**
 * What every box knows (sim/trace/box-state.ts): the firewalls' tables rebuilt from the trace
 * decide every packet exactly as the simulator did; a helper's expectation appears with the
 * announcement and is met by the data connection it expected (RELATED, its master named); the
 * sockets each host holds; a NAT router's mappings and its helper's rewrite.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxStateAt, replayFirewall, FTP_EXPECT_TIMEOUT_S, type HostState } from "@/sim/trace/box-state";
import { KNOBS, applySettings, defaultSettings } from "@/sim/scenario/knobs";
import { toScenario } from "@/sim/scenario/validate";
import { run } from "@/sim/simulate";
import { timelineOf } from "@/sim/trace/steps";
import type { Trace } from "@/sim/trace/trace";
import { lab, labOf } from "../harness/lab";
import { scenario } from "../harness/scenario";

const boxesAt = (l: ReturnType<typeof lab>, where: Parameters<typeof l.stepOf>[0]) => boxStateAt(l.trace, l.timeline, l.stepOf(where));
const host = (s: ReturnType<typeof boxStateAt>, h: "client" | "server"): HostState => s.hosts.find((x) => x.host === h)!;

/** Every verdict the trace records at a host is what the replayed firewall says for that packet just before. */
function expectReplayAgrees(trace: Trace): number {
  let checked = 0;
  trace.events.forEach((e, i) => {
    if ((e.type !== "deliver" && e.type !== "drop") || (e.node !== "client" && e.node !== "server") || !e.check) return;
    // The simulator's firewall had seen every event before this one, in event order.
    const { fw } = replayFirewall(trace.scenario, e.node, trace.events, [...Array(i).keys()]);
    expect(fw.probe(e.packet), `event ${i} at the ${e.node}`).toEqual(e.check);
    checked++;
  });
  return checked;
}

describe("a firewall's table, read from the trace", () => {
  it("decides every packet of the reference sessions as the simulator did", () => {
    // The client's firewall filters what the server dials; the server's (which must let port 21 in) what the client dials.
    const setups = [
      ...["stateful", "stateful+ftp-helper"].map((firewall) => ({ client: firewall, server: "control+passive-range" })),
      ...["open", "control-only", "control+passive-range"].map((firewall) => ({ client: "stateful", server: firewall })),
    ];
    for (const { client, server } of setups) {
      for (const mode of ["active", "passive"]) {
        const trace = run(toScenario(scenario({ client: { mode, firewall: client }, server: { firewall: server }, commands: ["LIST", "RETR hello.txt"] })));
        expect(expectReplayAgrees(trace)).toBeGreaterThan(10);
      }
    }
  });

  it("decides every packet as the simulator did, for any setup of the knobs", () => {
    const choices = KNOBS.filter((k) => k.kind === "choice");
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: choices.length, maxLength: choices.length }), (picks) => {
        let settings = defaultSettings(KNOBS);
        choices.forEach((k, i) => {
          const options = k.kind === "choice" ? k.options : [];
          settings = { ...settings, [k.key]: options[picks[i]! % options.length]!.value };
        });
        const trace = run(applySettings(toScenario(scenario({ commands: ["LIST"] })), settings, KNOBS));
        expectReplayAgrees(trace);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe("the FTP helper's expectation", () => {
  const withHelper = lab(scenario({ client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: ["LIST"] }));
  const without = lab(scenario({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] }));

  it("appears when the PORT leaves, for the socket it names, with nf_conntrack_ftp's five minutes", () => {
    const fw = host(boxesAt(withHelper, { command: "PORT" }), "client").firewall;
    expect(fw.helper).toBe(true);
    expect(fw.expectations).toHaveLength(1);
    const [x] = fw.expectations;
    expect(x!.announcement).toBe("PORT");
    expect(x!.from).toBe("10.99.2.2");
    expect(x!.to.ip).toBe("10.99.1.2");
    expect(x!.secondsLeft).toBe(FTP_EXPECT_TIMEOUT_S);
    // The control connection's entry is the master, and the helper watches it.
    const control = fw.entries.find((e) => e.id === x!.master)!;
    expect(control.helper).toBe(true);
    expect(control.orig.dst.port).toBe(21);
    // What a new data connection would meet now: RELATED, accepted.
    expect(fw.next?.check.ctState).toBe("related");
    expect(fw.next?.check.verdict).toBe("accept");
    expect(fw.next?.packet.dst).toEqual(x!.to);
  });

  it("is met by the server's data connection, which enters as RELATED to the control connection", () => {
    const after = host(boxesAt(withHelper, { syn: "data", by: "server" }), "client").firewall;
    expect(after.expectations).toEqual([]);
    const data = after.entries.filter((e) => e.purpose === "data");
    expect(data).toHaveLength(1);
    const control = after.entries.find((e) => e.helper)!;
    expect(data[0]!.master).toBe(control.id);
  });

  it("is missing without the helper: the table has no entry for the data connection and a new one meets the drop", () => {
    const fw = host(boxesAt(without, { command: "PORT" }), "client").firewall;
    expect(fw.expectations).toEqual([]);
    expect(fw.next?.check.ctState).toBe("new");
    expect(fw.next?.check.verdict).toBe("drop");
    const end = host(boxesAt(without, { end: true }), "client").firewall;
    expect(end.entries.filter((e) => e.purpose === "data")).toEqual([]);
  });
});

describe("a host's sockets", () => {
  const passive = lab(scenario({ client: { mode: "passive" }, commands: ["LIST"] }));

  it("lists the server's passive listener after the 227, and who dialled each connection", () => {
    const s = boxesAt(passive, { reply: 227 });
    const server = host(s, "server").sockets;
    const listener = server.find((r) => r.state === "LISTEN" && r.purpose === "data")!;
    expect(listener.local.port).toBeGreaterThanOrEqual(30000);
    expect(listener.local.port).toBeLessThanOrEqual(30049);
    expect(server.find((r) => r.purpose === "control" && r.state === "ESTAB")?.opened).toBe("accept");
    expect(host(s, "client").sockets.find((r) => r.purpose === "control")?.opened).toBe("connect");
  });

  it("shows the client's data socket in SYN-SENT while its SYN travels, ESTAB once answered, and gone once closed", () => {
    const syn = boxesAt(passive, { syn: "data", by: "client" });
    expect(host(syn, "client").sockets.find((r) => r.purpose === "data")?.state).toBe("SYN-SENT");
    const open = passive.first((at) => at.world.connections.some((c) => c.purpose === "data" && c.phase === "established"));
    expect(host(boxStateAt(passive.trace, passive.timeline, open.step), "client").sockets.find((r) => r.purpose === "data")?.state).toBe("ESTAB");
    expect(host(boxesAt(passive, { end: true }), "client").sockets.filter((r) => r.purpose === "data")).toEqual([]);
  });

  it("links each row to a step at or before the one on screen", () => {
    for (const at of passive.everyStep()) {
      const s = boxStateAt(passive.trace, passive.timeline, at.step);
      const rows = s.hosts.flatMap((h) => [...h.sockets, ...h.firewall.entries, ...h.firewall.expectations]);
      for (const r of rows) expect(passive.timeline.stepOfEvent[r.since]).toBeLessThanOrEqual(at.step);
    }
  });
});

describe("a NAT router", () => {
  const behindNat = labOf(
    run(toScenario(scenario({ client: { mode: "active", nat: { publicIp: "198.51.100.7", forward: [], ftpHelper: true } }, commands: ["LIST"] }))),
  );

  it("maps the client's control connection to its public address", () => {
    const [router] = boxesAt(behindNat, { reply: 220 }).routers;
    expect(router!.router).toBe("client-nat");
    const control = router!.mappings.find((m) => m.purpose === "control")!;
    expect(control.inside.ip).toBe("10.99.1.2");
    expect(control.outside.ip).toBe("198.51.100.7");
    expect(control.remote).toEqual({ ip: "10.99.2.2", port: 21 });
  });

  it("shows its helper's rewrite of PORT, and the port it opened until the server's connection meets it", () => {
    const s = boxesAt(behindNat, { command: "PORT" });
    const router = s.routers[0]!;
    expect(router.rewrites).toHaveLength(1);
    expect(router.rewrites[0]!.before).toMatch(/^PORT 10,99,1,2,/);
    expect(router.rewrites[0]!.after).toMatch(/^PORT 198,51,100,7,/);
    expect(router.expectations).toHaveLength(1);
    expect(router.expectations[0]!.natTo?.ip).toBe("10.99.1.2");
    const later = boxesAt(behindNat, { transferEnd: 0 }).routers[0]!;
    expect(later.expectations).toEqual([]);
    expect(later.mappings.find((m) => m.purpose === "data")?.rule).toBe("FTP helper expectation");
  });
});

describe("before anything happens", () => {
  it("every box is empty at the first step but the server's listener", () => {
    const l = lab(scenario({ commands: ["LIST"] }));
    const s = boxStateAt(l.trace, timelineOf(l.trace.events), 0);
    expect(host(s, "client").firewall.entries.length).toBeLessThanOrEqual(1);
    expect(host(s, "server").sockets.some((r) => r.state === "LISTEN" && r.local.port === 21)).toBe(true);
  });
});
