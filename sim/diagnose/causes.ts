/**
 * The causes `sim diagnose` names (spec/scenario.md: exactly these ids), each with its title, how
 * it is explained in two sentences from what the log showed, which of the log's lines support
 * it, and how to check it on the real server.
 */
import type { Attempt, DataOutcome, Evidence } from "./evidence";
import type { Rebuild } from "./rebuild";

export const CAUSE_IDS = [
  "passive-port-blocked-at-server",
  "passive-private-address",
  "active-blocked-at-client",
  "active-port-refused",
  "passive-foreign-address-refused",
  "tls-hides-data-port",
  "data-connection-refused",
  "not-network",
  "unknown",
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

/**
 * How each cause ends the data connection: a candidate whose simulation ends another way does
 * not stand for its cause (a NAT in front of the client that ProFTPD does not refuse is not
 * "active-port-refused", whatever else it reproduces).
 */
export const CAUSE_OUTCOMES: Readonly<Record<CauseId, readonly DataOutcome[]>> = {
  "passive-port-blocked-at-server": ["timeout", "server-failed"],
  "passive-private-address": ["timeout", "refused", "server-failed", "address-refused"],
  "active-blocked-at-client": ["timeout", "server-failed"],
  "active-port-refused": ["port-refused"],
  "passive-foreign-address-refused": ["foreign-refused"],
  "tls-hides-data-port": ["timeout", "server-failed"],
  "data-connection-refused": ["refused", "server-failed"],
  "not-network": ["ok", "not-network", null],
  "unknown": [],
};

export const CAUSE_TITLES: Readonly<Record<CauseId, string>> = {
  "passive-port-blocked-at-server": "The server's passive port is blocked",
  "passive-private-address": "The 227 reply names an address the client cannot reach",
  "active-blocked-at-client": "The server's connection back to the client is blocked",
  "active-port-refused": "The server refuses the PORT command",
  "passive-foreign-address-refused": "The server refuses a data connection from another address",
  "tls-hides-data-port": "TLS hides the data port from the firewall's FTP helper",
  "data-connection-refused": "The data connection is refused",
  "not-network": "Not a network problem",
  "unknown": "A data-connection failure the log cannot tell apart",
};

/**
 * How likely each cause is before the log is compared, for candidates that reproduce it equally
 * well: a firewall in front of the passive range is the most common (seed 003), TLS only matters
 * when the log shows it (and then it is why the helper could not help).
 */
export function priorOf(cause: CauseId, r: Rebuild): number {
  switch (cause) {
    case "tls-hides-data-port":
      return r.tls ? 1.2 : 0;
    case "passive-private-address":
      return 1.05;
    case "not-network":
      return 0.9;
    case "data-connection-refused":
      return 0.9;
    default:
      return 1;
  }
}

export interface RealCheck {
  /** What to run against the real server, from the client's side. */
  readonly command: string;
  /** The line to look for once the fix took. */
  readonly expect: string;
}

/** Where the log is cut short or masked, the lab's words fall back on "the server". */
const at = (ip: string | null, port: number | null) => (ip && port ? (ip.includes(" ") ? `${ip}'s port ${port}` : `${ip}:${port}`) : ip ?? (port ? `port ${port}` : "the data port"));
const lineOf = (n: number | null | undefined) => (n ? ` (line ${n})` : "");

export function explain(cause: CauseId, e: Evidence, rebuilt: Rebuild): string {
  const a = e.failing;
  const pasvPort = a?.pasv?.port ?? null;
  // Where the log masked the server's address, the words say "the server", not the lab's stand-in.
  const r = rebuilt.serverIpKnown ? rebuilt : { ...rebuilt, serverIp: "the server" };
  switch (cause) {
    case "passive-port-blocked-at-server":
      return (
        `The server told the client to connect to port ${pasvPort ?? "(masked)"}${lineOf(a?.pasv?.line)}, and the client's connection to ${at(r.serverIp, pasvPort)} got no answer: something in front of the server lets port 21 in but not its passive ports. ` +
        `The login works because port 21 is open; the passive range is not opened in the server's firewall, its cloud security group, or forwarded by its NAT router.`
      );
    case "passive-private-address":
      return (
        `The 227 reply${lineOf(a?.pasv?.line)} names ${r.pasvIp ?? "an address"}, which is not the address the client reached the server at (${r.serverIp}), ${a?.outcome === "address-refused" ? `and the client would not use it${lineOf(a.failureLine)}` : "and the client dialled it"}: a private or wrong address the client cannot reach. ` +
        `The server does not know its public address (it sits behind NAT, in a cloud VM or a container), so it announces the one it has; told its public address, it would announce ${r.serverIp}.`
      );
    case "active-blocked-at-client":
      return (
        `In active mode the server connects back to the client at ${at(a?.port?.ip ?? r.clientIp, a?.port?.port ?? null)}, as PORT asked${lineOf(a?.mode.line)}, and that connection never arrived. ` +
        `The client's firewall or its NAT router lets in what the client opens, not a new connection coming from the server.`
      );
    case "active-port-refused":
      return (
        `The server refused the ${a?.mode.verb ?? "PORT"} command${lineOf(a?.modeReply?.line)} because it names ${a?.port?.ip ?? r.clientIp}, not the address the server sees the client at${r.clientSeenAs ? ` (${r.clientSeenAs})` : ""}. ` +
        `A NAT router in front of the client changes the packets' source address but not the address written inside PORT, and servers refuse a foreign address to stop bounce attacks (RFC 2577 §3).`
      );
    case "passive-foreign-address-refused":
      return (
        `The data connection reached the server from another address than the control connection, and the server refused it${lineOf(a?.failureLine)}. ` +
        `That happens when the client's connections leave through more than one public address (a load-balancing router, a carrier-grade NAT pool) or a proxy relays only the control connection.`
      );
    case "tls-hides-data-port":
      return (
        `The control connection is encrypted (AUTH TLS${lineOf(e.tls.lines[0])}), so the FTP helper in the firewall or router cannot read the ${r.mode === "passive" ? "227 reply" : "PORT command"} to open the data port for it. ` +
        `Without the helper, the data connection to ${r.mode === "passive" ? at(r.serverIp, pasvPort) : at(r.clientIp, a?.port?.port ?? null)} is dropped like any other unexpected connection.`
      );
    case "data-connection-refused":
      return (
        `The data connection${r.mode === "passive" ? ` to ${at(r.serverIp, pasvPort)}` : " back to the client"} was refused at once${lineOf(a?.failureLine)}: a firewall REJECT rule answered it, or nothing was listening on that port. ` +
        `Unlike a drop, which leaves the client waiting until it times out, a refusal comes back immediately.`
      );
    case "not-network":
      return notNetworkWords(e, a);
    case "unknown":
      return (
        `The data connection failed, but the log does not show enough to tell why: the mode reply, the addresses or the client's last words are missing or masked. ` +
        `Run the checks below against the real server, or paste a longer log (FileZilla: "Show detailed log"; curl: -v; lftp: debug).`
      );
  }
}

function notNetworkWords(e: Evidence, a: Attempt | null): string {
  if (e.login.ok === false) {
    return `The login itself was refused (${e.login.failure?.text ?? "no 230 reply"}${lineOf(e.login.failure?.line)}), before any data connection. Check the user name and password, or whether the account may log in over FTP; the network is not in the way.`;
  }
  const refusal = a?.replies.find((x) => x.code >= 400) ?? (a?.modeReply && a.modeReply.code >= 400 ? a.modeReply : null);
  if (refusal) {
    return `The server answered ${refusal.text}${lineOf(refusal.line)}: it refused the command itself, not the data connection. Check the path, the file's name and its permissions.`;
  }
  if (a?.outcome === "ok") return "The data connections in this log all worked: the transfers completed. If something still fails, it is not in this part of the session.";
  return "Nothing in this log points to the network: the data connection was never tried or the session ended for another reason.";
}

/** The log's lines that support a cause: the mode command and reply, the transfer, where it died. */
export function evidenceLines(cause: CauseId, e: Evidence): number[] {
  const a = e.failing;
  const lines = new Set<number>();
  const add = (n: number | null | undefined) => n && lines.add(n);
  if (cause === "not-network" && e.login.ok === false) {
    e.login.lines.forEach(add);
  } else if (a) {
    add(a.mode.line);
    add(a.modeReply?.line);
    add(a.pasv?.line);
    add(a.transfer?.line);
    add(a.failureLine);
    for (const r of a.remarks) if (r.kind !== "tls-error") add(r.line);
    for (const r of a.replies) if (r.code >= 400) add(r.line);
    a.packets.unanswered.slice(0, 4).forEach(add);
    a.packets.reset.slice(0, 2).forEach(add);
  }
  if (cause === "tls-hides-data-port") e.tls.lines.forEach(add);
  return [...lines].sort((x, y) => x - y);
}

/** What to run against the real server to see the cause, and the line that says the fix took. */
export function checksOf(cause: CauseId, r: Rebuild, host: string): RealCheck[] {
  const url = `ftp://${host}/`;
  const tlsFlag = r.tls ? "--ssl-reqd " : "";
  const passive: RealCheck = { command: `curl -v ${tlsFlag}--ftp-pasv --disable-epsv ${url}`, expect: "< 226 (the listing arrives; no \"Connection timed out\" after the 227)" };
  const port = r.pasvPort ?? 30000;
  switch (cause) {
    case "passive-port-blocked-at-server":
    case "tls-hides-data-port":
    case "data-connection-refused":
      return r.mode === "passive"
        ? [passive, { command: `nc -vz ${host} ${port}`, expect: `Connection to ${host} ${port} port [tcp/*] succeeded! (while a PASV is waiting; "timed out" means still blocked)` }]
        : [{ command: `curl -v ${tlsFlag}-P - ${url}`, expect: "< 150 then < 226: the server's connection came in" }];
    case "passive-private-address":
      return [
        { command: `curl -v --ftp-pasv --disable-epsv --no-ftp-skip-pasv-ip ${url}`, expect: `< 227 Entering Passive Mode (${r.serverIp.replace(/\./g, ",")},…): the server now announces its public address` },
        passive,
      ];
    case "active-blocked-at-client":
      return [
        { command: `curl -v ${tlsFlag}--ftp-pasv ${url}`, expect: "< 226: passive mode works from behind the client's firewall" },
        { command: `curl -v ${tlsFlag}-P - ${url}`, expect: "< 150 then < 226 once the client's firewall lets the server's connection in" },
      ];
    case "active-port-refused":
      return [{ command: `curl -v ${tlsFlag}-P - ${url}`, expect: "< 200 PORT command successful" }, { command: `curl -v ${tlsFlag}--ftp-pasv ${url}`, expect: "< 226" }];
    case "passive-foreign-address-refused":
      return [{ command: `curl -v ${tlsFlag}--ftp-pasv ${url}`, expect: "< 150 (no \"425 Security: Bad IP connecting.\")" }];
    case "not-network":
      return [{ command: `curl -v ${tlsFlag}--user NAME ${url}`, expect: "< 230 Login successful." }];
    case "unknown":
      return [passive, { command: `curl -v ${tlsFlag}-P - ${url}`, expect: "< 226" }];
  }
}
