/**
 * Where the server runs (sim/scenario/setups.ts): each setup's passive LIST fails or works as the
 * real thing does, and a setup put into a scenario is the one recognised in it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "@/sim/simulate";
import { toScenario, parseScenario } from "@/sim/scenario/validate";
import type { Scenario } from "@/sim/scenario/schema";
import { SERVER_SETUP_IDS, SERVER_SETUPS, canPlaceServerSetup, setupOf, withServerSetup, type ServerSetupOptions } from "@/sim/scenario/setups";
import { hasOwnPassiveRange } from "@/sim/scenario/passive-range";
import { dropShort, nodeName } from "@/sim/trace/labels";
import { drops } from "../../harness/trace-queries";

/** A client on the internet running `curl --ftp-pasv ftp://203.0.113.5/` (curl ignores the 227's address). */
const base = (client: object = {}): Scenario => toScenario({ client: { ip: "198.51.100.20", mode: "passive", ...client }, commands: ["LIST"] });
const list = (s: Scenario) => {
  const trace = run(s);
  return { trace, transfer: trace.result.transfers[0]!, reply227: trace.events.find((e) => e.type === "reply" && e.code === 227) };
};

describe("a cloud VM: security group + 1:1 NAT", () => {
  it("with the group allowing only 21 and vsftpd as it comes, 227 names the private address, curl dials the public one and the group drops the SYN", () => {
    const s = withServerSetup(base(), "cloud-vm", { passivePorts: null });
    expect(s.server.nat).toEqual({ kind: "cloud", publicIp: "203.0.113.5", forward: [21], ftpHelper: false });
    expect(hasOwnPassiveRange(s)).toBe(false);
    const { trace, transfer, reply227 } = list(s);
    expect(reply227 && "text" in reply227 && reply227.text).toMatch(/\(172,31,20,5,\d+,\d+\)/);
    expect(transfer.result).toBe("failed");
    const [drop] = drops(trace, (d) => d.node === "server-nat");
    expect(drop).toBeDefined();
    const port = drop!.packet.dst.port;
    expect(drop!.packet.dst.ip).toBe("203.0.113.5");
    expect(drop!.reason).toBe(`the server's security group has no inbound rule for tcp/${port}: SYN 198.51.100.20:${drop!.packet.src.port} → 203.0.113.5:${port} dropped`);
    expect(dropShort(drop!)).toBe(`no inbound rule for tcp/${port}`);
    expect(nodeName("server-nat", s)).toBe("server's security group + 1:1 NAT");
    expect(transfer.cause).toContain("security group has no inbound rule");
  });

  it("with pasv_address and the passive range allowed in the group, the listing arrives (curl and an RFC 959 client alike)", () => {
    for (const pasvAddress of ["ignore", "use"] as const) {
      const s = withServerSetup(base({ pasvAddress }), "cloud-vm", { passivePorts: [30000, 30009], openPassiveRange: true, passiveAddress: "public" });
      expect(s.server.passiveAddress).toBe("203.0.113.5");
      const { transfer, reply227 } = list(s);
      expect(reply227 && "text" in reply227 && reply227.text).toMatch(/\(203,0,113,5,\d+,\d+\)/);
      expect(transfer.result, pasvAddress).toBe("ok");
    }
  });

  it("without pasv_address, a client that dials the 227's address sends its SYN to the VM's private address and loses it", () => {
    const s = withServerSetup(base({ pasvAddress: "use" }), "cloud-vm", { passivePorts: [30000, 30009], openPassiveRange: true });
    const { trace, transfer } = list(s);
    expect(transfer.result).toBe("failed");
    const [lost] = drops(trace, (d) => d.node === "network");
    expect(lost!.reason).toContain("172.31.20.5 is the server's private address in its cloud network, behind the 1:1 NAT");
    expect(dropShort(lost!)).toBe("lost: private address");
  });
});

describe("a Docker container with published ports", () => {
  it("publishes 21 and the passive range by default: curl's listing arrives though the 227 names 172.17.0.2", () => {
    const s = withServerSetup(base(), "docker", { passivePorts: [21000, 21010] });
    expect(s.server).toMatchObject({ ip: "172.17.0.2", nat: { kind: "docker", publicIp: "203.0.113.5", forward: [21, [21000, 21010]] } });
    const { transfer, reply227 } = list(s);
    expect(reply227 && "text" in reply227 && reply227.text).toMatch(/\(172,17,0,2,\d+,\d+\)/);
    expect(transfer.result).toBe("ok");
  });

  it("without the range published, the Docker host drops the SYN and says the port is not published", () => {
    const s = withServerSetup(base(), "docker", { passivePorts: [21000, 21010], openPassiveRange: false });
    const { trace, transfer } = list(s);
    expect(transfer.result).toBe("failed");
    const [drop] = drops(trace, (d) => d.node === "server-nat");
    const port = drop!.packet.dst.port;
    expect(port).toBeGreaterThanOrEqual(21000);
    expect(port).toBeLessThanOrEqual(21010);
    expect(drop!.reason).toMatch(new RegExp(`^the server's Docker host has not published port ${port} \\(docker run -p\\): SYN `));
    expect(dropShort(drop!)).toBe(`port ${port} not published (-p)`);
    expect(nodeName("server-nat", s)).toBe("server's Docker host");
  });
});

