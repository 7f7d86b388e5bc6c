// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { linkTerms } from "../../../components/glossary/linkTerms";

describe("glossary terms in running text", () => {
  it("turns the first mention of each term into a focusable term with its definition", () => {
    render(<p>{linkTerms("Passive mode: the client opens the data connection; the data connection carries bytes. Conntrack marks it RELATED.")}</p>);
    const terms = screen.getAllByRole("button");
    expect(terms.map((t) => t.textContent)).toEqual(["Passive mode", "data connection", "RELATED"]);
    expect(screen.getAllByRole("tooltip")[1]!.textContent).toMatch(/A separate TCP connection for each listing/);
    expect(document.body.textContent).toContain("the data connection carries bytes");
  });

  it("leaves text without terms alone", () => {
    expect(linkTerms("SYN-ACK from 10.99.2.20:21.")).toEqual(["SYN-ACK from 10.99.2.20:21."]);
  });
});
