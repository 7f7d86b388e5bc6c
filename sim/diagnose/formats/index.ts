/**
 * Every text log reader `sim diagnose` knows (read-log.ts asks each how sure it is and uses the
 * surest). Order breaks a tie: a program's own format before the look-alikes, `plain` last.
 */
import type { LogReader } from "../log-types";
import { basicFtpReader } from "./basic-ftp";
import { bsdFtpReader } from "./bsd-ftp";
import { curlReader } from "./curl";
import { fileZillaReader } from "./filezilla";
import { fileZillaServerReader } from "./filezilla-server";
import { ftplibReader } from "./ftplib";
import { inetutilsFtpReader } from "./inetutils-ftp";
import { lftpReader } from "./lftp";
import { plainReader } from "./plain";
import { proftpdReader } from "./proftpd";
import { pureFtpdReader } from "./pure-ftpd";
import { vsftpdReader } from "./vsftpd";
import { windowsFtpReader } from "./windows-ftp";
import { winScpReader } from "./winscp";

export const TEXT_READERS: readonly LogReader[] = [
  fileZillaReader,
  winScpReader,
  curlReader,
  lftpReader,
  ftplibReader,
  basicFtpReader,
  bsdFtpReader,
  inetutilsFtpReader,
  windowsFtpReader,
  vsftpdReader,
  proftpdReader,
  pureFtpdReader,
  fileZillaServerReader,
  plainReader,
];
