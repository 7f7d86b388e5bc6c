/**
 * One or two plain sentences for each step, in the learner's terms and with the numbers on
 * screen, plus the RFC (or the Linux/vsftpd behaviour) the step comes from. Pure: the
 * explanation panel, the print view and the tests all read it.
 */
import { formatEndpoint, type Endpoint } from "../../sim/net/addresses";
import { hostConfig, serverConfig } from "../../sim/scenario/hosts";
import { hostName, theHost, HostTitle, packetReceiver } from "../trace-hosts";
import { describeFlags, type Packet } from "../../sim/net/packet";
import { parse227, parse229, parseEprtArgument, parseHostPort } from "../../sim/ftp/hostport";
import { isTransferVerb, TRANSFER_VERBS, type TransferVerbName } from "../../sim/ftp/transfer-verbs";
import type { Trace } from "../../sim/trace/trace";
import { connectionsOf } from "../../sim/trace/connections";
import type { EventOf, HostId, TraceEvent } from "../../sim/trace/events";
import { maskSecrets, nodeName } from "../../sim/trace/labels";
import { loginOutcome, loginSentence, loginShort } from "../../sim/trace/login";
import { CLIENT_NAMES, SERVER_NAMES } from "../../sim/software/program-names";
import type { Step, Timeline } from "../../sim/trace/steps";

export interface Narration {
  /** A few words: what kind of moment this is. */
  readonly title: string;
  readonly text: string;
  /** Where the behaviour comes from: "RFC 959 §4.1.2", "Linux nf_conntrack_ftp", … */
  readonly source: string | null;
  readonly tone: "neutral" | "good" | "bad";
}

const ep = formatEndpoint;

function portMath(e: Endpoint): string {
  return `${e.ip} port ${Math.floor(e.port / 256)}×256+${e.port % 256} = ${e.port}`;
}

/** Whether a data address announced in PORT/EPRT is a socket the client itself listens on. */
function clientListensOn(trace: Trace, ip: string, port: number): boolean {
  if (ip !== trace.scenario.client.ip) return false;
  return trace.events.some((e) => e.type === "listen" && e.host === "client" && e.socket.port === port);
}

/** A transfer command in words, by which end sends the bytes (sim/ftp/transfer-verbs.ts). */
function transferRequest(verb: TransferVerbName, name: string): string {
  if (TRANSFER_VERBS[verb].sender === "client") {
    const asks = verb === "APPE" ? `to append to ${name}` : `to upload ${name}`;
    return `The client asks ${asks}. It will send the bytes over the data connection.`;
  }
  if (verb === "LIST" || verb === "NLST") return "The client asks for the directory listing. It will arrive on the data connection, not on this one.";
  return `The client asks to download ${name}. The bytes will come over the data connection.`;
}

