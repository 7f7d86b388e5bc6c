/**
 * The client's side of the conversation as pure functions: what the client program (its profile,
 * sim/software) sends for each step and how it reads the server's answers. The client machine
 * sequences them.
 */
import { inCidr, isPrivateIp, type Endpoint } from "../net/addresses";
import type { ClientProfile, PasvFix, PrepCommand, VerbHabit } from "../software/client-profile";
import { parseCommand } from "./commands";
import { formatEprtArgument, formatHostPort, parse227, parse229 } from "./hostport";
import { isTransferVerb, type TransferVerbName } from "./transfer-verbs";
import type { ModeCommand } from "../trace/events";

export interface ClientPlan {
  readonly userName: string;
  readonly password: string;
  readonly tls: boolean;
  readonly commands: readonly string[];
  readonly mode: "active" | "passive";
  readonly extended: boolean;
  readonly pasvAddress: "use" | "ignore";
  /** The client program: its commands, its fallbacks, its corrections and refusals, its words (sim/software). */
  readonly program: ClientProfile;
  readonly advertise: { readonly ip?: string; readonly port?: number } | null;
  readonly connectTimeoutMs: number;
  readonly uploads: Readonly<Record<string, string>>;
}

export interface TransferRequest {
  readonly index: number;
  readonly line: string;
  readonly verb: TransferVerbName;
  readonly arg: string;
}

export const DEFAULT_UPLOAD = "Uploaded by the FTP Modes Lab client.\n";

/** The transfer a command line asks for; the client machine starts one only for a transfer line. */
export function transferRequest(index: number, line: string): TransferRequest {
  const c = parseCommand(line);
  if (!isTransferVerb(c.verb)) throw new Error(`not a transfer: ${line}`);
  return { index, line, verb: c.verb, arg: c.arg };
}

export function uploadContent(plan: ClientPlan, name: string): string {
  // An own property only: "constructor" is a file name here, not Object.prototype's (issue 16).
  return Object.hasOwn(plan.uploads, name) ? plan.uploads[name]! : DEFAULT_UPLOAD;
}

/** What PORT or EPRT announces: the listening socket, or what the scenario says to advertise instead. */
export function announced(listening: Endpoint, plan: ClientPlan): Endpoint {
  return { ip: plan.advertise?.ip ?? listening.ip, port: plan.advertise?.port ?? listening.port };
}

export function modeLine(mode: ModeCommand, target: Endpoint | null): string {
  if (mode === "PORT") return `PORT ${formatHostPort(target!)}`;
  if (mode === "EPRT") return `EPRT ${formatEprtArgument(target!)}`;
  return mode;
}

/**
 * Where to open the passive data connection. RFC 959 says: the address in the 227 reply;
 * curl since 7.74 reuses the control connection's host instead ("Skip … re-use …"), which
 * also survives a server behind NAT that advertises its private address. 229 carries only a
 * port (RFC 2428 §3): the host is always the control connection's.
 */
export function passiveTarget(code: number, text: string, controlHost: string, plan: Pick<ClientPlan, "pasvAddress" | "program">): Endpoint | null {
  if (code === 229) {
    const port = parse229(text);
    return port === null ? null : { ip: controlHost, port };
  }
  if (code === 227) {
    const e = parse227(text);
    if (!e || e.port === 0) return null;
    return plan.pasvAddress === "use" && !fixesAddress(e.ip, controlHost, plan.program.pasvFix) ? e : { ip: controlHost, port: e.port };
  }
  return null;
}

/** FileZilla's and WinSCP's is_routable_address, negated: loopback, RFC 1918, link-local (and 0/8 for WinSCP). */
function unroutable(ip: string, zero: boolean): boolean {
  return ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", ...(zero ? ["0.0.0.0/8"] : [])].some((c) => inCidr(ip, c));
}

/** Whether the client program replaces this 227 address with the control host (a PasvFix). */
export function fixesAddress(ip: string, controlHost: string, fix: PasvFix | null): boolean {
  if (!fix || ip === controlHost) return false;
  if (fix.when === "private-mismatch") return ip === "0.0.0.0" || isPrivateIp(ip) !== isPrivateIp(controlHost);
  const zero = fix.when === "unroutable-or-zero";
  return unroutable(ip, zero) && !unroutable(controlHost, zero);
}

/** The program's log line when it replaced the address of this 227 reply, else null. */
export function passiveFixNote(code: number, text: string, controlHost: string, plan: Pick<ClientPlan, "pasvAddress" | "program">): string | null {
  const fix = plan.program.pasvFix;
  if (code !== 227 || plan.pasvAddress !== "use" || !fix) return null;
  const e = parse227(text);
  return e && fixesAddress(e.ip, controlHost, fix) ? fix.note.replace("{address}", e.ip) : null;
}

/**
 * Whether the client refuses this 227 reply's address: it names another host than the control
 * connection's peer, and the program only dials the peer (tnftp, inetutils ftp: RFC 2577 §3's
 * bounce defence, applied by the client).
 */
export function refusesPassiveAddress(code: number, text: string, controlHost: string, plan: Pick<ClientPlan, "pasvAddress" | "program">): boolean {
  if (code !== 227 || plan.pasvAddress !== "use" || !plan.program.pasvMismatch) return false;
  const e = parse227(text);
  return e !== null && e.port !== 0 && e.ip !== controlHost;
}

/** What a local file's time is in SITE UTIME: the lab's files have none, so the Unix epoch. */
const LOCAL_FILE_TIME = "19700101000000";

/** The line a PrepCommand is for this transfer. */
export function prepLine(command: PrepCommand, habit: VerbHabit, arg: string): string {
  if (command === "TYPE") return `TYPE ${habit.type ?? "A"}`;
  if (command === "SITE UTIME") return `SITE UTIME ${LOCAL_FILE_TIME} ${arg}`;
  return `${command} ${arg}`;
}

/** The lines sent before the mode command (or after the transfer), TYPE only when it changes unless the program always sends it. */
export function prepLines(commands: readonly PrepCommand[], habit: VerbHabit, arg: string, currentType: "A" | "I" | null, typeEveryTime: boolean): string[] {
  return commands.filter((c) => c !== "TYPE" || (habit.type !== null && (typeEveryTime || currentType !== habit.type))).map((c) => prepLine(c, habit, arg));
}

/** RFC 1639 §2: LPRT's argument for an IPv4 socket — family 4, 4 address bytes, 2 port bytes. */
export function lprtLine(target: Endpoint): string {
  return `LPRT 4,4,${target.ip.split(".").join(",")},2,${target.port >> 8},${target.port & 255}`;
}
