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

function Conn({ x1, y1, x2, y2, kind, label, lx, ly, anchor = "middle" }: { x1: number; y1: number; x2: number; y2: number; kind: "control" | "data" | "ssh"; label: string; lx?: number; ly: number; anchor?: "start" | "middle" | "end" }) {
  return (
    <g className={styles[kind]}>
      <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd={`url(#fig-arrow-${kind})`} />
      <text x={lx ?? (x1 + x2) / 2} y={ly} textAnchor={anchor} className={styles.connLabel}>
        {label}
      </text>
    </g>
  );
}

function Markers() {
  return (
    <defs>
      {(["control", "data", "ssh"] as const).map((k) => (
        <marker key={k} id={`fig-arrow-${k}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="18" markerHeight="18" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className={styles[`${k}Head`]} />
        </marker>
      ))}
    </defs>
  );
}

function SftpOneConnection() {
  return (
    <figure className={styles.figure}>
      <svg viewBox="0 0 640 332" role="img" aria-labelledby="fig-sftp-title fig-sftp-desc">
        <title id="fig-sftp-title">FTP needs two connections, SFTP one</title>
        <desc id="fig-sftp-desc">
          Top, FTP: a control connection from the client to port 21 and, per transfer, a data connection — from the server&apos;s port 20 in active mode or to a port of the
          passive range in passive mode. Bottom, SFTP: one connection from the client to port 22 carrying authentication, commands and file data as encrypted channels.
        </desc>
        <Markers />
        <text x={16} y={22} className={styles.heading}>
          FTP (and FTPS): two connections
        </text>
        <Host x={80} y={104} label="client" />
        <Host x={560} y={104} label="server" />
        <Conn x1={136} y1={78} x2={504} y2={78} kind="control" label="control → :21" ly={70} />
        <Conn x1={504} y1={106} x2={136} y2={106} kind="data" label="data ← from :20 (active)" ly={99} />
        <Conn x1={136} y1={132} x2={504} y2={132} kind="data" label="or data → a passive port (passive)" ly={152} />
        <text x={320} y={180} textAnchor="middle" className={styles.note}>
          a new connection per transfer, on a port announced in the control connection: firewalls and NAT must learn it
        </text>
        <line x1={16} y1={196} x2={624} y2={196} className={styles.divider} />
        <text x={16} y={222} className={styles.heading}>
          SFTP: one SSH connection
        </text>
        <Host x={80} y={272} label="client" />
        <Host x={560} y={272} label="server" sub="sshd" />
        <Conn x1={136} y1={272} x2={504} y2={272} kind="ssh" label="SSH → :22" ly={260} />
        <text x={320} y={296} textAnchor="middle" className={styles.channels}>
          🔒 login · commands · file data, all inside it
        </text>
        <text x={320} y={322} textAnchor="middle" className={styles.note}>
          one well-known port; nothing for a firewall or NAT to learn
        </text>
      </svg>
      <figcaption className={styles.caption}>FTP opens a data connection per transfer; SFTP multiplexes everything over one encrypted connection to port 22.</figcaption>
    </figure>
  );
}

function ServerToServer() {
  return (
    <figure className={styles.figure}>
      <svg viewBox="0 0 640 290" role="img" aria-labelledby="fig-s2s-title fig-s2s-desc">
        <title id="fig-s2s-title">RFC 959 figure 2: a user controls two servers</title>
        <desc id="fig-s2s-desc">
          A user has a control connection to server A and another to server B. Server A is told PASV and listens; its address is given to server B in PORT; server B connects
          to server A and the file flows directly between the two servers, never through the user.
        </desc>
        <Markers />
        <Host x={320} y={45} label="user" sub="user-PI" />
        <Host x={110} y={210} label="server A" sub="PASV: listens" />
        <Host x={530} y={210} label="server B" sub="PORT: A's address" />
        <Conn x1={280} y1={72} x2={150} y2={183} kind="control" label="control :21" lx={206} ly={120} anchor="end" />
        <Conn x1={360} y1={72} x2={490} y2={183} kind="control" label="control :21" lx={434} ly={120} anchor="start" />
        <Conn x1={474} y1={216} x2={166} y2={216} kind="data" label="data: B dials A" ly={206} />
        <text x={320} y={276} textAnchor="middle" className={styles.note}>
          the data connection goes wherever PORT says — what a bounce attack abuses (RFC 2577)
        </text>
      </svg>
      <figcaption className={styles.caption}>Server-to-server transfer (RFC 959 §2.3, figure 2). Servers today refuse a PORT that names anyone but the control connection&apos;s peer.</figcaption>
    </figure>
  );
}

export function LessonFigure({ name }: { name: FigureName }) {
  return name === "sftp-one-connection" ? <SftpOneConnection /> : <ServerToServer />;
}
