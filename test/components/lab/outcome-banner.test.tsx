// @vitest-environment jsdom
/**
 * The outcome banner says what the picture shows: LIST is failed from the step its 425 arrives
 * and ok from its 226 (not "running…" until a later bookkeeping step); a login that never got a
 * control connection is not called a failed login, and a 530 is.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "@testing-library/react";
import { OutcomeBanner } from "../../../components/lab/OutcomeBanner";
import type { Lab } from "../../../components/lab/use-lab";
import { worldAt } from "../../../sim/trace/world";
import { lab as harness, type Lab as Harness } from "../../harness/lab";

afterEach(cleanup);

/** The banner as the lab page would render it at `step`. */
function bannerAt(h: Harness, step: number): string {
  const lab = { trace: h.trace, timeline: h.timeline, world: worldAt(h.trace.events, h.timeline, step), step, first: 0, last: h.last } as unknown as Lab;
  const { container } = render(<OutcomeBanner lab={lab} />);
  const text = container.textContent ?? "";
  cleanup();
  return text;
}

describe("the outcome banner at the reply that decides", () => {
  it("says LIST failed when the 425 arrives, running just before", () => {
    const h = harness({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
    const at425 = h.stepOf({ reply: 425 });
    expect(bannerAt(h, at425 - 1)).toContain("LIST running…");
    const text = bannerAt(h, at425);
    expect(text).toContain("LIST failed");
    expect(text).not.toContain("running");
  });

  it("says LIST ok when the 226 arrives", () => {
    const h = harness({ client: { mode: "passive" }, commands: ["LIST"] });
    const text = bannerAt(h, h.stepOf({ reply: 226 }));
    expect(text).toContain("LIST ok");
    expect(text).not.toContain("running");
  });
});

describe("the outcome banner names a login failure exactly", () => {
  it("a connect to port 21 that timed out is 'no control connection (timed out)', not a failed login", () => {
    const h = harness({ client: { firewall: { policy: "drop", rules: [] } }, commands: ["LIST"] });
    const loginStep = h.timeline.steps.find((s) => s.kind === "login")!.index;
    expect(bannerAt(h, loginStep - 1)).not.toContain("control connection");
    const text = bannerAt(h, h.last);
    expect(text).toContain("Login not tried — no control connection (timed out)");
    expect(text).toContain("LIST failed — not attempted: no control connection (timed out)");
    expect(text).not.toMatch(/login failed/i);
  });

  it("a 530 is 'login refused (530)'", () => {
    const h = harness({ client: { login: { name: "demo", password: "wrong" } }, commands: ["LIST"] });
    expect(bannerAt(h, h.last)).toContain("Login refused (530)");
  });
});
