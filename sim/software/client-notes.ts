/**
 * What a client program's remark in a trace (a "note" event from the client) is, judged against
 * its profile's own words: the program log writes each kind its own way, and a failed transfer's
 * cause quotes the program when it gave up or refused the 227 address.
 */
import type { ClientProfile } from "./client-profile";

export type NoteRole = "pasv-fix" | "pasv-mismatch" | "epsv-off" | "eprt-off" | "to-passive" | "to-active" | "silence" | "other";

/** The client's words in `template` with `{address}` standing for any address. */
function matchesTemplate(text: string, template: string): boolean {
  const parts = template.split("{address}").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("\\S+")}$`).test(text);
}

const withoutNumbers = (text: string) => text.replace(/\d+(\.\d+)?/g, "#");

export function noteRole(text: string, profile: ClientProfile): NoteRole {
  const m = profile.messages;
  if (profile.pasvFix && matchesTemplate(text, profile.pasvFix.note)) return "pasv-fix";
  if (profile.pasvMismatch && text === profile.pasvMismatch.note) return "pasv-mismatch";
  if (m.epsvDisabled !== null && text === m.epsvDisabled) return "epsv-off";
  if (m.eprtDisabled !== null && text === m.eprtDisabled) return "eprt-off";
  if (m.switchToPassive !== null && text === m.switchToPassive) return "to-passive";
  if (m.switchToActive !== null && text === m.switchToActive) return "to-active";
  // silence(s) names the seconds for some programs, and tnftp's has a number of its own (its 421):
  // compare with every number left out, on both sides.
  if (withoutNumbers(text) === withoutNumbers(m.silence(60))) return "silence";
  return "other";
}
