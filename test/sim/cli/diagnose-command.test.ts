/**
 * `sim diagnose` as spec/scenario.md fixes it: JSON Lines in the order given, with at least the
 * spec's fields; a file it cannot read exits 2 naming it and prints nothing; a log with nothing FTP
 * in it is no error.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../sim/cli/main";
import { CAUSE_IDS } from "../../../sim/diagnose/causes";

const dir = mkdtempSync(join(tmpdir(), "sim-diagnose-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAILING = "test/real/fixtures/software/clients/lftp--server-control-only-passive.log";
const CAPTURE = "test/fixtures/logs/pcap/active-drop.pcap";

describe("sim diagnose", () => {
  it("prints one JSON object per file, in order, with the spec's fields", () => {
    const prose = join(dir, "notes.txt");
    writeFileSync(prose, "Nothing to see here.\nJust notes.\n");
    const { code, stdout, stderr } = main(["diagnose", "--json", FAILING, CAPTURE, prose]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual([FAILING, CAPTURE, prose]);
    const [lftp, capture, notes] = lines as Array<{ format: string | null; causes: Array<{ id: string; confidence: number; evidence: number[]; explanation: string; fixes: Array<{ side: string; software: string; text: string; verified: boolean }> }> } & Record<string, unknown>>;
    for (const key of ["format", "client", "server", "mode", "extended", "tls", "transcript", "causes", "scenario"]) expect(lftp).toHaveProperty(key);
    expect(lftp).toMatchObject({ format: "lftp", client: "lftp", mode: "passive", extended: false, tls: false });
    expect(lftp!.causes[0]!.id).toBe("passive-port-blocked-at-server");
    for (const c of [...lftp!.causes, ...capture!.causes]) {
      expect(CAUSE_IDS).toContain(c.id);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      for (const f of c.fixes) expect(Object.keys(f)).toEqual(expect.arrayContaining(["side", "software", "text", "verified"]));
    }
    expect(capture).toMatchObject({ format: "pcap" });
    expect(capture!.causes[0]!.id).toBe("active-blocked-at-client");
    expect(notes).toMatchObject({ format: null, causes: [] });
  });

  it("names each file it cannot read, exits 2 and prints nothing else", () => {
    const missing = join(dir, "no-such.log");
    expect(main(["diagnose", FAILING, missing, dir])).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(new RegExp(`no-such\\.log.*\\n.*${dir.replace(/[/\\]/g, ".")} is not a regular file`, "s")) });
  });

  it("refuses an unknown option and a missing file list with its usage", () => {
    expect(main(["diagnose", "--verbose", FAILING])).toMatchObject({ code: 2, stdout: "", stderr: expect.stringContaining("unknown option --verbose") });
    expect(main(["diagnose"])).toMatchObject({ code: 2, stdout: "", stderr: expect.stringContaining("usage: npm run --silent sim -- diagnose") });
  });

  it("reads as a report without --json: the cause, the lines that show it, the checked fixes", () => {
    const { code, stdout } = main(["diagnose", FAILING]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/lftp log \(client lftp, server vsftpd\), passive mode/);
    expect(stdout).toMatch(/1\. The server's passive port is blocked — passive-port-blocked-at-server, \d+%/);
    expect(stdout).toMatch(/✓ checked +\[server, vsftpd\] In \/etc\/vsftpd\.conf: pasv_enable=YES/);
    expect(stdout).toMatch(/\$ nc -vz /);
  });
});
