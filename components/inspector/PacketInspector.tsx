"use client";

/**
 * One packet as Wireshark would show it (IP and TCP headers, relative and raw sequence numbers,
 * the payload), captured as sent and after each NAT router, then what it met on the way: the
 * FTP helpers' expectations, NAT rewrites, the receiving firewall's conntrack state and rule,
 * and its fate. Shows the selected packet, else the current step's.
 */
import { useMemo, type ReactNode } from "react";
import { isPrivateIp, formatEndpoint, type Endpoint } from "../../sim/net/addresses";
import type { Packet } from "../../sim/net/packet";
import type { ViewProps } from "../view-types";
import { maskSecrets, packetLabel } from "../../sim/trace/labels";
import { decodeLine, formatTime } from "../transcript/decode";
import { flagsField, packetDetails, type CapturePoint, type Hop, type PacketDetails } from "./journey";
import styles from "./PacketInspector.module.css";

function Ip({ ip }: { ip: string }) {
  return (
    <>
      <span className={styles.mono}>{ip}</span>
      {isPrivateIp(ip) && <span className={styles.private}> private</span>}
    </>
  );
}

function Sock({ e }: { e: Endpoint }) {
  return (
    <>
      <span className={styles.mono}>{formatEndpoint(e)}</span>
      {isPrivateIp(e.ip) && <span className={styles.private}> private</span>}
    </>
  );
}

/** The payload as Wireshark's "Line-based text" shows it, CRLF visible, password masked. */
function payloadText(p: Packet): string {
  return p.payload
    .split("\r\n")
    .map((line, i, all) => (i < all.length - 1 ? `${maskSecrets(line)}\\r\\n` : maskSecrets(line)))
    .join("");
}

function Payload({ p }: { p: Packet }) {
  if (p.payload.length === 0) return <p className={styles.muted}>No payload (0 bytes).</p>;
  if (p.encrypted) {
    const plain = p.payload.replace(/\r\n$/, "");
    return (
      <div>
        <p className={styles.cipher}>ciphertext (TLS) — {p.payload.length} bytes</p>
        <p className={styles.note}>
          Firewalls and NAT routers on the way see only this. The two ends read{" "}
          <code className={styles.mono}>{maskSecrets(plain.split("\r\n")[0] ?? "")}</code>.
        </p>
      </div>
    );
  }
  const first = p.payload.split("\r\n")[0] ?? "";
  const decoded = decodeLine(first);
  return (
    <div>
      <pre className={styles.payload}>{payloadText(p)}</pre>
      {decoded && (
        <p className={styles.decode}>
          <span aria-hidden="true">→ </span>
          {decoded}
        </p>
      )}
    </div>
  );
}

