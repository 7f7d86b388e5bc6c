"use client";
/**
 * What each box knows, in short, under the picture (the network view's own place for it): a
 * line per host and NAT router — its sockets, what its firewall tracks and expects, a router's
 * mappings and rewrites — for a learner who wants it beside the drawing rather than in the
 * tables of "What each box knows" (BoxStatePanel.tsx). Loaded when the learner opens it.
 */
import { useMemo } from "react";
import { formatEndpoint } from "../../sim/net/addresses";
import { boxStateAt, type HostState, type RouterState } from "../../sim/trace/box-state";
import { boxesInOrder, boxLabel } from "../trace-hosts";
import type { ViewProps } from "../view-types";
import styles from "./BoxStatePanel.module.css";

const port = (e: { port: number }) => `:${e.port}`;

function hostLine(h: HostState, holdVerdict: boolean): string {
  const sockets = h.sockets.length === 0 ? "no socket" : h.sockets.map((s) => `${s.state} ${port(s.local)}${s.remote ? `→${port(s.remote)}` : ""}`).join(", ");
  const fw = h.firewall;
  const tracked = `${fw.entries.length} tracked`;
  const expects = !fw.helper ? "no helper" : fw.expectations.length === 0 ? "expects nothing" : `expects ${fw.expectations.map((x) => formatEndpoint(x.to)).join(", ")}`;
  const next = fw.next && !holdVerdict ? `; a new data connection now: ${fw.next.check.ctState.toUpperCase()}, ${fw.next.check.verdict}` : "";
  return `sockets ${sockets} · firewall: ${tracked}, ${expects}${next}`;
}

function routerLine(r: RouterState): string {
  const maps = r.mappings.length === 0 ? "no mapping" : r.mappings.map((m) => `${formatEndpoint(m.inside)}⇄${formatEndpoint(m.outside)}`).join(", ");
  const rewrites = r.rewrites.length === 0 ? "" : ` · helper rewrote ${r.rewrites.length}`;
  return `${maps}${rewrites}`;
}

export function BoxStateStrip({ trace, timeline, step, question = null }: ViewProps) {
  const state = useMemo(() => boxStateAt(trace, timeline, step), [trace, timeline, step]);
  const rows = boxesInOrder(
    trace.scenario,
    state.routers.map((r) => r.router),
  ).map((id) => {
    const host = state.hosts.find((h) => h.host === id);
    const router = state.routers.find((r) => r.router === id);
    return { name: boxLabel(trace.scenario, id), text: host ? hostLine(host, question !== null) : router ? routerLine(router) : "" };
  });
  return (
    <dl className={styles.strip}>
      {rows.map((r) => (
        <div key={r.name}>
          <dt>{r.name}</dt>
          <dd>{r.text}</dd>
        </div>
      ))}
    </dl>
  );
}
