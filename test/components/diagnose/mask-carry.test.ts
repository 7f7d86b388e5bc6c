/**
 * What the diagnose page shows of a log and puts in a link: passwords masked on screen, the
 * rebuilt session (never the log) in the share link's fragment, the playground's knobs read
 * from the session with what they cannot say listed.
 */
import { describe, expect, it } from "vitest";
import { maskSecrets } from "../../../components/diagnose/mask";
import { playgroundLink, readShareFragment, shareFragment } from "../../../components/diagnose/carry";
import { toScenario } from "../../../sim/scenario/validate";
import type { ScenarioInput } from "../../../sim/scenario/schema";

describe("passwords are masked on screen", () => {
  it.each([
    ["Command:\tPASS hunter2", "Command:\tPASS ****"],
    ["---> PASS m3dia-pass", "---> PASS ****"],
    ["*cmd* 'PASS s3cret'", "*cmd* 'PASS ****'"],
    ['Tue Mar  3 14:02:11 2026 [pid 1] FTP command: Client "198.51.100.7", "PASS topsecret"', 'Tue Mar  3 14:02:11 2026 [pid 1] FTP command: Client "198.51.100.7", "PASS ****"'],
    ["$ curl -v -u alice:s3cr3t ftp://10.99.2.2/pub/", "$ curl -v -u alice:**** ftp://10.99.2.2/pub/"],
    ["curl --user bob:pa55 ftp://host/", "curl --user bob:**** ftp://host/"],
    ["curl -v ftp://carol:letmein@203.0.113.5/", "curl -v ftp://carol:****@203.0.113.5/"],
  ])("%s", (line, shown) => {
    expect(maskSecrets(line)).toBe(shown);
  });

  it("leaves a masked password and ordinary lines as they are", () => {
    expect(maskSecrets("Befehl: PASS *****")).toBe("Befehl: PASS *****");
    expect(maskSecrets("Response:\t331 Please specify the password.")).toBe("Response:\t331 Please specify the password.");
    expect(maskSecrets("< 227 Entering Passive Mode (10,99,2,20,117,75).")).toBe("< 227 Entering Passive Mode (10,99,2,20,117,75).");
  });
});

describe("the share link carries the session, not the log", () => {
  const session: ScenarioInput = { title: "Rebuilt from the log", client: { software: "curl", mode: "active" }, server: { firewall: "control-only" }, commands: ["LIST"] };
  const fix: ScenarioInput = { ...session, client: { software: "curl", mode: "passive" } };

  it("round-trips the session, the fix and the cause", () => {
    const frag = shareFragment({ session, fix, cause: "active-blocked-at-client" });
    const back = readShareFragment(`#${frag}`);
    expect(back.notice).toBeNull();
    expect(back.shared).toEqual({ session, fix, cause: "active-blocked-at-client" });
  });

  it("no session: nothing shared, no notice; a cut-short one: a notice", () => {
    expect(readShareFragment("")).toEqual({ shared: null, notice: null });
    expect(readShareFragment("#step=3")).toEqual({ shared: null, notice: null });
    const cut = readShareFragment(`#${shareFragment({ session, fix: null, cause: null }).slice(0, 30)}`);
    expect(cut.shared).toBeNull();
    expect(cut.notice).toMatch(/could not be read/);
  });

  it("an unknown cause id is dropped, hostile text never parsed as markup", () => {
    const p = new URLSearchParams(shareFragment({ session, fix: null, cause: null }));
    p.set("cause", "<img src=x onerror=alert(1)>");
    expect(readShareFragment(p.toString()).shared?.cause).toBeNull();
    expect(readShareFragment("#session=%%%").shared).toBeNull();
  });
});

describe("open in the playground", () => {
  it("reads every knob it can from the session and lists what it cannot", () => {
    const s = toScenario({
      client: { software: "lftp", mode: "active", firewall: "stateful" },
      server: { software: "proftpd", firewall: { policy: "reject", rules: [{ action: "accept", dport: 21 }], ftpHelper: false } },
      commands: ["LIST"],
    });
    const { href, lost } = playgroundLink(s);
    const q = new URLSearchParams(href.split("?")[1]);
    expect(href.startsWith("/playground?")).toBe(true);
    expect(q.get("cli")).toBe("lftp");
    expect(q.get("srv")).toBe("proftpd");
    expect(q.get("mode")).toBe("active");
    expect(q.get("cfw")).toBe("stateful");
    expect(q.get("cmd")).toBe("LIST");
    expect(lost).toEqual(["Server firewall"]);
  });
});
