/**
 * The client's side of the conversation as pure functions: what curl sends for each step and
 * how it reads the server's answers. The client machine sequences them.
 */
import { isPrivateIp, type Endpoint } from "../net/addresses";
import type { PasvFix } from "../software/client-profile";
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
  /** The client program's correction of a wrong 227 address (sim/software), if it has one. */
  readonly pasvFix: PasvFix | null;
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
export function passiveTarget(code: number, text: string, controlHost: string, pasvAddress: "use" | "ignore", fix: PasvFix | null = null): Endpoint | null {
  if (code === 229) {
    const port = parse229(text);
    return port === null ? null : { ip: controlHost, port };
  }
  if (code === 227) {
    const e = parse227(text);
    if (!e || e.port === 0) return null;
    return pasvAddress === "use" && !fixesAddress(e.ip, controlHost, fix) ? e : { ip: controlHost, port: e.port };
  }
  return null;
}

/** Whether the client program replaces this 227 address with the control host (a PasvFix); 0.0.0.0 is never an address to connect to. */
export function fixesAddress(ip: string, controlHost: string, fix: PasvFix | null): boolean {
  if (!fix || ip === controlHost) return false;
  if (ip === "0.0.0.0") return true;
  return fix.when === "private-mismatch" ? isPrivateIp(ip) !== isPrivateIp(controlHost) : isPrivateIp(ip) && !isPrivateIp(controlHost);
}

/** The program's log line when it replaced the address of this 227 reply, else null. */
export function passiveFixNote(code: number, text: string, controlHost: string, plan: Pick<ClientPlan, "pasvAddress" | "pasvFix">): string | null {
  if (code !== 227 || plan.pasvAddress !== "use" || !plan.pasvFix) return null;
  const e = parse227(text);
  return e && fixesAddress(e.ip, controlHost, plan.pasvFix) ? plan.pasvFix.note : null;
}
