/**
 * How the login went, in exact words. The trace's `login` event (and result.login, a contract of
 * spec/scenario.md) says only "failed" with the reply that refused it, or null; but a 530 and a
 * connect to port 21 that never completed are different lessons: the first is a password, the
 * second is the network — there was nothing to log in on. This reads which one from the trace.
 */
import { formatEndpoint, type Endpoint } from "../net/addresses";
import type { EventOf, TraceEvent } from "./events";
import { perEvents } from "./per-events";

/** Why the client got no control connection: no answer until its timeout, a RST, no route. */
export type NoControlWhy = "timed-out" | "refused" | "unreachable";

export type LoginOutcome =
  | { readonly kind: "ok"; readonly event: number }
  /** The server answered, and refused: 530 (or another 4xx/5xx during the login). */
  | { readonly kind: "refused"; readonly event: number; readonly reply: number; readonly line: string }
  /** The TCP connection to port 21 never opened: no FTP was spoken at all. */
  | {
      readonly kind: "no-control";
      readonly event: number;
      readonly why: NoControlWhy;
      readonly to: Endpoint;
      /** The control connection's last dropped packet (what stopped it), when one was dropped. */
      readonly drop: EventOf<"drop"> | null;
      /** How long the client tried, ms. */
      readonly waited: number;
    }
  /** Connected, but the server never answered the login (or the connection went away). */
  | { readonly kind: "no-reply"; readonly event: number }
  /** The trace has no login verdict (a session cut off before it). */
  | { readonly kind: "none" };

const read = perEvents((events): LoginOutcome => {
  let at = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.type === "login") {
      at = i;
      break;
    }
  }
  if (at < 0) return { kind: "none" };
  const login = events[at] as EventOf<"login">;
  if (login.result === "ok") return { kind: "ok", event: at };
  if (login.reply !== null) {
    let line = String(login.reply);
    for (let i = at - 1; i >= 0; i--) {
      const e = events[i]!;
      if (e.type === "reply" && e.code === login.reply) {
        line = e.text.split("\r\n").filter((l) => l.length > 0).pop() ?? line;
        break;
      }
    }
    return { kind: "refused", event: at, reply: login.reply, line };
  }
  const connect = events.find((e): e is EventOf<"connect"> => e.type === "connect" && e.purpose === "control" && e.host === "client");
  if (!connect) return { kind: "no-reply", event: at };
  const upTo = events.slice(0, at + 1);
  const opened = upTo.some((e) => e.type === "established" && e.conn === connect.conn && e.host === "client");
  if (opened) return { kind: "no-reply", event: at };
  const drop = [...upTo].reverse().find((e): e is EventOf<"drop"> => e.type === "drop" && e.packet.conn === connect.conn) ?? null;
  const refused = upTo.some((e) => e.type === "closed" && e.conn === connect.conn && e.host === "client" && e.reason === "refused");
  const why: NoControlWhy = refused ? "refused" : drop?.node === "network" ? "unreachable" : "timed-out";
  return { kind: "no-control", event: at, why, to: connect.to, drop, waited: login.t - connect.t };
});

/** How the login went (the last `login` event, read against the control connection). */
export function loginOutcome(events: readonly TraceEvent[]): LoginOutcome {
  return read(events);
}

const WHY_SHORT: Record<NoControlWhy, string> = { "timed-out": "timed out", refused: "refused", unreachable: "unreachable" };

/** A few words, for a label or a chip: "logged in", "login refused (530)", "no control connection (timed out)". */
export function loginShort(o: LoginOutcome): string {
  switch (o.kind) {
    case "ok":
      return "logged in";
    case "refused":
      return `login refused (${o.reply})`;
    case "no-control":
      return `no control connection (${WHY_SHORT[o.why]})`;
    case "no-reply":
      return "no reply to the login";
    case "none":
      return "no login";
  }
}

/** One or two sentences: what happened, and for a failure, why no transfer could follow. */
export function loginSentence(o: LoginOutcome): string {
  switch (o.kind) {
    case "ok":
      return "The control connection is ready for commands.";
    case "refused":
      return `The server refused the login with "${o.line}" The control connection works; the user name or password does not.`;
    case "no-control": {
      const to = formatEndpoint(o.to);
      const stop = o.drop ? ` ${o.drop.reason.charAt(0).toUpperCase()}${o.drop.reason.slice(1).replace(/\.$/, "")}.` : "";
      const what =
        o.why === "refused"
          ? `The client's connect to ${to} was refused at once: a RST came back.`
          : o.why === "unreachable"
            ? `The client's SYNs to ${to} were lost: that address cannot be reached from here.`
            : `The client's connect to ${to} got no answer and timed out after ${(o.waited / 1000).toFixed(1)} s.`;
      return `${what}${stop} No control connection, so no login was even tried: this is the network, not a password.`;
    }
    case "no-reply":
      return "The control connection opened, but the server never answered the login.";
    case "none":
      return "The session ended before the login was decided.";
  }
}
