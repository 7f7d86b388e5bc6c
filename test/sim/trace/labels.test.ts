import { describe, expect, it } from "vitest";
import { simulate } from "../../../sim/index";
import type { Packet } from "../../../sim/net/packet";
import { dropShort, fateWords, flagName, maskSecrets, middleName, nodeName, packetLabel } from "../../../sim/trace/labels";
import type { EventOf } from "../../../sim/trace/events";

const packet = (p: Partial<Packet>): Packet => ({ id: 1, conn: 1, src: { ip: "10.0.0.1", port: 40000 }, dst: { ip: "10.0.0.2", port: 21 }, flags: ["ACK"], seq: 0, ack: 0, payload: "", encrypted: false, attempt: 0, ...p });

describe("the words of a trace", () => {
  it("names a packet one way: flags as taught, data by size, commands masked, 227 by its address", () => {
    expect(packetLabel(packet({ flags: ["SYN"] }), "control")).toBe("SYN");
    expect(packetLabel(packet({ flags: ["SYN", "ACK"] }), "control")).toBe("SYN-ACK");
    expect(packetLabel(packet({ flags: ["FIN", "ACK"] }), "data")).toBe("FIN");
    expect(packetLabel(packet({ flags: ["RST", "ACK"] }), "data")).toBe("RST");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "x".repeat(12) }), "data")).toBe("data 12 B");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "x".repeat(52), encrypted: true }), "data")).toBe("🔒 TLS 52 B");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "PASS hunter2\r\n", encrypted: true }), "control")).toBe("🔒 TLS");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "PASS hunter2\r\n" }), "control")).toBe("PASS ****");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "227 Entering Passive Mode (10,99,2,20,117,48).\r\n" }), "control")).toBe("227 (10,99,2,20,117,48)");
    expect(packetLabel(packet({ flags: ["PSH", "ACK"], payload: "211-Features:\r\n EPRT\r\n211 End\r\n" }), "control")).toBe("211-Features: …");
    expect(packetLabel(packet({ flags: ["FIN", "PSH", "ACK"], payload: "x".repeat(3) }), "data")).toBe("data 3 B +FIN");
    expect(packetLabel(packet({ flags: ["SYN"], attempt: 2 }), "data")).toBe("SYN (retry 2)");
    expect(flagName(packet({ flags: ["PSH", "ACK"], payload: "x" }))).toBe("ACK");
    expect(maskSecrets("pass secret")).toBe("PASS ****");
  });

  it("calls the middle the internet only between public addresses", () => {
    const lab = simulate({ commands: ["LIST"] }).scenario;
    expect(middleName(lab)).toBe("network");
    expect(nodeName("network", lab)).toBe("network");
    const nat = simulate({ client: { nat: { publicIp: "198.51.100.7" } }, server: { ip: "203.0.113.5" }, commands: ["LIST"] }).scenario;
    expect(middleName(nat)).toBe("internet");
    expect(nodeName("client", nat)).toBe("client firewall");
    expect(nodeName("server-nat", nat)).toBe("server NAT router");
  });

  it("says where a dropped packet ended, and the few words beside its ✕", () => {
    const t = simulate({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
    const drop = t.events.find((e): e is EventOf<"drop"> => e.type === "drop")!;
    expect(fateWords(drop, "client", t.scenario)).toBe("dropped by the client firewall");
    expect(dropShort(drop)).toBe("policy drop");
    expect(fateWords(null, "client", t.scenario)).toBe("still in flight when the session ended");
  });
});
