/**
 * The timestamps the formats print, read to a millisecond count. Only differences are used (an
 * entry's `t` is ms since the log's first stamp), so the time zone does not matter and a stamp
 * without a year or date still works within a day.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));
/** A fraction of a second as ms: ".123" → 123, ",5" → 500. */
const fraction = (s: string | undefined) => (s ? Math.round(Number(`0.${s}`) * 1000) : 0);

function at(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): number | null {
  const t = Date.UTC(year, month, day, h, m, s, ms);
  return Number.isFinite(t) ? t : null;
}

/** `2026-12-05 20:31:00`, `…:00.123` (WinSCP), `…:00,553` (ProFTPD), `2026-12-05T20:31:00`. */
export function isoStamp(s: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,6}))?/.exec(s);
  return m ? at(num(m[1]), num(m[2]) - 1, num(m[3]), num(m[4]), num(m[5]), num(m[6]), fraction(m[7])) : null;
}

/** `20:31:00` (FileZilla's message log with timestamps on): ms of the day. */
export function clockStamp(s: string): number | null {
  const m = /^(\d{1,2}):(\d\d):(\d\d)(?:[.,](\d{1,6}))?/.exec(s);
  return m ? at(2000, 0, 1, num(m[1]), num(m[2]), num(m[3]), fraction(m[4])) : null;
}

/** ctime(3): `Sat Dec  5 20:31:00 2026` (vsftpd, xferlog). */
export function ctimeStamp(s: string): number | null {
  const m = /^[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})/.exec(s);
  const month = m ? MONTHS[m[1]!.toLowerCase()] : undefined;
  return m && month !== undefined ? at(num(m[6]), month, num(m[2]), num(m[3]), num(m[4]), num(m[5]), 0) : null;
}

/** syslog (RFC 3164): `Dec  5 20:31:00`, no year. */
export function syslogStamp(s: string): number | null {
  const m = /^([A-Za-z]{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)/.exec(s);
  const month = m ? MONTHS[m[1]!.toLowerCase()] : undefined;
  return m && month !== undefined ? at(2000, month, num(m[2]), num(m[3]), num(m[4]), num(m[5]), 0) : null;
}

/** Common Log Format, ProFTPD's ExtendedLog `%t`: `06/Dec/2026:03:05:43 +0000`. */
export function clfStamp(s: string): number | null {
  const m = /^(\d\d)\/([A-Za-z]{3})\/(\d{4}):(\d\d):(\d\d):(\d\d)/.exec(s);
  const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
  return m && month !== undefined ? at(num(m[3]), month, num(m[1]), num(m[4]), num(m[5]), num(m[6]), 0) : null;
}

/**
 * A locale's short date and time, FileZilla Server's: `5/12/2026 20:31:00`, `12/3/2025 11:23:17 AM`.
 * Day and month order depend on the server's locale; read as day/month, which orders the stamps
 * of one day (all a session needs) either way.
 */
export function localeStamp(s: string): number | null {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}),? (\d{1,2}):(\d\d):(\d\d)(?: ?([AP]M))?/i.exec(s);
  if (!m) return null;
  let h = num(m[4]) % (m[7] ? 12 : 24);
  if (m[7]?.toUpperCase() === "PM") h += 12;
  return at(num(m[3]), num(m[2]) - 1, num(m[1]), h, num(m[5]), num(m[6]), 0);
}
