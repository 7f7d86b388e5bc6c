/**
 * What the lab calls each program, apart from its profile: its names, a server's names for its
 * timeouts, and what a client does with a 227 address it doubts, which the narration announces at
 * the 227. The profiles take these entries as they are; the views that only name a program (the
 * network view, the narration, the transcript's tabs) read this table and leave the profiles —
 * every reply text and habit — out of the page's first load.
 */
import type { PasvFix, PasvMismatch } from "./client-profile";
import type { ClientSoftware, ServerSoftware } from "./names";
import type { ServerOptionNames } from "./server-profile";

export interface ClientNames {
  /** Its name in a sentence: "curl", "lftp". */
  readonly name: string;
  /** As the lab names it: "curl 7.88.1". */
  readonly label: string;
  /** Its correction of a wrong 227 address, if it has one. */
  readonly pasvFix: PasvFix | null;
  /** Its refusal of a 227 address that is not the control peer's, if it has one (with pasvAddress "use"). */
  readonly pasvMismatch: PasvMismatch | null;
}

export interface ServerNames {
  /** Its name in a sentence: "vsftpd", "ProFTPD". */
  readonly name: string;
  /** As the lab names it: "vsftpd 3.0.3". */
  readonly label: string;
  /** Its names for the timeouts the narration blames (the profile names its other settings). */
  readonly options: Pick<ServerOptionNames, "connectTimeout" | "acceptTimeout">;
}

export const CLIENT_NAMES: Readonly<Record<ClientSoftware, ClientNames>> = {
  // With --no-ftp-skip-pasv-ip curl connects wherever the 227 says, right or wrong.
  curl: { name: "curl", label: "curl 7.88.1", pasvFix: null, pasvMismatch: null },
  lftp: {
    name: "lftp",
    label: "lftp 4.9.2",
    pasvFix: { when: "private-mismatch", note: "Address returned by PASV seemed to be incorrect and has been fixed" },
    pasvMismatch: null,
  },
  "bsd-ftp": { name: "tnftp", label: "tnftp 20210827 (BSD ftp)", pasvFix: null, pasvMismatch: { note: "Passive mode address mismatch.", abort: false } },
  "inetutils-ftp": { name: "GNU inetutils ftp", label: "GNU inetutils ftp 2.4", pasvFix: null, pasvMismatch: { note: "Passive mode address mismatch.", abort: true } },
  ftplib: { name: "Python's ftplib", label: "Python 3.11 ftplib", pasvFix: null, pasvMismatch: null },
  filezilla: {
    name: "FileZilla",
    label: "FileZilla 3.62",
    pasvFix: { when: "unroutable", note: "Server sent passive reply with unroutable address. Using server address instead." },
    pasvMismatch: null,
  },
  winscp: {
    name: "WinSCP",
    label: "WinSCP 6",
    pasvFix: { when: "unroutable-or-zero", note: "Server sent passive reply with unroutable address {address}, using host address instead." },
    pasvMismatch: null,
  },
  "windows-ftp": { name: "Windows ftp.exe", label: "Windows ftp.exe", pasvFix: null, pasvMismatch: null },
  // No program of its own: the learner's lines, sent as typed (sim/software/console.ts).
  console: { name: "the console", label: "FTP console (typed commands)", pasvFix: null, pasvMismatch: null },
};

export const SERVER_NAMES: Readonly<Record<ServerSoftware, ServerNames>> = {
  vsftpd: {
    name: "vsftpd",
    label: "vsftpd 3.0.3",
    options: { connectTimeout: "connect_timeout", acceptTimeout: "accept_timeout" },
  },
  proftpd: {
    name: "ProFTPD",
    label: "ProFTPD 1.3.8",
    options: { connectTimeout: "the kernel's connect timeout", acceptTimeout: "TimeoutNoTransfer" },
  },
  "pure-ftpd": {
    name: "Pure-FTPd",
    label: "Pure-FTPd 1.0.50",
    options: { connectTimeout: "the kernel's connect timeout", acceptTimeout: "-I (idle timeout)" },
  },
  "filezilla-server": {
    name: "FileZilla Server",
    label: "FileZilla Server 1.7.3",
    options: { connectTimeout: "(none: the kernel's connect timeout)", acceptTimeout: "(none: activity_timeout, 1 h, ends the session)" },
  },
  iis: {
    name: "IIS",
    label: "IIS 10 FTP",
    options: { connectTimeout: "(none: Windows' TCP connect timeout)", acceptTimeout: "connections dataChannelTimeout" },
  },
};