describe("a home router", () => {
  it("forwarding 21 and the passive range: the listing arrives", () => {
    const s = withServerSetup(base(), "home-router", { passivePorts: [3000, 3009] });
    expect(s.server).toMatchObject({ ip: "192.168.1.10", nat: { publicIp: "203.0.113.5", forward: [21, [3000, 3009]], ftpHelper: false } });
    // A router is written as scenarios were before NAT kinds: no `kind`.
    expect(s.server.nat).not.toHaveProperty("kind");
    expect(list(s).transfer.result).toBe("ok");
  });

  it("forwarding only 21: the router drops the SYN for want of a forward", () => {
    const s = withServerSetup(base(), "home-router", { passivePorts: [3000, 3009], openPassiveRange: false });
    const { trace, transfer } = list(s);
    expect(transfer.result).toBe("failed");
    const [drop] = drops(trace, (d) => d.node === "server-nat");
    expect(drop!.reason).toMatch(/^the server's NAT router has no mapping or port forward for 203\.0\.113\.5:300\d: SYN /);
    expect(dropShort(drop!)).toBe("no mapping");
  });
});

describe("on the client's network", () => {
  it("has nothing in between: the listing arrives at the server's own address", () => {
    const s = withServerSetup(withServerSetup(base(), "cloud-vm"), "lan", { privateIp: "198.51.100.80" });
    expect(s.server).toMatchObject({ ip: "198.51.100.80", nat: null });
    expect(list(s).transfer.result).toBe("ok");
  });
});

describe("putting a setup in and recognising it", () => {
  const octet = fc.integer({ min: 1, max: 254 });
  const optionsArb: fc.Arbitrary<ServerSetupOptions> = fc.record(
    {
      publicIp: octet.map((n) => `203.0.113.${n}`),
      privateIp: fc.oneof(octet.map((n) => `172.31.7.${n}`), octet.map((n) => `10.0.3.${n}`), octet.map((n) => `192.168.1.${n}`)),
      passivePorts: fc.option(fc.integer({ min: 1024, max: 65000 }).map((low) => [low, low + 9] as const), { nil: null }),
      openPassiveRange: fc.boolean(),
      passiveAddress: fc.constantFrom("public", null),
    },
    { requiredKeys: [] },
  );

  it("recognises every setup it puts in, and the result is a valid scenario with the addresses asked for", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVER_SETUP_IDS), optionsArb, (id, options) => {
        const s = withServerSetup(base(), id, options);
        expect(setupOf(s)).toBe(id);
        expect(canPlaceServerSetup(base(), id, options)).toBe(true);
        // Through JSON and the schema: what a shared link or a CLI file would carry.
        const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
        expect(parsed.ok && parsed.scenario).toEqual(s);
        if (options.privateIp) expect(s.server.ip).toBe(options.privateIp);
        if (id !== "lan" && options.publicIp) expect(s.server.nat?.publicIp).toBe(options.publicIp);
        if (options.passivePorts !== undefined) expect(hasOwnPassiveRange(s)).toBe(options.passivePorts !== null);
        if (options.passiveAddress === "public" && id !== "lan") expect(s.server.passiveAddress).toBe(s.server.nat!.publicIp);
      }),
      { numRuns: 200 },
    );
  });

  it("is pure and idempotent: the same setup twice is the setup once, and the input is left alone", () => {
    const before = base();
    const copy = structuredClone(before);
    for (const x of SERVER_SETUPS) {
      const once = withServerSetup(before, x.id);
      expect(withServerSetup(once, x.id)).toEqual(once);
    }
    expect(before).toEqual(copy);
  });

  it("refuses nothing silently: a setup that would put two hosts at one address cannot be placed", () => {
    const clash = toScenario({ client: { ip: "203.0.113.5" } });
    expect(canPlaceServerSetup(clash, "cloud-vm")).toBe(false);
    expect(canPlaceServerSetup(clash, "cloud-vm", { publicIp: "203.0.113.9" })).toBe(true);
  });
});
