/**
 * What the sim command will read (issue 16): a regular file of bounded size, with or without a
 * UTF-8 byte-order mark; anything else is refused with exit 2 and one line saying why, and JSON
 * that does not parse is placed by line and column. The device and FIFO cases run the command
 * as a child process with a timeout, so a command that hangs or reads forever fails the test
 * instead of hanging it.
 */
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../sim/cli/main";
import { MAX_SCENARIO_BYTES } from "../../../sim/cli/scenario-file";

const dir = mkdtempSync(join(tmpdir(), "sim-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** The command as a user runs it, killed after 20 s. */
function simCommand(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join("node_modules", ".bin", "tsx"), ["sim/cli/main.ts", ...args], { encoding: "utf8", timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("what the sim command reads", () => {
  it("refuses a FIFO at once instead of waiting for a writer", () => {
    const fifo = join(dir, "scenario.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(simCommand(fifo)).toEqual({ status: 2, stdout: "", stderr: `${fifo} is not a regular file\n` });
  });

  it("refuses a device instead of reading it forever", () => {
    expect(simCommand("/dev/zero")).toEqual({ status: 2, stdout: "", stderr: "/dev/zero is not a regular file\n" });
  });

  it("refuses a directory", () => {
    expect(main([dir])).toEqual({ code: 2, stdout: "", stderr: `${dir} is not a regular file\n` });
  });

  it("refuses a file above the cap, saying how big it is and what the cap is", () => {
    const big = file("big.json", Buffer.alloc(MAX_SCENARIO_BYTES + 1024 * 1024, 0x20));
    expect(main([big])).toEqual({ code: 2, stdout: "", stderr: `${big} is 17 MiB; a scenario file may be at most 16 MiB\n` });
  });

  it("reads a file just under the cap", () => {
    const json = JSON.stringify({ files: { "a.txt": "x".repeat(60_000) } });
    const near = file("near.json", json + " ".repeat(MAX_SCENARIO_BYTES - json.length));
    expect(main([near]).code).toBe(0);
  });

  it("accepts a UTF-8 byte-order mark", () => {
    const bom = file("bom.json", `\uFEFF${JSON.stringify({ commands: ["NLST"] })}\n`);
    const out = main(["--json", bom]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).transfers[0].command).toBe("NLST");
  });

  it.each([
    ['{\n  "client": {\n    "mode": "active",\n  }\n}\n', 4, 3], // no position in some engines' words
    ['{\n  "client": { "mode": "active" }\n  "commands": []\n}\n', 3, 3],
    ['{\n  "tls": tru\n}\n', 2, 13],
    ['\uFEFF{\n  "tls": true,\n', 3, 1],
    ['{ "commands": ["LIST"] }\n}', 2, 1],
  ])("places invalid JSON by line and column: %j", (text, line, column) => {
    const bad = file("bad.json", text);
    const out = main([bad]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(new RegExp(`^${bad.replace(/[.]/g, "\\.")}: not valid JSON at line ${line}, column ${column} \\([^\\n]+\\)\\n$`));
    expect(out.stderr).not.toMatch(/position/);
  });
});
