/** Traces of the test scenarios and their network layouts, for the network view's pure geometry tests. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { computeLayout, type Layout, type Orientation } from "../../../components/network/layout";
import { indexTrace, packetScene, type PacketScene, type TraceIndex } from "../../../components/network/model";
import { simulate, type Trace } from "../../../sim/index";
import { timelineOf, type Timeline } from "../../../sim/trace/steps";

const load = (path: string): unknown => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../..", path), "utf8"));

export interface Setup {
  readonly trace: Trace;
  readonly timeline: Timeline;
  readonly index: TraceIndex;
  readonly layout: (o: Orientation) => Layout;
  /** Every step's packet, with its step. */
  readonly scenes: readonly (PacketScene & { readonly step: number })[];
}

const cache = new Map<string, Setup>();

/** `path` relative to test/: "fixtures/reference/…json" or "scenarios/…json". */
export function setup(path: string): Setup {
  let s = cache.get(path);
  if (!s) {
    const trace = simulate(load(path));
    const timeline = timelineOf(trace.events);
    const index = indexTrace(trace, timeline);
    const layouts = new Map<Orientation, Layout>();
    const layout = (o: Orientation) => {
      let l = layouts.get(o);
      if (!l) layouts.set(o, (l = computeLayout(trace, timeline, index, o, o === "wide" ? 1100 : 390)));
      return l;
    };
    const scenes = timeline.steps.flatMap((_, step) => {
      const p = packetScene(trace, timeline, index, step);
      return p ? [{ ...p, step }] : [];
    });
    s = { trace, timeline, index, layout, scenes };
    cache.set(path, s);
  }
  return s;
}

export const laneOf = (s: Setup, p: PacketScene) => s.index.conns.get(p.conn)?.lane ?? 0;

export const ORIENTATIONS: readonly Orientation[] = ["wide", "tall"];
/** A client firewall that drops the server's data SYN (active mode). */
export const CLI_FW_PORT = "fixtures/reference/cli-fw--port.json";
/** A server firewall that only lets port 21 in: the client's passive data SYN is dropped there. */
export const SRV_FW_PASV = "fixtures/reference/srv-fw-21--pasv.json";
export const OPEN_PASV = "fixtures/reference/open--pasv.json";
/** A client NAT with an FTP helper that rewrites the PORT command. */
export const CLIENT_NAT_HELPER = "scenarios/client-nat-helper-port.json";
/** A server NAT whose PASV reply gives the private address: the data SYN is lost in the network. */
export const SERVER_NAT_PRIVATE = "scenarios/server-nat-pasv-private.json";
export const ALL = [CLI_FW_PORT, SRV_FW_PASV, OPEN_PASV, CLIENT_NAT_HELPER, SERVER_NAT_PRIVATE, "scenarios/server-nat-helper.json", "scenarios/reject-vs-drop.json", "scenarios/client-nat-port.json"];
