/**
 * The numbers a lesson's narration may quote, read from its own trace, so the text always
 * matches the screen: "the client announced port {activePort}" becomes "…port 54941".
 * Available: clientIp, serverIp, clientPublicIp / serverPublicIp (behind a NAT), serverBIp (a
 * server-to-server transfer's B), relayIp (a relay's address), controlPort;
 * for the first transfer: activePort, activeP1, activeP2, portArgs, eprtArgs, pasvPort, pasvP1,
 * pasvP2, pasvIp, pasvArgs (the 227's h1,h2,h3,h4,p1,p2), epsvPort (the 229's port, even after a
 * fallback to PASV), dataFromPort, dataToPort (its last data connection); firstCommand,
 * firstResult, firstCause.
 */
import { parse227, parseEprtArgument, parseHostPort, parse229 } from "../sim/ftp/hostport";
import type { Trace } from "../sim/trace/trace";

export function factsOf(trace: Trace): Record<string, string> {
  const { client, server } = trace.scenario;
  const f: Record<string, string> = {
    clientIp: client.ip,
    serverIp: server.ip,
  };
  if (client.nat) f.clientPublicIp = client.nat.publicIp;
  if (server.nat) f.serverPublicIp = server.nat.publicIp;
  if (trace.scenario.fxp) f.serverBIp = trace.scenario.fxp.server.ip;
  if (server.relay) f.relayIp = server.relay.ip;
  // The data-connection numbers are the first transfer's: its last announcement (after a fallback
  // from EPRT to PORT or EPSV to PASV, the one that counted) and its last data connection.
  let firstTransfer: "before" | "inside" | "after" = "before";
  for (const e of trace.events) {
    if (e.type === "connect" && e.purpose === "control") f.controlPort ??= String(e.from.port);
    if (e.type === "transfer-start" && e.index === 0) firstTransfer = "inside";
    if (e.type === "transfer-end" && e.index === 0) firstTransfer = "after";
    if (firstTransfer === "after") continue;
    if (e.type === "command" && e.line.startsWith("PORT ")) {
      const ep = parseHostPort(e.line.slice(5));
      if (ep) {
        f.activePort = String(ep.port);
        f.activeP1 = String(Math.floor(ep.port / 256));
        f.activeP2 = String(ep.port % 256);
        f.portArgs = e.line.slice(5);
      }
    }
    if (e.type === "command" && e.line.startsWith("EPRT ")) {
      const p = parseEprtArgument(e.line.slice(5));
      if (p.ok) {
        f.activePort = String(p.port);
        f.eprtArgs = e.line.slice(5);
      }
    }
    if (e.type === "reply" && e.code === 227) {
      const ep = parse227(e.text);
      if (ep) {
        f.pasvPort = String(ep.port);
        f.pasvP1 = String(Math.floor(ep.port / 256));
        f.pasvP2 = String(ep.port % 256);
        f.pasvIp = ep.ip;
        f.pasvArgs = /\(([\d,]+)\)/.exec(e.text)?.[1] ?? "";
      }
    }
    if (e.type === "reply" && e.code === 229) {
      const port = parse229(e.text);
      if (port !== null) {
        f.pasvPort = String(port);
        // The 229's own port, which a later PASV fallback does not overwrite.
        f.epsvPort = String(port);
      }
    }
    if (e.type === "connect" && e.purpose === "data" && firstTransfer === "inside") {
      f.dataFromPort = String(e.from.port);
      f.dataToPort = String(e.to.port);
    }
  }
  const first = trace.result.transfers[0];
  if (first) {
    f.firstCommand = first.command;
    f.firstResult = first.result;
    f.firstCause = first.cause ?? "";
  }
  return f;
}

/**
 * Fills {name} placeholders; an unknown one stays visible as {name} (and fails the lesson check).
 * Own facts only: {constructor} is an unknown placeholder, not Object.prototype's (issue 16).
 */
export function fill(text: string, facts: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, name: string) => (Object.hasOwn(facts, name) ? facts[name]! : whole));
}
