/** The `sim` command's text output: the transcript as FTP clients log it, then one line per transfer. */
import { formatEndpoint } from "../net/addresses";
import { loginOutcome, loginShort } from "../trace/login";
import type { Trace } from "../trace/trace";
import type { HostId } from "../trace/events";

const seconds = (ms: number): string => (ms / 1000).toFixed(3).padStart(8);

export function formatText(name: string, trace: Trace): string {
  const { result, scenario } = trace;
  const lines = [`== ${name}${scenario.title ? `: ${scenario.title}` : ""}`];
  // With two servers (FXP), each line says which: "A" is the server, "B" server B.
  const side = (h: HostId | undefined) => (scenario.fxp ? (h === "server-b" ? " B" : " A") : "");
  for (const l of result.transcript) lines.push(`${seconds(l.t)}  ${l.from === "client" ? `Command${side(l.to)}: ` : `Response${side(l.from)}:`} ${l.line}`);
  lines.push("");
  // result.login says only "failed"; the words tell a 530 from a control connection that never opened (login.ts).
  lines.push(`login: ${result.login.result === "ok" ? "ok" : loginShort(loginOutcome(trace.events))}`);
  for (const t of result.transfers) {
    const reply = t.reply ?? t.lastReply;
    const head = `${t.command.padEnd(18)} ${t.result.padEnd(6)} ${reply === null ? "---" : String(reply)}`;
    if (t.fxp) {
      const { a, b, stored, size } = t.fxp;
      lines.push(`${head}  ${t.cause ?? `${a.command} on A: ${a.reply}, ${b.command} on B: ${b.reply}; ${stored} of ${size} bytes reached B`}`);
    } else if (t.result === "ok" && t.attempt) {
      const a = t.attempt;
      lines.push(`${head}  ${t.modeCommand ?? "-"}: ${a.initiator} dialled ${formatEndpoint(a.from)} → ${formatEndpoint(a.to)}, ${t.bytes} bytes`);
    } else {
      lines.push(`${head}  ${t.cause ?? ""}`);
    }
  }
  if (result.endedBy === "time-limit") lines.push(`session cut off at ${scenario.timeLimitMs} ms`);
  return lines.join("\n");
}
