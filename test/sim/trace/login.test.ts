/**
 * "Login failed" means the server refused the login (530). A connect to port 21 that timed out,
 * was refused or was lost is no login at all: the trace's reading (sim/trace/login.ts), the
 * result's "not attempted" cause and the explanation say which, and why.
 */
import { describe, expect, it } from "vitest";
import { narrate } from "../../../components/explain/narrate";
import { computeGeometry } from "../../../components/sequence/geometry";
import { formatText } from "../../../sim/cli/format";
import { loginOutcome } from "../../../sim/trace/login";
import { lab } from "../../harness/lab";

const cases = {
  timedOut: { client: { firewall: { policy: "drop", rules: [] } }, commands: ["LIST"] },
  refused: { server: { firewall: { policy: "drop", rules: [{ action: "reject", dport: 21 }] } }, commands: ["LIST"] },
  notForwarded: { client: { ip: "198.51.100.20" }, server: { nat: { publicIp: "203.0.113.5", forward: [] } }, commands: ["LIST"] },
  wrongPassword: { client: { login: { name: "demo", password: "wrong" } }, commands: ["LIST"] },
};

function loginNarration(s: object) {
  const h = lab(s);
  return narrate(h.trace, h.timeline, h.timeline.steps.find((st) => st.kind === "login")!.index);
}

describe("a login that never had a control connection", () => {
  it.each([
    ["timedOut", "timed-out", "no control connection (timed out)"],
    ["refused", "refused", "no control connection (refused)"],
    ["notForwarded", "timed-out", "no control connection (timed out)"],
  ] as const)("%s: no-control (%s), and the transfer was not attempted because of it", (name, why, words) => {
    const h = lab(cases[name]);
    expect(h.trace.result.login).toMatchObject({ result: "failed", reply: null });
    expect(loginOutcome(h.trace.events)).toMatchObject({ kind: "no-control", why });
    expect(h.trace.result.transfers[0]!.cause).toBe(`not attempted: ${words}`);
    const n = loginNarration(cases[name]);
    expect(n.title).toBe(words.charAt(0).toUpperCase() + words.slice(1));
    expect(n.text).toContain("no login was even tried");
    expect(`${n.title} ${n.text}`).not.toMatch(/login (failed|was refused)/i);
  });

  it("names what stopped the SYNs: the router without a forward for port 21", () => {
    expect(loginNarration(cases.notForwarded).text).toMatch(/connect to 203\.0\.113\.5:21 got no answer and timed out after 3\.0 s\. The server's NAT router has no mapping or port forward/);
  });
});

describe("a login the server refused", () => {
  it("is a 530, named so, and keeps the contract's words", () => {
    const h = lab(cases.wrongPassword);
    expect(h.trace.result.login).toEqual({ result: "failed", reply: 530 });
    expect(loginOutcome(h.trace.events)).toMatchObject({ kind: "refused", reply: 530, line: "530 Login incorrect." });
    expect(h.trace.result.transfers[0]!.cause).toBe("not attempted: login failed");
    const n = loginNarration(cases.wrongPassword);
    expect(n.title).toBe("Login refused (530)");
    expect(n.text).toBe('The server refused the login with "530 Login incorrect." The control connection works; the user name or password does not.');
  });
});

describe("every view says the same words for the login", () => {
  const noteOfLogin = (s: object) => {
    const h = lab(s);
    const g = computeGeometry(h.trace, h.timeline, 900);
    const row = g.rows.find((r) => r.item?.type === "note" && h.timeline.steps[r.step]!.kind === "login")!;
    return row.item as { text: string; aria: string };
  };

  it("the sequence diagram's note: no control connection is not a failed login", () => {
    const note = noteOfLogin(cases.timedOut);
    expect(note.text).toBe("✕ no control connection (timed out)");
    expect(note.aria).toContain("this is the network, not a password");
    expect(noteOfLogin(cases.wrongPassword).text).toBe("✕ login refused (530)");
  });

  it("the sim command's text: the same words after `login:`", () => {
    expect(formatText("t", lab(cases.refused).trace)).toContain("\nlogin: no control connection (refused)\n");
    expect(formatText("t", lab(cases.wrongPassword).trace)).toContain("\nlogin: login refused (530)\n");
    expect(formatText("t", lab({ commands: ["LIST"] }).trace)).toContain("\nlogin: ok\n");
  });
});
