/**
 * The playground's knobs, and how they become a scenario and a URL. Every knob is a short URL
 * parameter, so a shared link reproduces the same setup and step. A value that does not parse
 * falls back to its default and says so in a notice; nothing in a URL can break the page.
 */
import { FIREWALL_PRESETS } from "../../sim/scenario/preset-names";
import type { Scenario } from "../../sim/scenario/schema";

export type Preset = (typeof FIREWALL_PRESETS)[number];

export interface Setup {
  mode: "active" | "passive";
  extended: boolean;
  pasvAddress: "use" | "ignore";
  clientFirewall: Preset;
  serverFirewall: Preset;
  clientNat: boolean;
  clientNatHelper: boolean;
  serverNat: boolean;
  serverNatHelper: boolean;
  /** Forward the passive range through the server's NAT router. */
  forwardPassive: boolean;
  /** vsftpd pasv_address: advertise the router's public address in 227. */
  advertisePublic: boolean;
  tls: boolean;
  passiveLow: number;
  passiveHigh: number;
  commands: ("LIST" | "RETR" | "STOR")[];
}

export const DEFAULT_SETUP: Setup = {
  mode: "passive",
  extended: false,
  pasvAddress: "ignore",
  clientFirewall: "open",
  serverFirewall: "open",
  clientNat: false,
  clientNatHelper: false,
  serverNat: false,
  serverNatHelper: false,
  forwardPassive: true,
  advertisePublic: false,
  tls: false,
  passiveLow: 30000,
  passiveHigh: 30009,
  commands: ["LIST", "RETR"],
};

export const ADDRESSES = {
  client: "10.99.1.10",
  clientPublic: "198.51.100.7",
  server: "10.99.2.20",
  serverPublic: "203.0.113.5",
} as const;

const COMMAND_LINES: Record<Setup["commands"][number], string> = {
  LIST: "LIST",
  RETR: "RETR hello.txt",
  STOR: "STOR upload.txt",
};

/**
 * The knobs applied to `base`, a complete scenario validated on the server (toScenario({})), so
 * the playground builds complete scenarios without shipping the schema to the browser.
 */
export function setupToScenario(s: Setup, base: Scenario): Scenario {
  const range: [number, number] = [s.passiveLow, s.passiveHigh];
  return {
    ...base,
    title: "Playground",
    client: {
      ...base.client,
      ip: ADDRESSES.client,
      mode: s.mode,
      extended: s.extended,
      pasvAddress: s.pasvAddress,
      firewall: s.clientFirewall,
      nat: s.clientNat ? { publicIp: ADDRESSES.clientPublic, forward: [], ftpHelper: s.clientNatHelper } : null,
    },
    server: {
      ...base.server,
      ip: ADDRESSES.server,
      passivePorts: range,
      passiveAddress: s.serverNat && s.advertisePublic ? ADDRESSES.serverPublic : null,
      firewall: s.serverFirewall,
      nat: s.serverNat ? { publicIp: ADDRESSES.serverPublic, forward: s.forwardPassive ? [21, range] : [21], ftpHelper: s.serverNatHelper } : null,
    },
    tls: s.tls,
    files: { "hello.txt": "Hello, FTP!\n" },
    commands: s.commands.length > 0 ? s.commands.map((c) => COMMAND_LINES[c]) : ["LIST"],
  };
}

const bool = (v: boolean) => (v ? "1" : "0");

/** Only what differs from the defaults goes into the URL. */
export function setupToParams(s: Setup, step: number | null): URLSearchParams {
  const p = new URLSearchParams();
  const d = DEFAULT_SETUP;
  if (s.mode !== d.mode) p.set("mode", s.mode);
  if (s.extended !== d.extended) p.set("ext", bool(s.extended));
  if (s.pasvAddress !== d.pasvAddress) p.set("pasvip", s.pasvAddress);
  if (s.clientFirewall !== d.clientFirewall) p.set("cfw", s.clientFirewall);
  if (s.serverFirewall !== d.serverFirewall) p.set("sfw", s.serverFirewall);
  if (s.clientNat !== d.clientNat) p.set("cnat", bool(s.clientNat));
  if (s.clientNatHelper !== d.clientNatHelper) p.set("cnath", bool(s.clientNatHelper));
  if (s.serverNat !== d.serverNat) p.set("snat", bool(s.serverNat));
  if (s.serverNatHelper !== d.serverNatHelper) p.set("snath", bool(s.serverNatHelper));
  if (s.forwardPassive !== d.forwardPassive) p.set("fwd", bool(s.forwardPassive));
  if (s.advertisePublic !== d.advertisePublic) p.set("pasvaddr", bool(s.advertisePublic));
  if (s.tls !== d.tls) p.set("tls", bool(s.tls));
  if (s.passiveLow !== d.passiveLow || s.passiveHigh !== d.passiveHigh) p.set("range", `${s.passiveLow}-${s.passiveHigh}`);
  if (s.commands.join(",") !== d.commands.join(",")) p.set("cmd", s.commands.join(","));
  if (step !== null && step > 0) p.set("step", String(step + 1));
  return p;
}

