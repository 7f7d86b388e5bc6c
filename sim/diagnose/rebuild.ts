/**
 * What the lab can rebuild of the session a log came from: the programs at each end, the mode,
 * the addresses (where the log masks them, documentation addresses of RFC 5737 and RFC 1918
 * stand in), the transfers, the login. Each candidate cause (candidates.ts) starts from this and
 * adds the one thing that would explain the failure.
 */
import { isPrivateIp, parseIpv4 } from "../net/addresses";
import { CLIENT_SOFTWARE, type ClientSoftware, type ServerSoftware } from "../software/names";
import { clientProfile } from "../software/profiles";
import type { ScenarioInput } from "../scenario/schema";
import type { Evidence } from "./evidence";
import type { ParsedLog } from "./log-types";

export interface Rebuild {
  readonly client: ClientSoftware;
  /** The log named the client program (else curl stands in, told the mode the log shows). */
  readonly clientKnown: boolean;
  readonly server: ServerSoftware;
  readonly mode: "active" | "passive";
  readonly extended: boolean;
  readonly tls: boolean;
  /** The address the client dialled for the control connection: the server's public face. */
  readonly serverIp: string;
  /** The log showed that address (false: masked or absent, and serverIp stands in). */
  readonly serverIpKnown: boolean;
  /**
   * The log itself says the 227's address is not the server's: the client refused it ("Passive mode
   * address mismatch") or called it unroutable, though the address may be masked.
   */
  readonly pasvSuspect: boolean;
  /** The address and port a 227 named, when the log shows them. */
  readonly pasvIp: string | null;
  readonly pasvPort: number | null;
  /** The client's own address (what PORT names), and the address the server saw it from. */
  readonly clientIp: string;
  readonly clientSeenAs: string | null;
  readonly commands: readonly string[];
  readonly files: Readonly<Record<string, string>>;
  readonly loginFailed: boolean;
}

/** RFC 5737 documentation addresses and RFC 1918 ones: what stands in for a masked address. */
export const STAND_IN = { serverPublic: "203.0.113.5", serverPrivate: "10.0.0.5", clientPrivate: "192.168.1.10", clientPublic: "198.51.100.7" } as const;

const usable = (ip: string | null | undefined): ip is string => typeof ip === "string" && parseIpv4(ip) !== null && ip !== "0.0.0.0" && !ip.startsWith("127.");

/** A command the scenario accepts: a plain file name (no path), printable, at most 256 characters. */
function scenarioCommand(command: string): string | null {
  const [verb = "", ...rest] = command.trim().split(/\s+/);
  const v = verb.toUpperCase();
  // MLSD (RFC 3659) opens its data connection as LIST does; vsftpd does not know it, so LIST stands in.
  if (v === "LIST" || v === "MLSD") return "LIST";
  if (v === "NLST") return v;
  const name = (rest.join(" ").split("/").pop() ?? "").replace(/[^\x21-\x7e]/g, "");
  if (name === "" || name.length > 200) return v === "RETR" ? "RETR hello.txt" : v === "STOR" || v === "APPE" || v === "STOU" ? "STOR upload.txt" : null;
  if (v === "RETR" || v === "STOR" || v === "APPE") return `${v} ${name}`;
  if (v === "STOU") return `STOR ${name}`;
  return null;
}

