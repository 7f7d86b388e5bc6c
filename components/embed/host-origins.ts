/**
 * `origin=`: which host pages an embed answers to. Without it an embed obeys any window's
 * messages and posts its events to whatever page frames it ("*"), which is what a deck on a
 * laptop, a file:// page or an LMS with an unknown address needs. With it, the embed obeys only
 * its parent window and only when that window's origin is listed, and posts its events to the
 * listed origins alone (the browser delivers a message only where the target origin matches),
 * so another page that frames the lab can neither drive it nor read its steps.
 *
 * The value is one origin or several, comma-separated: "https://slides.example.org" or
 * "https://slides.example.org,http://localhost:3030". A value that names nothing usable fails
 * closed: the embed obeys no one and posts nothing, and says so — a typo must not turn the
 * restriction off.
 */
import { quote } from "../lab/notices";

/** Enough for a deck's production host, its preview and a laptop. */
export const MAX_ORIGINS = 5;

/** An origin as browsers write it in MessageEvent.origin (scheme://host[:port]), or null. */
export function normalizeOrigin(value: string): string | null {
  const v = value.trim().replace(/\/$/, "");
  // Scheme and authority only. The opaque origin "null" (file:// pages, sandboxed frames)
  // names no one in particular, so it is not accepted.
  if (!/^https?:\/\/[^/?#\s@]+$/i.test(v)) return null;
  try {
    // The browser's own spelling: lower-case host, punycode, no default port.
    return new URL(v).origin;
  } catch {
    return null;
  }
}

export function parseOrigins(value: string): { origins: string[]; rejected: string[]; notices: string[] } {
  const notices: string[] = [];
  const origins: string[] = [];
  const rejected: string[] = [];
  const parts = value.split(",").map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const origin = normalizeOrigin(part);
    if (origin === null) {
      rejected.push(part);
      notices.push(`Ignored origin ${quote(part)}: expected a page's origin such as https://slides.example.org (scheme, host and port; no path).`);
    } else if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_ORIGINS) {
    notices.push(`Ignored origins after the first ${MAX_ORIGINS}.`);
    origins.length = MAX_ORIGINS;
  }
  if (origins.length === 0) notices.push("origin= names no usable origin: this embed obeys no host page and posts no events until it does.");
  return { origins, rejected, notices };
}

/** Whether a message may drive the embed: any, or (origin=) its parent's, from a listed origin. */
export function obeys(origins: readonly string[] | null, event: Pick<MessageEvent, "origin" | "source">, parent: unknown): boolean {
  if (origins === null) return true;
  return event.source === parent && origins.includes(event.origin);
}

/** The targetOrigin arguments of the embed's postMessage calls: "*", or each listed origin. */
export function postTargets(origins: readonly string[] | null): readonly string[] {
  return origins ?? ["*"];
}
