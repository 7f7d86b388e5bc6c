/**
 * The four ways FTP writes a data address: PORT and 227 (RFC 959 §4.1.2, h1,h2,h3,h4,p1,p2 with
 * port = p1×256+p2) and EPRT and 229 (RFC 2428 §2-3).
 */
import { describe, expect, it } from "vitest";
import {
  describePortArithmetic,
  formatEprtArgument,
  formatHostPort,
  parse227,
  parse229,
  parseEprtArgument,
  parseHostPort,
} from "@/sim/ftp/hostport";

describe("PORT h1,h2,h3,h4,p1,p2", () => {
  it("reads the address and computes the port as p1*256+p2", () => {
    expect(parseHostPort("10,99,1,2,221,43")).toEqual({ ip: "10.99.1.2", port: 221 * 256 + 43 });
    expect(parseHostPort("10,99,2,2,117,61")).toEqual({ ip: "10.99.2.2", port: 30013 });
  });

  it("handles the extremes of p1 and p2", () => {
    expect(parseHostPort("1,2,3,4,0,1")).toEqual({ ip: "1.2.3.4", port: 1 });
    expect(parseHostPort("1,2,3,4,1,0")).toEqual({ ip: "1.2.3.4", port: 256 });
    expect(parseHostPort("1,2,3,4,255,255")).toEqual({ ip: "1.2.3.4", port: 65535 });
    expect(parseHostPort("255,255,255,255,0,20")).toEqual({ ip: "255.255.255.255", port: 20 });
  });

  it("writes p1 = port div 256 and p2 = port mod 256", () => {
    expect(formatHostPort({ ip: "10.99.1.2", port: 56619 })).toBe("10,99,1,2,221,43");
    expect(formatHostPort({ ip: "10.99.2.2", port: 30013 })).toBe("10,99,2,2,117,61");
    expect(formatHostPort({ ip: "192.168.1.10", port: 256 })).toBe("192,168,1,10,1,0");
    expect(formatHostPort({ ip: "192.168.1.10", port: 255 })).toBe("192,168,1,10,0,255");
    expect(formatHostPort({ ip: "8.8.8.8", port: 65535 })).toBe("8,8,8,8,255,255");
  });

  it("round-trips every port at the byte boundaries", () => {
    for (const port of [1, 20, 21, 255, 256, 257, 1023, 1024, 30000, 32768, 60999, 65280, 65535]) {
      const e = { ip: "203.0.113.5", port };
      expect(parseHostPort(formatHostPort(e))).toEqual(e);
    }
  });

  it("tolerates spaces around the numbers, as servers do", () => {
    expect(parseHostPort(" 10, 99, 1, 2, 221, 43 ")).toEqual({ ip: "10.99.1.2", port: 56619 });
  });

  it.each([
    ["five numbers", "10,99,1,2,221"],
    ["seven numbers", "10,99,1,2,221,43,1"],
    ["a number above 255 in the address", "10,99,1,256,221,43"],
    ["a number above 255 in the port", "10,99,1,2,256,0"],
    ["p2 above 255", "10,99,1,2,0,300"],
    ["a non-digit", "10,99,1,x,221,43"],
    ["a negative number", "10,99,1,2,-1,43"],
    ["an empty field", "10,99,,2,221,43"],
    ["nothing at all", ""],
    ["a dotted address", "10.99.1.2.221.43"],
    ["a decimal point", "10,99,1,2,221.5,43"],
    ["a trailing comma", "10,99,1,2,221,43,"],
  ])("rejects %s", (_what, text) => {
    expect(parseHostPort(text)).toBeNull();
  });
});

describe("227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)", () => {
  it("reads vsftpd's 227 reply", () => {
    expect(parse227("227 Entering Passive Mode (10,99,2,2,117,61).")).toEqual({ ip: "10.99.2.2", port: 30013 });
  });

  it("reads the numbers wherever the server writes them (RFC 959 leaves the text free)", () => {
    expect(parse227("227 Entering Passive Mode 10,99,2,2,117,61")).toEqual({ ip: "10.99.2.2", port: 30013 });
    expect(parse227("227 =10,99,2,2,117,61")).toEqual({ ip: "10.99.2.2", port: 30013 });
    expect(parse227("227 Entering Passive Mode ( 10, 99, 2, 2, 117, 61 )")).toEqual({ ip: "10.99.2.2", port: 30013 });
  });

  it("formats a reply that reads back to the same socket", () => {
    const e = { ip: "203.0.113.5", port: 3009 };
    expect(parse227(`227 Entering Passive Mode (${formatHostPort(e)}).`)).toEqual(e);
  });

  it.each([
    ["too few numbers", "227 Entering Passive Mode (10,99,2,2,117)."],
    ["an octet above 255", "227 Entering Passive Mode (10,99,2,300,117,61)."],
    ["no numbers", "227 Entering Passive Mode."],
    ["an empty reply", ""],
  ])("rejects a 227 with %s", (_what, text) => {
    expect(parse227(text)).toBeNull();
  });
});

