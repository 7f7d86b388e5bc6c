/**
 * What the diagnose page asks of the simulator, in one place: a log (pasted text or a dropped
 * file's bytes) checked and diagnosed, and a scenario simulated for the lab. Run in a Web Worker
 * (diagnose.worker.ts) or, where there is none, on the page (run-diagnosis.ts). Bad input gets a
 * sentence, never an exception: an empty paste, a huge one, binary junk that is no capture.
 */
import { diagnose, type Diagnosis } from "../../sim/diagnose";
import { decodeText } from "../../sim/diagnose/log-text";
import type { ScenarioInput } from "../../sim/scenario/schema";
import { parseScenario } from "../../sim/scenario/validate";
import { run } from "../../sim/simulate";
import type { Trace } from "../../sim/trace/trace";
import { MAX_TEXT_CHARS, isCapture, looksBinary } from "./input-check";

export { MAX_TEXT_CHARS, isCapture };

/** The largest capture the page reads. */
const MAX_CAPTURE_BYTES = 50_000_000;

export type Outcome =
  | { readonly ok: true; readonly diagnosis: Diagnosis; /** The log's text as read, for the view (null for a capture). */ readonly text: string | null }
  | { readonly ok: false; readonly message: string };

const megabytes = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

const NOTHING_FTP =
  "Nothing FTP was found in this text: no FTP command or reply, and no line of a client or server log the lab knows. Paste the log from the connection to the error (FileZilla's message log, curl -v, lftp debug, WinSCP, Python ftplib, vsftpd, ProFTPD, Pure-FTPd, FileZilla Server), or drop a .pcap/.pcapng capture.";

/** The log checked and diagnosed, or why not. */
export function diagnoseInput(input: string | Uint8Array): Outcome {
  let text: string | null = null;
  let bytes: Uint8Array | null = null;
  if (typeof input === "string") text = input;
  else if (input.length > 0 && isCapture(input)) {
    if (input.length > MAX_CAPTURE_BYTES) return { ok: false, message: `This capture is ${megabytes(input.length)}; the page reads captures up to ${megabytes(MAX_CAPTURE_BYTES)}. Capture only the FTP session (tcp port 21 and its data ports).` };
    bytes = input;
  } else {
    if (input.length > MAX_TEXT_CHARS * 2) return { ok: false, message: `This file is ${megabytes(input.length)}; the page reads logs up to ${megabytes(MAX_TEXT_CHARS)}. Keep the part from the connection to the error.` };
    // As the page reads a dropped file: UTF-8, or UTF-16 as Windows saves it.
    text = decodeText(input);
  }
  if (text !== null) {
    if (text.trim() === "") return { ok: false, message: "The log is empty: paste a log, drop a file, or pick an example." };
    if (text.length > MAX_TEXT_CHARS) return { ok: false, message: `This log has ${text.length.toLocaleString("en")} characters; the page reads up to ${MAX_TEXT_CHARS.toLocaleString("en")}. Keep the part from the connection to the error.` };
    if (looksBinary(text)) return { ok: false, message: "This is not a text log, and not a pcap or pcapng capture either: the page reads client and server logs as text, and captures as .pcap or .pcapng files." };
  }
  let diagnosis: Diagnosis;
  try {
    diagnosis = diagnose(bytes ?? text!);
  } catch (e) {
    return { ok: false, message: `The log could not be read (${e instanceof Error ? e.message.slice(0, 200) : "an error"}). Nothing was sent anywhere; try pasting only the FTP part.` };
  }
  if (diagnosis.format === null) return { ok: false, message: bytes ? "This capture holds no FTP control connection (TCP port 21) the page can read." : NOTHING_FTP };
  return { ok: true, diagnosis, text };
}

/** A scenario simulated for the lab, or null when it does not validate (a hand-edited link). */
export function traceOf(scenario: ScenarioInput): Trace | null {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return null;
  try {
    return run(parsed.scenario);
  } catch {
    return null;
  }
}
