/**
 * The simulator against the real multi-host captures of issue 18 (test/real/fixtures/multi-host):
 * FXP between two vsftpd 3.0.3 driven by Python's ftplib, and a socat relay in front of vsftpd
 * reached by ftplib and curl 7.88.1. Each capture, rebuilt as the scenario that describes it,
 * must give the replies each server gave and the outcome each client saw.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "@/sim/index";
import {
  conversations,
  expectedSimEnding,
  fixtureNames,
  fxpDisagreement,
  fxpScenario,
  loadFxp,
  loadRelay,
  realEnding,
  relayScenario,
  simEnding,
  simulatedConversations,
  type FxpFixture,
  type RelayRun,
} from "../harness/multi-host-fixtures";

describe("FXP as the real servers do it (vsftpd 3.0.3, ftplib)", () => {
  const names = fixtureNames("fxp");

  it("has the six captured cases", () => {
    expect(names).toEqual(["fxp-a-default", "fxp-a-default-stor-first", "fxp-allowed-eprt", "fxp-allowed-port", "fxp-b-default-eprt", "fxp-b-default-port"]);
  });

  it.each(names)("%s: each server answers as the real one did", (name) => {
    const f: FxpFixture = loadFxp(name);
    const trace = simulate(fxpScenario(f));
    expect(simulatedConversations(trace)).toEqual(conversations(f.runs[0]!.result.events));
    expect(fxpDisagreement(f, trace)).toBeNull();
  });

  it.each(names)("%s: the file reaches B exactly when it did for real", (name) => {
    const f = loadFxp(name);
    const t = simulate(fxpScenario(f)).result.transfers[0]!;
    expect(t.result === "ok").toBe(f.arrived.identical);
    // Refused before any transfer command: nothing stored; else what B stored is all or nothing, as for real.
    if (!f.runs[0]!.result.portAccepted) expect(t.fxp).toBeUndefined();
    else expect(t.fxp!.stored === 0).toBe(f.arrived.bytes === 0);
  });
});

describe("a relay with mapped ports as socat does it (vsftpd 3.0.3, ftplib, curl 7.88.1)", () => {
  const cases = fixtureNames("relay").flatMap((name) => loadRelay(name).runs.map((run, i) => [`${name} / ${run.client}`, name, i] as const));

  it.each(cases)("%s", (_title, name, runIndex) => {
    const f = loadRelay(name);
    const run: RelayRun = f.runs[runIndex]!;
    const trace = simulate(relayScenario(f, run));
    const transfers = run.kind === "ftplib" ? run.result.ops!.length : 1;
    for (let i = 0; i < transfers; i++) expect(simEnding(trace, i)).toBe(expectedSimEnding(realEnding(run, i)));
  });
});