function explainCommand(line: string, trace: Trace): { text: string; source: string | null } {
  const [verb = "", ...rest] = line.split(" ");
  const arg = rest.join(" ");
  const upper = verb.toUpperCase();
  if (isTransferVerb(upper)) return { text: transferRequest(upper, arg), source: "RFC 959 §4.1.3" };
  switch (upper) {
    case "USER":
      return { text: `The client sends its user name, ${arg}, on the control connection.`, source: "RFC 959 §4.1.1" };
    case "PASS":
      return { text: "The client sends the password — in plain text unless the session is protected with TLS.", source: "RFC 959 §4.1.1" };
    case "PWD":
      return { text: `The client asks for the current directory, as ${programName(trace)} does after logging in.`, source: "RFC 959 §4.1.3" };
    case "SYST":
      return { text: `The client (${programName(trace)}) asks what system the server runs (it reads listings differently on Windows and UNIX).`, source: "RFC 959 §4.1.3" };
    case "FEAT":
      return { text: `The client (${programName(trace)}) asks which extensions the server has (EPSV, SIZE, MDTM, MLSD…).`, source: "RFC 2389" };
    case "MDTM":
      return { text: `The client (${programName(trace)}) asks when ${arg} was last changed.`, source: "RFC 3659 §3" };
    case "SITE":
      return { text: `The client (${programName(trace)}) asks the server to set the uploaded file's time (${arg}); servers that do not allow it say so, and the transfer stands.`, source: "RFC 959 §4.1.3" };
    case "ABOR":
      return { text: "ABOR: the client abandons the transfer it asked for.", source: "RFC 959 §4.1.3" };
    case "OPTS":
      return { text: `The client (${programName(trace)}) asks for UTF-8 file names.`, source: "RFC 2389 §4" };
    case "LPRT":
      return { text: "LPRT is RFC 1639's long PORT (address family, address and port, each with its length): the client's second try after its PORT was refused.", source: "RFC 1639 §2" };
    case "TYPE":
      return { text: arg === "A" ? "TYPE A: listings travel as ASCII text." : "TYPE I: files travel as raw bytes (binary).", source: "RFC 959 §3.1.1" };
    case "SIZE":
      return { text: `Before downloading, the client asks how big ${arg} is.`, source: "RFC 3659 §4" };
    case "PASV":
      return { text: "PASV asks the server to open a port and say where: the client will make the data connection itself (passive mode).", source: "RFC 959 §4.1.2; RFC 1579" };
    case "EPSV":
      return { text: "EPSV is the extended PASV: the server answers with a port only, and the client connects to the same host as the control connection.", source: "RFC 2428 §3" };
    case "PORT": {
      const e = parseHostPort(arg);
      return {
        text: !e
          ? "A PORT command the server cannot read."
          : clientListensOn(trace, e.ip, e.port)
            ? `PORT tells the server where to connect for the data: ${portMath(e)}. The client is listening there (active mode).`
            : `PORT names ${portMath(e)} — not a socket the client listens on. The server is asked to connect somewhere else: a server-to-server transfer (RFC 959 §2.3), or a bounce attack (RFC 2577).`,
        source: e && !clientListensOn(trace, e.ip, e.port) ? "RFC 959 §4.1.2; RFC 2577 §2" : "RFC 959 §4.1.2",
      };
    }
    case "EPRT": {
      const p = parseEprtArgument(arg);
      return {
        text: !p.ok
          ? "An EPRT command the server cannot read."
          : `EPRT is the extended PORT: "connect to ${p.ip} port ${p.port}", written plainly instead of in bytes.${clientListensOn(trace, p.ip, p.port) ? "" : " That is not a socket the client listens on: the server is asked to connect somewhere else (RFC 2577)."}`,
        source: "RFC 2428 §2",
      };
    }
    case "QUIT":
      return { text: "The client says goodbye; the server will close the control connection.", source: "RFC 959 §4.1.1" };
    case "AUTH":
      return { text: "AUTH TLS: the client asks to encrypt the control connection from here on (FTPS).", source: "RFC 4217 §4" };
    case "PBSZ":
    case "PROT":
      return { text: "PBSZ 0 and PROT P: data connections will be encrypted too.", source: "RFC 4217 §9" };
    default:
      return { text: `The client sends ${verb.toUpperCase()}.`, source: "RFC 959 §4.1" };
  }
}

/** Whose timeout it was, in the program's own terms (sim/software). */
function timeoutWords(trace: Trace, host: HostId): string {
  if (host === "server" || host === "server-b") {
    const p = SERVER_NAMES[serverConfig(trace.scenario, host).software];
    return ` ${p.name} will answer 425. (This lab shortens its timeouts to 3–4 s, as the reference lab did.)`;
  }
  return ` (${CLIENT_NAMES[trace.scenario.client.software].name}'s connect timeout, ${(trace.scenario.client.connectTimeoutMs / 1000).toFixed(0)} s here.)`;
}

function timeoutSource(trace: Trace, host: HostId): string {
  if (host === "server" || host === "server-b") {
    const p = SERVER_NAMES[serverConfig(trace.scenario, host).software];
    return `${p.name} ${p.options.connectTimeout} / ${p.options.acceptTimeout}`;
  }
  return trace.scenario.client.software === "curl" ? "curl --connect-timeout" : `${CLIENT_NAMES[trace.scenario.client.software].name} connect timeout`;
}

/** The client program as a sentence names it: "curl", "lftp", "FileZilla". */
const programName = (trace: Trace): string => CLIENT_NAMES[trace.scenario.client.software].name;

/** What the client will do with the address in a 227 (its profile: ignore, use, fix or refuse it). */
function pasvAddressSentence(trace: Trace): string {
  const p = CLIENT_NAMES[trace.scenario.client.software];
  if (trace.scenario.client.pasvAddress === "ignore") return `The client (${p.name}) ignores the address and connects to the control connection's host, on that port.`;
  if (p.pasvMismatch) return `The client (${p.name}) connects there only if it is the host it is already talking to.`;
  if (p.pasvFix) return `The client (${p.name}) will connect to that address, unless it judges it unreachable from here.`;
  return "The client will connect to that address.";
}

