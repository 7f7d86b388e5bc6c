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
      .replace(/\bPASS([ \t]+)(?!\*+(?:[\s'"]|$))[^\s'"]+/g, `PASS$1${MASK}`)
      // curl -u user:secret / --user user:secret / -uuser:secret
      .replace(/((?:^|\s)(?:-u\s*|--user[\s=]+)(["']?)[^\s:"']*:)[^\s"']+/g, `$1${MASK}`)
      // scheme://user:secret@host
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${MASK}@`)
  );
}
