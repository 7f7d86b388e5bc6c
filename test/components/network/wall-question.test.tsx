// @vitest-environment jsdom
/**
 * A firewall's wall while a lesson's question is open (issue 11): "where does the data connection
 * die?" must not be answered by the wall's policy name or a verdict; other questions leave the
 * policy on, since it is part of the setup the learner reasons from. The sequence diagram's
 * firewall lane follows the same rule.
 */
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NetworkView } from "../../../components/network/NetworkView";
import { OpenQuestionContext } from "../../../components/open-question";
import { SequenceView } from "../../../components/sequence/SequenceView";
import type { OpenQuestion } from "../../../components/view-types";
import { lab } from "../../harness/lab";
// NetworkView imports its packet motion lazily: loaded here, that import resolves before the test environment is torn down.
import "../../../components/network/packet-motion";

afterEach(cleanup);

// Passive mode, a server firewall that opens port 21 only (the read-the-log lesson's FileZilla case, with curl).
const ticket2 = lab({ client: { mode: "passive" }, server: { passivePorts: [30000, 30049], firewall: "control-only" }, commands: ["LIST"] });
const WHERE: OpenQuestion = { fact: "droppedBy", transfer: 0 };
const WHO: OpenQuestion = { fact: "initiator", transfer: 0 };

const wallOf = (question: OpenQuestion | null, where: Parameters<typeof ticket2.at>[0]) => {
  const { container } = render(
    <OpenQuestionContext.Provider value={question}>
      <NetworkView {...ticket2.at(where).props} />
    </OpenQuestionContext.Provider>,
  );
  return container.querySelector('[data-wall="server"]')!;
};

describe("a wall while a question is open", () => {
  it("asked where the connection dies: names the firewall, not its policy, rules or verdicts", () => {
    const wall = wallOf(WHERE, { reply: 227 });
    expect(wall.textContent).toContain("server firewall");
    expect(wall.textContent).not.toContain("control-only");
    expect(wall.querySelector("title")!.textContent).not.toMatch(/dport 21|policy drop/);
    // Even after a drop (a question asked late), no count.
    expect(wallOf(WHERE, { drop: 1 }).textContent).not.toMatch(/dropped|control-only/);
  });

  it("asked something else, or nothing: the policy is part of the setup", () => {
    expect(wallOf(WHO, { reply: 227 }).textContent).toContain("control-only");
    expect(wallOf(null, { reply: 227 }).textContent).toContain("control-only");
    expect(wallOf(WHO, { drop: 1 }).textContent).not.toMatch(/dropped/);
    expect(wallOf(null, { transferEnd: 0 }).textContent).toMatch(/dropped/);
  });

  it("the sequence diagram's firewall lane hides its policy for the same question", () => {
    const lane = (question: OpenQuestion | null) =>
      render(<SequenceView {...ticket2.at({ reply: 227 }, { question }).props} />).container.querySelector('[data-lane="server-fw"]')!.textContent;
    expect(lane(WHERE)).not.toMatch(/control.only/);
    expect(lane(WHO)).toMatch(/control.only/);
    expect(lane(null)).toMatch(/control.only/);
  });
});
