/** readPyRepr reads back what the lab's own repr() writer (sim/software/program-log.ts pyRepr) writes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPyRepr } from "../../../../sim/diagnose/formats/python-repr";
import { pyRepr } from "../../../../sim/software/program-log";

describe("readPyRepr", () => {
  it("is pyRepr's inverse, whatever follows the closing quote", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string(), (s, rest) => {
        expect(readPyRepr(pyRepr(s) + rest)).toEqual({ value: s, rest });
      }),
      { numRuns: 200 },
    );
  });

  it("reads the escapes Python writes and pyRepr does not (\\u, \\U)", () => {
    expect(readPyRepr("'caf\\u00e9 \\U0001f600'")).toEqual({ value: "café 😀", rest: "" });
  });

  it("an unfinished repr is null", () => {
    expect(readPyRepr("'227 Entering Passive Mode")).toBeNull();
    expect(readPyRepr("'ends in a backslash\\")).toBeNull();
    expect(readPyRepr("no quote")).toBeNull();
  });
});
