/**
 * The postMessage API between a host page (a slide deck) and an embedded lab.
 *
 *   host → embed: { ns: "ftp-lab", method: "goto", args: { step: 5 } }   (or args: 5)
 *                 { ns: "ftp-lab", method: "next" | "prev" | "play" | "pause" }
 *                 { ns: "ftp-lab", method: "setup", args: { mode: "active", cfw: "stateful" } }
 *                   (a playground embed: the playground's URL parameters, one per knob of
 *                   sim/scenario/knobs.ts, plus step; yes/no as true/false or 1/0; a lesson
 *                   embed: { scenario: "open" } picks one of the lesson's named scenarios).
 *                   Only the parameters it names change; a bad value is refused alone.
 *                 { ns: "ftp-lab", method: "release" }   the embed gives the keyboard back
 *   embed → host: { ns: "ftp-lab", event: "ready" | "step", step, total, outcome }
 *                   step and total 1-based; outcome: per transfer, as far as the playhead got.
 *                 { ns: "ftp-lab", event: "focus" }      the embed took the keyboard (a click
 *                   in it, with controls): the deck's keys reach the lab until it is released
 *                 { ns: "ftp-lab", event: "released" }   the embed gave the keyboard back
 *                   (Esc, a "release" message, or at once with controls=none): the host
 *                   should focus itself so its keys work again.
 *
 * With origin= (host-origins.ts) only the parent page, from a listed origin, is obeyed, and the
 * events are posted to the listed origins alone.
 *
 * Anything else — another namespace, an unknown method, arguments of the wrong shape, values
 * too long — is ignored: a host page cannot break the embed, and no value from a message ever
 * reaches the DOM as markup.
 */
export const NS = "ftp-lab";

export type Command =
  | { method: "goto"; step: number }
  | { method: "next" | "prev" | "play" | "pause" }
  | { method: "setup"; params: Record<string, string> };

const plain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** What a host may send: a command for the lab, or "release" (give the keyboard back). */
export type HostMessage = Command | { method: "release" };

/** A host's message, or null when it is not a valid one. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (plain(data) && data.ns === NS && data.method === "release") return { method: "release" };
  return parseCommand(data);
}

/** A host's message as a lab command, or null when it is not a valid one (nor "release"). */
export function parseCommand(data: unknown): Command | null {
  if (!plain(data) || data.ns !== NS || typeof data.method !== "string") return null;
  const { method, args } = data;
  switch (method) {
    case "next":
    case "prev":
    case "play":
    case "pause":
      return { method };
    case "goto": {
      const raw = plain(args) ? args.step : args;
      const step = typeof raw === "string" && /^\d{1,5}$/.test(raw) ? Number(raw) : raw;
      return typeof step === "number" && Number.isInteger(step) && step >= 1 && step <= 100_000 ? { method, step } : null;
    }
    case "setup": {
      if (!plain(args)) return null;
      const entries = Object.entries(args);
      if (entries.length > 30) return null;
      const params: Record<string, string> = {};
      for (const [k, v] of entries) {
        if (!/^[a-z]{1,20}$/.test(k)) return null;
        if (typeof v === "string" && v.length <= 60) params[k] = v;
        else if (typeof v === "number" && Number.isFinite(v)) params[k] = String(v);
        else if (typeof v === "boolean") params[k] = v ? "1" : "0";
        else return null;
      }
      return { method, params };
    }
    default:
      return null;
  }
}

export interface TransferOutcome {
  readonly command: string;
  readonly status: "pending" | "running" | "ok" | "failed";
}

export interface StepEvent {
  readonly ns: typeof NS;
  readonly event: "ready" | "step";
  readonly step: number;
  readonly total: number;
  readonly outcome: readonly TransferOutcome[];
}

/** The keyboard: the embed took it ("focus") or gave it back ("released"). */
export interface FocusEvent {
  readonly ns: typeof NS;
  readonly event: "focus" | "released";
}

export type EmbedEvent = StepEvent | FocusEvent;
