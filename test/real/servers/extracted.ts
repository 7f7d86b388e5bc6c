/**
 * ProFTPD and Pure-FTPd beside vsftpd. Debian's FTP servers conflict with one another (each
 * provides ftp-server), so they are not installed: their packages are downloaded and unpacked
 * into a cache of ours (dpkg-deb -x), and the few libraries ProFTPD links are installed. Nothing
 * is registered with dpkg and no service exists to start.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { run } from "../sh";

export const SERVERS_ROOT = "/var/cache/ftp-modes-lab/servers";
export const PROFTPD_BIN = join(SERVERS_ROOT, "root/usr/sbin/proftpd");
export const PURE_FTPD_BIN = join(SERVERS_ROOT, "root/usr/sbin/pure-ftpd");

const PACKAGES = ["proftpd-core", "pure-ftpd"];
/** What proftpd-core links beyond a base system (ldd on Debian 12). */
const LIBRARIES = ["libhiredis0.14", "libmemcached11", "libmemcachedutil2", "libpcre2-posix3"];

async function apt(args: string[], cwd?: string): Promise<void> {
  const go = () => run("apt-get", args, { allowFail: true, timeoutMs: 600_000, cwd });
  let r = await go();
  if (r.code !== 0) {
    await run("apt-get", ["update"], { allowFail: true, timeoutMs: 600_000 });
    r = await go();
  }
  if (r.code !== 0) throw new Error(`apt-get ${args.join(" ")} failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
}

export async function ensureExtractedServers(log: (line: string) => void): Promise<void> {
  if (existsSync(PROFTPD_BIN) && existsSync(PURE_FTPD_BIN)) return;
  log(`unpacking ${PACKAGES.join(" ")} into ${SERVERS_ROOT} (not installed: they conflict with vsftpd)`);
  mkdirSync(SERVERS_ROOT, { recursive: true });
  process.env.DEBIAN_FRONTEND = "noninteractive";
  await apt(["install", "-y", "--no-install-recommends", ...LIBRARIES]);
  await apt(["download", ...PACKAGES], SERVERS_ROOT);
  for (const deb of readdirSync(SERVERS_ROOT).filter((f) => f.endsWith(".deb"))) {
    await run("dpkg-deb", ["-x", join(SERVERS_ROOT, deb), join(SERVERS_ROOT, "root")]);
  }
  if (!existsSync(PROFTPD_BIN) || !existsSync(PURE_FTPD_BIN)) throw new Error(`unpacking ${PACKAGES.join(" ")} left no binaries in ${SERVERS_ROOT}`);
}
