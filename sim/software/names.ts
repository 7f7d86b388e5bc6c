/**
 * The programs a scenario can name at each end (spec/scenario.md, "Real software"). The first of
 * each list is the default: every scenario written before profiles existed is curl talking to
 * vsftpd. Debian ships the first five clients and the first three servers: those profiles are
 * checked against the real program (test/real); the others are written from their published
 * source and documentation, and say so. The last client, "console", is no program: the learner at
 * a raw FTP prompt, whose lines go out as typed (sim/software/console.ts).
 */
export const CLIENT_SOFTWARE = ["curl", "lftp", "bsd-ftp", "inetutils-ftp", "ftplib", "filezilla", "winscp", "windows-ftp", "console"] as const;
export const SERVER_SOFTWARE = ["vsftpd", "proftpd", "pure-ftpd", "filezilla-server", "iis"] as const;

export type ClientSoftware = (typeof CLIENT_SOFTWARE)[number];
export type ServerSoftware = (typeof SERVER_SOFTWARE)[number];

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");
export const CLIENT_SOFTWARE_MESSAGE = `expected one of ${quoted(CLIENT_SOFTWARE)}`;
export const SERVER_SOFTWARE_MESSAGE = `expected one of ${quoted(SERVER_SOFTWARE)}`;
