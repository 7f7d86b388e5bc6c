import { describe, expect, it } from "vitest";
import { main } from "../../../sim/cli/main";

const REF = "test/fixtures/reference";

describe("the sim command", () => {
  it("prints one JSON object per file, in order, as JSON Lines", () => {
    const out = main(["--json", `${REF}/cli-fw--port.json`, `${REF}/open--pasv.json`]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    const lines = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].file).toBe(`${REF}/cli-fw--port.json`);
    expect(lines[0].transfers[0]).toMatchObject({ command: "LIST", modeCommand: "PORT", modeReply: 200, result: "failed", reply: 425 });
    expect(lines[0].transfers[0].cause).toMatch(/^client firewall \(policy drop\) dropped SYN 10\.99\.2\.2:20 → 10\.99\.1\.2:\d+$/);
    expect(lines[1].transfers.every((t: { result: string }) => t.result === "ok")).toBe(true);
    expect(lines[1].transcript[0]).toEqual({ t: 40, from: "server", line: "220 (vsFTPd 3.0.3)" });
  });

  it("prints the transcript and a line per transfer in text form", () => {
    const out = main([`${REF}/srv-fw-21--epsv.json`]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Command:  EPSV");
    expect(out.stdout).toContain("Response: 229 Entering Extended Passive Mode (|||");
    expect(out.stdout).toMatch(/LIST\s+failed 227\s+server firewall \(policy drop\) dropped SYN/);
  });

  it("exits 2 with the field named and nothing on stdout when any file is invalid", () => {
    const out = main(["--json", `${REF}/open--pasv.json`, "test/fixtures/invalid/bad-port.json"]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("client.firewall.rules[2].dport: expected a port 1-65535 or [low, high]");
  });

  it("names a missing file and an unknown option", () => {
    expect(main(["nope.json"])).toMatchObject({ code: 2, stdout: "" });
    expect(main(["nope.json"]).stderr).toContain("nope.json: no such file or lesson");
    expect(main(["--yaml", `${REF}/open--pasv.json`]).stderr).toContain("unknown option --yaml");
    expect(main([]).code).toBe(2);
  });

  it("reports broken JSON as an error, not a crash", () => {
    const out = main(["test/fixtures/invalid/not-json.json"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not valid JSON/);
  });
});
