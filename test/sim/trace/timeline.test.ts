import { describe, expect, it } from "vitest";
import { simulate } from "../../../sim/index";
import { timelineOf } from "../../../sim/trace/steps";
import { worldAt } from "../../../sim/trace/world";
import { findMoment } from "../../../sim/trace/moments";

const activeBlocked = simulate({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
const passive = simulate({ client: { mode: "passive" }, commands: ["LIST", "RETR hello.txt"] });

describe("the timeline of learner steps", () => {
  it("gives every event a step, in non-decreasing order of first appearance", () => {
    for (const t of [activeBlocked, passive]) {
      const tl = timelineOf(t.events);
      expect(tl.stepOfEvent.every((s) => s >= 0 && s < tl.steps.length)).toBe(true);
      expect(tl.steps.length).toBeGreaterThan(20);
    }
  });

  it("makes one step per packet, holding its send and its fate", () => {
    const tl = timelineOf(activeBlocked.events);
    const sends = activeBlocked.events.filter((e) => e.type === "send").length;
    expect(tl.steps.filter((s) => s.kind === "packet")).toHaveLength(sends);
    const dropStep = tl.steps.find((s) => s.packet && s.packet.fate !== null && activeBlocked.events[s.packet.fate]!.type === "drop")!;
    expect(tl.stepOfEvent[dropStep.packet!.fate!]).toBe(dropStep.index);
  });

  it("puts a connection's establishment in the step of the packet whose delivery caused it", () => {
    const t = simulate({ client: { mode: "active" }, commands: ["LIST", "RETR hello.txt"] });
    const tl = timelineOf(t.events);
    t.events.forEach((e, i) => {
      if (e.type !== "established") return;
      const cause = t.events[i - 1]!;
      expect(cause.type).toBe("deliver");
      expect(tl.stepOfEvent[i]).toBe(tl.stepOfEvent[i - 1]);
    });
  });

  it("puts a command with the packet that carries it", () => {
    const tl = timelineOf(passive.events);
    const i = passive.events.findIndex((e) => e.type === "command" && e.line === "PASV");
    const step = tl.steps[tl.stepOfEvent[i]!]!;
    expect(step.kind).toBe("packet");
    expect(step.packet!.command).toBe(i);
  });
});

describe("the world after a step", () => {
  it("grows monotonically: each step only adds what happened in it", () => {
    const tl = timelineOf(passive.events);
    let conns = 0;
    for (const s of tl.steps) {
      const w = worldAt(passive.events, tl, s.index);
      const seen = w.connections.length;
      expect(seen).toBeGreaterThanOrEqual(conns);
      conns = seen;
    }
  });

  it("shows the control connection established after the SYN-ACK step and a data connection from its SYN", () => {
    const tl = timelineOf(passive.events);
    const synAck = findMoment(passive, tl, { syn: "control", nth: 1 })! + 1;
    expect(worldAt(passive.events, tl, synAck).connections.find((c) => c.purpose === "control")!.phase).toBe("established");
    const dataSyn = findMoment(passive, tl, { syn: "data", nth: 1 })!;
    const before = worldAt(passive.events, tl, dataSyn - 1).connections.filter((c) => c.purpose === "data");
    const at = worldAt(passive.events, tl, dataSyn).connections.filter((c) => c.purpose === "data");
    expect(before).toHaveLength(0);
    expect(at).toHaveLength(1);
    expect(at[0]!.initiator).toBe("client");
  });

  it("marks a data connection that never opened as failed, and counts its SYNs", () => {
    const tl = timelineOf(activeBlocked.events);
    const end = worldAt(activeBlocked.events, tl, tl.steps.length - 1);
    const data = end.connections.find((c) => c.purpose === "data")!;
    expect(data.phase).toBe("failed");
    expect(data.initiator).toBe("server");
    expect(data.syns).toBe(2);
    expect(end.drops.length).toBe(2);
    expect(end.transfers).toEqual([{ index: 0, command: "LIST", status: "failed" }]);
  });
});

describe("moments", () => {
  it("find steps by what happens in them", () => {
    const tl = timelineOf(activeBlocked.events);
    const port = findMoment(activeBlocked, tl, { command: "PORT", nth: 1 })!;
    const drop = findMoment(activeBlocked, tl, { drop: 1 })!;
    const timeout = findMoment(activeBlocked, tl, { timeout: "server", nth: 1 })!;
    expect(port).toBeLessThan(drop);
    expect(drop).toBeLessThan(timeout);
    expect(findMoment(activeBlocked, tl, { reply: 425, nth: 1 })).toBeGreaterThan(timeout);
    expect(findMoment(activeBlocked, tl, { command: "PASV", nth: 1 })).toBeNull();
    expect(findMoment(activeBlocked, tl, { end: true })).toBe(tl.steps.length - 1);
  });
});
