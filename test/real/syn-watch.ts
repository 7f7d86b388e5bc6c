/**
 * Which TCP connections a host opened or was asked to open, read from the kernel: a table in the
 * host's namespace records every SYN it sends or receives (even one its firewall then drops: the
 * chains run before the filter) and every SYN-ACK, as ip.port.ip.port tuples in nftables sets.
 * That gives, per transfer, who dialled whom and from which port — the server's port 20 in active
 * mode, a port of the passive range in passive mode — without parsing any log.
 */
import { nsRun } from "./sh";

export interface Tuple {
  src: { ip: string; port: number };
  dst: { ip: string; port: number };
}

export interface SynRecord {
  /** SYNs seen (sent or received) that have no SYN-ACK: attempts that went unanswered. */
  syns: Tuple[];
  /** Connections that got as far as SYN-ACK, named in the SYN's direction. */
  answered: Tuple[];
}

const TABLE = "ftpw";

export const SYN_WATCH = `table inet ${TABLE} {
\tset syn { type ipv4_addr . inet_service . ipv4_addr . inet_service; flags dynamic; size 4096; }
\tset synack { type ipv4_addr . inet_service . ipv4_addr . inet_service; flags dynamic; size 4096; }
\tchain in {
\t\ttype filter hook input priority -250; policy accept;
\t\ttcp flags & (syn | ack) == syn add @syn { ip saddr . tcp sport . ip daddr . tcp dport }
\t\ttcp flags & (syn | ack) == syn | ack add @synack { ip daddr . tcp dport . ip saddr . tcp sport }
\t}
\tchain out {
\t\ttype filter hook output priority -250; policy accept;
\t\ttcp flags & (syn | ack) == syn add @syn { ip saddr . tcp sport . ip daddr . tcp dport }
\t\ttcp flags & (syn | ack) == syn | ack add @synack { ip daddr . tcp dport . ip saddr . tcp sport }
\t}
}
`;

export async function startSynWatch(ns: string): Promise<void> {
  await nsRun(ns, "nft", ["-f", "-"], { input: SYN_WATCH });
}

interface NftSetJson {
  nftables: Array<{ set?: { name: string; elem?: Array<{ concat: [string, number, string, number] } | { elem: { val: { concat: [string, number, string, number] } } }> } }>;
}

function tuplesOf(json: string): Tuple[] {
  const parsed = JSON.parse(json) as NftSetJson;
  const out: Tuple[] = [];
  for (const item of parsed.nftables) {
    for (const e of item.set?.elem ?? []) {
      const c = "concat" in e ? e.concat : e.elem.val.concat;
      out.push({ src: { ip: c[0], port: c[1] }, dst: { ip: c[2], port: c[3] } });
    }
  }
  return out.sort((a, b) => `${a.src.ip}:${a.src.port}`.localeCompare(`${b.src.ip}:${b.src.port}`) || a.dst.port - b.dst.port);
}

const key = (t: Tuple) => `${t.src.ip}:${t.src.port}>${t.dst.ip}:${t.dst.port}`;

/** What the host saw since the last read; empties the sets for the next transfer. */
export async function readSyns(ns: string): Promise<SynRecord> {
  const [syn, synack] = await Promise.all(["syn", "synack"].map((set) => nsRun(ns, "nft", ["-j", "list", "set", "inet", TABLE, set])));
  await Promise.all(["syn", "synack"].map((set) => nsRun(ns, "nft", ["flush", "set", "inet", TABLE, set])));
  const answered = tuplesOf(synack!.stdout);
  const done = new Set(answered.map(key));
  return { syns: tuplesOf(syn!.stdout).filter((t) => !done.has(key(t))), answered };
}
