/**
 * What a client profile holds: only what differs between FTP client programs. The client machine
 * is one (sim/ftp/client-machine.ts); a profile parameterises it — the defaults a scenario leaves
 * unwritten (its mode, whether it starts with EPSV/EPRT, what it does with the 227 address, its
 * timeouts, where it listens in active mode), the commands it sends around a login and a
 * transfer, what it does when a mode fails, the words of its own log, and the name the lab gives it.
 */
import type { TransferVerbName } from "../ftp/transfer-verbs";
import type { ClientSoftware } from "./names";
import type { ClientNames } from "./program-names";
import type { Provenance } from "./server-profile";

export type ClientMode = "active" | "passive";

export interface ClientDefaults {
  readonly mode: ClientMode;
  readonly extended: boolean;
  /** RFC 959 §4.1.2: "use" connects to the 227 address; "ignore" reuses the control connection's host. */
  readonly pasvAddress: "use" | "ignore";
  readonly activePort: "ephemeral" | "n+1";
  readonly connectTimeoutMs: number;
}

/**
 * What a client does with a 227 address it judges wrong when it was told to use the address
 * (pasvAddress "use"): connect to the control connection's host instead, and say so in its log.
 */
export interface PasvFix {
  /**
   * "private-mismatch": the 227 address and the control host are not both private or both public
   * (lftp's ftp:fix-pasv-address); "unroutable": the 227 address is in 10/8, 172.16/12,
   * 192.168/16, 127/8 or 169.254/16 while the control host is not (FileZilla's is_routable_address;
   * "unroutable-or-zero" adds 0/8, as WinSCP's IsRoutableAddress does).
   */
  readonly when: "private-mismatch" | "unroutable" | "unroutable-or-zero";
  /** The program's own log line when it does; `{address}` stands for the 227 address. */
  readonly note: string;
}

/**
 * A client that refuses a 227 address other than the control connection's peer (RFC 2577 §3's
 * advice, taken by the client): it says so and makes no data connection; `abort` sends ABOR
 * after it (GNU inetutils ftp).
 */
export interface PasvMismatch {
  readonly note: string;
  readonly abort: boolean;
}

/** A command a client sends around a transfer, besides the mode command and the transfer command. */
export type PrepCommand = "TYPE" | "SIZE" | "MDTM" | "SITE UTIME";

/** The commands a client sends for one transfer verb, in its order. */
export interface VerbHabit {
  /** RFC 959 §3.1.1: the TYPE it sets for this verb; null: none (lftp and BSD ftp list in ASCII without asking). */
  readonly type: "A" | "I" | null;
  /** Before the mode command (PASV/EPSV/PORT/EPRT). */
  readonly before: readonly PrepCommand[];
  /** Once the data connection is open (passive) or announced (active), before the transfer command: curl's order. */
  readonly afterConnect: readonly PrepCommand[];
  /** After the transfer completed. */
  readonly after: readonly PrepCommand[];
}

export interface Conversation {
  /** Sent once the greeting arrived, before USER; replies ignored (inetutils' SYST, lftp's FEAT). */
  readonly beforeLogin: readonly string[];
  /** Sent once logged in, before the first command; replies ignored. */
  readonly afterLogin: readonly string[];
  /** TYPE before every transfer (ftplib), or only when it changes (the others). */
  readonly typeEveryTime: boolean;
  /**
   * Passive: the transfer command goes out right after the 227/229 and the connection is made
   * meanwhile (FileZilla, WinSCP); otherwise the connection first, then the command.
   */
  readonly commandBeforeConnect: boolean;
  readonly verbs: Readonly<Record<TransferVerbName, VerbHabit>>;
}

