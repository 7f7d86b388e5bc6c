/**
 * The real client programs besides curl, by scenario.client.software: each runner has the
 * contract of test/real/curl.ts's runCommand (one process per scenario command, in the client
 * namespace, outcome read from the program's own debug log). curl itself stays in ../curl.ts;
 * a program Debian does not ship (FileZilla, WinSCP, Windows ftp.exe) has no runner: null.
 */
import type { ClientSoftware } from "../../../sim/software/names";
import type { ClientRunner } from "./common";
import { runCommand as runLftp } from "./lftp";
import { runCommand as runBsdFtp } from "./bsd-ftp";
import { runCommand as runInetutilsFtp } from "./inetutils-ftp";
import { runCommand as runFtplib } from "./ftplib";

export type { ClientRunner };

const RUNNERS: Partial<Record<ClientSoftware, ClientRunner>> = {
  lftp: runLftp,
  "bsd-ftp": runBsdFtp,
  "inetutils-ftp": runInetutilsFtp,
  ftplib: runFtplib,
};

/** The runner for a client program other than curl, or null (curl: ../curl.ts; not a Debian program: none). */
export function clientDriver(software: ClientSoftware): ClientRunner | null {
  return RUNNERS[software] ?? null;
}
