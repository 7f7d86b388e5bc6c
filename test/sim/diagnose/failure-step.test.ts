/**
 * failureStep: where the diagnose page opens a rebuilt session — the step its data connection
 * dies (a dropped or rejected SYN, a bounced one, the failing reply), null when nothing failed.
 */
import { describe, expect, it } from "vitest";
import { failureStep } from "@/sim/diagnose/failure-step";
import { lab } from "../../harness/lab";

describe("the step where the data connection dies", () => {
  it("active mode behind a stateful client firewall: the server's data SYN, dropped at the client's wall", () => {
    const l = lab({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
    const at = failureStep(l.trace, l.timeline);
    expect(at).toBe(l.stepOf({ syn: "data", by: "server" }));
    expect(l.trace.events[l.at(at!).journey!.fate!]!.type).toBe("drop");
  });

  it("passive mode, the server's firewall opens port 21 only: the client's data SYN, dropped", () => {
    const l = lab({ client: { mode: "passive" }, server: { firewall: "control-only" }, commands: ["LIST"] });
    expect(failureStep(l.trace)).toBe(l.stepOf({ syn: "data", by: "client" }));
  });

  it("a REJECT rule: the rejected SYN (the first of the data connection to meet the wall)", () => {
    const l = lab({
      client: { mode: "passive" },
      server: { firewall: { policy: "reject", rules: [{ action: "accept", state: ["established", "related"] }, { action: "accept", dport: 21 }], ftpHelper: false } },
      commands: ["LIST"],
    });
    expect(failureStep(l.trace)).toBe(l.stepOf({ syn: "data", by: "client" }));
  });

  it("a refused PORT (a private address behind the client's NAT): the failing reply", () => {
    const l = lab({ client: { mode: "active", nat: { publicIp: "198.51.100.7", forward: [], ftpHelper: false } }, commands: ["LIST"] });
    const transfer = l.transfer("LIST");
    expect(transfer.result).toBe("failed");
    const at = failureStep(l.trace)!;
    const event = l.at(at).event;
    const reply = l.trace.events.slice(l.timeline.steps[at]!.event, l.timeline.steps[at]!.last + 1).find((e) => e.type === "reply");
    expect(event.type === "send" || event.type === "reply").toBe(true);
    expect(reply && reply.type === "reply" && reply.code >= 400).toBe(true);
  });

  it("a session that works has no failure", () => {
    const l = lab({ client: { mode: "passive" }, commands: ["LIST", "RETR hello.txt"] });
    expect(failureStep(l.trace)).toBeNull();
  });

  it("the step is always one the lab has", () => {
    const l = lab({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST", "LIST"] });
    const at = failureStep(l.trace)!;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThanOrEqual(l.last);
  });
});
