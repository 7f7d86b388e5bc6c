/**
 * Which programs a log names: the server by its 220 banner (vsftpd's `220 (vsFTPd 3.0.3)`,
 * ProFTPD's `220 ProFTPD Server (…)`, Pure-FTPd's `220---------- Welcome to Pure-FTPd …`,
 * FileZilla Server's `220-FileZilla Server 1.7.3`, IIS's `220 Microsoft FTP Service`; DOCUMENTED.md
 * §4–5 and the recorded logs), the client by the CLNT command FileZilla and WinSCP send after FEAT
 * (DOCUMENTED.md §1–2).
 */
import type { ClientSoftware, ServerSoftware } from "../../software/names";

const BANNERS: readonly [RegExp, ServerSoftware][] = [
  [/vsFTPd/i, "vsftpd"],
  [/ProFTPD/i, "proftpd"],
  [/Pure-?FTPd/i, "pure-ftpd"],
  [/FileZilla Server/i, "filezilla-server"],
  [/Microsoft FTP Service/i, "iis"],
];

/** The server a greeting line names, if any. */
export function serverFromBanner(line: string): ServerSoftware | null {
  for (const [re, name] of BANNERS) if (re.test(line)) return name;
  return null;
}

// FileZilla and WinSCP send CLNT on their own; the rest only when a user or script makes them.
const CLNT: readonly [RegExp, ClientSoftware][] = [
  [/FileZilla/i, "filezilla"],
  [/WinSCP/i, "winscp"],
  [/lftp/i, "lftp"],
  [/curl/i, "curl"],
  [/python|ftplib/i, "ftplib"],
  [/inetutils/i, "inetutils-ftp"],
  [/tnftp|bsd/i, "bsd-ftp"],
  [/windows|microsoft/i, "windows-ftp"],
];

/** The client a `CLNT …` command names, if any. */
export function clientFromClnt(command: string): ClientSoftware | null {
  const m = /^CLNT\s+(.*)$/i.exec(command);
  if (!m) return null;
  for (const [re, name] of CLNT) if (re.test(m[1]!)) return name;
  return null;
}
