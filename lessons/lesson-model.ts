/**
 * What a lesson can ask about a trace and which knobs it can hand the learner, without zod (the
 * lesson player runs in the browser). The schema (schema.ts) validates lesson files against
 * these lists; the tests and the player both grade predictions with `factValue`, so the answer a
 * learner is told is always what the simulator did.
 */
import { FIREWALL_PRESETS } from "../sim/scenario/preset-names";
import type { Scenario } from "../sim/scenario/schema";
import type { Trace } from "../sim/trace/trace";
import { dataShapeOf } from "../sim/trace/data-shape";

export const FACT_KINDS = ["result", "reply", "lastReply", "modeReply", "initiator", "serverPort", "droppedBy"] as const;
export type FactKind = (typeof FACT_KINDS)[number];
export type FactValue = string | number | null;

/**
 * The value of a fact of transfer `index`:
 *   result — "ok" | "failed"; reply — the final reply (null when the client gave up first);
 *   lastReply — the last reply the client saw; modeReply — the reply to PORT/PASV/EPRT/EPSV;
 *   initiator — who opened or tried to open the data connection ("client" | "server" | null);
 *   serverPort — the server's side of it: "20", "passive range", "ephemeral" or "port N";
 *   droppedBy — who dropped the first packet lost during the transfer (client, server,
 *   client-nat, server-nat, network) or null.
 */
export function factValue(trace: Trace, fact: FactKind, index: number): FactValue {
  const t = trace.result.transfers[index];
  if (!t) return null;
  switch (fact) {
    case "result":
      return t.result;
    case "reply":
      return t.reply;
    case "lastReply":
      return t.lastReply;
    case "modeReply":
      return t.modeReply;
    case "initiator":
      return dataShapeOf(t, trace.scenario)?.initiator ?? null;
    case "serverPort":
      return dataShapeOf(t, trace.scenario)?.serverPort ?? null;
    case "droppedBy":
      return firstDropDuring(trace, index);
  }
}

function firstDropDuring(trace: Trace, index: number): string | null {
  let inside = false;
  for (const e of trace.events) {
    if (e.type === "transfer-start" && e.index === index) inside = true;
    else if (e.type === "transfer-end" && e.index === index) return null;
    else if (inside && e.type === "drop") return e.node;
  }
  return null;
}

export interface Expectation {
  transfer: number;
  result?: "ok" | "failed";
  reply?: number | null;
  lastReply?: number | null;
  modeReply?: number | null;
  initiator?: "client" | "server" | null;
  serverPort?: string | null;
  droppedBy?: string | null;
}

/** Each way the trace differs from what a step states, in words; empty when it agrees. */
export function unmetExpectations(trace: Trace, e: Expectation): string[] {
  const out: string[] = [];
  for (const key of ["result", "reply", "lastReply", "modeReply", "initiator", "serverPort", "droppedBy"] as const) {
    if (e[key] === undefined) continue;
    const actual = factValue(trace, key, e.transfer);
    if (actual !== e[key]) out.push(`transfer ${e.transfer} ${key}: the lesson says ${JSON.stringify(e[key])}, the simulator did ${JSON.stringify(actual)}`);
  }
  return out;
}

// ---------- the knobs a "try it" step can unlock ----------

export interface ToggleOption {
  readonly value: string | number | boolean | null;
  readonly label: string;
}

export interface Toggle {
  readonly label: string;
  readonly options: readonly ToggleOption[];
  /** Whether the knob means anything for this scenario (a NAT helper needs a NAT). */
  readonly applies?: (s: Scenario) => boolean;
}

const presetOptions: readonly ToggleOption[] = FIREWALL_PRESETS.map((p) => ({ value: p, label: p }));
const onOff = (off: string, on: string): readonly ToggleOption[] => [
  { value: false, label: off },
  { value: true, label: on },
];

