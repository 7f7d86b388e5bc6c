/**
 * The cases of issue 18 captured from real programs (test/real/capture-multi-host.ts): FXP between
 * two vsftpd (RFC 959 §2.3 figure 2) and a relay with mapped ports in front of one vsftpd.
 * Addresses are the namespaces' own (topology.ts); nothing leaves them.
 */
import type { VsftpdOptions } from "./vsftpd";

/** Short enough that a drop costs seconds, long enough for a loopback-speed transfer. */
export const TIMEOUT_S = 5;

export const FXP_HOSTS = { c: "10.98.0.10", a: "10.98.0.21", b: "10.98.0.22" } as const;

export const RELAY_ADDRESSES = {
  clientIp: "10.97.1.10",
  relayClientIp: "10.97.1.1",
  virtualIp: "10.97.1.80",
  relayServerIp: "10.97.2.1",
  serverIp: "10.97.2.20",
} as const;

/** The passive ports the relay maps (besides 21) in every relay case. */
export const MAPPED_PASSIVE = [40000, 40001, 40002, 40003];

const common = { connectTimeout: TIMEOUT_S, acceptTimeout: TIMEOUT_S };

export interface FxpCase {
  kind: "fxp";
  name: string;
  title: string;
  description: string;
  a: VsftpdOptions;
  b: VsftpdOptions;
  eprt: boolean;
  /** STOR to B before RETR to A (B then connects before A is waiting to accept). */
  storFirst: boolean;
  /** The file sent from A to B, by name; its bytes are made by the runner. */
  file: string;
}

export interface RelayCase {
  kind: "relay";
  name: string;
  title: string;
  description: string;
  server: VsftpdOptions;
  /** Ports the relay forwards (21 first). */
  mapped: number[];
  /** A firewall on the relay drops what is not mapped (else its kernel answers RST). */
  dropUnmapped: boolean;
  /** What the relay does with a packet for the server's own address (topology.ts). */
  forward: "off" | "drop" | "reject";
  file: string;
}

export type MultiHostCase = FxpCase | RelayCase;

const fxpServer = (ip: string, pasv: [number, number], promiscuous: { port: boolean; pasv: boolean }): VsftpdOptions => ({
  listenAddress: ip,
  pasvMinPort: pasv[0],
  pasvMaxPort: pasv[1],
  portPromiscuous: promiscuous.port,
  pasvPromiscuous: promiscuous.pasv,
  ...common,
});

const A_ALLOWS = fxpServer(FXP_HOSTS.a, [40000, 40009], { port: false, pasv: true });
const A_DEFAULT = fxpServer(FXP_HOSTS.a, [40000, 40009], { port: false, pasv: false });
const B_ALLOWS = fxpServer(FXP_HOSTS.b, [41000, 41009], { port: true, pasv: false });
const B_DEFAULT = fxpServer(FXP_HOSTS.b, [41000, 41009], { port: false, pasv: false });

const relayServer = (pasv: [number, number], pasvAddress: string | undefined): VsftpdOptions => ({
  listenAddress: RELAY_ADDRESSES.serverIp,
  pasvMinPort: pasv[0],
  pasvMaxPort: pasv[1],
  ...(pasvAddress ? { pasvAddress } : {}),
  portPromiscuous: false,
  pasvPromiscuous: false,
  ...common,
});

