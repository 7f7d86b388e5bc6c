/**
 * How well a simulated session reproduces a log: both are read into evidence (evidence.ts), then
 * into the few facts a person reading the log would compare — the mode command and its reply,
 * where the 227 address points, whether the transfer command went out, the replies to it, how
 * the data connection ended, what the program said. Only what the log shows counts: a masked
 * address or a missing line neither helps nor hurts a candidate.
 */
import { DATA_FAILURES, addressClass, type AddressClass, type DataOutcome, type Evidence, type RemarkKind } from "./evidence";

export interface Signature {
  readonly login: boolean | null;
  readonly modeVerb: string | null;
  readonly modeReply: number | null;
  readonly pasvClass: AddressClass | null;
  /** Where the client dialled its data connection, next to the control connection's address. */
  readonly dialledClass: AddressClass | null;
  readonly transferSent: boolean | null;
  readonly firstTransferReply: number | null;
  readonly lastReply: number | null;
  readonly outcome: DataOutcome;
  /** It took seconds to fail (a drop, a timeout), not an instant (a refusal). */
  readonly slow: boolean | null;
  readonly remarks: ReadonlySet<RemarkKind>;
  readonly tls: boolean;
}

export function signatureOf(e: Evidence): Signature {
  const a = e.failing;
  return {
    login: e.login.ok,
    modeVerb: a?.mode.verb ?? null,
    modeReply: a?.modeReply?.code ?? null,
    pasvClass: a?.pasv ? (a.pasv.said ?? addressClass(a.pasv.ip, e.controlIp)) : null,
    dialledClass: a?.dialled ? addressClass(a.dialled.ip, e.controlIp) : null,
    transferSent: a ? a.transfer !== null : null,
    firstTransferReply: a?.replies[0]?.code ?? null,
    lastReply: a?.replies[a.replies.length - 1]?.code ?? null,
    outcome: a?.outcome ?? null,
    slow: a?.failedAfterMs == null ? null : a.failedAfterMs >= SLOW_MS,
    remarks: new Set(a?.remarks.map((r) => r.kind) ?? []),
    tls: e.tls.on,
  };
}

/** A connect that fails after this long was dropped, not refused (Linux retries a SYN at 1, 3, 7 s). */
const SLOW_MS = 2500;

/** The facts' weights: how the data connection ended says most, a reply code less. */
const WEIGHTS = {
  login: 3,
  outcome: 8,
  slow: 2,
  modeVerb: 1,
  modeReply: 2,
  pasvClass: 2,
  dialledClass: 3,
  transferSent: 1,
  firstTransferReply: 2,
  lastReply: 1,
  remarks: 1,
  tls: 2,
} as const;

/**
 * 0…1: the share of what the log shows that the simulation shows too. `sameClient` says whether
 * the simulation ran the log's own client program; only then are its remarks comparable.
 */
export function similarity(log: Signature, sim: Signature, sameClient: boolean): number {
  let total = 0;
  let matched = 0;
  const weigh = (known: boolean, equal: boolean, w: number) => {
    if (!known) return;
    total += w;
    if (equal) matched += w;
  };
  weigh(log.login !== null, log.login === sim.login, WEIGHTS.login);
  if (log.outcome !== null) {
    total += WEIGHTS.outcome;
    matched += WEIGHTS.outcome * outcomeCredit(log.outcome, sim.outcome);
  }
  weigh(log.slow !== null, log.slow === sim.slow, WEIGHTS.slow);
  weigh(log.modeVerb !== null, log.modeVerb === sim.modeVerb, WEIGHTS.modeVerb);
  weigh(log.modeReply !== null, log.modeReply === sim.modeReply, WEIGHTS.modeReply);
  weigh(log.pasvClass !== null, log.pasvClass === sim.pasvClass, WEIGHTS.pasvClass);
  weigh(log.dialledClass !== null, log.dialledClass === sim.dialledClass, WEIGHTS.dialledClass);
  weigh(log.transferSent !== null, log.transferSent === sim.transferSent, WEIGHTS.transferSent);
  weigh(log.firstTransferReply !== null, log.firstTransferReply === sim.firstTransferReply, WEIGHTS.firstTransferReply);
  weigh(log.lastReply !== null, log.lastReply === sim.lastReply, WEIGHTS.lastReply);
  const kinds = [...log.remarks].filter((k) => k !== "tls-error");
  if (sameClient && kinds.length > 0) weigh(true, kinds.some((k) => sim.remarks.has(k)), WEIGHTS.remarks);
  weigh(true, log.tls === sim.tls, WEIGHTS.tls);
  const share = total === 0 ? 0 : matched / total;
  // A log whose data connection failed is not reproduced by a session whose data connection worked, however alike the rest.
  return isFailure(log.outcome) && !isFailure(sim.outcome) ? share / 2 : share;
}

const isFailure = (o: DataOutcome) => DATA_FAILURES.has(o);

/**
 * How far two endings agree. The same ending: fully. A client's timeout and a server's 425 are
 * one story told from either end (who gives up first is a timer, not a network, question); a
 * refusal and a 425 are half of one.
 */
function outcomeCredit(log: DataOutcome, sim: DataOutcome): number {
  if (log === sim) return 1;
  const pair = new Set([log, sim]);
  if (pair.has("server-failed") && pair.has("timeout")) return 0.75;
  if (pair.has("server-failed") && pair.has("refused")) return 0.5;
  return 0;
}