export interface ParsedSetup {
  setup: Setup;
  /** 0-based step, or null. */
  step: number | null;
  notices: string[];
}

const KNOWN = new Set(["mode", "ext", "pasvip", "cfw", "sfw", "cnat", "cnath", "snat", "snath", "fwd", "pasvaddr", "tls", "range", "cmd", "step"]);

export function paramsToSetup(params: URLSearchParams, extraKnown: readonly string[] = []): ParsedSetup {
  const s: Setup = { ...DEFAULT_SETUP, commands: [...DEFAULT_SETUP.commands] };
  const notices: string[] = [];
  const bad = (key: string, value: string, expected: string) => notices.push(`Ignored ${key}=${value.slice(0, 40)}: expected ${expected}.`);
  const flag = (key: string, apply: (v: boolean) => void) => {
    const v = params.get(key);
    if (v === null) return;
    if (v === "1" || v === "true") apply(true);
    else if (v === "0" || v === "false") apply(false);
    else bad(key, v, "1 or 0");
  };
  const choice = <T extends string>(key: string, options: readonly T[], apply: (v: T) => void) => {
    const v = params.get(key);
    if (v === null) return;
    if ((options as readonly string[]).includes(v)) apply(v as T);
    else bad(key, v, options.join(" | "));
  };
  choice("mode", ["active", "passive"] as const, (v) => (s.mode = v));
  flag("ext", (v) => (s.extended = v));
  choice("pasvip", ["use", "ignore"] as const, (v) => (s.pasvAddress = v));
  choice("cfw", FIREWALL_PRESETS, (v) => (s.clientFirewall = v));
  choice("sfw", FIREWALL_PRESETS, (v) => (s.serverFirewall = v));
  flag("cnat", (v) => (s.clientNat = v));
  flag("cnath", (v) => (s.clientNatHelper = v));
  flag("snat", (v) => (s.serverNat = v));
  flag("snath", (v) => (s.serverNatHelper = v));
  flag("fwd", (v) => (s.forwardPassive = v));
  flag("pasvaddr", (v) => (s.advertisePublic = v));
  flag("tls", (v) => (s.tls = v));
  const range = params.get("range");
  if (range !== null) {
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(range);
    const low = m ? Number(m[1]) : NaN;
    const high = m ? Number(m[2]) : NaN;
    if (m && low >= 1024 && high <= 65535 && low <= high) {
      s.passiveLow = low;
      s.passiveHigh = high;
    } else bad("range", range, "LOW-HIGH within 1024-65535");
  }
  const cmd = params.get("cmd");
  if (cmd !== null) {
    const list = cmd.split(",").filter((c) => c !== "");
    const valid = list.filter((c): c is Setup["commands"][number] => c === "LIST" || c === "RETR" || c === "STOR");
    if (valid.length === list.length && valid.length > 0 && valid.length <= 6) s.commands = valid;
    else bad("cmd", cmd, "a comma list of LIST, RETR, STOR");
  }
  let step: number | null = null;
  const stepText = params.get("step");
  if (stepText !== null) {
    if (/^\d{1,5}$/.test(stepText) && Number(stepText) >= 1) step = Number(stepText) - 1;
    else bad("step", stepText, "a step number from 1");
  }
  for (const key of params.keys()) {
    if (!KNOWN.has(key) && !extraKnown.includes(key)) notices.push(`Ignored unknown parameter ${key.slice(0, 40)}.`);
  }
  return { setup: s, step, notices };
}
