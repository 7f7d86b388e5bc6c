/**
 * vsftpd inside the server namespace, configured from the scenario's server fields as in
 * shared/reference/README.md. Files go to anon_root, uploads to anon_root/upload. Runs in the
 * foreground (background=NO) in its own process group, so stop() kills exactly what we started.
 */
import { chmodSync, chownSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../sim/scenario/schema";
import { run } from "./sh";
import { startDaemon } from "./servers/daemon";

export interface Vsftpd {
  pid: number;
  logPath: string;
  uploadDir: string;
  stop(): void;
}

export async function ftpIds(): Promise<{ uid: number; gid: number }> {
  const line = (await run("getent", ["passwd", "ftp"], { allowFail: true })).stdout.trim();
  if (!line) throw new Error('no "ftp" user: is vsftpd installed?');
  const f = line.split(":");
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

/** A certificate made on the spot for FTPS (RFC 4217), shared by the cases of one run. */
export interface Certificate {
  cert: string;
  key: string;
}

export async function makeCertificate(dir: string): Promise<Certificate> {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=ftp-lab-real-check", "-keyout", key, "-out", cert]);
  chmodSync(key, 0o600);
  return { cert, key };
}

/**
 * vsftpd's directories under `dir`: root/ (anon_root) holding `files`, root/upload/ writable by
 * the ftp user, and empty/ (secure_chroot_dir).
 */
export async function writeAnonRoot(dir: string, files: Readonly<Record<string, string | Buffer>>): Promise<{ root: string; uploadDir: string }> {
  const root = join(dir, "root");
  const uploadDir = join(root, "upload");
  for (const d of [dir, root, join(dir, "empty")]) {
    mkdirSync(d, { recursive: true });
    chmodSync(d, 0o755); // vsftpd refuses a writable anon_root; the ftp user must traverse
  }
  mkdirSync(uploadDir, { recursive: true });
  const { uid, gid } = await ftpIds();
  chownSync(uploadDir, uid, gid);
  chmodSync(uploadDir, 0o755);
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(root, name), bytes);
    chmodSync(join(root, name), 0o644);
  }
  return { root, uploadDir };
}

async function writeConfig(dir: string, scenario: Scenario, certificate: Certificate | null): Promise<{ confPath: string; logPath: string; uploadDir: string }> {
  const s = scenario.server;
  const { root, uploadDir } = await writeAnonRoot(dir, scenario.files);
  const empty = join(dir, "empty");
  const logPath = join(dir, "vsftpd.log");
  const secs = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  const conf = [
    "listen=YES",
    "listen_ipv6=NO",
    `listen_address=${s.ip}`,
    "background=NO",
    "anonymous_enable=YES",
    "local_enable=NO",
    "no_anon_password=YES",
    `anon_root=${root}`,
    "write_enable=YES",
    "anon_upload_enable=YES",
    "anon_mkdir_write_enable=NO",
    "anon_umask=022",
    "dirmessage_enable=NO",
    // toScenario resolved a missing range to the kernel's ephemeral range (spec/scenario.md);
    // vsftpd's own default would be 1024-65535, so the range is always written out.
    `pasv_min_port=${s.passivePorts[0]}`,
    `pasv_max_port=${s.passivePorts[1]}`,
    ...(s.passiveAddress ? [`pasv_address=${s.passiveAddress}`] : []),
    // A server without RFC 2428's commands: vsftpd cannot unlearn them, but it can deny them
    // (550 Permission denied. where an old server says 500; clients fall back alike).
    ...(s.extended ? [] : ["cmds_denied=EPRT,EPSV"]),
    `connect_from_port_20=${s.activeSourcePort === 20 ? "YES" : "NO"}`,
    `port_promiscuous=${s.allowForeignDataAddress ? "YES" : "NO"}`,
    `connect_timeout=${secs(s.connectTimeoutMs)}`,
    `accept_timeout=${secs(s.acceptTimeoutMs)}`,
    `secure_chroot_dir=${empty}`,
    "xferlog_enable=YES",
    "xferlog_std_format=NO",
    "log_ftp_protocol=YES",
    `vsftpd_log_file=${logPath}`,
    "seccomp_sandbox=NO",
    ...(scenario.tls
      ? [
          "ssl_enable=YES",
          "allow_anon_ssl=YES",
          "force_anon_logins_ssl=YES",
          "force_anon_data_ssl=YES",
          // curl does not resume the control connection's TLS session on data connections by default here.
          "require_ssl_reuse=NO",
          `rsa_cert_file=${certificate?.cert ?? ""}`,
          `rsa_private_key_file=${certificate?.key ?? ""}`,
        ]
      : []),
    "pam_service_name=vsftpd",
    "",
  ];
  const confPath = join(dir, "vsftpd.conf");
  writeFileSync(confPath, conf.join("\n"));
  chmodSync(confPath, 0o600); // vsftpd wants its config owned by root
  return { confPath, logPath, uploadDir };
}

export async function startVsftpd(ns: string, dir: string, scenario: Scenario, certificate: Certificate | null): Promise<Vsftpd> {
  if (scenario.tls && !certificate) throw new Error("a TLS scenario needs a certificate");
  const { confPath, logPath, uploadDir } = await writeConfig(dir, scenario, certificate);
  const d = await startDaemon(ns, "vsftpd", ["/usr/sbin/vsftpd", confPath], scenario.server.ip);
  return { pid: d.pid, logPath, uploadDir, stop: d.stop };
}

export function readLog(v: Vsftpd): string {
  return existsSync(v.logPath) ? readFileSync(v.logPath, "utf8") : "";
}
