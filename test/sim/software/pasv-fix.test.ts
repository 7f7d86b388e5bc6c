/**
 * A client told to use the 227 address (RFC 959 §4.1.2) may still replace one it judges wrong
 * with the control host, and say so (a profile's PasvFix): lftp when the address and the control
 * host are not both private or both public, FileZilla and WinSCP when the address is unroutable
 * and the control host is not. tnftp and inetutils ftp refuse an address other than the control
 * peer's (a PasvMismatch). Without either (curl --no-ftp-skip-pasv-ip) it goes wherever 227 says.
 */
import { describe, expect, it } from "vitest";
import { fixesAddress, passiveFixNote, passiveTarget, refusesPassiveAddress } from "../../../sim/ftp/client-session";
import { clientProfile } from "../../../sim/software/profiles";

const PRIVATE_227 = "227 Entering Passive Mode (10,99,2,20,117,97).";
const PUBLIC_227 = "227 Entering Passive Mode (203,0,113,9,117,97).";
const ZERO_227 = "227 Entering Passive Mode (0,0,0,0,117,97).";
const plan = (software: Parameters<typeof clientProfile>[0], pasvAddress: "use" | "ignore" = "use") => ({ pasvAddress, program: clientProfile(software) });

describe("what a client does with the 227 address", () => {
  it("goes wherever 227 says without a fix, or reuses the control host when it ignores it", () => {
    expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", plan("curl", "ignore"))).toEqual({ ip: "203.0.113.5", port: 30049 });
    expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", plan("curl", "use"))).toEqual({ ip: "10.99.2.20", port: 30049 });
    expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", plan("ftplib", "ignore"))).toEqual({ ip: "203.0.113.5", port: 30049 });
  });

  it("lftp, FileZilla and WinSCP replace a private address announced over a public control connection, each in its own words", () => {
    expect(passiveFixNote(227, PRIVATE_227, "203.0.113.5", plan("lftp"))).toBe("Address returned by PASV seemed to be incorrect and has been fixed");
    expect(passiveFixNote(227, PRIVATE_227, "203.0.113.5", plan("filezilla"))).toBe("Server sent passive reply with unroutable address. Using server address instead.");
    expect(passiveFixNote(227, PRIVATE_227, "203.0.113.5", plan("winscp"))).toBe("Server sent passive reply with unroutable address 10.99.2.20, using host address instead.");
    for (const p of ["lftp", "filezilla", "winscp"] as const) expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", plan(p))).toEqual({ ip: "203.0.113.5", port: 30049 });
  });

  it("keeps an address of the same kind as the control host's", () => {
    for (const p of ["lftp", "filezilla", "winscp"] as const) {
      expect(passiveTarget(227, PRIVATE_227, "10.99.2.30", plan(p))).toEqual({ ip: "10.99.2.20", port: 30049 });
      expect(passiveTarget(227, PUBLIC_227, "203.0.113.5", plan(p))).toEqual({ ip: "203.0.113.9", port: 30049 });
      expect(passiveFixNote(227, PUBLIC_227, "203.0.113.5", plan(p))).toBeNull();
    }
  });

  it("only lftp fixes a public address announced over a private control connection", () => {
    expect(fixesAddress("203.0.113.9", "10.99.2.20", clientProfile("lftp").pasvFix)).toBe(true);
    expect(fixesAddress("203.0.113.9", "10.99.2.20", clientProfile("filezilla").pasvFix)).toBe(false);
  });

  it("FileZilla counts 0.0.0.0 as routable and dials it; WinSCP and lftp replace it", () => {
    expect(passiveTarget(227, ZERO_227, "203.0.113.5", plan("filezilla"))).toEqual({ ip: "0.0.0.0", port: 30049 });
    expect(passiveTarget(227, ZERO_227, "203.0.113.5", plan("winscp"))).toEqual({ ip: "203.0.113.5", port: 30049 });
    expect(passiveTarget(227, ZERO_227, "203.0.113.5", plan("lftp"))).toEqual({ ip: "203.0.113.5", port: 30049 });
  });

  it("CGNAT's 100.64/10 is private to lftp, routable to FileZilla", () => {
    expect(fixesAddress("100.64.1.2", "203.0.113.5", clientProfile("lftp").pasvFix)).toBe(true);
    expect(fixesAddress("100.64.1.2", "203.0.113.5", clientProfile("filezilla").pasvFix)).toBe(false);
  });

  it("tnftp and inetutils ftp refuse any address but the control peer's, private or public", () => {
    for (const p of ["bsd-ftp", "inetutils-ftp"] as const) {
      expect(refusesPassiveAddress(227, PRIVATE_227, "203.0.113.5", plan(p))).toBe(true);
      expect(refusesPassiveAddress(227, PUBLIC_227, "203.0.113.5", plan(p))).toBe(true);
      expect(refusesPassiveAddress(227, PUBLIC_227, "203.0.113.9", plan(p))).toBe(false);
      expect(refusesPassiveAddress(227, PRIVATE_227, "203.0.113.5", plan(p, "ignore"))).toBe(false);
    }
    expect(refusesPassiveAddress(227, PRIVATE_227, "203.0.113.5", plan("lftp"))).toBe(false);
  });
});
