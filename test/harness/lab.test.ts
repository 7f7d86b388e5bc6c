import { describe, expect, it } from "vitest";
import { lab } from "./lab";

const PORT = "test/fixtures/reference/cli-fw--port.json";

describe("lab(): a scenario read at a moment", () => {
  it("finds a moment's step and gives the views what the lab page would", () => {
    const port = lab(PORT);
    const at = port.at({ command: "PORT" });
    expect(at.send?.packet.payload).toMatch(/^PORT 10,99,1,2,/);
    expect(at.journey?.send).toBe(port.timeline.steps[at.step]!.event);
    expect(at.props).toMatchObject({ trace: port.trace, timeline: port.timeline, step: at.step, selectedPacket: null, reducedMotion: true });
    // The world after the PORT step: the control connection is up.
    expect([...at.world.connections.values()].some((c) => c.purpose === "control" && c.phase === "established")).toBe(true);
  });

  it("says where a trace never goes, instead of pointing at step 0", () => {
    expect(() => lab(PORT).at({ reply: 227 })).toThrow(/never reaches \{"reply":227\}/);
    expect(() => lab(PORT).at(lab(PORT).last + 1)).toThrow(/has steps 0–\d+/);
    expect(() => lab(PORT).stepOf((e) => e.type === "nat")).toThrow(/no step of .* passes/);
  });

  it("orders moments as the session does: the server's data SYN comes after PORT and before the 425", () => {
    const port = lab(PORT);
    const order = [{ command: "PORT" }, { syn: "data", by: "server" }, { timeout: "server" }, { reply: 425 }, { end: true }] as const;
    const steps = order.map((m) => port.stepOf(m));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
    // The same story asked of the trace: the server's data SYNs die in the client's firewall.
    const [data] = port.connections({ purpose: "data", initiator: "server" });
    expect(data).toBeDefined();
    expect(port.packets({ conn: data!.id, node: "server", kind: "SYN" }).length).toBeGreaterThan(0);
    expect(port.drops((d) => d.packet.conn === data!.id).length).toBeGreaterThan(0);
    expect(port.transfer("LIST")).toMatchObject({ result: "failed", lastReply: 425 });
    expect(port.events("reply").map((r) => r.code)).toContain(425);
  });

  it("finds the first step where the world is so, for places no moment names", () => {
    const port = lab(PORT);
    const failed = port.first(({ world }) => world.connections.some((c) => c.purpose === "data" && c.phase === "failed"));
    expect(failed.world.connections.some((c) => c.purpose === "data" && c.phase === "failed")).toBe(true);
    expect(port.at(failed.step - 1).world.connections.some((c) => c.purpose === "data" && c.phase === "failed")).toBe(false);
    // The server gave up on it first.
    expect(failed.step).toBeGreaterThanOrEqual(port.stepOf({ timeout: "server" }));
    expect(() => port.first(({ world }) => world.connections.length > 99)).toThrow(/no step of .* passes/);
  });

  it("simulates a scenario object once and shares it", () => {
    const s = { client: { mode: "passive" }, commands: ["LIST"] };
    expect(lab(s)).toBe(lab({ ...s }));
    expect(lab(s).at({ reply: 227 }).event.type).toBe("send");
  });
});
