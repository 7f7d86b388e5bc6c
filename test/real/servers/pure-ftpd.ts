/**
 * Pure-FTPd 1.0.50 (Debian 12's, unpacked by extracted.ts) inside the server namespace. It
 * serves anonymous users from the "ftp" account's home, so the case's own root is bind-mounted
 * there in a mount namespace of its own (unshare -m): parallel cases never share files. Options
 * from the scenario: -S address,21, -p the passive range, -P the address written in 227. It
 * refuses foreign data addresses whatever it is told, and connects from port 20.
 *
 * Its protocol log goes to syslog only (-d adds each command). In the same mount namespace /dev is
 * a tmpfs of its own (null, zero, random, urandom bound from the real one) whose /dev/log leads to
 * a datagram socket a small listener writes to pure-ftpd.log: the host's /dev is not touched.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../sim/scenario/schema";
import { run } from "../sh";
import type { Vsftpd } from "../vsftpd";
import { prepareRoot } from "./root";
import { startDaemon } from "./daemon";
import { PURE_FTPD_BIN } from "./extracted";

const q = (v: string) => `'${v.replace(/'/g, "'\\''")}'`;

/** A syslog socket's reader: each datagram, minus its "<pri>" prefix, as a line of the log file. */
const SYSLOG_LISTENER = [
  "import os, re, socket, sys",
  "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
  "s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o666)",
  "f = open(sys.argv[2], 'ab', buffering=0)",
  "while True: f.write(re.sub(rb'^<\\d+>', b'', s.recv(65536)).rstrip(b'\\n') + b'\\n')",
].join("\n");

export async function startPureFtpd(ns: string, dir: string, scenario: Scenario): Promise<Vsftpd> {
  const s = scenario.server;
  const { root, uploadDir } = await prepareRoot(dir, scenario);
  const home = (await run("getent", ["passwd", "ftp"])).stdout.trim().split(":")[5] ?? "/srv/ftp";
  mkdirSync(home, { recursive: true });
  const args = ["-e", "-d", "-S", `${s.ip},21`, "-p", `${s.passivePorts[0]}:${s.passivePorts[1]}`, "-H", ...(s.passiveAddress ? ["-P", s.passiveAddress] : [])];
  const logPath = join(dir, "pure-ftpd.log");
  const sock = join(dir, "log.sock");
  const oldDev = join(dir, "olddev");
  mkdirSync(oldDev, { recursive: true });
  const shell = [
    `python3 -c ${q(SYSLOG_LISTENER)} ${q(sock)} ${q(logPath)} &`,
    `for i in $(seq 100); do [ -S ${q(sock)} ] && break; sleep 0.05; done`,
    `mount --rbind /dev ${q(oldDev)} && mount -t tmpfs tmpfs /dev`,
    `for n in null zero random urandom; do touch /dev/$n && mount --bind ${q(oldDev)}/$n /dev/$n; done`,
    `ln -s ${q(sock)} /dev/log`,
    `mount --bind ${q(root)} ${q(home)} && exec ${q(PURE_FTPD_BIN)} ${args.map(q).join(" ")}`,
  ].join("\n");
  // The listener shares the daemon's process group: stop() ends both. Python's start, up to 5 s of
  // waiting for its socket, the mounts, then pure-ftpd: on a loaded machine (eight cases at once on
  // two cores, a pyenv shim for python3) this overran startDaemon's usual 5 s, so 15 s here.
  const d = await startDaemon(ns, "pure-ftpd", ["unshare", "-m", "sh", "-c", shell], s.ip, 15_000);
  return { pid: d.pid, logPath, uploadDir, stop: d.stop };
}
