/**
 * Pure-FTPd 1.0.50 (Debian 12's, unpacked by extracted.ts) inside the server namespace. It
 * serves anonymous users from the "ftp" account's home, so the case's own root is bind-mounted
 * there in a mount namespace of its own (unshare -m): parallel cases never share files. Options
 * from the scenario: -S address,21, -p the passive range, -P the address written in 227. It
 * refuses foreign data addresses whatever it is told, and connects from port 20.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../sim/scenario/schema";
import { run } from "../sh";
import type { Vsftpd } from "../vsftpd";
import { prepareRoot } from "./root";
import { startDaemon } from "./daemon";
import { PURE_FTPD_BIN } from "./extracted";

export async function startPureFtpd(ns: string, dir: string, scenario: Scenario): Promise<Vsftpd> {
  const s = scenario.server;
  const { root, uploadDir } = await prepareRoot(dir, scenario);
  const home = (await run("getent", ["passwd", "ftp"])).stdout.trim().split(":")[5] ?? "/srv/ftp";
  mkdirSync(home, { recursive: true });
  const args = ["-e", "-S", `${s.ip},21`, "-p", `${s.passivePorts[0]}:${s.passivePorts[1]}`, "-H", ...(s.passiveAddress ? ["-P", s.passiveAddress] : [])];
  const shell = `mount --bind '${root}' '${home}' && exec '${PURE_FTPD_BIN}' ${args.map((a) => `'${a}'`).join(" ")}`;
  const d = await startDaemon(ns, "pure-ftpd", ["unshare", "-m", "sh", "-c", shell], s.ip);
  return { pid: d.pid, logPath: join(dir, "no-log"), uploadDir, stop: d.stop };
}