describe("EPRT |af|address|port| (RFC 2428 §2)", () => {
  it("reads an IPv4 EPRT argument", () => {
    expect(parseEprtArgument("|1|10.99.1.2|51185|")).toEqual({ ok: true, family: 1, ip: "10.99.1.2", port: 51185 });
  });

  it("accepts any printable delimiter, as RFC 2428 allows", () => {
    expect(parseEprtArgument("!1!10.99.1.2!51185!")).toEqual({ ok: true, family: 1, ip: "10.99.1.2", port: 51185 });
    expect(parseEprtArgument("#1#10.99.1.2#51185#")).toMatchObject({ ok: true, port: 51185 });
  });

  it("writes |1|ip|port|", () => {
    expect(formatEprtArgument({ ip: "10.99.1.2", port: 51185 })).toBe("|1|10.99.1.2|51185|");
    const e = { ip: "198.51.100.7", port: 1024 };
    expect(parseEprtArgument(formatEprtArgument(e))).toMatchObject({ ok: true, ...e });
  });

  it("parses port 0, which vsftpd then refuses as a reserved port, not as bad syntax", () => {
    expect(parseEprtArgument("|1|10.99.1.2|0|")).toEqual({ ok: true, family: 1, ip: "10.99.1.2", port: 0 });
  });

  it("reports IPv6 (protocol 2) as a protocol error, not a syntax error", () => {
    expect(parseEprtArgument("|2|::1|5282|")).toEqual({ ok: false, reason: "protocol" });
    expect(parseEprtArgument("|2|1080::8:800:200C:417A|5282|")).toEqual({ ok: false, reason: "protocol" });
  });

  it("reports an unknown protocol number as a protocol error", () => {
    expect(parseEprtArgument("|3|10.99.1.2|5000|")).toEqual({ ok: false, reason: "protocol" });
    expect(parseEprtArgument("|x|10.99.1.2|5000|")).toEqual({ ok: false, reason: "protocol" });
  });

  it.each([
    ["port 65536", "|1|10.99.1.2|65536|"],
    ["a six-digit port", "|1|10.99.1.2|100000|"],
    ["a non-numeric port", "|1|10.99.1.2|http|"],
    ["an empty port", "|1|10.99.1.2||"],
    ["a bad address", "|1|10.99.1.256|5000|"],
    ["a hostname", "|1|client.example|5000|"],
    ["a missing final delimiter", "|1|10.99.1.2|5000"],
    ["an extra field", "|1|10.99.1.2|5000|7|"],
    ["mixed delimiters", "|1!10.99.1.2|5000|"],
    ["text before the delimiter", "x|1|10.99.1.2|5000|"],
    ["a space as delimiter", " 1 10.99.1.2 5000 "],
    ["nothing at all", ""],
  ])("rejects %s as a syntax error", (_what, text) => {
    expect(parseEprtArgument(text)).toEqual({ ok: false, reason: "syntax" });
  });

  it("accepts the port range's ends", () => {
    expect(parseEprtArgument("|1|10.99.1.2|1|")).toMatchObject({ ok: true, port: 1 });
    expect(parseEprtArgument("|1|10.99.1.2|65535|")).toMatchObject({ ok: true, port: 65535 });
  });
});

describe("229 Entering Extended Passive Mode (|||port|) (RFC 2428 §3)", () => {
  it("reads vsftpd's 229 reply", () => {
    expect(parse229("229 Entering Extended Passive Mode (|||30042|)")).toBe(30042);
  });

  it("accepts any delimiter repeated consistently", () => {
    expect(parse229("229 Entering Extended Passive Mode (!!!30042!)")).toBe(30042);
  });

  it.each([
    ["port 0", "229 Entering Extended Passive Mode (|||0|)"],
    ["port 65536", "229 Entering Extended Passive Mode (|||65536|)"],
    ["two leading delimiters", "229 Entering Extended Passive Mode (||30042|)"],
    ["an address in the reply", "229 Entering Extended Passive Mode (|1|10.99.2.2|30042|)"],
    ["mixed delimiters", "229 Entering Extended Passive Mode (|!|30042|)"],
    ["no parentheses", "229 Entering Extended Passive Mode |||30042|"],
    ["no port", "229 Entering Extended Passive Mode (||||)"],
  ])("rejects a 229 with %s", (_what, text) => {
    expect(parse229(text)).toBeNull();
  });
});

describe("describePortArithmetic", () => {
  it("spells out p1×256+p2 for the lessons", () => {
    expect(describePortArithmetic({ ip: "10.99.2.2", port: 30013 })).toBe("10.99.2.2 port 117×256+61 = 30013");
  });
});
