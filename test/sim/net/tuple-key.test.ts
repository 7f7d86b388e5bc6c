import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TupleKeys } from "../../../sim/net/tuple-key";

const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const endpoint = fc.record({ ip, port: fc.integer({ min: 0, max: 65535 }) });

describe("tuple keys", () => {
  it("give two socket pairs the same number only when they are the same pair, in either order of first sight", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(endpoint, endpoint), { minLength: 1, maxLength: 40 }), (pairs) => {
        const keys = new TupleKeys();
        const seen = new Map<number, string>();
        for (const [src, dst] of pairs) {
          const text = `${src.ip}:${src.port}>${dst.ip}:${dst.port}`;
          const k = keys.key(src, dst);
          expect(Number.isSafeInteger(k)).toBe(true);
          expect(seen.get(k) ?? text).toBe(text);
          seen.set(k, text);
        }
      }),
    );
  });

  it("tells a pair from its reverse", () => {
    const keys = new TupleKeys();
    const a = { ip: "10.0.0.1", port: 21 };
    const b = { ip: "10.0.0.2", port: 40000 };
    expect(keys.key(a, b)).not.toBe(keys.key(b, a));
  });

  it("refuses more addresses than it can number", () => {
    const keys = new TupleKeys();
    for (let i = 0; i < 1023; i++) keys.key({ ip: `10.0.${i >> 8}.${i & 255}`, port: 1 }, { ip: "10.9.9.9", port: 2 });
    expect(() => keys.key({ ip: "10.8.8.8", port: 1 }, { ip: "10.9.9.9", port: 2 })).toThrow(/more than 1024 addresses/);
  });
});
