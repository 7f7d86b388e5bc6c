/**
 * ProFTPD 1.3.8 (Debian 12's proftpd-core, unpacked by extracted.ts) inside the server namespace,
 * configured from the scenario's server fields the way vsftpd.ts configures vsftpd: anonymous
 * login into a root of the case's own with the scenario's files, uploads to root/upload, the
 * passive range (PassivePorts), the address written in 227 (MasqueradeAddress), foreign data
 * addresses (AllowForeignAddress). Active connections leave from an ephemeral port (the anonymous
 * session gives up root), or from port 20 when the scenario asks (RootRevoke off). No TLS:
 * Debian ships mod_tls in another package (proftpd-mod-crypto), so TLS cases are skipped.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../sim/scenario/schema";
import type { Vsftpd } from "../vsftpd";
import { prepareRoot } from "./root";
import { startDaemon } from "./daemon";
import { PROFTPD_BIN } from "./extracted";

export async function startProftpd(ns: string, dir: string, scenario: Scenario): Promise<Vsftpd> {
  const s = scenario.server;
  const { root, uploadDir } = await prepareRoot(dir, scenario);
  const logPath = join(dir, "proftpd.log");
  const conf = [
    "ServerType standalone",
    "Port 21",
    `DefaultAddress ${s.ip}`,
    "SocketBindTight on",
    "UseIPv6 off",
    "User nobody",
    "Group nogroup",
    `ScoreboardFile ${join(dir, "scoreboard")}`,
    `PidFile ${join(dir, "proftpd.pid")}`,
    "WtmpLog off",
    "UseReverseDNS off",
    "DelayEngine off",
    "AllowOverwrite on",
    `PassivePorts ${s.passivePorts[0]} ${s.passivePorts[1]}`,
    // Its nearest to an accept timeout: a passive wait nobody answers ends with "421 No transfer
    // timeout (N seconds): closing control connection" (measured). No option times the active connect.
    `TimeoutNoTransfer ${Math.max(1, Math.ceil(s.acceptTimeoutMs / 1000))}`,
    ...(s.passiveAddress ? [`MasqueradeAddress ${s.passiveAddress}`] : []),
    // Written out either way: with no AllowForeignAddress at all, ProFTPD 1.3.8 refuses a foreign
    // PORT but accepts a passive data connection from any address (measured).
    `AllowForeignAddress ${s.allowForeignDataAddress ? "on" : "off"}`,
    // An anonymous session gives up root (RootRevoke's default) and connects from an ephemeral
    // port; with RootRevoke off it keeps the privilege to bind port 20 (measured).
    ...(s.activeSourcePort === 20 ? ["RootRevoke off"] : []),
    `ExtendedLog ${logPath} ALL`,
    `<Anonymous ${root}>`,
    "  User ftp",
    "  Group ftp",
    "  UserAlias anonymous ftp",
    "  RequireValidShell off",
    "  <Directory upload>",
    "    <Limit STOR>",
    "      AllowAll",
    "    </Limit>",
    "  </Directory>",
    "</Anonymous>",
    "",
  ];
  const confPath = join(dir, "proftpd.conf");
  writeFileSync(confPath, conf.join("\n"), { mode: 0o600 });
  const d = await startDaemon(ns, "proftpd", [PROFTPD_BIN, "-n", "-q", "-c", confPath], s.ip);
  return { pid: d.pid, logPath, uploadDir, stop: d.stop };
}
