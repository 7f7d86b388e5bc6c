/**
 * The fixes for each cause, per side and per program, as a person types them: the server's own
 * setting (vsftpd.conf, proftpd.conf, pure-ftpd's flags, FileZilla Server's and IIS's panels),
 * the firewall (nftables, iptables, ufw, firewalld, Windows Defender Firewall, a cloud security
 * group), the NAT router's port forward, the client's mode. Each fix that changes something the
 * lab models carries that change (`apply`): diagnose.ts runs it on the rebuilt scenario and calls
 * the fix verified only when the transfer then completes there.
 */
import { natKindOf, type NatKind } from "../net/nat-kinds";
import type { FirewallConfig, ScenarioInput } from "../scenario/schema";
import type { ClientSoftware, ServerSoftware } from "../software/names";
import { CONTROL_WITH_HELPER } from "./candidates";
import { withClient, withServer } from "./scenario-patch";
import type { CauseId } from "./causes";
import type { Rebuild } from "./rebuild";

export type FixSide = "server" | "client";

export interface FixSpec {
  readonly side: FixSide;
  /** The program, firewall or device the fix is written for: "vsftpd", "nftables", "aws", "router", "filezilla". */
  readonly software: string;
  readonly text: string;
  /** The same change in the lab's terms; absent where the lab has no model of it. */
  readonly apply?: (s: ScenarioInput) => ScenarioInput;
}

const RANGE: [number, number] = [30000, 30049];
const rangeText = `${RANGE[0]}-${RANGE[1]}`;


/** The session with another client program, in passive mode with PASV, and the setting named. */
function withProgram(s: ScenarioInput, software: ClientSoftware, patch: NonNullable<ScenarioInput["client"]>): ScenarioInput {
  return withClient(s, { software, mode: "passive", extended: false, ...patch });
}

/** The passive range set, opened in the server's firewall (or its cloud security group), forwarded by its NAT. */
function openPassiveRange(s: ScenarioInput): ScenarioInput {
  const nat = s.server?.nat;
  const fw = s.server?.firewall;
  const firewall: FirewallConfig = fw === undefined || fw === "open" ? "open" : "control+passive-range";
  return withServer(s, {
    passivePorts: RANGE,
    firewall,
    ...(nat ? { nat: { ...nat, forward: [21, RANGE] } } : {}),
  });
}

/** The passive range forwarded and the server announcing its public address: the whole NAT fix. */
function announcePublic(s: ScenarioInput, publicIp: string): ScenarioInput {
  const opened = openPassiveRange(s);
  return withServer(opened, { passiveAddress: publicIp });
}

/** The server program's own words for its passive range and address. */
function serverRangeText(sw: ServerSoftware): string {
  switch (sw) {
    case "vsftpd":
      return `In /etc/vsftpd.conf: pasv_enable=YES, pasv_min_port=${RANGE[0]}, pasv_max_port=${RANGE[1]}; restart vsftpd. Then open the same range (below).`;
    case "proftpd":
      return `In proftpd.conf: PassivePorts ${RANGE[0]} ${RANGE[1]}; restart proftpd. Then open the same range (below).`;
    case "pure-ftpd":
      return `Start pure-ftpd with -p ${RANGE[0]}:${RANGE[1]} (Debian: echo "${RANGE[0]} ${RANGE[1]}" > /etc/pure-ftpd/conf/PassivePortRange). Then open the same range (below).`;
    case "filezilla-server":
      return `FileZilla Server: Server ▸ Configure ▸ Server listeners ▸ Passive mode: "Use custom port range" ${RANGE[0]} to ${RANGE[1]}. Then open the same range (below).`;
    case "iis":
      return `IIS Manager ▸ the server ▸ FTP Firewall Support: Data Channel Port Range ${rangeText}; restart the Microsoft FTP Service. Then open the same range (below).`;
  }
}

