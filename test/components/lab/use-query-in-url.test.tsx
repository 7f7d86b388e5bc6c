// @vitest-environment jsdom
/**
 * The page's state goes into its address after its frame, and the history entry keeps Next's
 * own state (its router restores the page from it on Back) rather than replacing it.
 */
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useQueryInUrl } from "../../../components/lab/use-query-in-url";

afterEach(cleanup);

function Writer({ query }: { query: string | null }) {
  useQueryInUrl(query);
  return null;
}

describe("useQueryInUrl", () => {
  it("writes the query once the frame is drawn, keeping Next's history state", async () => {
    const nextState = { __NA: true, __PRIVATE_NEXTJS_INTERNALS_TREE: { tree: ["playground"] } };
    window.history.replaceState(nextState, "", "/playground");
    const { rerender } = render(<Writer query="mode=active" />);
    expect(window.location.search).toBe("");
    await waitFor(() => expect(window.location.search).toBe("?mode=active"));
    expect(window.history.state).toEqual(nextState);
    rerender(<Writer query="" />);
    await waitFor(() => expect(window.location.search).toBe(""));
    expect(window.location.pathname).toBe("/playground");
  });

  it("writes no state of its own where Next wrote none, and nothing before the URL was read", async () => {
    window.history.replaceState(null, "", "/playground?cnat=1");
    const { rerender } = render(<Writer query={null} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(window.location.search).toBe("?cnat=1");
    rerender(<Writer query="cnat=1&mode=active" />);
    await waitFor(() => expect(window.location.search).toBe("?cnat=1&mode=active"));
    expect(window.history.state).toBeNull();
  });
});
