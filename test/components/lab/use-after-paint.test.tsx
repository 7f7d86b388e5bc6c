// @vitest-environment jsdom
/**
 * The side views' copy of the lab follows the picture's once its frame is drawn: not in the
 * render that changes the picture, then the last value of a run of changes.
 */
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useAfterPaint } from "../../../components/lab/use-after-paint";

afterEach(cleanup);

function Pair({ value }: { value: number }) {
  const later = useAfterPaint(value);
  return (
    <p>
      <span data-testid="now">{value}</span> <span data-testid="later">{later}</span>
    </p>
  );
}

describe("useAfterPaint", () => {
  it("starts with the value, follows a change after the frame, and lands on the last of a run", async () => {
    const { getByTestId, rerender } = render(<Pair value={1} />);
    expect(getByTestId("later").textContent).toBe("1");
    rerender(<Pair value={2} />);
    // The render that shows 2 still has the old copy.
    expect(getByTestId("now").textContent).toBe("2");
    expect(getByTestId("later").textContent).toBe("1");
    await waitFor(() => expect(getByTestId("later").textContent).toBe("2"));
    rerender(<Pair value={3} />);
    rerender(<Pair value={4} />);
    await waitFor(() => expect(getByTestId("later").textContent).toBe("4"));
  });
});
