/** The diagnose page's words for the engine's values: confidences, programs, formats, outcomes. */
import { scaleLinear, scaleThreshold } from "d3-scale";
import type { Diagnosis } from "../../sim/diagnose";

/** A confidence in words: the bar beside it is never the only signal. */
export const confidenceWords = scaleThreshold<number, string>().domain([0.15, 0.45, 0.75]).range(["unlikely", "possible", "likely", "very likely"]);

/** The bar's width, in percent of its track. */
export const confidenceWidth = scaleLinear().domain([0, 1]).range([0, 100]).clamp(true);

const PROGRAMS: Readonly<Record<string, string>> = {
  curl: "curl",
  lftp: "lftp",
  "bsd-ftp": "BSD ftp (tnftp)",
  "inetutils-ftp": "GNU inetutils ftp",
  ftplib: "Python ftplib",
  filezilla: "FileZilla",
  winscp: "WinSCP",
  "windows-ftp": "Windows ftp.exe",
  "basic-ftp": "Node basic-ftp",
  vsftpd: "vsftpd",
  proftpd: "ProFTPD",
  "pure-ftpd": "Pure-FTPd",
  "filezilla-server": "FileZilla Server",
  iis: "IIS FTP",
  nftables: "nftables",
  iptables: "iptables",
  ufw: "ufw",
  firewalld: "firewalld",
  "windows-firewall": "Windows Defender Firewall",
  aws: "Cloud security group",
  router: "The router in front of the server",
  docker: "Docker",
  nf_conntrack_ftp: "Linux FTP conntrack helper",
  pcap: "a packet capture",
  plain: "a plain FTP transcript",
};

export const programName = (id: string): string => PROGRAMS[id] ?? id;

const OUTCOMES: Readonly<Record<string, string>> = {
  timeout: "it times out",
  refused: "it is refused",
  "server-failed": "the server gives up (a 4xx reply)",
  "port-refused": "the server refuses PORT",
  "foreign-refused": "the server refuses a connection from another address",
  "address-refused": "the client will not use the 227's address",
  "not-network": "the server refuses the transfer itself, not the connection",
};

/** The one-line summary of what the log is and where it fails. */
export function summaryOf(d: Diagnosis): string {
  const parts: string[] = [];
  if (d.format) parts.push(d.format === "pcap" ? "A packet capture" : d.format === "plain" ? "A plain FTP transcript" : `A ${programName(d.format)} log`);
  if (d.client) parts.push(`client ${programName(d.client)}`);
  if (d.server) parts.push(`server ${programName(d.server)}`);
  if (d.mode) parts.push(`${d.mode} mode${d.extended ? " (EPSV/EPRT)" : ""}`);
  if (d.tls) parts.push("TLS");
  return parts.join(" · ");
}

export function failureWords(d: Diagnosis): string | null {
  if (!d.failure) return null;
  const how = d.failure.outcome ? OUTCOMES[d.failure.outcome] ?? d.failure.outcome : "it fails";
  return `The data connection dies at line ${d.failure.line}: ${how}.`;
}
