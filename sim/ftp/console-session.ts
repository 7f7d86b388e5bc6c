/**
 * The console's side of the conversation as pure functions: which of the learner's lines need a
 * data connection, and what its data helper makes of a reply — where to connect after a 227 or a
 * 229, where to listen after a PORT or EPRT the server accepted. The console machine
 * (console-machine.ts) sequences them; the replies themselves are the server program's.
 */
import type { Endpoint } from "../net/addresses";
import type { ModeCommand } from "../trace/events";
import { parseCommand } from "./commands";
import { parse227, parse229, parseEprtArgument, parseHostPort } from "./hostport";
import { isCompletion } from "./replies";

/**
 * What the data helper will do for the next data command: connect (after a 227/229), take the
 * server's connection on its listener (after an accepted PORT/EPRT naming its own address), or
 * nothing at all — the server was sent elsewhere (a bounce, RFC 2577 §3) or the port could not be
 * listened on; null: no PASV, EPSV, PORT or EPRT in force.
 */
export type ConsoleDataPlan =
  | { readonly kind: "connect"; readonly target: Endpoint }
  | { readonly kind: "listen"; readonly socket: Endpoint }
  | { readonly kind: "elsewhere"; readonly target: Endpoint };

/** The mode command a typed line is (verbs are case-insensitive, RFC 959 §5.3), or null. */
export function modeCommandOf(line: string): ModeCommand | null {
  const verb = parseCommand(line).verb;
  return verb === "PASV" || verb === "EPSV" || verb === "PORT" || verb === "EPRT" ? verb : null;
}

/** The address a typed PORT or EPRT names (RFC 959 §4.1.2, RFC 2428 §2), null when it names none. */
export function announcedTarget(line: string): Endpoint | null {
  const { verb, arg } = parseCommand(line);
  if (verb === "PORT") return parseHostPort(arg);
  if (verb !== "EPRT") return null;
  const parsed = parseEprtArgument(arg);
  return parsed.ok ? { ip: parsed.ip, port: parsed.port } : null;
}

/**
 * What the data helper makes of the final reply to a typed line: a usable 227 is connected to at
 * the address it names (RFC 959 §4.1.2, as written: the console corrects nothing), a 229 at the
 * control connection's server address (RFC 2428 §3: it carries a port only); an accepted PORT or
 * EPRT is listened for when it names `ownIp`, and otherwise only remembered. Any other line or
 * reply: no plan (null), or `undefined` when the line has nothing to do with data connections.
 */
export function planAfterReply(line: string, code: number, text: string, ownIp: string, controlHost: string): ConsoleDataPlan | null | undefined {
  const mode = modeCommandOf(line);
  if (mode === null) return undefined;
  if (mode === "PASV") {
    const e = code === 227 ? parse227(text) : null;
    return e && e.port !== 0 ? { kind: "connect", target: e } : null;
  }
  if (mode === "EPSV") {
    const port = code === 229 ? parse229(text) : null;
    return port === null ? null : { kind: "connect", target: { ip: controlHost, port } };
  }
  const target = isCompletion(code) ? announcedTarget(line) : null;
  if (!target) return null;
  // The socket is only wanted here: the console host says whether it could listen on it.
  return target.ip === ownIp ? { kind: "listen", socket: target } : { kind: "elsewhere", target };
}