export function rebuildOf(log: ParsedLog, e: Evidence): Rebuild {
  const failing = e.failing;
  const verb = failing?.mode.verb ?? null;
  const named = log.client;
  const defaults = clientProfile(named ?? "curl").defaults;
  const mode = verb === null ? defaults.mode : verb === "PORT" || verb === "EPRT" || verb === "LPRT" ? "active" : "passive";
  const extended = verb === null ? defaults.extended : verb === "EPRT" || verb === "EPSV";
  // A client that cannot do what the log shows (ftp.exe has no passive mode) is not the log's: curl stands in.
  const profile = named ? clientProfile(named) : null;
  const canDo = profile !== null && profile.modes.includes(mode) && (!extended || (mode === "passive" ? profile.extended.passive : profile.extended.active)) && (!e.tls.on || profile.tls);
  const client: ClientSoftware = canDo && named && CLIENT_SOFTWARE.includes(named) ? named : "curl";

  const announced = failing?.pasv?.ip ?? null;
  const pasvIp = announced === "0.0.0.0" || usable(announced) ? announced : null;
  const pasvSuspect = failing?.outcome === "address-refused" || failing?.pasv?.said === "private";
  // Not knowing where the client connected, the simplest reading: the server is where its 227 says (unless the log says it is not).
  const serverIp = usable(e.controlIp) ? e.controlIp : pasvIp !== null && pasvIp !== "0.0.0.0" && !pasvSuspect ? pasvIp : STAND_IN.serverPublic;
  const portIp = usable(failing?.port?.ip) ? failing!.port!.ip : null;
  let clientIp = portIp ?? (usable(e.clientSeenAs) ? e.clientSeenAs : STAND_IN.clientPrivate);
  if (clientIp === serverIp || clientIp === pasvIp) clientIp = clientIp === STAND_IN.clientPrivate ? "192.168.1.11" : STAND_IN.clientPrivate;

  const commands: string[] = [];
  const failingTransfer = failing?.transfer ? `${failing.transfer.verb} ${failing.transfer.arg}`.trim() : null;
  for (const t of e.transfers) {
    const c = scenarioCommand(t);
    if (c && commands.length < 4) commands.push(c);
    if (failingTransfer !== null && t === failingTransfer) break;
  }
  if (failing && failing.transfer === null) commands.push("LIST");
  if (commands.length === 0) commands.push("LIST");
  const files: Record<string, string> = { "hello.txt": "Hello, FTP!\n" };
  const missing = failing?.replies.some((r) => r.code === 550) ?? false;
  for (const c of commands) {
    const m = /^RETR (.+)$/.exec(c);
    if (m && !(missing && failing?.transfer && c.endsWith(failing.transfer.arg.split("/").pop() ?? "\u0000"))) files[m[1]!] = "contents\n";
  }

  return {
    client,
    clientKnown: client === named,
    server: log.server ?? "vsftpd",
    mode,
    extended,
    tls: e.tls.on,
    serverIp,
    serverIpKnown: serverIp !== STAND_IN.serverPublic || e.controlIp === STAND_IN.serverPublic,
    pasvSuspect,
    pasvIp,
    pasvPort: failing?.pasv?.port ?? null,
    clientIp,
    clientSeenAs: usable(e.clientSeenAs) && e.clientSeenAs !== clientIp ? e.clientSeenAs : null,
    commands,
    files,
    loginFailed: e.login.ok === false,
  };
}

/** The rebuilt session with nothing in its way: the candidates each add one obstacle. */
export function baseScenario(r: Rebuild): ScenarioInput {
  return {
    title: "Rebuilt from the log",
    client: {
      software: r.client,
      ip: r.clientIp,
      mode: r.mode,
      extended: r.extended,
      ...(r.loginFailed ? { login: { name: "demo", password: "not-the-password" } } : {}),
    },
    server: {
      software: r.server,
      ip: r.serverIp,
      ...(r.pasvPort !== null ? { passivePorts: rangeAround(r.pasvPort, r.server) } : {}),
    },
    tls: r.tls,
    files: { ...r.files },
    commands: [...r.commands],
  };
}

/**
 * A passive range holding just the port the log showed, so the replay names the same port; two
 * ports for ProFTPD, which refuses to start with a one-port PassivePorts ("min port must be less
 * than max port", measured by verify:real; vsftpd and Pure-FTPd take one).
 */
export function rangeAround(port: number, server: ServerSoftware): [number, number] {
  if (server !== "proftpd") return [port, port];
  return port < 65535 ? [port, port + 1] : [port - 1, port];
}

/** The server's public address is really public: a NAT in front of it makes sense. */
export const canBeNatted = (r: Rebuild) => !isPrivateIp(r.serverIp);