function serverAddressText(sw: ServerSoftware, ip: string): string {
  switch (sw) {
    case "vsftpd":
      return `In /etc/vsftpd.conf: pasv_address=${ip} (with pasv_min_port=${RANGE[0]}, pasv_max_port=${RANGE[1]} forwarded to the server); restart vsftpd.`;
    case "proftpd":
      return `In proftpd.conf: MasqueradeAddress ${ip} and PassivePorts ${RANGE[0]} ${RANGE[1]} (forwarded to the server); restart proftpd.`;
    case "pure-ftpd":
      return `Start pure-ftpd with -P ${ip} -p ${RANGE[0]}:${RANGE[1]} (Debian: /etc/pure-ftpd/conf/ForcePassiveIP and PassivePortRange).`;
    case "filezilla-server":
      return `FileZilla Server: Server ▸ Configure ▸ Server listeners ▸ Passive mode: "Use the following host" ${ip}, and a custom port range ${rangeText}.`;
    case "iis":
      return `IIS Manager ▸ FTP Firewall Support: External IP Address of Firewall ${ip}, Data Channel Port Range ${rangeText}.`;
  }
}

const FIREWALL_TEXTS: ReadonlyArray<readonly [string, string]> = [
  ["nftables", `nft add rule inet filter input tcp dport ${rangeText} ct state new accept`],
  ["iptables", `iptables -A INPUT -p tcp --dport ${RANGE[0]}:${RANGE[1]} -m conntrack --ctstate NEW -j ACCEPT`],
  ["ufw", `ufw allow ${RANGE[0]}:${RANGE[1]}/tcp`],
  ["firewalld", `firewall-cmd --permanent --add-port=${rangeText}/tcp && firewall-cmd --reload`],
  ["windows-firewall", `New-NetFirewallRule -DisplayName "FTP passive" -Direction Inbound -Protocol TCP -LocalPort ${rangeText} -Action Allow`],
  ["aws", `Security group: add an inbound rule "Custom TCP ${rangeText}" from your clients' addresses (aws ec2 authorize-security-group-ingress --group-id sg-… --protocol tcp --port ${rangeText} --cidr 0.0.0.0/0)`],
];

/** How each client program is switched to passive mode (or why it cannot be). */
const PASSIVE_TEXT: Readonly<Record<ClientSoftware, string>> = {
  curl: "curl: drop -P/--ftp-port; passive (--ftp-pasv) is curl's default.",
  lftp: "lftp: set ftp:passive-mode on (its default).",
  "bsd-ftp": "tnftp: type passive (or run ftp -p).",
  "inetutils-ftp": "inetutils ftp: type passive (or run ftp -p).",
  ftplib: "Python: ftp.set_pasv(True) (ftplib's default).",
  filezilla: "FileZilla: Site Manager ▸ Transfer Settings ▸ Transfer mode: Passive (or Edit ▸ Settings ▸ FTP: Passive).",
  winscp: "WinSCP: Session ▸ Advanced ▸ Connection ▸ Passive mode: on.",
  "windows-ftp": "Windows ftp.exe has no passive mode: use another client (curl.exe ships with Windows 10 and later).",
  console: "At the console: type PASV (or EPSV) before the data command.",
};

const ACTIVE_TEXT: Readonly<Record<ClientSoftware, string>> = {
  curl: "curl: -P - (--ftp-port -) uses active mode.",
  lftp: "lftp: set ftp:passive-mode off.",
  "bsd-ftp": "tnftp: type passive to toggle it off.",
  "inetutils-ftp": "inetutils ftp: type passive to toggle it off.",
  ftplib: "Python: ftp.set_pasv(False).",
  filezilla: "FileZilla: Site Manager ▸ Transfer Settings ▸ Transfer mode: Active.",
  winscp: "WinSCP: Session ▸ Advanced ▸ Connection ▸ Passive mode: off.",
  "windows-ftp": "Windows ftp.exe is always active.",
  console: "At the console: type PORT with your own address and a free port (h1,h2,h3,h4,p1,p2) before the data command.",
};

const FRONT: Readonly<Record<NatKind, string>> = { cloud: "aws", docker: "docker", router: "router" };

