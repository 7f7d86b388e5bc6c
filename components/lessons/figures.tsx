/**
 * Drawings a lesson step can show for what the simulator does not run, in the lab's visual
 * language: the control connection solid blue, data connections dashed orange, an arrowhead at
 * the side that opened each connection, ports in a monospaced face.
 *   - sftp-one-connection: FTP's two connections beside SSH's one (SFTP runs inside SSH on 22).
 *   - server-to-server: RFC 959 §2.3's figure 2, a user controlling two servers whose data
 *     connection runs directly between them.
 */
import styles from "./figures.module.css";

export type FigureName = "sftp-one-connection" | "server-to-server";

function Host({ x, y, label, sub }: { x: number; y: number; label: string; sub?: string }) {
  return (
    <g transform={`translate(${x},${y})`}>
      <rect className={styles.host} x={-56} y={-26} width={112} height={52} rx={8} />
      <text className={styles.hostLabel} y={sub ? -4 : 5} textAnchor="middle">
        {label}
      </text>
      {sub && (
        <text className={styles.hostSub} y={15} textAnchor="middle">
          {sub}
        </text>
      )}
    </g>
  );
}

function Conn({ x1, y1, x2, y2, kind, label, labelDy = -8 }: { x1: number; y1: number; x2: number; y2: number; kind: "control" | "data" | "ssh"; label: string; labelDy?: number }) {
  return (
    <g className={styles[kind]}>
      <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd={`url(#fig-arrow-${kind})`} />
      <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 + labelDy} textAnchor="middle" className={styles.connLabel}>
        {label}
      </text>
    </g>
  );
}

function Markers() {
  return (
    <defs>
      {(["control", "data", "ssh"] as const).map((k) => (
        <marker key={k} id={`fig-arrow-${k}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className={styles[`${k}Head`]} />
        </marker>
      ))}
    </defs>
  );
}

function SftpOneConnection() {
  return (
    <figure className={styles.figure}>
      <svg viewBox="0 0 640 250" role="img" aria-labelledby="fig-sftp-title fig-sftp-desc">
        <title id="fig-sftp-title">FTP needs two connections, SFTP one</title>
        <desc id="fig-sftp-desc">
          Left, FTP: a control connection from the client to port 21 and, per transfer, a data connection — from the server&apos;s port 20 in active mode or to a port of the
          passive range in passive mode. Right, SFTP: one connection from the client to port 22 carrying authentication, commands and file data as encrypted channels.
        </desc>
        <Markers />
        <text x={160} y={22} textAnchor="middle" className={styles.heading}>
          FTP (and FTPS): two connections
        </text>
        <Host x={70} y={120} label="client" />
        <Host x={250} y={120} label="server" />
        <Conn x1={126} y1={100} x2={194} y2={100} kind="control" label="control → :21" labelDy={-10} />
        <Conn x1={194} y1={140} x2={126} y2={140} kind="data" label="data ← :20 (active)" labelDy={24} />
        <Conn x1={126} y1={160} x2={194} y2={160} kind="data" label="or data → passive port" labelDy={40} />
        <text x={160} y={232} textAnchor="middle" className={styles.note}>
          a new port per transfer: firewalls and NAT must learn it
        </text>
        <line x1={320} y1={30} x2={320} y2={235} className={styles.divider} />
        <text x={480} y={22} textAnchor="middle" className={styles.heading}>
          SFTP: one SSH connection
        </text>
        <Host x={390} y={120} label="client" />
        <Host x={570} y={120} label="server" sub="sshd" />
        <Conn x1={446} y1={120} x2={514} y2={120} kind="ssh" label="SSH → :22" labelDy={-14} />
        <text x={480} y={158} textAnchor="middle" className={styles.channels}>
          🔒 auth · commands · file data
        </text>
        <text x={480} y={232} textAnchor="middle" className={styles.note}>
          one well-known port; nothing to learn
        </text>
      </svg>
      <figcaption className={styles.caption}>FTP opens a data connection per transfer; SFTP multiplexes everything over one encrypted connection to port 22.</figcaption>
    </figure>
  );
}

function ServerToServer() {
  return (
    <figure className={styles.figure}>
      <svg viewBox="0 0 640 270" role="img" aria-labelledby="fig-s2s-title fig-s2s-desc">
        <title id="fig-s2s-title">RFC 959 figure 2: a user controls two servers</title>
        <desc id="fig-s2s-desc">
          A user has a control connection to server A and another to server B. Server A is told PASV and listens; its address is given to server B in PORT; server B connects
          to server A and the file flows directly between the two servers, never through the user.
        </desc>
        <Markers />
        <Host x={320} y={45} label="user" sub="user-PI" />
        <Host x={110} y={210} label="server A" sub="PASV: listens" />
        <Host x={530} y={210} label="server B" sub="PORT A's address" />
        <Conn x1={280} y1={70} x2={150} y2={184} kind="control" label="control :21" labelDy={-6} />
        <Conn x1={360} y1={70} x2={490} y2={184} kind="control" label="control :21" labelDy={-6} />
        <Conn x1={474} y1={215} x2={166} y2={215} kind="data" label="data: B dials A, the file flows between servers" labelDy={-10} />
        <text x={320} y={258} textAnchor="middle" className={styles.note}>
          the data connection goes wherever PORT says — which is what a bounce attack abuses (RFC 2577)
        </text>
      </svg>
      <figcaption className={styles.caption}>Server-to-server transfer (RFC 959 §2.3, figure 2). Servers today refuse a PORT that names anyone but the control connection&apos;s peer.</figcaption>
    </figure>
  );
}

export function LessonFigure({ name }: { name: FigureName }) {
  return name === "sftp-one-connection" ? <SftpOneConnection /> : <ServerToServer />;
}
