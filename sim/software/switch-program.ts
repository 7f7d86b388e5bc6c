/**
 * Changing the program at one end of a scenario that is already resolved: a setting still at the
 * old program's default becomes the new program's default; one the scenario (or the learner) set
 * otherwise stays as it was — the rule the schema applies to unwritten fields (spec/scenario.md,
 * "Real software"), carried over to a scenario whose fields are all written.
 */
import type { Scenario } from "../scenario/schema";
import type { ClientSoftware, ServerSoftware } from "./names";
import { incapacities } from "./client-profile";
import { clientProfile, serverProfile } from "./profiles";

function carried<D extends object>(current: Record<string, unknown>, from: D, to: D): Partial<D> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(to)) out[k] = current[k] === (from as Record<string, unknown>)[k] ? v : current[k];
  return out as Partial<D>;
}

/**
 * A client switch also gives up what the new program cannot do at all (the schema would refuse
 * it): Windows' ftp.exe has no passive mode, FileZilla no EPSV/EPRT on IPv4, tnftp no FTPS.
 */
export function withClientSoftware(s: Scenario, software: ClientSoftware): Scenario {
  if (s.client.software === software) return s;
  const to = clientProfile(software);
  const moved = carried(s.client, clientProfile(s.client.software).defaults, to.defaults);
  const client = { ...s.client, ...moved, software };
  let tls = s.tls;
  for (const { path } of incapacities(to, { ...client, tls })) {
    if (path[0] === "tls") tls = false;
    else if (path[1] === "mode") client.mode = to.defaults.mode;
    else client.extended = false;
  }
  return { ...s, client, tls };
}

export function withServerSoftware(s: Scenario, software: ServerSoftware): Scenario {
  if (s.server.software === software) return s;
  const moved = carried(s.server, serverProfile(s.server.software).defaults, serverProfile(software).defaults);
  return { ...s, server: { ...s.server, ...moved, software } };
}