/** `kind`: what stands in front of the rebuilt server (null: nothing, its own firewall decides). */
function passiveBlockedFixes(r: Rebuild, kind: NatKind | null): FixSpec[] {
  const fixes: FixSpec[] = [{ side: "server", software: r.server, text: serverRangeText(r.server), apply: openPassiveRange }];
  for (const [software, text] of FIREWALL_TEXTS) fixes.push({ side: "server", software, text, apply: openPassiveRange });
  if (kind !== null) {
    fixes.push({ side: "server", software: "router", text: `On the router in front of the server: forward TCP ${rangeText} to the server's private address, beside port 21.`, apply: openPassiveRange });
    fixes.push({ side: "server", software: "docker", text: `Docker: publish the range as well: docker run -p 21:21 -p ${rangeText}:${rangeText} …`, apply: openPassiveRange });
  }
  // The thing in front of this server first: its security group, its Docker host, its router.
  if (kind !== null) fixes.sort((a, b) => Number(b.software === FRONT[kind]) - Number(a.software === FRONT[kind]));
  if (!r.tls) {
    fixes.push({
      side: "server",
      software: "nf_conntrack_ftp",
      text: "Linux: let the FTP conntrack helper open each announced port (modprobe nf_conntrack_ftp; nft: ct helper set \"ftp\" on tcp dport 21, accept ct state related). It only works while the control connection is not encrypted.",
      apply: (s) => withServer(s, { firewall: CONTROL_WITH_HELPER, ...(s.server?.nat ? { nat: { ...s.server.nat, ftpHelper: true } } : {}) }),
    });
  }
  fixes.push({ side: "client", software: r.client, text: ACTIVE_TEXT[r.client] + " Only where nothing blocks the server's connection back to the client.", apply: (s) => withClient(s, { mode: "active", extended: false }) });
  return fixes;
}

