/**
 * A scenario names the programs at each end (spec/scenario.md, "Real software"); every field it
 * leaves unwritten is that program's default, every field it writes wins, and a program the lab
 * has no model of is refused by name.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../sim/scenario/validate";
import { CLIENT_PROFILES, SERVER_PROFILES } from "../../../sim/software/profiles";
import { CLIENT_SOFTWARE, SERVER_SOFTWARE } from "../../../sim/software/names";

const parsed = (raw: unknown) => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.scenario;
};

describe("the programs at each end", () => {
  it("default to curl and vsftpd, with their defaults", () => {
    const s = parsed({});
    expect(s.client.software).toBe("curl");
    expect(s.server.software).toBe("vsftpd");
    expect(s.client).toMatchObject(CLIENT_PROFILES.curl!.defaults);
    expect(s.server).toMatchObject(SERVER_PROFILES.vsftpd!.defaults);
  });

  it("every modelled program's unwritten fields are its defaults", () => {
    for (const [software, p] of Object.entries(CLIENT_PROFILES)) expect(parsed({ client: { software } }).client).toMatchObject(p!.defaults);
    for (const [software, p] of Object.entries(SERVER_PROFILES)) expect(parsed({ server: { software } }).server).toMatchObject(p!.defaults);
  });

  it("a written field wins over the program's default", () => {
    const s = parsed({ client: { mode: "active", pasvAddress: "use", connectTimeoutMs: 9000 }, server: { extended: false, acceptTimeoutMs: 1000 } });
    expect(s.client).toMatchObject({ mode: "active", pasvAddress: "use", connectTimeoutMs: 9000 });
    expect(s.server).toMatchObject({ extended: false, acceptTimeoutMs: 1000 });
  });

  it("refuses a program it does not know, and one it has no model of yet, by name", () => {
    const unknown = parseScenario({ client: { software: "wget" } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.join()).toMatch(/client\.software: expected one of "curl", "lftp"/);
    const unmodelled = CLIENT_SOFTWARE.find((c) => !(c in CLIENT_PROFILES));
    if (unmodelled) {
      const r = parseScenario({ client: { software: unmodelled } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.join()).toContain(`client.software: the lab has no model of ${unmodelled} yet`);
    }
    const unmodelledServer = SERVER_SOFTWARE.find((c) => !(c in SERVER_PROFILES));
    if (unmodelledServer) {
      const r = parseScenario({ server: { software: unmodelledServer } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.join()).toContain(`server.software: the lab has no model of ${unmodelledServer} yet`);
    }
  });
});
