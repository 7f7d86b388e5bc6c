/**
 * What stands in front of a host behind NAT names itself in a drop (sim/net/nat-kinds.ts): a
 * home router has no port forward, a cloud's security group no inbound rule, a Docker host has
 * not published the port. The packet rules are the router's; only the list and the words differ.
 */
import { describe, expect, it } from "vitest";
import { simulate, type Trace } from "@/sim/index";
import { NAT_KINDS, type NatKind } from "@/sim/net/nat-kinds";
import { drops, eventsOf } from "../../harness/trace-queries";

/** A client on the internet dialling port 2121 of a server behind NAT of this kind, with only 21 let in. */
function dial(kind: NatKind | undefined, extra: { forward?: unknown[]; pasvAddress?: "use" | "ignore" } = {}): Trace {
  return simulate({
    client: { ip: "198.51.100.20", mode: "passive", extended: false, pasvAddress: extra.pasvAddress ?? "ignore" },
    server: { ip: "172.31.9.9", passivePorts: [2121, 2121 + 15], nat: { ...(kind ? { kind } : {}), publicIp: "203.0.113.5", forward: extra.forward ?? [21] } },
    commands: ["LIST"],
  });
}

describe("a drop at what stands in front of the server", () => {
  it("names the router's missing forward, the security group's missing rule, the port Docker did not publish", () => {
    const reasons = Object.fromEntries(NAT_KINDS.map((k) => [k, drops(dial(k), (d) => d.node === "server-nat")[0]!.reason]));
    const syn = (port: number) => new RegExp(`: SYN 198\\.51\\.100\\.20:\\d+ → 203\\.0\\.113\\.5:${port} dropped$`);
    const port = Number(/:(\d+) dropped$/.exec(reasons.router!)![1]);
    expect(port).toBeGreaterThanOrEqual(2121);
    expect(reasons.router).toMatch(new RegExp(`^the server's NAT router has no mapping or port forward for 203\\.0\\.113\\.5:${port}`));
    expect(reasons.cloud).toMatch(new RegExp(`^the server's security group has no inbound rule for tcp/${port}`));
    expect(reasons.docker).toMatch(new RegExp(`^the server's Docker host has not published port ${port} \\(docker run -p\\)`));
    for (const r of Object.values(reasons)) expect(r).toMatch(syn(port));
  });

  it("drops the same packets whatever the kind: only the words differ", () => {
    const shape = (t: Trace) => t.events.map((e) => e.type).join();
    expect(shape(dial("cloud"))).toBe(shape(dial("router")));
    expect(shape(dial("docker"))).toBe(shape(dial("router")));
    expect(shape(dial(undefined))).toBe(shape(dial("router")));
  });

  it("says what let a connection in: the security group's rule and the 1:1 NAT, a published port", () => {
    const rules = (kind: NatKind) => eventsOf(dial(kind, { forward: [21, [2121, 2136]] }), "nat").map((e) => e.rule);
    expect(rules("cloud")).toContain("security group allows tcp/21; 1:1 NAT");
    expect(rules("docker")).toContain("published port 21 (-p)");
    expect(rules("router")).toContain("port forward 21");
    // The server's own connection out (active mode): a cloud maps the VM one to one, Docker masquerades.
    const active = (kind: NatKind) => eventsOf(simulate({ client: { ip: "198.51.100.20", mode: "active" }, server: { ip: "172.31.9.9", nat: { kind, publicIp: "203.0.113.5", forward: [21] } } }), "nat");
    expect(active("cloud").find((e) => e.before.src.port === 20)?.rule).toBe("1:1 NAT");
    expect(active("docker").find((e) => e.before.src.port === 20)?.rule).toBe("masquerade");
  });

  it("names where a private address behind it lives when a client dials the 227's address", () => {
    const lost = (kind: NatKind) => drops(dial(kind, { pasvAddress: "use", forward: [21, [2121, 2136]] }), (d) => d.node === "network")[0]!.reason;
    expect(lost("router")).toMatch(/^172\.31\.9\.9 is the server's private address behind its NAT router: unreachable from outside/);
    expect(lost("cloud")).toMatch(/^172\.31\.9\.9 is the server's private address in its cloud network, behind the 1:1 NAT: unreachable/);
    expect(lost("docker")).toMatch(/^172\.31\.9\.9 is the server container's private address on the Docker host's bridge network: unreachable/);
  });

  it("rejects a kind it does not know, naming the field", () => {
    expect(() => simulate({ server: { nat: { kind: "vpn", publicIp: "203.0.113.5" } } })).toThrow(/server\.nat\.kind: expected "router", "cloud" or "docker"/);
  });
});
