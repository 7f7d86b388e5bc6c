/**
 * test/real/scenarios/diagnose/ holds what the corpus gives now: every verified fix of every real
 * client log, as a session verify:real runs for real (diagnose-fixes.ts). A change to the
 * diagnosis that changes a fix, or adds one, cannot leave the real-network check behind.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIX_SCENARIOS, fixScenarioFiles } from "./diagnose-fixes";

describe("the fixes verify:real checks for sim diagnose", () => {
  it("are the verified fixes the corpus gives now (regenerate: npx tsx test/real/diagnose-fixes.ts)", { timeout: 120_000 }, () => {
    const want = fixScenarioFiles();
    const have = new Map(readdirSync(FIX_SCENARIOS).filter((f) => f.endsWith(".json")).map((f) => [f, readFileSync(join(FIX_SCENARIOS, f), "utf8")]));
    expect([...have.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [f, text] of want) expect(have.get(f), f).toBe(text);
  });

  it("cover each kind of Linux fix: the server's range and address, the firewall, the NAT router, the client's mode", () => {
    const kinds = new Set(readdirSync(FIX_SCENARIOS).map((f) => f.replace(/\.json$/, "").split("--").pop()));
    for (const k of ["vsftpd", "proftpd", "pure-ftpd", "router", "nf_conntrack_ftp", "curl", "lftp", "ftplib"]) expect(kinds).toContain(k);
  });
});
