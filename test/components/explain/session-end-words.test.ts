/**
 * "Session over: every connection is closed" is said only when every connection opened and
 * closed. A connection that never opened (a control connection whose SYNs were dropped, a data
 * connection that timed out) is named as such: the picture draws it "failed", not "closed".
 */
import { describe, expect, it } from "vitest";
import { narrate } from "../../../components/explain/narrate";
import { lab } from "../../harness/lab";

const endOf = (s: object) => {
  const h = lab(s);
  return narrate(h.trace, h.timeline, h.last);
};

describe("the last step's words", () => {
  it("a session whose control connection never opened", () => {
    expect(endOf({ client: { firewall: { policy: "drop", rules: [] } }, commands: ["LIST"] })).toMatchObject({
      title: "Session over",
      text: "The control connection never opened; nothing is left open.",
    });
  });

  it("a session whose data connection never opened", () => {
    expect(endOf({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] }).text).toBe("Every connection that opened is closed; one data connection never opened.");
  });

  it("a session where everything opened and closed", () => {
    expect(endOf({ commands: ["LIST"] }).text).toBe("Every connection is closed.");
  });
});
