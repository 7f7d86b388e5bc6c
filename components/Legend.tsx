/**
 * The legend of the visual language (shared/spec/visual-language.md), drawn with the same marks
 * and tokens as the network and sequence views, so a learner reads it once for every view. Static:
 * the pages draw it on the server and hand it to their labs (lab/LabLegend.tsx).
 */
import { memo, useId, type ReactNode } from "react";
import { BrickPattern } from "./network/BrickPattern";
import "./network/network.css";

export interface LegendProps {
  /** Fewer words, for an embed or a narrow column. */
  readonly compact?: boolean;
  readonly className?: string;
}

function Swatch({ w = 56, h = 24, children }: { w?: number; h?: number; children: ReactNode }) {
  return (
    <svg className="nv-svg" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false" style={{ width: w }}>
      {children}
    </svg>
  );
}

/** A socket pill as the network view draws it, listening or connected. */
function PillSwatch({ state }: { state: "listening" | "connected" }) {
  return (
    <Swatch w={60}>
      <g className={`nv-pill nv-pill--${state}`}>
        <rect className="nv-pill-box" x={2} y={3} width={56} height={18} rx={9} />
      </g>
    </Swatch>
  );
}

/** A connection's line as the network view draws it. */
function LineSwatch({ className }: { className: string }) {
  return (
    <Swatch>
      <g className={className}>
        <path className="nv-conn-line" d="M2,12H54" />
      </g>
    </Swatch>
  );
}

function LegendImpl({ compact = false, className }: LegendProps) {
  const brick = `lg-brick-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const items: { key: string; swatch: ReactNode; label: string; long: string }[] = [
    {
      key: "control",
      swatch: <LineSwatch className="nv-conn nv-conn--control nv-conn--established" />,
      label: "control connection (:21)",
      long: "control connection, port 21: solid blue",
    },
    {
      key: "data",
      swatch: <LineSwatch className="nv-conn nv-conn--data nv-conn--established" />,
      label: "data connection",
      long: "data connection: dashed orange",
    },
    {
      key: "connecting",
      swatch: <LineSwatch className="nv-conn nv-conn--data nv-conn--connecting" />,
      label: "SYN sent, not yet connected",
      long: "connecting (SYN sent, not yet established): thin dotted line",
    },
    {
      key: "initiator",
      swatch: (
        <Swatch w={64}>
          <g className="nv-conn nv-conn--control nv-conn--established">
            <path className="nv-conn-line" d="M8,12H50" />
            <circle className="nv-conn-origin" cx={8} cy={12} r={6} />
            <path className="nv-conn-arrow" d="M62,12L48,5L48,19Z" />
          </g>
        </Swatch>
      ),
      label: "● opened here → (first SYN)",
      long: "who opened it: a dot at the side that sent the first SYN, the arrow points to the side that accepted",
    },
    {
      key: "listening",
      swatch: <PillSwatch state="listening" />,
      label: "listening socket",
      long: "listening socket: hollow dashed outline, marked “listening”",
    },
    {
      key: "connected",
      swatch: <PillSwatch state="connected" />,
      label: "connected socket",
      long: "connected socket: solid outline",
    },
    {
      key: "ports",
      swatch: (
        <Swatch w={104}>
          <rect className="nv-port-chip nv-port-chip--control" x={1} y={3} width={24} height={18} rx={4} />
          <text className="nv-mono nv-port nv-port--well-known" x={13} y={16.5} textAnchor="middle" fontSize={13}>
            21
          </text>
          <rect className="nv-port-chip nv-port-chip--active-data" x={29} y={3} width={24} height={18} rx={4} />
          <text className="nv-mono nv-port nv-port--well-known" x={41} y={16.5} textAnchor="middle" fontSize={13}>
            20
          </text>
          <text className="nv-mono nv-port nv-port--plain" x={58} y={16.5} fontSize={12}>
            50471
          </text>
        </Swatch>
      ),
      label: "well-known ports 21, 20 · ephemeral",
      long: "ports: well-known 21 and 20 bold on a filled chip, ephemeral ports plain",
    },
    {
      key: "private",
      swatch: (
        <Swatch w={72}>
          <text className="nv-mono nv-private" x={2} y={16} fontSize={12}>
            10.0.0.5
          </text>
        </Swatch>
      ),
      label: "private address (RFC 1918)",
      long: "private address (RFC 1918): purple, underlined, with a “private” badge on its host",
    },
    {
      key: "firewall",
      swatch: (
        <Swatch w={20}>
          <defs>
            <BrickPattern id={brick} />
          </defs>
          <rect className="nv-wall-box" x={4} y={1} width={12} height={22} fill={`url(#${brick})`} />
        </Swatch>
      ),
      label: "firewall (wall on its host)",
      long: "firewall: a brick wall on its host's side of the link, with its deciding rule beside it",
    },
    {
      key: "nat",
      swatch: (
        <Swatch w={44}>
          <g className="nv-nat">
            <rect className="nv-nat-box" x={2} y={2} width={40} height={20} rx={5} />
            <text className="nv-nat-title" x={22} y={16} textAnchor="middle" fontSize={11}>
              NAT
            </text>
          </g>
        </Swatch>
      ),
      label: "NAT router (public ◂ ▸ private)",
      long: "NAT router: a box between its private side and its public side that rewrites addresses",
    },
    {
      key: "drop",
      swatch: (
        <Swatch w={28}>
          <circle className="nv-drop-ring" cx={14} cy={12} r={10} />
          <path className="nv-drop-x" d="M9,7L19,17M19,7L9,17" />
        </Swatch>
      ),
      label: "✕ dropped, with the rule",
      long: "✕ a dropped packet: it stops at the wall, with the rule that dropped it",
    },
  ];
  return (
    <ul className={`legend${className ? ` ${className}` : ""}`} aria-label="Legend">
      {items.map((it) => (
        <li key={it.key} data-legend={it.key}>
          {it.swatch}
          <span>{compact ? it.label : it.long}</span>
        </li>
      ))}
    </ul>
  );
}

/** Static: it redraws only when its own props change, not on every step. */
export const Legend = memo(LegendImpl);
export default Legend;
