"use client";
/**
 * "What each box knows" after the step on screen (sim/trace/box-state.ts): a tab per box — each
 * host with its sockets and its firewall's connection tracking, each NAT router with its
 * mappings — in the words of the tools an admin would run (`ss -tan`, `conntrack -L`,
 * `conntrack -L expect`). Every row's step button jumps to the step that made it. While a
 * question is open on whether a firewall lets the data connection in, the "new connection now"
 * verdict waits for the answer.
 */
import { useId, useMemo, type ReactNode } from "react";
import { formatEndpoint, type Endpoint } from "../../sim/net/addresses";
import { natNodeName } from "../../sim/net/nat-kinds";
import { boxStateAt, type ConntrackRow, type FirewallState, type HostState, type RouterState, type SocketRow } from "../../sim/trace/box-state";
import type { HostId, RouterId } from "../../sim/trace/events";
import { boxesInOrder, boxLabel, hostName } from "../trace-hosts";
import { hostOfRouter, isRouterId } from "../../sim/net/hosts";
import { Tablist, tabPanelProps, useRequestedTab, type TabRequest } from "../tablist";
import type { ViewProps } from "../view-types";
import styles from "./BoxStatePanel.module.css";

export type BoxId = HostId | RouterId;
export type BoxRequest = TabRequest<BoxId>;

export function BoxStatePanel(props: ViewProps & { readonly request?: BoxRequest | null }) {
  const { trace, timeline, step, onJump, question = null, request = null } = props;
  const state = useMemo(() => boxStateAt(trace, timeline, step), [trace, timeline, step]);
  // Client, its router, each server's router and the server (or the relay): left to right as the picture draws them.
  const boxes: BoxId[] = boxesInOrder(trace.scenario, state.routers.map((r) => r.router));
  const [chosen, setBox] = useRequestedTab<BoxId>(request, "client");
  const box = boxes.includes(chosen) ? chosen : "client";
  const base = useId();
  const stepOf = (event: number) => timeline.stepOfEvent[event] ?? 0;
  const since = (event: number) => <StepLink step={stepOf(event)} current={step} onJump={onJump} />;
  // Any open question is about the transfer this verdict foretells: it waits for the answer.
  const holdVerdict = question !== null;

  return (
    <div className={styles.root} data-box={box}>
      <p className={styles.lede}>After step {step + 1}: what each machine holds in memory. The step buttons go to the step that made a row.</p>
      <Tablist base={base} label="Boxes" tabs={boxes.map((id) => ({ id, label: boxLabel(trace.scenario, id) }))} selected={box} onSelect={setBox} />
      {boxes.map((id) => (
        <div key={id} {...tabPanelProps(base, id, id === box)} className={styles.panel}>
          {id === box && (isRouterId(id) ? <RouterBox router={state.routers.find((r) => r.router === id)!} since={since} /> : <HostBox host={state.hosts.find((h) => h.host === id)!} since={since} holdVerdict={holdVerdict} name={hostName(trace.scenario, id)} />)}
        </div>
      ))}
    </div>
  );
}

function StepLink({ step, current, onJump }: { step: number; current: number; onJump?: (step: number) => void }) {
  const label = `step ${step + 1}`;
  if (!onJump || step === current) return <span className={styles.here}>{step === current ? "this step" : label}</span>;
  return (
    <button type="button" className={styles.step} onClick={() => onJump(step)} aria-label={`Go to ${label}, which made this row`}>
      {label}
    </button>
  );
}

type Since = (event: number) => ReactNode;

/** ip:port, which a narrow column may break only before the port. */
const sock = (e: Endpoint) => {
  const text = formatEndpoint(e);
  const colon = text.lastIndexOf(":");
  return (
    <code className={styles.sock}>
      {text.slice(0, colon)}
      <wbr />
      {text.slice(colon)}
    </code>
  );
};

function Section({ title, tool, children }: { title: string; tool?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={styles.section}>
      <h3 id={id} className={styles.heading}>
        {title}
        {tool && <span className={styles.tool}> ({tool})</span>}
      </h3>
      {children}
    </section>
  );
}

function HostBox({ host, since, holdVerdict, name }: { host: HostState; since: Since; holdVerdict: boolean; name: string }) {
  return (
    <div className={styles.columns}>
      <div>
        <Section title={`Sockets on the ${name} (${host.ip})`} tool="ss -tan">
          {host.sockets.length === 0 ? <p className={styles.empty}>No socket open.</p> : <SocketTable rows={host.sockets} since={since} />}
        </Section>
      </div>
      <div>
        <FirewallBox name={name} firewall={host.firewall} since={since} holdVerdict={holdVerdict} />
      </div>
    </div>
  );
}

const OPENED: Record<SocketRow["opened"], string> = { listen: "listen()", connect: "connect()", accept: "accept()" };

function what(purpose: "control" | "data", transfer: number | null): string {
  return purpose === "control" ? "control" : transfer === null ? "data" : `data, transfer ${transfer + 1}`;
}

