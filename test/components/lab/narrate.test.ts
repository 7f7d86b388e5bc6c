import { describe, expect, it } from "vitest";
import { narrate } from "../../../components/explain/narrate";
import { lab } from "../../harness/lab";

describe("the explanation of a step", () => {
  it("explains the active-mode SYN dropped by the client firewall with the rule", () => {
    const { trace, timeline, stepOf } = lab({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
    const n = narrate(trace, timeline, stepOf({ syn: "data", nth: 1 }));
    expect(n.text).toMatch(/the server opens the data connection from its port 20/i);
    expect(n.text).toContain("client firewall sees a NEW inbound connection that matches nothing it has tracked, and drops it");
    expect(n.text).toContain("policy drop");
    expect(n.tone).toBe("bad");
    expect(n.source).toBe("RFC 959 §3.2");
  });

  it("decodes PORT and 227 with the port arithmetic", () => {
    const active = lab({ client: { mode: "active" }, commands: ["LIST"] });
    expect(narrate(active.trace, active.timeline, active.stepOf({ command: "PORT" })).text).toMatch(/port \d+×256\+\d+ = \d+/);
    const passive = lab({ client: { mode: "passive", pasvAddress: "use" }, commands: ["LIST"] });
    const n = narrate(passive.trace, passive.timeline, passive.stepOf({ reply: 227 }));
    expect(n.text).toMatch(/10\.99\.2\.20 port \d+×256\+\d+ = \d+\. The client will connect to that address/);
  });

  it("says which way each transfer command moves its bytes, from the verbs' table", () => {
    const s = lab({ commands: ["NLST", "RETR hello.txt", "STOR up.txt", "APPE log.txt"] });
    const say = (command: string) => narrate(s.trace, s.timeline, s.stepOf({ command })).text;
    expect(say("NLST")).toMatch(/directory listing\. It will arrive on the data connection/);
    expect(say("RETR")).toBe("The client asks to download hello.txt. The bytes will come over the data connection.");
    expect(say("STOR")).toBe("The client asks to upload up.txt. It will send the bytes over the data connection.");
    expect(say("APPE")).toBe("The client asks to append to log.txt. It will send the bytes over the data connection.");
  });

  it("says the FTP helper was blind under TLS when the server's SYN is dropped", () => {
    const { trace, timeline, stepOf } = lab({ client: { mode: "active", firewall: "stateful+ftp-helper" }, tls: true, commands: ["LIST"] });
    expect(narrate(trace, timeline, stepOf({ syn: "data" })).text).toContain("could not read the encrypted control connection");
  });

  it("says the helper made the data connection RELATED", () => {
    const { trace, timeline, stepOf } = lab({ client: { mode: "active", firewall: "stateful+ftp-helper" }, commands: ["LIST"] });
    expect(narrate(trace, timeline, stepOf({ command: "PORT" })).text).toContain("FTP helper reads the PORT");
    expect(narrate(trace, timeline, stepOf({ syn: "data" })).text).toContain("RELATED");
  });

  it("has a title and text for every step of a varied session", () => {
    const { trace, timeline } = lab({ client: { mode: "passive", extended: true, nat: { publicIp: "198.51.100.7" } }, server: { firewall: "control-only" }, tls: true, commands: ["LIST", "STOR x.txt"] });
    for (const s of timeline.steps) {
      const n = narrate(trace, timeline, s.index);
      expect(n.title.length, `step ${s.index}`).toBeGreaterThan(0);
      expect(n.text.length, `step ${s.index}`).toBeGreaterThan(10);
    }
  });
});