/** Where a client program's own remark comes from: the RFC its decision follows, when there is one. */
function noteSource(text: string): string | null {
  if (/EPSV/.test(text)) return "RFC 2428 §3";
  if (/EPRT/.test(text)) return "RFC 2428 §2";
  if (/epsv4/.test(text)) return "RFC 2428";
  if (/mismatch/i.test(text)) return "RFC 2577 §3";
  if (/PASV|passive reply/i.test(text)) return "RFC 959 §4.1.2";
  return null;
}

/** Whether the server's end of this transfer's data connection was open before the event at `at`. */
function dataOpenBefore(trace: Trace, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const e = trace.events[i]!;
    if (e.type === "transfer-start") return false;
    if (e.type === "established" && e.host === "server" && e.purpose === "data") return true;
  }
  return false;
}

function explainReply(code: number, text: string, trace: Trace, at: number): { text: string; source: string | null; tone: Narration["tone"] } {
  const first = text.split("\r\n")[0] ?? text;
  if (code === 227) {
    const e = parse227(first);
    return {
      text: e
        ? `227: the server listens on ${portMath(e)}. ${pasvAddressSentence(trace)}`
        : "227, but the address in it cannot be read.",
      source: "RFC 959 §4.1.2",
      tone: "neutral",
    };
  }
  if (code === 229) {
    const port = parse229(first);
    return { text: `229: the server listens on port ${port ?? "?"}; the client connects there on the host it is already talking to.`, source: "RFC 2428 §3", tone: "neutral" };
  }
  if (code === 125) return { text: `125: "${first.slice(4)}" — the data connection was already open, and the transfer starts on it.`, source: "RFC 959 §4.2", tone: "neutral" };
  if (code === 150) {
    // vsftpd says 150 once its data connection is open; FileZilla Server and IIS (passive) before.
    return {
      text: dataOpenBefore(trace, at)
        ? `150: "${first.slice(4)}" — the server is ready and the data connection is open; the bytes flow now.`
        : `150: "${first.slice(4)}" — the server says so as it starts the transfer, before the data connection is open; the bytes flow once it is.`,
      source: "RFC 959 §4.2",
      tone: "neutral",
    };
  }
  if (code === 226) return { text: "226: the transfer is complete and the server has closed the data connection.", source: "RFC 959 §4.2", tone: "good" };
  if (code === 425)
    return { text: `425: "${first.slice(4)}" The server could not open the data connection.`, source: "RFC 959 §4.2", tone: "bad" };
  if (code === 500 && /Illegal (PORT|EPRT)/.test(first))
    return {
      text: `500 Illegal PORT command: ${SERVER_NAMES[trace.scenario.server.software].name} only connects back to the address the control connection came from, and never to a port below 1024 — its defence against the bounce attack.`,
      source: "RFC 2577 §3",
      tone: "bad",
    };
  if (code === 220) return { text: "The server greets the client: 220, ready for a new user.", source: "RFC 959 §4.2", tone: "neutral" };
  if (code === 230) return { text: "230: logged in.", source: "RFC 959 §4.2", tone: "good" };
  if (code === 331) return { text: "331: user name accepted; now the password.", source: "RFC 959 §4.2", tone: "neutral" };
  if (code === 530) return { text: `530: "${first.slice(4)}"`, source: "RFC 959 §4.2", tone: "bad" };
  if (code === 221) return { text: "221: goodbye. The server closes the control connection.", source: "RFC 959 §4.2", tone: "neutral" };
  if (code === 234) return { text: "234: the server agrees; the TLS handshake starts on this connection.", source: "RFC 4217 §4", tone: "neutral" };
  const tone = code >= 400 ? "bad" : "neutral";
  return { text: `The server replies ${first}${/[.!?]$/.test(first) ? "" : "."}`, source: "RFC 959 §4.2", tone };
}

