/** Choosing the network view's orientation and width (components/network/layout.ts). */
import { describe, expect, it } from "vitest";
import { chooseOrientation, layoutWidthFor, TALL_BELOW } from "../../../components/network/layout";

describe("chooseOrientation", () => {
  it("takes the orientation asked for", () => {
    expect(chooseOrientation("tall", 1200)).toBe("tall");
    expect(chooseOrientation("wide", 300)).toBe("wide");
  });

  it("otherwise stacks client above server below TALL_BELOW, and is wide until measured", () => {
    expect(chooseOrientation("auto", null)).toBe("wide");
    expect(chooseOrientation(undefined, null)).toBe("wide");
    expect(chooseOrientation("auto", TALL_BELOW - 20)).toBe("tall");
    expect(chooseOrientation(undefined, TALL_BELOW)).toBe("wide");
  });
});

describe("layoutWidthFor", () => {
  it("uses the measured width, or a default per orientation", () => {
    expect(layoutWidthFor("wide", 860)).toBe(860);
    expect(layoutWidthFor("wide", null)).toBe(1100);
    expect(layoutWidthFor("tall", null)).toBe(390);
  });
});