function SocketTable({ rows, since }: { rows: readonly SocketRow[]; since: Since }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Local</th>
          <th scope="col">Peer</th>
          <th scope="col">For</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-row-purpose={r.purpose}>
            <td className={styles.state}>{r.state}</td>
            <td>{sock(r.local)}</td>
            <td>{r.remote ? sock(r.remote) : <span className={styles.muted}>*:*</span>}</td>
            <td>
              {what(r.purpose, r.transfer)} · {OPENED[r.opened]}
            </td>
            <td>{since(r.since)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FirewallBox({ name, firewall, since, holdVerdict }: { name: string; firewall: FirewallState; since: Since; holdVerdict: boolean }) {
  const next = firewall.next;
  return (
    <>
      <Section title={`The ${name}'s firewall: tracked connections`} tool="conntrack -L">
        <p className={styles.note}>
          {firewall.rules.length === 0 ? `No rules: policy ${firewall.policy}, every packet passes.` : `${firewall.rules.length} rule${firewall.rules.length > 1 ? "s" : ""}, then policy ${firewall.policy}.`}{" "}
          FTP helper (nf_conntrack_ftp): <strong>{firewall.helper ? "on" : "off"}</strong>.
        </p>
        {firewall.entries.length === 0 ? <p className={styles.empty}>Nothing tracked yet.</p> : <ConntrackTable rows={firewall.entries} since={since} />}
      </Section>
      <Section title="Data connections the helper expects" tool="conntrack -L expect">
        {!firewall.helper ? (
          <p className={styles.empty}>None: without the helper, nothing reads the data addresses announced on the control connection.</p>
        ) : firewall.expectations.length === 0 ? (
          <p className={styles.empty}>None right now.</p>
        ) : (
          <ul className={styles.list}>
            {firewall.expectations.map((x, i) => (
              <li key={i}>
                From <code>{x.from}</code> to {sock(x.to)}, read in the {x.announcement} (master #{x.master}); expires in {x.secondsLeft} s. {since(x.since)}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="A new data connection now">
        {!next ? (
          <p className={styles.empty}>No data address has been announced toward the {name} yet.</p>
        ) : holdVerdict ? (
          <p className={styles.empty}>What the rules would do with the next data connection shows once you answer.</p>
        ) : (
          <p className={styles.verdict} data-verdict={next.check.verdict}>
            <span className={styles.mark} aria-hidden="true">
              {next.check.verdict === "accept" ? "✓" : "✕"}
            </span>{" "}
            A SYN {sock(next.packet.src)} → {sock(next.packet.dst)}, the data connection the {next.announcement} ({since(next.since)}) asks for, would be{" "}
            <strong>{next.check.ctState.toUpperCase()}</strong> and meet{" "}
            <strong>{next.check.rule === null ? next.check.ruleText : `rule ${next.check.rule + 1}: ${next.check.ruleText}`}</strong>: <strong>{VERDICT_WORDS[next.check.verdict]}</strong>.
          </p>
        )}
        {firewall.rules.length > 0 && (
          <details className={styles.rules}>
            <summary>The rules (INPUT chain, first match wins)</summary>
            <ol>
              {firewall.rules.map((r, i) => (
                <li key={i} data-deciding={next && !holdVerdict && next.check.rule === i ? "yes" : undefined}>
                  <code>{r}</code>
                </li>
              ))}
            </ol>
            <p>
              Then policy <code>{firewall.policy}</code>.
            </p>
          </details>
        )}
      </Section>
    </>
  );
}

const VERDICT_WORDS = { accept: "let in", drop: "dropped", reject: "rejected (RST)" } as const;

function flagsOf(r: ConntrackRow): string {
  return [r.unreplied ? "[UNREPLIED]" : null, r.helper ? "helper=ftp" : null, r.master !== null ? `related to #${r.master}` : null].filter(Boolean).join(" ");
}

function ConntrackTable({ rows, since }: { rows: readonly ConntrackRow[]; since: Since }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Connection (first packet)</th>
          <th scope="col">State</th>
          <th scope="col">Marks</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-row-purpose={r.purpose ?? undefined}>
            <td>{r.id}</td>
            <td>
              {sock(r.orig.src)} → {sock(r.orig.dst)}
              {r.purpose && <span className={styles.muted}> {r.purpose}</span>}
            </td>
            <td className={styles.state}>{r.state}</td>
            <td>{flagsOf(r) || <span className={styles.muted}>—</span>}</td>
            <td>{since(r.since)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RouterBox({ router, since }: { router: RouterState; since: Since }) {
  const host = hostOfRouter(router.router);
  return (
    <div className={`${styles.columns} ${styles.router}`}>
      <Section title={`The ${natNodeName(router.kind, host)}: mappings`} tool="conntrack -L -n">
        <p className={styles.note}>
          Public address <code>{router.publicIp}</code>, inside <code>{router.insideIp}</code>. FTP helper (nf_nat_ftp): <strong>{router.helper ? "on" : "off"}</strong>.
        </p>
        {router.mappings.length === 0 ? (
          <p className={styles.empty}>No connection has crossed it yet.</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Inside</th>
                <th scope="col">Public</th>
                <th scope="col">Far end</th>
                <th scope="col">Made by</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {router.mappings.map((m) => (
                <tr key={m.conn} data-row-purpose={m.purpose ?? undefined}>
                  <td>{sock(m.inside)}</td>
                  <td>{sock(m.outside)}</td>
                  <td>{sock(m.remote)}</td>
                  <td>
                    {m.rule}
                    {m.purpose && <span className={styles.muted}> ({m.purpose})</span>}
                  </td>
                  <td>{since(m.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="What its FTP helper rewrote">
        {router.rewrites.length === 0 ? (
          <p className={styles.empty}>{router.helper ? "Nothing yet." : "Nothing: its helper is off."}</p>
        ) : (
          <ul className={styles.list}>
            {router.rewrites.map((r, i) => (
              <li key={i}>
                <code>{r.before}</code> → <code>{r.after}</code> {since(r.since)}
              </li>
            ))}
          </ul>
        )}
        {router.expectations.length > 0 && (
          <ul className={styles.list} aria-label="Ports the helper opened">
            {router.expectations.map((x, i) => (
              <li key={i}>
                Opened {sock(x.to)} for <code>{x.from}</code>
                {x.natTo && <> → {sock(x.natTo)}</>}, read in the {x.announcement}; expires in {x.secondsLeft} s. {since(x.since)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
