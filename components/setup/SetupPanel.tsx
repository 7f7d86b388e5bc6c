"use client";
/**
 * Every knob of the scenario. Changing anything re-simulates at once (the page owns the
 * scenario); the playhead stays at the same logical point where it can.
 */
import { useId, type ReactNode } from "react";
import { FIREWALL_PRESETS } from "../../sim/scenario/preset-names";
import type { Preset, Setup } from "../lab/setup-model";
import { Term } from "../glossary/Term";

const PRESET_LABELS: Record<Preset, string> = {
  open: "open (no firewall)",
  stateful: "stateful: established, related",
  "stateful+ftp-helper": "stateful + FTP helper",
  "control-only": "stateful + port 21",
  "control+passive-range": "stateful + port 21 + passive range",
};

function Check({ label, checked, onChange, disabled, hint }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; hint?: string }) {
  return (
    <label className="setup-check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <small className="setup-hint"> {hint}</small>}
      </span>
    </label>
  );
}

function FirewallSelect({ label, value, onChange }: { label: string; value: Preset; onChange: (v: Preset) => void }) {
  const id = useId();
  return (
    <div className="setup-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Preset)}>
        {FIREWALL_PRESETS.map((p) => (
          <option key={p} value={p}>
            {PRESET_LABELS[p]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SetupPanel({ setup, onChange }: { setup: Setup; onChange: (next: Setup) => void }) {
  const set = <K extends keyof Setup>(key: K, value: Setup[K]) => onChange({ ...setup, [key]: value });
  const lowId = useId();
  const highId = useId();
  const toggleCommand = (c: Setup["commands"][number], on: boolean) => {
    const next = on ? [...setup.commands, c] : setup.commands.filter((x) => x !== c);
    const order = ["LIST", "RETR", "STOR"] as const;
    set("commands", order.filter((x) => next.includes(x)));
  };
  return (
    <form className="setup" aria-label="Setup" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Mode</legend>
        <div className="setup-radios" role="radiogroup" aria-label="Mode">
          {(["active", "passive"] as const).map((m) => (
            <label key={m} className="setup-radio">
              <input type="radio" name="mode" value={m} checked={setup.mode === m} onChange={() => set("mode", m)} />
              {m === "active" ? "Active (PORT)" : "Passive (PASV)"}
            </label>
          ))}
        </div>
        <Check label="Extended: EPRT / EPSV (RFC 2428)" checked={setup.extended} onChange={(v) => set("extended", v)} />
        <div className="setup-field">
          <label htmlFor={`${lowId}-pasvip`}>Address in the 227 reply</label>
          <select id={`${lowId}-pasvip`} value={setup.pasvAddress} onChange={(e) => set("pasvAddress", e.target.value as Setup["pasvAddress"])}>
            <option value="ignore">ignored: reuse the control host (curl)</option>
            <option value="use">used (RFC 959, lftp)</option>
          </select>
        </div>
      </fieldset>

      <fieldset>
        <legend>Firewalls</legend>
        <FirewallSelect label="Client firewall" value={setup.clientFirewall} onChange={(v) => set("clientFirewall", v)} />
        <FirewallSelect label="Server firewall" value={setup.serverFirewall} onChange={(v) => set("serverFirewall", v)} />
      </fieldset>

      <fieldset>
        <legend>
          <Term id="nat">NAT</Term>
        </legend>
        <Check label="Client behind NAT" checked={setup.clientNat} onChange={(v) => set("clientNat", v)} />
        <Check label="Client router's FTP helper" checked={setup.clientNatHelper} disabled={!setup.clientNat} onChange={(v) => set("clientNatHelper", v)} />
        <Check label="Server behind NAT" checked={setup.serverNat} onChange={(v) => set("serverNat", v)} />
        <Check label="Server router's FTP helper" checked={setup.serverNatHelper} disabled={!setup.serverNat} onChange={(v) => set("serverNatHelper", v)} />
        <Check label="Forward the passive range" checked={setup.forwardPassive} disabled={!setup.serverNat} onChange={(v) => set("forwardPassive", v)} />
        <Check label="pasv_address: advertise the public address" checked={setup.advertisePublic} disabled={!setup.serverNat} onChange={(v) => set("advertisePublic", v)} />
      </fieldset>

      <fieldset>
        <legend>Server</legend>
        <div className="setup-range">
          <span id={`${lowId}-legend`}>
            <Term id="passive-range">Passive range</Term>
          </span>
          <label htmlFor={lowId} className="sr-only">
            Passive range, lowest port
          </label>
          <input id={lowId} type="number" min={1024} max={65535} value={setup.passiveLow} onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 1024 && v <= setup.passiveHigh) set("passiveLow", v);
          }} />
          <span aria-hidden="true">–</span>
          <label htmlFor={highId} className="sr-only">
            Passive range, highest port
          </label>
          <input id={highId} type="number" min={1024} max={65535} value={setup.passiveHigh} onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v <= 65535 && v >= setup.passiveLow) set("passiveHigh", v);
          }} />
        </div>
        <Check label="TLS (explicit FTPS)" checked={setup.tls} onChange={(v) => set("tls", v)} hint="RFC 4217" />
      </fieldset>

      <fieldset>
        <legend>Commands</legend>
        {(["LIST", "RETR", "STOR"] as const).map((c) => (
          <Check key={c} label={c === "LIST" ? "LIST" : c === "RETR" ? "RETR hello.txt" : "STOR upload.txt"} checked={setup.commands.includes(c)} onChange={(v) => toggleCommand(c, v)} />
        ))}
      </fieldset>
    </form>
  );
}
