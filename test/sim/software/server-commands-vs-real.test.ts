/**
 * ProFTPD's and Pure-FTPd's answers to single commands — a login, a wrong password, PORT and
 * EPRT to another host or to port 25 (RFC 2577 §3), SYST, NOOP, MODE, STRU — as the real
 * programs gave them to Python's ftplib (test/real/fixtures/software/<server>/commands.ftplib.txt),
 * against the server session of the lab with each program's profile.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decide, initialServerState, type ServerPolicy, type ServerState } from "../../../sim/ftp/server-session";
import { serverProfile } from "../../../sim/software/profiles";

const PEER = "10.99.1.10";

function policyOf(software: "proftpd" | "pure-ftpd", ip: string): ServerPolicy {
  const p = serverProfile(software);
  return {
    userName: "demo",
    password: "demo",
    tls: false,
    extended: p.defaults.extended,
    allowForeignDataAddress: p.defaults.allowForeignDataAddress,
    connectFromPort20: p.defaults.activeSourcePort === 20,
    replies: p.replies({ ip }),
    anonymousPassword: p.anonymousPassword,
    refuseDataAddress: p.refuseDataAddress,
  };
}

/** "CMD -> reply" lines; a multi-line reply continues on the lines after. */
function exchanges(file: string): { command: string; reply: string }[] {
  const out: { command: string; reply: string }[] = [];
  for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
    const m = / -> (.*)$/.exec(line);
    if (m) out.push({ command: line.slice(0, m.index), reply: m[1]! });
    else if (line.trim() !== "" && out.length > 0) out.at(-1)!.reply += `\r\n${line}`;
  }
  return out;
}

describe.each([
  ["proftpd", "10.99.2.21"],
  ["pure-ftpd", "10.99.2.22"],
] as const)("%s answers single commands as the real program did", (software, ip) => {
  const dir = `test/real/fixtures/software/${software}`;
  const sessions = readdirSync(dir).filter((f) => /^(commands|size-missing)\.ftplib\.txt$/.test(f));
  it("has the recorded exchanges", () => expect(exchanges(`${dir}/commands.ftplib.txt`).length).toBeGreaterThanOrEqual(12));

  it.each(sessions)("%s: every reply, word for word, in order", (file) => {
    const cases = exchanges(`${dir}/${file}`);
    const policy = policyOf(software, ip);
    let state: ServerState = initialServerState({});
    const got: string[] = [];
    for (const { command } of cases) {
      const d = decide(state, command, policy, PEER);
      if (d.kind === "reply") {
        got.push(d.reply.text);
        state = { ...state, ...d.patch };
      } else if (d.kind === "quit") got.push(policy.replies.goodbye.text);
      else got.push(`(${d.kind})`);
    }
    expect(got).toEqual(cases.map((c) => c.reply));
  });
});
