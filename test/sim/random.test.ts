import { describe, expect, it } from "vitest";
import { createRandom } from "@/sim/random";

const draw = (seed: number, n: number): number[] => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

describe("createRandom (seeded, never Math.random)", () => {
  it("gives the same sequence for the same seed", () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it("gives different sequences for different seeds", () => {
    expect(draw(1, 20)).not.toEqual(draw(2, 20));
    expect(draw(0, 20)).not.toEqual(draw(1, 20));
  });

  it("does not consult Math.random", () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error("Math.random used");
    };
    try {
      expect(() => draw(3, 10)).not.toThrow();
    } finally {
      Math.random = original;
    }
  });

  it("keeps next() in [0, 1)", () => {
    const xs = draw(9, 10_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it("keeps int(low, high) within both bounds, inclusive, and reaches both ends", () => {
    const r = createRandom(5);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(r.int(30000, 30009));
    expect([...seen].sort()).toEqual([...Array(10).keys()].map((i) => 30000 + i));
  });

  it("returns the only value of a one-value range", () => {
    const r = createRandom(11);
    for (let i = 0; i < 100; i++) expect(r.int(20, 20)).toBe(20);
  });

  it("covers the whole 32-bit range used for initial sequence numbers", () => {
    const r = createRandom(13);
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < 2000; i++) {
      const n = r.int(0, 0xffffffff);
      expect(Number.isInteger(n) && n >= 0 && n <= 0xffffffff, String(n)).toBe(true);
      max = Math.max(max, n);
      min = Math.min(min, n);
    }
    expect(max).toBeGreaterThan(0xf0000000);
    expect(min).toBeLessThan(0x10000000);
  });

  it("spreads int() roughly evenly (no value of ten gets more than twice its share)", () => {
    const r = createRandom(17);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[r.int(0, 9)]!++;
    for (const c of counts) {
      expect(c).toBeGreaterThan(500);
      expect(c).toBeLessThan(2000);
    }
  });

  it("interleaves next() and int() deterministically", () => {
    const a = createRandom(99);
    const b = createRandom(99);
    const seqA = [a.next(), a.int(1, 6), a.next(), a.int(1000, 2000)];
    const seqB = [b.next(), b.int(1, 6), b.next(), b.int(1000, 2000)];
    expect(seqA).toEqual(seqB);
  });
});
