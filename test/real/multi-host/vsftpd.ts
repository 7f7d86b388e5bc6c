/**
 * vsftpd for the multi-host captures, configured from plain options rather than a scenario (the
 * simulator has no FXP or relay scenario yet): anonymous only, files in anon_root, uploads to
 * anon_root/upload, the protocol log on. The options that differ between cases are the ones of
 * `VsftpdOptions`; everything else is the fixed list of `confLines`, written to the transcript
 * word for word. Started like test/real/vsftpd.ts: foreground, its own process group.
 */
import { chmodSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { writeAnonRoot } from "../vsftpd";
import { startDaemon } from "../servers/daemon";

export interface VsftpdOptions {
  listenAddress: string;
  pasvMinPort: number;
  pasvMaxPort: number;
  /** What the 227 reply names instead of the control connection's local address. */
  pasvAddress?: string;
  /** Accept a PORT/EPRT naming another host than the control peer (FXP's receiving side). */
  portPromiscuous: boolean;
  /** Accept a passive data connection from another host than the control peer (FXP's sending side). */
  pasvPromiscuous: boolean;
  /** Seconds: the active-mode connect (vsftpd's default 60), the passive-mode accept (default 60). */
  connectTimeout: number;
  acceptTimeout: number;
}

export interface StartedVsftpd {
  pid: number;
  conf: string[];
  root: string;
  uploadDir: string;
  logPath: string;
  stop(): void;
}

export function confLines(o: VsftpdOptions, dir: string): string[] {
  return [
    "listen=YES",
    "listen_ipv6=NO",
    `listen_address=${o.listenAddress}`,
    "background=NO",
    "anonymous_enable=YES",
    "local_enable=NO",
    "no_anon_password=YES",
    `anon_root=${join(dir, "root")}`,
    "write_enable=YES",
    "anon_upload_enable=YES",
    "anon_mkdir_write_enable=NO",
    "anon_umask=022",
    "dirmessage_enable=NO",
    `pasv_min_port=${o.pasvMinPort}`,
    `pasv_max_port=${o.pasvMaxPort}`,
    ...(o.pasvAddress ? [`pasv_address=${o.pasvAddress}`] : []),
    `port_promiscuous=${o.portPromiscuous ? "YES" : "NO"}`,
    `pasv_promiscuous=${o.pasvPromiscuous ? "YES" : "NO"}`,
    "connect_from_port_20=NO",
    `connect_timeout=${o.connectTimeout}`,
    `accept_timeout=${o.acceptTimeout}`,
    `secure_chroot_dir=${join(dir, "empty")}`,
    "xferlog_enable=YES",
    "xferlog_std_format=NO",
    "log_ftp_protocol=YES",
    `vsftpd_log_file=${join(dir, "vsftpd.log")}`,
    "seccomp_sandbox=NO",
    "pam_service_name=vsftpd",
  ];
}

/** Writes the configuration and the files (name → bytes) and starts vsftpd in `ns`. */
export async function startPlainVsftpd(ns: string, dir: string, o: VsftpdOptions, files: Record<string, Buffer>): Promise<StartedVsftpd> {
  const { root, uploadDir } = await writeAnonRoot(dir, files);
  const conf = confLines(o, dir);
  const confPath = join(dir, "vsftpd.conf");
  writeFileSync(confPath, conf.join("\n") + "\n");
  chmodSync(confPath, 0o600); // vsftpd wants its config owned by root
  const d = await startDaemon(ns, "vsftpd", ["/usr/sbin/vsftpd", confPath], o.listenAddress);
  return { pid: d.pid, conf, root, uploadDir, logPath: join(dir, "vsftpd.log"), stop: d.stop };
}

/** vsftpd's protocol log, its date and pid prefix kept. */
export function readVsftpdLog(v: StartedVsftpd): string[] {
  return existsSync(v.logPath) ? readFileSync(v.logPath, "utf8").split("\n").filter(Boolean) : [];
}