function fateText(trace: Trace, journey: NonNullable<Step["packet"]>): { text: string; tone: Narration["tone"] } {
  if (journey.fate === null) return { text: " It is still on its way when the session ends.", tone: "neutral" };
  const fate = trace.events[journey.fate]!;
  if (fate.type === "drop") {
    if (fate.check) {
      const rule = fate.check.rule === null ? fate.check.ruleText : `rule ${fate.check.rule + 1} (${fate.check.ruleText})`;
      const state = fate.check.ctState.toUpperCase();
      const verb = fate.check.verdict === "reject" ? "rejects it: it answers with a RST" : "drops it without a word";
      const fw = hostConfig(trace.scenario, fate.check.firewall).firewall;
      const helper = fw === "stateful+ftp-helper" || (typeof fw === "object" && fw.ftpHelper);
      // Under TLS the helper read nothing: say so, it is the whole point of the scenario.
      const blind = helper && trace.scenario.tls && fate.check.ctState === "new" ? " Its FTP helper could not read the encrypted control connection, so it expected nothing." : "";
      return {
        text: ` The ${nodeName(fate.check.firewall, trace.scenario)} sees a ${state} inbound connection that matches nothing it has tracked, and ${verb} — ${rule}.${blind}`,
        tone: "bad",
      };
    }
    return { text: ` ${fate.reason.charAt(0).toUpperCase()}${fate.reason.slice(1)}.`, tone: "bad" };
  }
  if (fate.type === "deliver" && fate.check.ctState === "related") {
    return { text: ` Conntrack marks it RELATED — the FTP helper expected it — and "${fate.check.ruleText}" lets it in.`, tone: "good" };
  }
  return { text: "", tone: "neutral" };
}

function natText(trace: Trace, journey: NonNullable<Step["packet"]>): string {
  return journey.nat
    .map((i) => {
      const n = trace.events[i] as EventOf<"nat">;
      const moved = n.before.src.ip !== n.after.src.ip || n.before.src.port !== n.after.src.port ? `source ${ep(n.before.src)} → ${ep(n.after.src)}` : `destination ${ep(n.before.dst)} → ${ep(n.after.dst)}`;
      const helper =
        n.before.payload !== n.after.payload ? ` Its FTP helper also rewrites the address inside the FTP message: the other side receives "${n.after.payload.trim()}".` : "";
      return ` The ${nodeName(n.node, trace.scenario)} rewrites the ${moved}.${helper}`;
    })
    .join("");
}

function expectText(trace: Trace, journey: NonNullable<Step["packet"]>): string {
  return journey.expect
    .map((i) => {
      const x = trace.events[i] as EventOf<"expect">;
      return ` The ${nodeName(x.node, trace.scenario)}'s FTP helper reads the ${x.announcement} and now expects a connection from ${x.from} to ${ep(x.to)}.`;
    })
    .join("");
}

