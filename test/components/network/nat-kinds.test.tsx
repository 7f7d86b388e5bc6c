// @vitest-environment jsdom
/**
 * What stands in front of the server is drawn as what it is (sim/net/nat-kinds.ts): the box says
 * "security group + 1:1 NAT" and what the group allows in, or "Docker host" and what it publishes;
 * the ✕ of a drop there names the missing rule; the sequence diagram titles its lane to match.
 */
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NetworkView } from "../../../components/network/NetworkView";
import { SequenceView } from "../../../components/sequence/SequenceView";
import { withServerSetup, type ServerSetupId, type ServerSetupOptions } from "../../../sim/scenario/setups";
import { toScenario } from "../../../sim/scenario/validate";
import { lab } from "../../harness/lab";

afterEach(cleanup);

/** A passive LIST from the internet to the server in this setup, as a lab. */
const setupLab = (id: ServerSetupId, options: ServerSetupOptions = {}) =>
  lab(withServerSetup(toScenario({ client: { ip: "198.51.100.20", mode: "passive" }, commands: ["LIST"] }), id, { passivePorts: [30000, 30009], ...options }));
const natText = (container: HTMLElement) => container.querySelector('[data-nat-text="server-nat"]')?.textContent ?? "";

describe("the box in front of the server", () => {
  for (const layout of ["wide", "tall"] as const) {
    it(`names a cloud's security group + 1:1 NAT and what it allows in (${layout})`, () => {
      const { container } = render(<NetworkView {...setupLab("cloud-vm").at(0).props} layout={layout} />);
      const text = natText(container);
      expect(text).toMatch(/security group\s*\+ 1:1 NAT/);
      expect(text).toContain("public 203.0.113.5");
      expect(text).toContain("allows 21");
      expect(text).not.toContain("NAT router");
    });

    it(`names a Docker host and the ports it publishes (${layout})`, () => {
      const { container } = render(<NetworkView {...setupLab("docker").at(0).props} layout={layout} />);
      const text = natText(container);
      expect(text).toContain("Docker host");
      expect(text).toMatch(/published \(-p\):\s*21, 30000–30009/);
    });
  }

  it("keeps a home router's words", () => {
    const { container } = render(<NetworkView {...setupLab("home-router").at(0).props} layout="wide" />);
    expect(natText(container)).toBe("NAT routerpublic 203.0.113.5no FTP helperforwards 21, 30000–30009◂ publicprivate ▸");
  });

  it("marks the security group's drop with the rule it lacks, in the note and beside the ✕", () => {
    const failing = setupLab("cloud-vm");
    const { container } = render(<NetworkView {...failing.at({ drop: 1 }).props} layout="wide" />);
    const port = failing.drops()[0]!.packet.dst.port;
    expect(container.querySelector(".nv-drop")?.textContent).toContain(`no inbound rule for tcp/${port}`);
    // The note wraps its lines: compare its words.
    const note = (container.querySelector('[data-note="drop"]')?.textContent ?? "").replace(/\s+/g, "");
    expect(note).toContain("server'ssecuritygroup+1:1NATdroppedtheSYN");
    expect(note).toContain(`theserver'ssecuritygrouphasnoinboundrulefortcp/${port}`);
  });

  it("says a port Docker did not publish beside the ✕", () => {
    const failing = setupLab("docker", { openPassiveRange: false });
    const { container } = render(<NetworkView {...failing.at({ drop: 1 }).props} layout="wide" />);
    expect(container.querySelector(".nv-drop")?.textContent).toContain(`port ${failing.drops()[0]!.packet.dst.port} not published (-p)`);
  });

  it("titles the sequence diagram's lane for it", () => {
    const title = (id: ServerSetupId) => {
      const { container } = render(<SequenceView {...setupLab(id).at(0).props} />);
      const text = container.textContent ?? "";
      cleanup();
      return text;
    };
    expect(title("cloud-vm")).toContain("SG + NAT");
    expect(title("docker")).toContain("Docker");
  });
});
