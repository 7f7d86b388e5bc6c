/**
 * The network view's reading of a lab (test/harness/lab.ts): the trace and timeline come from
 * lab(), and this adds what the network view derives from them — its index, its layouts and every
 * step's packet scene — for the pure geometry tests.
 */
import { computeLayout, type Layout, type Orientation } from "../../../components/network/layout";
import { indexTrace, packetScene, type PacketScene, type TraceIndex } from "../../../components/network/model";
import { lab, type Lab } from "../../harness/lab";

export interface NetworkLab extends Lab {
  readonly index: TraceIndex;
  /** The layout at the view's default width for the orientation (1100 wide, 390 tall). */
  readonly layout: (o: Orientation) => Layout;
  /** Every step's packet, with its step. */
  readonly scenes: readonly (PacketScene & { readonly step: number })[];
}

const cache = new WeakMap<Lab, NetworkLab>();

/** lab(scenario) — a path from the repository root or a scenario object — with the network view's derivations. */
export function network(scenario: string | object): NetworkLab {
  const l = lab(scenario);
  let n = cache.get(l);
  if (!n) {
    const { trace, timeline } = l;
    const index = indexTrace(trace, timeline);
    const layouts = new Map<Orientation, Layout>();
    const layout = (o: Orientation) => {
      let found = layouts.get(o);
      if (!found) layouts.set(o, (found = computeLayout(trace, timeline, index, o, o === "wide" ? 1100 : 390)));
      return found;
    };
    const scenes = timeline.steps.flatMap((_, step) => {
      const p = packetScene(trace, timeline, index, step);
      return p ? [{ ...p, step }] : [];
    });
    n = { ...l, index, layout, scenes };
    cache.set(l, n);
  }
  return n;
}

/** The lane a packet's connection runs in. */
export const laneOf = (n: NetworkLab, p: PacketScene) => n.index.conns.get(p.conn)?.lane ?? 0;

export const ORIENTATIONS: readonly Orientation[] = ["wide", "tall"];
/** A client firewall that drops the server's data SYN (active mode). */
export const CLI_FW_PORT = "test/fixtures/reference/cli-fw--port.json";
/** A server firewall that only lets port 21 in: the client's passive data SYN is dropped there. */
export const SRV_FW_PASV = "test/fixtures/reference/srv-fw-21--pasv.json";
export const OPEN_PASV = "test/fixtures/reference/open--pasv.json";
/** A client NAT with an FTP helper that rewrites the PORT command. */
export const CLIENT_NAT_HELPER = "test/scenarios/client-nat-helper-port.json";
/** A server NAT whose PASV reply gives the private address: the data SYN is lost in the network. */
export const SERVER_NAT_PRIVATE = "test/scenarios/server-nat-pasv-private.json";
export const ALL = [CLI_FW_PORT, SRV_FW_PASV, OPEN_PASV, CLIENT_NAT_HELPER, SERVER_NAT_PRIVATE, "test/scenarios/server-nat-helper.json", "test/scenarios/reject-vs-drop.json", "test/scenarios/client-nat-port.json"];