export const TOGGLES = {
  "client.mode": { label: "Client mode", options: [{ value: "active", label: "active (PORT)" }, { value: "passive", label: "passive (PASV)" }] },
  "client.extended": { label: "Extended commands", options: onOff("PORT / PASV", "EPRT / EPSV (RFC 2428)") },
  "client.pasvAddress": { label: "Address in the 227 reply", options: [{ value: "use", label: "use it (RFC 959, lftp)" }, { value: "ignore", label: "ignore it (curl)" }] },
  "client.firewall": { label: "Client firewall", options: presetOptions },
  "server.firewall": { label: "Server firewall", options: presetOptions },
  "client.nat.ftpHelper": { label: "Client router's FTP helper", options: onOff("off", "on (nf_nat_ftp)"), applies: (s: Scenario) => s.client.nat !== null },
  "server.nat.ftpHelper": { label: "Server router's FTP helper", options: onOff("off", "on (nf_nat_ftp)"), applies: (s: Scenario) => s.server.nat !== null },
  "server.passiveAddress": {
    label: "vsftpd pasv_address",
    options: [
      { value: null, label: "unset (its own address)" },
      { value: "public", label: "the router's public address" },
    ],
    applies: (s: Scenario) => s.server.nat !== null,
  },
  "server.allowForeignDataAddress": { label: "vsftpd port_promiscuous", options: onOff("NO (refuse foreign PORT)", "YES") },
  "server.activeSourcePort": { label: "Active-mode source port", options: [{ value: 20, label: "20 (connect_from_port_20)" }, { value: "ephemeral", label: "ephemeral" }] },
  tls: { label: "FTPS (AUTH TLS)", options: onOff("off", "on") },
} as const satisfies Record<string, Toggle>;

export type ToggleName = keyof typeof TOGGLES;
export const TOGGLE_NAMES = Object.keys(TOGGLES) as ToggleName[];

/** The scenario's current value of a knob, as one of its option values where it is one. */
export function toggleValue(s: Scenario, name: ToggleName): ToggleOption["value"] {
  switch (name) {
    case "client.mode":
      return s.client.mode;
    case "client.extended":
      return s.client.extended;
    case "client.pasvAddress":
      return s.client.pasvAddress;
    case "client.firewall":
      return typeof s.client.firewall === "string" ? s.client.firewall : "custom";
    case "server.firewall":
      return typeof s.server.firewall === "string" ? s.server.firewall : "custom";
    case "client.nat.ftpHelper":
      return s.client.nat?.ftpHelper ?? false;
    case "server.nat.ftpHelper":
      return s.server.nat?.ftpHelper ?? false;
    case "server.passiveAddress":
      return s.server.passiveAddress === null ? null : "public";
    case "server.allowForeignDataAddress":
      return s.server.allowForeignDataAddress;
    case "server.activeSourcePort":
      return s.server.activeSourcePort;
    case "tls":
      return s.tls;
  }
}

/** The scenario with one knob set; an option value not offered by the knob leaves it unchanged. */
export function applyToggle(s: Scenario, name: ToggleName, value: ToggleOption["value"]): Scenario {
  const offered = (TOGGLES[name].options as readonly ToggleOption[]).some((o) => o.value === value);
  if (!offered) return s;
  const client = s.client;
  const server = s.server;
  switch (name) {
    case "client.mode":
      return { ...s, client: { ...client, mode: value as "active" | "passive" } };
    case "client.extended":
      return { ...s, client: { ...client, extended: value as boolean } };
    case "client.pasvAddress":
      return { ...s, client: { ...client, pasvAddress: value as "use" | "ignore" } };
    case "client.firewall":
      return { ...s, client: { ...client, firewall: value as Scenario["client"]["firewall"] } };
    case "server.firewall":
      return { ...s, server: { ...server, firewall: value as Scenario["server"]["firewall"] } };
    case "client.nat.ftpHelper":
      return client.nat ? { ...s, client: { ...client, nat: { ...client.nat, ftpHelper: value as boolean } } } : s;
    case "server.nat.ftpHelper":
      return server.nat ? { ...s, server: { ...server, nat: { ...server.nat, ftpHelper: value as boolean } } } : s;
    case "server.passiveAddress":
      return server.nat ? { ...s, server: { ...server, passiveAddress: value === null ? null : server.nat.publicIp } } : s;
    case "server.allowForeignDataAddress":
      return { ...s, server: { ...server, allowForeignDataAddress: value as boolean } };
    case "server.activeSourcePort":
      return { ...s, server: { ...server, activeSourcePort: value as 20 | "ephemeral" } };
    case "tls":
      return { ...s, tls: value as boolean };
  }
}