function explainPacket(trace: Trace, step: Step): Narration {
  const journey = step.packet!;
  const send = trace.events[journey.send] as EventOf<"send">;
  const p: Packet = send.packet;
  const conn = connectionsOf(trace.events).get(p.conn);
  const purpose = conn?.purpose ?? "control";
  const kind = describeFlags(p);
  const from = send.node;
  const to = packetReceiver(trace.scenario, from, p);
  const name = (h: HostId) => hostName(trace.scenario, h);
  // A server-to-server transfer: which server a command goes to or a reply comes from.
  const server = from === "client" ? to : from;
  const which = trace.scenario.fxp ? (t: string) => t.replace(/\bThe server\b/g, HostTitle(trace.scenario, server)).replace(/\bthe server\b/g, name(server)) : (t: string) => t;
  const fate = fateText(trace, journey);
  const extras = natText(trace, journey) + expectText(trace, journey);
  const done = (title: string, text: string, source: string | null, tone: Narration["tone"] = "neutral"): Narration => ({
    title,
    text: text + extras + fate.text,
    source,
    tone: fate.tone === "neutral" ? tone : fate.tone,
  });

  if (journey.command !== null) {
    const c = trace.events[journey.command] as EventOf<"command">;
    const e = explainCommand(c.line, trace);
    return done(trace.scenario.fxp ? `Command to ${name(to)}: ${maskSecrets(c.line)}` : `Command: ${maskSecrets(c.line)}`, which(e.text), e.source);
  }
  if (journey.reply !== null) {
    const r = trace.events[journey.reply] as EventOf<"reply">;
    const e = explainReply(r.code, r.text, trace, journey.reply);
    return done(trace.scenario.fxp ? `Response from ${name(from)}: ${r.text.split("\r\n")[0]}` : `Response: ${r.text.split("\r\n")[0]}`, which(e.text), e.source, e.tone);
  }
  if (kind === "SYN") {
    const retry = p.attempt > 0 ? ` No answer yet, so ${theHost(trace.scenario, from)} sends the SYN again (retry ${p.attempt}).` : "";
    // A relay in front of the server: the client dials the relay, and the relay dials the server.
    const viaRelay = to === "relay" ? ` ${ep(p.dst)} is the relay's address: the relay will open its own connection to the same port of the server and copy the bytes between the two.` : "";
    if (from === "relay") {
      return done(`SYN: the relay dials the server`, `The relay opens its own ${purpose} connection from ${ep(p.src)} to the server's ${ep(p.dst)}, the port the client dialled on the relay. The server sees it come from the relay, not from the client.${retry}`, "RFC 9293 §3.5");
    }
    if (purpose === "control") {
      return done(
        trace.scenario.fxp ? `SYN: the control connection to ${name(to)} opens` : "SYN: the control connection opens",
        `${theHost(trace.scenario, from, true)} opens the control connection${trace.scenario.fxp ? ` to ${name(to)}` : ""}: a SYN from ${ep(p.src)} to port 21.${viaRelay}${retry}`,
        "RFC 959 §5.2; RFC 9293 §3.5",
      );
    }
    if (from === "server-b" || (trace.scenario.fxp && from === "server")) {
      return done(
        `SYN: ${name(from)} dials ${name(to)}`,
        `${capitalised(name(from))} opens the data connection from its port ${p.src.port} to ${ep(p.dst)}, the address the client named in ${trace.scenario.fxp?.announce ?? "PORT"}: ${name(to)}'s passive socket. The data goes server to server and never passes the client.${retry}`,
        "RFC 959 §2.3 (figure 2)",
      );
    }
    const toClient = p.dst.ip === trace.scenario.client.ip || p.dst.ip === trace.scenario.client.nat?.publicIp;
    if (from === "server" && !toClient) {
      return done(
        "SYN: the server dials the address in PORT",
        `The server opens a data connection from its port ${p.src.port} to ${ep(p.dst)} — not the client, but the address the client named.${retry}`,
        "RFC 959 §3.2; RFC 2577 §2",
      );
    }
    if (from === "server") {
      return done(
        "SYN: the server dials the client",
        `Active mode: the server opens the data connection from its port ${p.src.port} to the port the client announced, ${ep(p.dst)}.${retry}`,
        "RFC 959 §3.2",
      );
    }
    return done(
      "SYN: the client dials the server",
      `Passive mode: the client opens the data connection to the port the server announced, ${ep(p.dst)}.${viaRelay}${retry}`,
      "RFC 959 §3.2; RFC 1579",
    );
  }
  if (kind === "SYN-ACK") return done("SYN-ACK", `${theHost(trace.scenario, from, true)} accepts the ${purpose} connection: SYN-ACK from ${ep(p.src)}.`, "RFC 9293 §3.5");
  if (kind === "RST") return done("RST", `${theHost(trace.scenario, from, true)} answers with a reset: nothing will listen on ${ep(p.src)} for this connection.`, "RFC 9293 §3.10.7", "bad");
  if (kind === "FIN") {
    const why = purpose === "data" ? " In stream mode, closing the data connection is how the end of the data is signalled." : "";
    return done("FIN", `${theHost(trace.scenario, from, true)} closes its side of the ${purpose} connection.${why}`, purpose === "data" ? "RFC 959 §3.4.1" : "RFC 9293 §3.6");
  }
  if (kind === "data") {
    if (p.payload.startsWith("TLS ")) return done("TLS handshake", `${theHost(trace.scenario, from, true)} sends its part of the TLS handshake.`, "RFC 4217 §4");
    const what = p.encrypted ? "encrypted data" : `${p.payload.length} bytes of data`;
    return done("Data", `${theHost(trace.scenario, from, true)} sends ${what} over the data connection.`, "RFC 959 §3.2");
  }
  const establishing = trace.events.some((e, i) => i > journey.send && i <= (journey.fate ?? journey.send) + 2 && e.type === "established" && e.conn === p.conn && e.host === to);
  if (establishing) return done("ACK: connected", `The ACK completes the three-way handshake: the ${purpose} connection is established.`, "RFC 9293 §3.5");
  return done("ACK", `${theHost(trace.scenario, from, true)} acknowledges what it received so far.`, "RFC 9293 §3.10.7.4");
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The login's verdict in exact words: a 530 is a refused login; a port 21 never reached is no login at all. */
function explainLogin(trace: Trace): Narration {
  const o = loginOutcome(trace.events);
  const text = loginSentence(o);
  switch (o.kind) {
    case "ok":
      return { title: "Logged in", text, source: null, tone: "good" };
    case "refused":
      return { title: `Login refused (${o.reply})`, text, source: "RFC 959 §4.2", tone: "bad" };
    case "no-control":
      return { title: capitalised(loginShort(o)), text, source: o.why === "timed-out" ? timeoutSource(trace, "client") : "RFC 9293 §3.5", tone: "bad" };
    default:
      return { title: "No login", text, source: null, tone: "bad" };
  }
}

/** "Every connection is closed" is true only of connections that opened: one that never did is named as such. */
function sessionOverText(trace: Trace): string {
  const opened = new Set(trace.events.flatMap((e) => (e.type === "established" ? [e.conn] : [])));
  const all = [...connectionsOf(trace.events).values()];
  const never = all.filter((c) => !opened.has(c.id));
  if (never.length === 0) return "Every connection is closed.";
  if (never.length === all.length) return all.length === 1 ? `The ${all[0]!.purpose} connection never opened; nothing is left open.` : "No connection ever opened; nothing is left open.";
  const kind = never.every((c) => c.purpose === never[0]!.purpose) ? `${never[0]!.purpose} ` : "";
  return `Every connection that opened is closed; ${never.length === 1 ? `one ${kind}connection` : `${never.length} ${kind}connections`} never opened.`;
}

export function narrate(trace: Trace, timeline: Timeline, stepIndex: number): Narration {
  const step = timeline.steps[stepIndex];
  if (!step) return { title: "", text: "", source: null, tone: "neutral" };
  if (step.kind === "packet") return explainPacket(trace, step);
  const e: TraceEvent = trace.events[step.event]!;
  switch (e.type) {
    case "listen":
      if (e.purpose === "control") return { title: "Listening on port 21", text: `The server listens on ${ep(e.socket)}, FTP's well-known control port.`, source: "RFC 959 §3.2", tone: "neutral" };
      return e.host === "client"
        ? { title: "The client listens", text: `Active mode: the client opens a listening socket, ${ep(e.socket)}, and will tell the server to connect to it.`, source: "RFC 959 §3.2", tone: "neutral" }
        : { title: "The server listens", text: `Passive mode: the server opens a listening socket on ${ep(e.socket)} and will tell the client to connect to it.`, source: "RFC 959 §4.1.2", tone: "neutral" };
    case "unlisten":
      return { title: "Listener closed", text: `${theHost(trace.scenario, e.host, true)} stops listening on ${ep(e.socket)}.`, source: null, tone: "neutral" };
    case "timeout":
      return {
        title: `${HostTitle(trace.scenario, e.host)} gives up`,
        text: `${theHost(trace.scenario, e.host, true)} waited ${((e.t - e.since) / 1000).toFixed(1)} s to ${e.what === "connect" ? "connect to" : "accept a connection on"} ${ep(e.socket)} and gives up.${timeoutWords(trace, e.host)}`,
        source: timeoutSource(trace, e.host),
        tone: "bad",
      };
    case "note":
      return e.host === "client"
        ? { title: "The client decides", text: `${programName(trace)}: "${e.text}".`, source: noteSource(e.text), tone: "neutral" }
        : e.host === "relay"
          ? { title: "The relay decides", text: `The relay: "${e.text}".`, source: noteSource(e.text), tone: "neutral" }
          : { title: `${theHost(trace.scenario, e.host, true)} decides`, text: `${SERVER_NAMES[serverConfig(trace.scenario, e.host).software].name}: "${e.text}".`, source: noteSource(e.text), tone: "neutral" };
    case "login":
      return explainLogin(trace);
    case "transfer-end": {
      const r = trace.result.transfers.find((x) => x.index === e.index);
      if (e.result === "ok") {
        const who = r?.data?.initiator ? theHost(trace.scenario, r.data.initiator) : "an unknown host";
        return { title: `${e.command}: done`, text: `${e.command} worked: ${e.bytes} bytes over a data connection opened by ${who}.`, source: null, tone: "good" };
      }
      return { title: `${e.command}: failed`, text: `${e.command} failed: ${r?.cause ?? "see the steps before"}.`, source: null, tone: "bad" };
    }
    case "session-end":
      return {
        title: "Session over",
        text: e.reason === "done" ? sessionOverText(trace) : "The session was cut off at its time limit.",
        source: null,
        tone: "neutral",
      };
    default:
      return { title: "", text: "", source: null, tone: "neutral" };
  }
}
