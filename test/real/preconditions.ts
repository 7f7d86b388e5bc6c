/**
 * What a real run needs: Linux, root, and vsftpd, nftables, curl, iproute2, python3 (the advertised
 * address driver and the ftplib client: its standard library only), openssl, and the other client
 * programs of test/real/clients/ (lftp, tnftp, inetutils-ftp). Missing packages are installed with
 * apt-get under a policy-rc.d that forbids starting services, so no vsftpd ever starts on the
 * host; the harness starts its own, inside a namespace.
 */
import { existsSync, renameSync, writeFileSync, chmodSync, unlinkSync } from "node:fs";
import { run } from "./sh";
import { ensureExtractedServers } from "./servers/extracted";

/** Why this machine cannot run the check, or null when it can. */
export function cannotRunHere(): string | null {
  if (process.platform !== "linux") return `needs Linux (network namespaces, nftables); this is ${process.platform}`;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    return "needs root (it creates network namespaces and runs vsftpd); run it as root, e.g. sudo npm run verify:real";
  }
  if (!existsSync("/proc/self/ns/net")) return "this kernel has no network namespaces";
  return null;
}

/** Try to make (and remove) a namespace: a container without CAP_SYS_ADMIN is root but cannot. */
export async function cannotMakeNamespaces(): Promise<string | null> {
  const probe = `ftpr-probe-${process.pid}`;
  const made = await run("ip", ["netns", "add", probe], { allowFail: true });
  if (made.code !== 0) return `cannot create network namespaces here (ip netns add: ${made.stderr.trim() || `exit ${made.code}`})`;
  await run("ip", ["netns", "del", probe], { allowFail: true });
  return null;
}

const NEEDED: Array<[string, string]> = [
  ["/usr/sbin/vsftpd", "vsftpd"],
  ["nft", "nftables"],
  ["curl", "curl"],
  ["ip", "iproute2"],
  ["ss", "iproute2"],
  ["python3", "python3"],
  ["openssl", "openssl"],
  // The other real clients (test/real/clients/); tnftp and inetutils-ftp by their own names, as both provide /usr/bin/ftp.
  ["lftp", "lftp"],
  ["tnftp", "tnftp"],
  ["inetutils-ftp", "inetutils-ftp"],
];

async function have(bin: string): Promise<boolean> {
  if (bin.startsWith("/")) return existsSync(bin);
  return (await run("sh", ["-c", `command -v ${bin}`], { allowFail: true })).code === 0;
}

export async function ensureDeps(log: (line: string) => void): Promise<void> {
  await installMissing(log);
  // ProFTPD and Pure-FTPd conflict with vsftpd as packages: unpacked beside it instead.
  await ensureExtractedServers(log);
}

async function installMissing(log: (line: string) => void): Promise<void> {
  await ensurePackages(NEEDED, log);
}

/**
 * Install the Debian packages of the [program, package] pairs whose program is missing, with no
 * service started (test/real/capture-multi-host.ts needs socat beside vsftpd).
 */
export async function ensurePackages(needed: ReadonlyArray<readonly [string, string]>, log: (line: string) => void): Promise<void> {
  const present = await Promise.all(needed.map(([bin]) => have(bin)));
  const missing = [...new Set(needed.filter((_, i) => !present[i]).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  log(`installing ${missing.join(" ")} (services will not be started)`);
  const policy = "/usr/sbin/policy-rc.d";
  const backup = `${policy}.ftpr-backup`;
  const hadPolicy = existsSync(policy);
  if (hadPolicy) renameSync(policy, backup);
  try {
    writeFileSync(policy, "#!/bin/sh\n# written by test/real: start no services during install\nexit 101\n");
    chmodSync(policy, 0o755);
    process.env.DEBIAN_FRONTEND = "noninteractive"; // inherited by apt-get
    const install = () => run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { allowFail: true, timeoutMs: 600_000 });
    let r = await install();
    if (r.code !== 0) {
      await run("apt-get", ["update"], { allowFail: true, timeoutMs: 600_000 });
      r = await install();
    }
    if (r.code !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  } finally {
    unlinkSync(policy);
    if (hadPolicy) renameSync(backup, policy);
  }
  // The package may have started vsftpd despite us on systems without policy-rc.d support: say so, do not touch it.
  const pids = (await run("pgrep", ["-x", "vsftpd"], { allowFail: true })).stdout.trim();
  if (pids) log(`note: a vsftpd not started by us is running on the host (pids ${pids.split("\n").join(" ")}); left alone`);
}