export function fixesFor(cause: CauseId, r: Rebuild, rebuilt: ScenarioInput): FixSpec[] {
  const kind = rebuilt.server?.nat ? natKindOf(rebuilt.server.nat) : null;
  switch (cause) {
    case "passive-port-blocked-at-server":
      return passiveBlockedFixes(r, kind);
    case "passive-private-address":
      return [
        { side: "server", software: r.server, text: serverAddressText(r.server, r.serverIp), apply: (s) => announcePublic(s, r.serverIp) },
        { side: "server", software: "router", text: "On the router in front of the server: its FTP helper (nf_nat_ftp, an \"FTP ALG\") rewrites the 227 to the public address and opens the port; only while the control connection is not encrypted.", apply: (s) => withServer(s, { nat: { ...(s.server?.nat ?? { publicIp: r.serverIp }), ftpHelper: true } }) },
        // Each program's own setting, checked with that program: a tnftp log is not fixed by curl's flag unless curl is used.
        { side: "client", software: "curl", text: "curl: --ftp-skip-pasv-ip (the default since 7.74) connects to the control connection's address and ignores the 227's.", apply: (s) => withProgram(s, "curl", { pasvAddress: "ignore" }) },
        { side: "client", software: "filezilla", text: "FileZilla: Edit ▸ Settings ▸ FTP ▸ Passive mode: \"Use the server's external IP address instead\" (its default).", apply: (s) => withProgram(s, "filezilla", {}) },
        { side: "client", software: "lftp", text: "lftp: set ftp:ignore-pasv-address yes (or ftp:fix-pasv-address, on by default, when the server's address is public).", apply: (s) => withProgram(s, "lftp", { pasvAddress: "ignore" }) },
        { side: "client", software: r.client, text: "Use EPSV (RFC 2428): its 229 reply carries only a port, never an address (curl's default; lftp: set ftp:prefer-epsv yes).", apply: (s) => withClient(s, { extended: true }) },
      ];
    case "active-blocked-at-client":
      return [
        { side: "client", software: r.client, text: PASSIVE_TEXT[r.client], apply: r.client === "windows-ftp" ? undefined : (s) => withClient(s, { mode: "passive" }) },
        { side: "client", software: "nf_conntrack_ftp", text: "On the client's Linux firewall: modprobe nf_conntrack_ftp and accept ct state related, so the server's connection announced in PORT is let in (not while the control connection is encrypted).", apply: (s) => withClient(s, { firewall: "stateful+ftp-helper", ...(s.client?.nat ? { nat: { ...s.client.nat, ftpHelper: true } } : {}) }) },
        { side: "client", software: "windows-firewall", text: "Windows Defender Firewall: allow the FTP client program inbound (Allow an app through firewall), or use passive mode." },
        { side: "client", software: "router", text: "On the client's router: enable its FTP ALG / helper, so the PORT is rewritten and the server's connection forwarded.", apply: (s) => withClient(s, { nat: s.client?.nat ? { ...s.client.nat, ftpHelper: true } : null }) },
      ];
    case "active-port-refused":
      return [
        { side: "client", software: r.client, text: PASSIVE_TEXT[r.client], apply: r.client === "windows-ftp" ? undefined : (s) => withClient(s, { mode: "passive" }) },
        { side: "client", software: "router", text: "On the client's router: enable its FTP ALG / helper (nf_nat_ftp): it rewrites the address inside PORT to the public one.", apply: (s) => withClient(s, { nat: s.client?.nat ? { ...s.client.nat, ftpHelper: true } : null }) },
        { side: "server", software: r.server, text: `${r.server === "vsftpd" ? "vsftpd: port_promiscuous=YES" : r.server === "proftpd" ? "ProFTPD: AllowForeignAddress on" : "Letting the server connect to a foreign address"} makes the server accept the PORT, but it then connects to a private address it cannot reach, and it opens the bounce attack RFC 2577 warns of: not a fix.`, apply: (s) => withServer(s, { allowForeignDataAddress: true }) },
      ];
    case "passive-foreign-address-refused":
      return [
        { side: "client", software: "router", text: "Make the client's control and data connections leave from one public address: pin FTP to one uplink of a load-balancing router, or ask the provider for a NAT that keeps one address per host (\"paired\" pooling, RFC 4787 REQ-2)." },
        { side: "server", software: r.server, text: `${r.server === "vsftpd" ? "vsftpd: pasv_promiscuous=YES" : r.server === "proftpd" ? "ProFTPD: AllowForeignAddress on" : "Allowing foreign data peers"} lets the connection in, at the cost of the check that stops another host stealing the transfer (RFC 2577 §4): only on a trusted network.` },
      ];
    case "tls-hides-data-port":
      return r.mode === "passive"
        ? [
            { side: "server", software: r.server, text: `Do not rely on the FTP helper: ${serverRangeText(r.server)}`, apply: openPassiveRange },
            ...FIREWALL_TEXTS.map(([software, text]) => ({ side: "server" as const, software, text, apply: openPassiveRange })),
            ...(kind !== null ? [{ side: "server" as const, software: "router", text: `${serverAddressText(r.server, r.serverIp)} And forward ${rangeText} on the router: its helper cannot read encrypted replies.`, apply: (s: ScenarioInput) => announcePublic(s, r.serverIp) }] : []),
          ]
        : [
            { side: "client", software: r.client, text: PASSIVE_TEXT[r.client] + " The server's passive range must then be open.", apply: r.client === "windows-ftp" ? undefined : (s) => withClient(s, { mode: "passive" }) },
          ];
    case "data-connection-refused":
      return r.mode === "passive"
        ? [
            { side: "server", software: r.server, text: serverRangeText(r.server), apply: openPassiveRange },
            ...FIREWALL_TEXTS.slice(0, 5).map(([software, text]) => ({ side: "server" as const, software, text: `${text} (before the REJECT rule)`, apply: openPassiveRange })),
          ]
        : [
            { side: "client", software: r.client, text: PASSIVE_TEXT[r.client], apply: r.client === "windows-ftp" ? undefined : (s) => withClient(s, { mode: "passive" }) },
            { side: "client", software: "nf_conntrack_ftp", text: "On the client's firewall: accept ct state related with the FTP conntrack helper loaded, before the REJECT rule.", apply: (s) => withClient(s, { firewall: "stateful+ftp-helper" }) },
          ];
    case "not-network":
      return r.loginFailed
        ? [{ side: "client", software: r.client, text: "Check the user name and password (and that the account may use FTP: vsftpd's local_enable, /etc/ftpusers, a shell listed in /etc/shells).", apply: (s) => withClient(s, { login: null }) }]
        : [{ side: "server", software: r.server, text: "Check the path and the permissions of the file or folder the command names." }];
    case "unknown":
      return [
        ...passiveBlockedFixes(r, kind).slice(0, 2),
        { side: "client", software: r.client, text: PASSIVE_TEXT[r.client] },
      ];
  }
}
