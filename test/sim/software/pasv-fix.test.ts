/**
 * A client told to use the 227 address (RFC 959 §4.1.2) may still replace one it judges wrong
 * with the control host, and say so (a profile's PasvFix): lftp when the address and the control
 * host are not both private or both public, FileZilla when the address is private and the
 * control host is not. Without a fix (curl --no-ftp-skip-pasv-ip) it goes wherever 227 says.
 */
import { describe, expect, it } from "vitest";
import { fixesAddress, passiveFixNote, passiveTarget } from "../../../sim/ftp/client-session";
import type { PasvFix } from "../../../sim/software/client-profile";

const LFTP: PasvFix = { when: "private-mismatch", note: "Address returned by PASV seemed to be incorrect and has been fixed" };
const FILEZILLA: PasvFix = { when: "unroutable", note: "Server sent passive reply with unroutable address. Using server address instead." };
const PRIVATE_227 = "227 Entering Passive Mode (10,99,2,20,117,97).";
const PUBLIC_227 = "227 Entering Passive Mode (203,0,113,9,117,97).";

describe("what a client does with the 227 address", () => {
  it("goes wherever 227 says without a fix, or reuses the control host when it ignores it", () => {
    expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", "use", null)).toEqual({ ip: "10.99.2.20", port: 30049 });
    expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", "ignore", null)).toEqual({ ip: "203.0.113.5", port: 30049 });
  });

  it("lftp and FileZilla replace a private address announced over a public control connection, and say so", () => {
    for (const fix of [LFTP, FILEZILLA]) {
      expect(passiveTarget(227, PRIVATE_227, "203.0.113.5", "use", fix)).toEqual({ ip: "203.0.113.5", port: 30049 });
      expect(passiveFixNote(227, PRIVATE_227, "203.0.113.5", { pasvAddress: "use", pasvFix: fix })).toBe(fix.note);
    }
  });

  it("keeps an address of the same kind as the control host's", () => {
    for (const fix of [LFTP, FILEZILLA]) {
      expect(passiveTarget(227, PRIVATE_227, "10.99.2.30", "use", fix)).toEqual({ ip: "10.99.2.20", port: 30049 });
      expect(passiveTarget(227, PUBLIC_227, "203.0.113.5", "use", fix)).toEqual({ ip: "203.0.113.9", port: 30049 });
      expect(passiveFixNote(227, PUBLIC_227, "203.0.113.5", { pasvAddress: "use", pasvFix: fix })).toBeNull();
    }
  });

  it("only lftp fixes a public address announced over a private control connection", () => {
    expect(fixesAddress("203.0.113.9", "10.99.2.20", LFTP)).toBe(true);
    expect(fixesAddress("203.0.113.9", "10.99.2.20", FILEZILLA)).toBe(false);
  });

  it("never connects to 0.0.0.0 when it has a fix", () => {
    expect(fixesAddress("0.0.0.0", "203.0.113.5", FILEZILLA)).toBe(true);
    expect(passiveFixNote(227, PRIVATE_227, "203.0.113.5", { pasvAddress: "ignore", pasvFix: LFTP })).toBeNull();
  });
});
