/**
 * Passwords hidden on screen: what a pasted log shows of them. The log itself is not changed
 * (the diagnosis reads it as pasted); only the lines drawn on the page are masked.
 *   - a PASS command, as any client or server writes it ("Command:\tPASS hunter2", "---> PASS x",
 *     "*cmd* 'PASS x'", vsftpd's "FTP command: …, "PASS x""): PASS ****;
 *   - curl's -u/--user user:password: user:****;
 *   - credentials in a URL (ftp://user:password@host): user:****@.
 */
const MASK = "****";

export function maskSecrets(line: string): string {
  return (
    line
      // PASS <secret>: up to the next quote or space (an already masked *** stays as it is).
      // Verbs are case-insensitive (RFC 959 §5.3): "pass hunter2" is a password too.
      .replace(/\b(PASS)([ \t]+)(?!\*+(?:[\s'"]|$))[^\s'"]+/gi, `$1$2${MASK}`)
      // curl -u user:secret / --user user:secret / -uuser:secret
      .replace(/((?:^|\s)(?:-u\s*|--user[\s=]+)(["']?)[^\s:"']*:)[^\s"']+/g, `$1${MASK}`)
      // scheme://user:secret@host
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${MASK}@`)
  );
}
