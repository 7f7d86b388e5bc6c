/**
 * Turning untrusted input (a file, a URL, a lesson, a postMessage) into a Scenario, or into
 * errors that name the field: `client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]`.
 */
import type { z } from "zod";
import { scenarioSchema, type Scenario } from "./schema";

export class ScenarioError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.join("\n"));
    this.name = "ScenarioError";
  }
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "scenario" : out;
}

/**
 * A union's own message ("expected a preset or { policy, rules }") says less than the issues of
 * the one branch whose shape the input did match: report those when there is exactly one.
 */
function flatten(issue: Issue, prefix: readonly PathKey[]): { path: PathKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const matching = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (matching.length === 1) return matching[0]!.flatMap((i) => flatten(i, path));
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field" }));
  }
  return [{ path, message: issue.message }];
}

function crossFieldErrors(s: Scenario): string[] {
  const errors: string[] = [];
  const owners = new Map<string, string>();
  const claim = (ip: string | undefined, field: string) => {
    if (ip === undefined) return;
    const owner = owners.get(ip);
    if (owner) errors.push(`${field}: ${ip} is already ${owner}; every host and router needs its own address`);
    else owners.set(ip, field);
  };
  claim(s.client.ip, "client.ip");
  claim(s.server.ip, "server.ip");
  claim(s.client.nat?.publicIp, "client.nat.publicIp");
  claim(s.server.nat?.publicIp, "server.nat.publicIp");
  claim(s.server.relay?.ip, "server.relay.ip");
  claim(s.fxp?.server.ip, "fxp.server.ip");
  claim(s.fxp?.server.nat?.publicIp, "fxp.server.nat.publicIp");
  return errors;
}

export function parseScenario(input: unknown): ParseResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => flatten(issue, [])).map((e) => `${formatPath(e.path)}: ${e.message}`);
    return { ok: false, errors: [...new Set(errors)] };
  }
  const cross = crossFieldErrors(parsed.data);
  return cross.length > 0 ? { ok: false, errors: cross } : { ok: true, scenario: parsed.data };
}

/** Like parseScenario, but throws a ScenarioError listing every problem. */
export function toScenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new ScenarioError(result.errors);
  return result.scenario;
}
