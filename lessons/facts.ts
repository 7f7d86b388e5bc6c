/**
 * The numbers a lesson's narration may quote, read from its own trace, so the text always
 * matches the screen: "the client announced port {activePort}" becomes "…port 54941".
 */
import { parse227, parseEprtArgument, parseHostPort, parse229 } from "../sim/ftp/hostport";
import type { Trace } from "../sim/simulate";

export function factsOf(trace: Trace): Record<string, string> {
  const f: Record<string, string> = {
    clientIp: trace.scenario.client.ip,
    serverIp: trace.scenario.server.ip,
  };
  for (const e of trace.events) {
    if (e.type === "connect" && e.purpose === "control") f.controlPort ??= String(e.from.port);
    if (e.type === "command" && e.line.startsWith("PORT ") && !f.activePort) {
      const ep = parseHostPort(e.line.slice(5));
      if (ep) {
        f.activePort = String(ep.port);
        f.activeP1 = String(Math.floor(ep.port / 256));
        f.activeP2 = String(ep.port % 256);
        f.portArgs = e.line.slice(5);
      }
    }
    if (e.type === "command" && e.line.startsWith("EPRT ") && !f.activePort) {
      const p = parseEprtArgument(e.line.slice(5));
      if (p.ok) f.activePort = String(p.port);
    }
    if (e.type === "reply" && e.code === 227 && !f.pasvPort) {
      const ep = parse227(e.text);
      if (ep) {
        f.pasvPort = String(ep.port);
        f.pasvP1 = String(Math.floor(ep.port / 256));
        f.pasvP2 = String(ep.port % 256);
        f.pasvIp = ep.ip;
      }
    }
    if (e.type === "reply" && e.code === 229 && !f.pasvPort) {
      const port = parse229(e.text);
      if (port !== null) f.pasvPort = String(port);
    }
    if (e.type === "connect" && e.purpose === "data" && !f.dataFromPort) {
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

/** Fills {name} placeholders; an unknown one stays visible as {name} (and fails the lesson tests). */
export function fill(text: string, facts: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, name: string) => facts[name] ?? whole);
}
