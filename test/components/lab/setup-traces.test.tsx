// @vitest-environment jsdom
/**
 * The playground keeps its sessions by setup: a knob turned back shows the session simulated
 * before (the very trace, equal to a fresh run), the least recently used is forgotten first, and
 * the console's lines are never served from the store.
 */
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SetupTraces, useSetupTrace } from "../../../components/lab/setup-traces";
import { paramsToSetup, setupToScenario, type Setup } from "../../../components/lab/setup-model";
import type { Scenario } from "../../../sim/scenario/schema";
import { toScenario } from "../../../sim/scenario/validate";
import { run } from "../../../sim/simulate";
import type { Trace } from "../../../sim/trace/trace";

afterEach(cleanup);

const base = toScenario({});
const setupOf = (query: string): Setup => paramsToSetup(new URLSearchParams(query)).setup;

/** Renders the hook and reports each trace it returned. */
function probe(seen: Trace[]) {
  return function Probe({ setup, scenario, cached }: { setup: Setup; scenario: Scenario; cached: boolean }) {
    seen.push(useSetupTrace(setup, scenario, cached));
    return null;
  };
}

describe("SetupTraces", () => {
  const trace = (title: string) => ({ title }) as unknown as Trace;

  it("forgets the least recently used first", () => {
    const store = new SetupTraces(2);
    store.put("a", trace("a"));
    store.put("b", trace("b"));
    // Reading a makes b the oldest.
    expect(store.get("a")).toEqual(trace("a"));
    store.put("c", trace("c"));
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toEqual(trace("a"));
    expect(store.get("c")).toEqual(trace("c"));
    expect(store.size).toBe(2);
  });

  it("keys setups by their settings", () => {
    expect(SetupTraces.key(setupOf("mode=active"))).toBe(SetupTraces.key(setupOf("mode=active")));
    expect(SetupTraces.key(setupOf("mode=active"))).not.toBe(SetupTraces.key(setupOf("mode=passive")));
  });
});

describe("useSetupTrace", () => {
  it("a knob turned back shows the session it simulated before, equal to a fresh run", () => {
    const seen: Trace[] = [];
    const Probe = probe(seen);
    const at = (query: string) => {
      const setup = setupOf(query);
      return { setup, scenario: setupToScenario(setup, base), cached: true };
    };
    const { rerender } = render(<Probe {...at("")} />);
    rerender(<Probe {...at("cfw=stateful")} />);
    // The same setup again, as new objects (the panel builds a new one on every change).
    rerender(<Probe {...at("")} />);
    const [first, firewall, back] = [seen[0]!, seen.at(-2)!, seen.at(-1)!];
    expect(back).toBe(first);
    expect(firewall).not.toBe(first);
    expect(JSON.stringify(back)).toBe(JSON.stringify(run(setupToScenario(setupOf(""), base))));
    expect(firewall.scenario.client.firewall).not.toEqual(first.scenario.client.firewall);
  });

  it("the console's sessions are simulated every time", () => {
    const seen: Trace[] = [];
    const Probe = probe(seen);
    const setup = setupOf("");
    const typed = (lines: string[]) => ({ ...setupToScenario(setup, base), commands: lines });
    const { rerender } = render(<Probe setup={setup} scenario={typed(["LIST"])} cached={false} />);
    rerender(<Probe setup={setup} scenario={typed(["RETR hello.txt"])} cached={false} />);
    expect(seen.at(-1)!.scenario.commands).toEqual(["RETR hello.txt"]);
    rerender(<Probe setup={setup} scenario={typed(["LIST"])} cached={false} />);
    expect(seen.at(-1)).not.toBe(seen[0]);
    expect(seen.at(-1)!.scenario.commands).toEqual(["LIST"]);
  });
});
