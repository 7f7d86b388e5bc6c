/** `sim diagnose` from the outside: a pasted or dropped log in, the diagnosis out (diagnose.ts). */
import { NO_DIAGNOSIS, diagnoseLog, type Diagnosis } from "./diagnose";
import { readLog } from "./read-log";

export type { Diagnosis, DiagnosisCause, DiagnosisFix } from "./diagnose";
export { CAUSE_IDS, type CauseId } from "./causes";

export function diagnose(input: string | Uint8Array): Diagnosis {
  const log = readLog(input);
  return log === null ? NO_DIAGNOSIS : diagnoseLog(log);
}