/** What a client does when a way of making the data connection fails. */
export interface Fallbacks {
  /** EPSV refused or its connection failed: "classic" tries PASV in the same session (RFC 2428 gives no other); "reconnect" switches to active on a new control connection (lftp). */
  readonly epsvFailed: "classic" | "reconnect";
  /** EPRT refused: "classic" tries PORT (RFC 2428). */
  readonly eprtRefused: "classic";
  /** PASV refused (a reply other than 227): "active" tries PORT in the same session (FileZilla, WinSCP), once. */
  readonly pasvRefused: "fail" | "active";
  /** The passive data connection could not be made: "pasv" tries PASV after a failed EPSV (curl); "active" tries active mode in the same session (tnftp's passive auto). */
  readonly passiveConnectFailed: "fail" | "pasv" | "active";
  /** PORT refused: "lprt" tries RFC 1639's LPRT first (inetutils), "passive" switches in the same session, "reconnect" on a new control connection (lftp). */
  readonly portRefused: "fail" | "lprt" | "passive" | "reconnect";
  /** How long a reconnect waits (lftp's net:reconnect-interval-base, measured 15 s). */
  readonly reconnectDelayMs: number;
}

/** The program's own log, as the transcript panel can show it (sim/software/program-log.ts). */
export type LogStyle = "curl" | "lftp" | "bsd-ftp" | "inetutils-ftp" | "ftplib" | "filezilla" | "winscp" | "windows-ftp" | "console";

/** The words a client prints when it gives up or switches; null where the program is silent. */
export interface ClientMessages {
  /** No reply within its response timeout. */
  readonly silence: (seconds: number) => string;
  readonly epsvDisabled: string | null;
  readonly eprtDisabled: string | null;
  /** Switching to the other mode (after a refused PORT or PASV, or a failed passive connection). */
  readonly switchToPassive: string | null;
  readonly switchToActive: string | null;
}

/** Its names and its 227 habits come from program-names.ts (what the views read without the profile). */
export interface ClientProfile extends ClientNames {
  readonly software: ClientSoftware;
  readonly provenance: Provenance;
  readonly defaults: ClientDefaults;
  /** The modes it has at all: Windows' ftp.exe has no passive mode. */
  readonly modes: readonly ClientMode[];
  /** Whether `extended` can make it send EPSV (passive) and EPRT (active) on IPv4 (RFC 2428). */
  readonly extended: { readonly passive: boolean; readonly active: boolean };
  /** Whether it speaks FTPS (RFC 4217). */
  readonly tls: boolean;
  /** How long it waits for a reply (or, for FileZilla and WinSCP, any activity); null: for ever. */
  readonly responseTimeoutMs: number | null;
  /** Active mode: how long it waits for the server's data connection; null: until the server's verdict. */
  readonly acceptTimeoutMs: number | null;
  readonly conversation: Conversation;
  readonly fallbacks: Fallbacks;
  readonly messages: ClientMessages;
  readonly log: LogStyle;
}

/** The settings a program cannot run with at all (the schema refuses them; a program switch gives them up). */
export interface Incapacity {
  readonly path: readonly ["client", "mode"] | readonly ["client", "extended"] | readonly ["tls"];
  readonly message: string;
}

export function incapacities(p: ClientProfile, s: { readonly mode: ClientMode; readonly extended: boolean; readonly tls: boolean }): Incapacity[] {
  const out: Incapacity[] = [];
  if (!p.modes.includes(s.mode)) out.push({ path: ["client", "mode"], message: `${p.name} has no ${s.mode} mode` });
  if (s.extended && !p.extended.passive && !p.extended.active) {
    out.push({ path: ["client", "extended"], message: `${p.name} sends EPSV and EPRT only over IPv6: on IPv4 it has no extended mode` });
  }
  if (s.tls && !p.tls) out.push({ path: ["tls"], message: `${p.name} has no FTPS (RFC 4217)` });
  return out;
}

/** The habits most programs share: TYPE for the verb before the mode command, nothing else. */
export function typedVerbs(list: "A" | "I" | null, files: "I" = "I"): Readonly<Record<TransferVerbName, VerbHabit>> {
  const plain = (type: "A" | "I" | null): VerbHabit => ({ type, before: type ? ["TYPE"] : [], afterConnect: [], after: [] });
  return { LIST: plain(list), NLST: plain(list), RETR: plain(files), STOR: plain(files), APPE: plain(files) };
}

/** The Linux kernel's connect timeout with net.ipv4.tcp_syn_retries 6: measured 134.2–134.5 s (test/real/fixtures/software/CLIENTS.md). */
export const KERNEL_CONNECT_TIMEOUT_MS = 134_500;
