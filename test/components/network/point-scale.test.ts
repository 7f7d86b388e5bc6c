import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scalePoint } from "d3-scale";
import { pointScale } from "../../../components/network/layout";

describe("pointScale", () => {
  it("places n items exactly where d3's scalePoint does (1000 random ranges)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: 1, max: 2000 }), fc.constantFrom(0, 0.5, 1), (n, a, width, padding) => {
        const d3 = scalePoint<number>().domain(Array.from({ length: n }, (_, i) => i)).range([a, a + width]).padding(padding);
        const ours = pointScale(n, [a, a + width], padding);
        for (let i = 0; i < n; i++) expect(ours(i)).toBeCloseTo(d3(i)!, 9);
      }),
      { numRuns: 1000 },
    );
  });
});