function HeaderTable({ caption, points, rows }: { caption: string; points: readonly CapturePoint[]; rows: readonly [string, (c: CapturePoint) => ReactNode][] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {points.map((c, i) => (
              <th scope="col" key={i}>
                {c.where}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, cell]) => {
            const values = points.map((c) => cell(c));
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                {values.map((v, i) => (
                  <td key={i}>{v}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function seqCell(rel: number | null, raw: number): ReactNode {
  return (
    <>
      <span className={styles.mono}>{rel === null ? "—" : rel}</span> <span className={styles.small}>(relative)</span>
      <br />
      <span className={styles.mono}>{raw}</span> <span className={styles.small}>(raw)</span>
    </>
  );
}

function Change({ label, before, after }: { label: string; before: ReactNode; after: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {before} <span aria-hidden="true">→</span>
        <span className="sr-only"> becomes </span> {after}
      </dd>
    </>
  );
}

function HopItem({ hop }: { hop: Hop }) {
  switch (hop.kind) {
    case "firewall":
      return (
        <li className={`${styles.hop} ${hop.verdict === "accept" ? styles.hopOk : styles.hopFail}`}>
          <h4 className={styles.hopTitle}>
            {hop.open ? `✓ no firewall on the ${hop.name} (the kernel still tracks the connection)` : `${hop.verdict === "accept" ? "✓" : "✕"} the ${hop.name} firewall (inbound)`}
          </h4>
          <dl className={styles.dl}>
            <dt>conntrack state</dt>
            <dd className={styles.mono}>{hop.ctState.toUpperCase()}</dd>
            <dt>deciding rule</dt>
            <dd className={styles.mono}>{hop.rule}</dd>
            <dt>verdict</dt>
            <dd className={`${styles.mono} ${hop.verdict === "accept" ? styles.ok : styles.fail}`}>{hop.verdict}</dd>
          </dl>
        </li>
      );
    case "nat": {
      const { before, after } = hop;
      const srcChanged = formatEndpoint(before.src) !== formatEndpoint(after.src);
      const dstChanged = formatEndpoint(before.dst) !== formatEndpoint(after.dst);
      const payloadChanged = before.payload !== after.payload;
      return (
        <li className={`${styles.hop} ${styles.hopNat}`}>
          <h4 className={styles.hopTitle}>⇄ the {hop.node}</h4>
          <dl className={styles.dl}>
            <dt>rule</dt>
            <dd>{hop.rule}</dd>
            {srcChanged && <Change label="source" before={<Sock e={before.src} />} after={<Sock e={after.src} />} />}
            {dstChanged && <Change label="destination" before={<Sock e={before.dst} />} after={<Sock e={after.dst} />} />}
            {payloadChanged && (
              <Change
                label="payload (FTP helper)"
                before={<code className={styles.mono}>{payloadText({ ...before, payload: before.payload.replace(/\r\n$/, "") })}</code>}
                after={<code className={styles.mono}>{payloadText({ ...after, payload: after.payload.replace(/\r\n$/, "") })}</code>}
              />
            )}
            {before.seq !== after.seq && <Change label="sequence (raw)" before={<span className={styles.mono}>{before.seq}</span>} after={<span className={styles.mono}>{after.seq}</span>} />}
            {before.ack !== after.ack && <Change label="acknowledgment (raw)" before={<span className={styles.mono}>{before.ack}</span>} after={<span className={styles.mono}>{after.ack}</span>} />}
          </dl>
        </li>
      );
    }
    case "expect":
      return (
        <li className={`${styles.hop} ${styles.hopExpect}`}>
          <h4 className={styles.hopTitle}>◎ {hop.node}&apos;s FTP helper read {hop.announcement}</h4>
          <dl className={styles.dl}>
            <dt>now expects</dt>
            <dd>
              a connection from <Ip ip={hop.from} /> to <Sock e={hop.to} />
              {hop.byFirewall && <>: it will be RELATED, so a &quot;ct state related&quot; rule lets it in</>}
            </dd>
            {hop.natTo && (
              <>
                <dt>forwards it to</dt>
                <dd>
                  <Sock e={hop.natTo} />
                </dd>
              </>
            )}
          </dl>
        </li>
      );
  }
}

function Details({ d }: { d: PacketDetails }) {
  const p0 = d.points[0]!.packet;
  const fateClass = d.fate.kind === "delivered" ? styles.ok : d.fate.kind === "in-flight" ? "" : styles.fail;
  const connWords =
    d.purpose === "data"
      ? `data connection${d.transferCommand ? ` for ${d.transferCommand}` : ""}${d.initiator ? `, opened by the ${d.initiator}` : ""}`
      : `control connection${d.initiator ? `, opened by the ${d.initiator}` : ""}`;
  const last = d.points[d.points.length - 1]!;
  return (
    <article className={styles.details} aria-label={`Packet ${d.id}`}>
      <p className={styles.summary}>
        <span className={`${styles.badge} ${d.purpose === "data" ? styles.badgeData : styles.badgeControl}`}>{d.purpose === "data" ? "DATA" : "21"}</span>{" "}
        <strong>{packetLabel(p0, d.purpose)}</strong>{" "}
        from the {d.senderName} · step {d.step + 1} · {formatTime(d.t)}
      </p>
      <p className={styles.sub}>
        {connWords}. <span className={fateClass}>{d.fate.kind === "delivered" ? "✓" : d.fate.kind === "in-flight" ? "…" : "✕"} {capitalize(d.fate.kind === "in-flight" ? "in flight" : d.fate.kind)}</span>
      </p>

      <h3 className={styles.h3}>Internet Protocol Version 4</h3>
      <HeaderTable
        caption="IP header"
        points={d.points}
        rows={[
          ["Source", (c) => <Ip ip={c.packet.src.ip} />],
          ["Destination", (c) => <Ip ip={c.packet.dst.ip} />],
        ]}
      />

      <h3 className={styles.h3}>Transmission Control Protocol</h3>
      <HeaderTable
        caption="TCP header"
        points={d.points}
        rows={[
          ["Source port", (c) => <span className={styles.mono}>{c.packet.src.port}</span>],
          ["Destination port", (c) => <span className={styles.mono}>{c.packet.dst.port}</span>],
          ["Flags", (c) => <span className={styles.flags}>{flagsField(c.packet)}</span>],
          ["Sequence number", (c) => seqCell(c.relSeq, c.packet.seq)],
          ["Acknowledgment number", (c) => (c.packet.flags.includes("ACK") ? seqCell(c.relAck, c.packet.ack) : <span className={styles.muted}>— (no ACK flag)</span>)],
          ["TCP segment len", (c) => <span className={styles.mono}>{c.packet.payload.length}</span>],
        ]}
      />

      <h3 className={styles.h3}>Payload{d.points.length > 1 && last.packet.payload !== p0.payload ? " (as sent)" : ""}</h3>
      <Payload p={p0} />
      {d.points.length > 1 && last.packet.payload !== p0.payload && (
        <>
          <h3 className={styles.h3}>Payload ({last.where})</h3>
          <Payload p={last.packet} />
        </>
      )}

      <h3 className={styles.h3}>What it met on the way</h3>
      {d.hops.length === 0 ? (
        <p className={styles.muted}>Nothing between the two hosts touched it.</p>
      ) : (
        <ol className={styles.hops}>
          {d.hops.map((h, i) => (
            <HopItem key={i} hop={h} />
          ))}
        </ol>
      )}
      <h3 className={styles.h3}>Fate</h3>
      <p className={`${styles.fate} ${fateClass}`}>{capitalize(d.fate.text)}</p>
    </article>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function PacketInspector(props: ViewProps) {
  const { trace, timeline, step, selectedPacket, onSelectPacket } = props;
  const currentPacket = timeline.steps[step]?.packet?.id ?? null;
  const id = selectedPacket ?? currentPacket;
  const details = useMemo(() => (id === null ? null : packetDetails(trace, timeline, id)), [trace, timeline, id]);

  if (!details) {
    return (
      <div className={styles.root}>
        <p className={styles.hint}>Select a packet in the network or sequence view</p>
      </div>
    );
  }
  return (
    <div className={styles.root}>
      <div className={styles.source}>
        {selectedPacket !== null ? (
          <>
            <span>Selected packet</span>
            {onSelectPacket && (
              <button type="button" className={styles.clear} onClick={() => onSelectPacket(null)}>
                Follow the current step
              </button>
            )}
          </>
        ) : (
          <span>The current step&apos;s packet</span>
        )}
      </div>
      <Details d={details} />
    </div>
  );
}

export default PacketInspector;