export const CASES: MultiHostCase[] = [
  {
    kind: "fxp",
    name: "fxp-allowed-port",
    title: "FXP with PORT, both servers allowing it",
    description:
      "A has pasv_promiscuous=YES, B port_promiscuous=YES. The client sends PASV to A, PORT with A's address and port to B, RETR to A, then STOR to B: B connects to A's passive port and the file goes from A to B.",
    a: A_ALLOWS,
    b: B_ALLOWS,
    eprt: false,
    storFirst: false,
    file: "fxp.bin",
  },
  {
    kind: "fxp",
    name: "fxp-allowed-eprt",
    title: "FXP with EPRT, both servers allowing it",
    description: "As fxp-allowed-port, with EPRT |1|A|port| (RFC 2428) to B instead of PORT.",
    a: A_ALLOWS,
    b: B_ALLOWS,
    eprt: true,
    storFirst: false,
    file: "fxp.bin",
  },
  {
    kind: "fxp",
    name: "fxp-b-default-port",
    title: "FXP with PORT, B with vsftpd's default port_promiscuous=NO",
    description: "B refuses a PORT that names another host than its control peer (the client): no RETR or STOR is sent.",
    a: A_ALLOWS,
    b: B_DEFAULT,
    eprt: false,
    storFirst: false,
    file: "fxp.bin",
  },
  {
    kind: "fxp",
    name: "fxp-b-default-eprt",
    title: "FXP with EPRT, B with vsftpd's default port_promiscuous=NO",
    description: "As fxp-b-default-port with EPRT: B's refusal of EPRT.",
    a: A_ALLOWS,
    b: B_DEFAULT,
    eprt: true,
    storFirst: false,
    file: "fxp.bin",
  },
  {
    kind: "fxp",
    name: "fxp-a-default",
    title: "FXP with PORT, B allowing it, A with vsftpd's default pasv_promiscuous=NO",
    description:
      "B accepts the PORT and connects to A's passive port; A's data connection comes from B, not from A's control peer (the client). What A and B each answer, and whether anything lands on B.",
    a: A_DEFAULT,
    b: B_ALLOWS,
    eprt: false,
    storFirst: false,
    file: "fxp.bin",
  },
  {
    kind: "fxp",
    name: "fxp-a-default-stor-first",
    title: "As fxp-a-default, STOR sent to B before RETR to A",
    description:
      "The same servers; the client sends STOR to B first and RETR to A 200 ms later, so B's connection to A's passive port is made (the kernel completes the handshake) before vsftpd on A accepts it.",
    a: A_DEFAULT,
    b: B_ALLOWS,
    eprt: false,
    storFirst: true,
    file: "fxp.bin",
  },
  {
    kind: "relay",
    name: "relay-all-mapped",
    title: "Relay mapping port 21 and every passive port; 227 names the relay's virtual address",
    description:
      "vsftpd with pasv_min_port=40000, pasv_max_port=40003, pasv_address = the relay's virtual address; the relay forwards 21 and 40000-40003 (one socat each) to the server.",
    server: relayServer([40000, 40003], RELAY_ADDRESSES.virtualIp),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: false,
    forward: "off",
    file: "hello.bin",
  },
  {
    kind: "relay",
    name: "relay-port-unmapped-rst",
    title: "Relay missing the passive port the server picks; nothing listens there (RST)",
    description:
      "vsftpd's passive range is the single port 40004 (pasv_min_port=pasv_max_port=40004), which the relay does not map (it maps 21 and 40000-40003); no firewall on the relay, so its kernel answers the client's SYN itself.",
    server: relayServer([40004, 40004], RELAY_ADDRESSES.virtualIp),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: false,
    forward: "off",
    file: "hello.bin",
  },
  {
    kind: "relay",
    name: "relay-port-unmapped-drop",
    title: "Relay missing the passive port the server picks; the relay's firewall drops it",
    description:
      "As relay-port-unmapped-rst, with an nftables input chain on the relay (policy drop; established/related and the mapped ports accepted): the client's SYN to port 40004 is dropped silently.",
    server: relayServer([40004, 40004], RELAY_ADDRESSES.virtualIp),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: true,
    forward: "off",
    file: "hello.bin",
  },
  {
    kind: "relay",
    name: "relay-private-227-drop",
    title: "Relay mapping every port, but 227 names the server's private address (no pasv_address); lost silently",
    description:
      "vsftpd without pasv_address: its 227 names its own address on the server's network, which the client can reach only through the relay, and the relay forwards nothing (forwarding on, an nftables forward chain with policy drop): the SYN is lost without an answer.",
    server: relayServer([40000, 40003], undefined),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: false,
    forward: "drop",
    file: "hello.bin",
  },
  {
    kind: "relay",
    name: "relay-private-227-noforward",
    title: "Relay mapping every port, but 227 names the server's private address; the relay does not route (ip_forward=0)",
    description:
      "As relay-private-227-drop, with the relay's ip_forward=0 (a host that is no router): what its kernel does with a packet for the server's network.",
    server: relayServer([40000, 40003], undefined),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: false,
    forward: "off",
    file: "hello.bin",
  },
  {
    kind: "relay",
    name: "relay-private-227-reject",
    title: "Relay mapping every port, but 227 names the server's private address; the relay rejects with ICMP",
    description:
      "As relay-private-227-drop, with the relay's forward chain answering \"reject with icmp type host-unreachable\" (as a firewall set to reject does).",
    server: relayServer([40000, 40003], undefined),
    mapped: [21, ...MAPPED_PASSIVE],
    dropUnmapped: false,
    forward: "reject",
    file: "hello.bin",
  },
];
