/**
 * The name of the transcript panel's program-log tab, "As lftp logs it": in the panel's first
 * load (the tab list), while the log itself (ProgramLog.tsx) loads when the tab is first opened.
 */
import type { ClientSoftware } from "../../sim/software/names";
import { CLIENT_NAMES } from "../../sim/software/program-names";

export function programLogTitle(software: ClientSoftware): string {
  return `As ${CLIENT_NAMES[software].name} logs it`;
}
