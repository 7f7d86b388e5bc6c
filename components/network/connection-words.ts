/**
 * What a connection writes on its lane and where (Connection.tsx draws it): its geometry
 * (connection-geometry.ts), "opened by …", its purpose and phase, and the boxes those words
 * take, which the words drawn after them (a drop's) keep clear of. Pure.
 */
import type { Trace } from "../../sim/trace/trace";
import { responderOf } from "../trace-hosts";
import type { ConnectionState, World } from "../../sim/trace/world";
import { connectionGeometry, lastDrop } from "./connection-geometry";
import { clampMiddle } from "./label-slots";
import { textBox, textWidth, type Layout, type Rect } from "./layout";
import { socketsOf, type DrawnConnection } from "./model";

/** What a connection writes and where: its geometry, "opened by …" and its purpose and phase. */
export function connectionWords(trace: Trace, c: ConnectionState, meta: DrawnConnection | undefined, layout: Layout, world: World, step: number) {
  const lane = meta?.lane ?? 0;
  const init = c.initiator;
  const sockets = socketsOf(trace, c, meta, step);
  const drop = c.phase === "connecting" || c.phase === "failed" ? lastDrop(world, c.id) : null;
  const g = connectionGeometry(layout, init, lane, !!sockets[responderOf(trace.scenario, c)], drop);
  const wide = layout.orientation === "wide";
  const transfer = c.transfer !== null ? world.transfers.find((t) => t.index === c.transfer) : undefined;
  // Tall, a lane is a column half a phone wide: a retried SYN is said in fewer words.
  const connecting = c.syns <= 1 ? " · connecting" : wide ? ` · connecting (SYN ×${c.syns})` : ` · SYN ×${c.syns}`;
  const phaseText = c.phase === "connecting" ? connecting : c.phase === "closing" ? " · closing" : c.phase === "failed" ? " · failed" : "";
  const purposeText = c.purpose === "control" ? `control :21${phaseText}` : `data${transfer ? ` · ${transfer.command.split(" ")[0]}` : ""}${phaseText}`;
  const openedBy = wide ? (init === "client" ? "opened by client →" : "← opened by server") : `opened by ${init} ${init === "client" ? "↓" : "↑"}`;
  const labelX = clampMiddle(g.label.x, textWidth(purposeText.length, layout.fonts.small), layout.width, 4);
  return { lane, init, sockets, g, wide, purposeText, openedBy, labelX };
}

/** The boxes of a connection's words, for the words drawn after them (a drop's) to keep clear of. */
export function connectionWordBoxes(words: ReturnType<typeof connectionWords>, layout: Layout): Rect[] {
  const { g, wide, init, openedBy, purposeText, labelX } = words;
  const size = layout.fonts.small;
  return [
    textBox(g.openedBy, openedBy.length, size, wide ? (init === "client" ? "start" : "end") : "middle"),
    textBox({ x: labelX, y: g.label.y }, purposeText.length, size, "middle"),
  ];
}
