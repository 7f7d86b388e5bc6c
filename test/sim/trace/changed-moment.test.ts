/**
 * The `changed` moment: the first step of a transfer where one trace stops doing what another
 * did (step-signature.ts). What a try-it lands on when the step's own event is gone.
 */
import { describe, expect, it } from "vitest";
import { findMoment } from "../../../sim/trace/moments";
import { transferSignatures } from "../../../sim/trace/step-signature";
import { lab } from "../../harness/lab";

const open = lab({ client: { mode: "active" }, commands: ["LIST"] });
const walled = lab({ client: { mode: "active", firewall: "stateful" }, commands: ["LIST"] });
const passive = lab({ client: { mode: "passive" }, commands: ["LIST"] });
const from = transferSignatures(open.trace.events, open.timeline, 0);

describe("the first step where a setup's transfer differs", () => {
  it("a stateful client firewall: the server's SYN, now dropped", () => {
    const at = findMoment(walled.trace, walled.timeline, { changed: 0, from })!;
    expect(at).toBe(walled.stepOf({ syn: "data" }));
    expect(walled.at(at).journey && walled.trace.events[walled.at(at).journey!.fate!]!.type).toBe("drop");
  });

  it("passive mode: PASV where active mode sent PORT (its listener before it)", () => {
    const at = findMoment(passive.trace, passive.timeline, { changed: 0, from })!;
    expect(at).toBe(passive.stepOf({ command: "PASV" }));
  });

  it("the same setup: nothing differs", () => {
    expect(findMoment(open.trace, open.timeline, { changed: 0, from })).toBeNull();
  });

  it("ignores ephemeral ports: another seed, the same steps", () => {
    const reseeded = lab({ client: { mode: "active" }, commands: ["LIST"], seed: 7 });
    expect(transferSignatures(reseeded.trace.events, reseeded.timeline, 0)).toEqual(from);
  });
});
