/**
 * The profiles by program name: what the schema fills defaults from and the simulator words its
 * replies with. A program named in names.ts but not here is refused by the schema by name.
 */
import type { ClientProfile } from "./client-profile";
import { BSD_FTP_PROFILE } from "./bsd-ftp";
import { CONSOLE_PROFILE } from "./console";
import { CURL_PROFILE } from "./curl";
import { FILEZILLA_PROFILE } from "./filezilla";
import { FTPLIB_PROFILE } from "./ftplib";
import { INETUTILS_FTP_PROFILE } from "./inetutils-ftp";
import { LFTP_PROFILE } from "./lftp";
import { WINDOWS_FTP_PROFILE } from "./windows-ftp";
import { WINSCP_PROFILE } from "./winscp";
import type { ClientSoftware, ServerSoftware } from "./names";
import type { ServerProfile } from "./server-profile";
import { FILEZILLA_SERVER_PROFILE } from "./filezilla-server";
import { IIS_PROFILE } from "./iis";
import { PROFTPD_PROFILE } from "./proftpd";
import { PURE_FTPD_PROFILE } from "./pure-ftpd";
import { VSFTPD_PROFILE } from "./vsftpd";

export const CLIENT_PROFILES: Readonly<Partial<Record<ClientSoftware, ClientProfile>>> = {
  curl: CURL_PROFILE,
  lftp: LFTP_PROFILE,
  "bsd-ftp": BSD_FTP_PROFILE,
  "inetutils-ftp": INETUTILS_FTP_PROFILE,
  ftplib: FTPLIB_PROFILE,
  filezilla: FILEZILLA_PROFILE,
  winscp: WINSCP_PROFILE,
  "windows-ftp": WINDOWS_FTP_PROFILE,
  console: CONSOLE_PROFILE,
};

export function clientProfile(software: ClientSoftware): ClientProfile {
  const p = CLIENT_PROFILES[software];
  if (!p) throw new Error(`no profile for the client program ${software}`);
  return p;
}

export const hasClientProfile = (software: ClientSoftware): boolean => Object.hasOwn(CLIENT_PROFILES, software);

export const SERVER_PROFILES: Readonly<Partial<Record<ServerSoftware, ServerProfile>>> = {
  vsftpd: VSFTPD_PROFILE,
  proftpd: PROFTPD_PROFILE,
  "pure-ftpd": PURE_FTPD_PROFILE,
  "filezilla-server": FILEZILLA_SERVER_PROFILE,
  iis: IIS_PROFILE,
};

export function serverProfile(software: ServerSoftware): ServerProfile {
  const p = SERVER_PROFILES[software];
  if (!p) throw new Error(`no profile for the server program ${software}`);
  return p;
}

export const hasServerProfile = (software: ServerSoftware): boolean => Object.hasOwn(SERVER_PROFILES, software);
