/**
 * The step's packet: a labelled box drawn where its trip ends (motion.ts), which packet-motion.ts
 * moves there from its start; focusable and pressable to select it for the inspector. It carries
 * its label before a NAT rewrite too, shown only while it travels toward the router.
 */
import type { KeyboardEvent, Ref } from "react";
import type { Fonts } from "./layout";
import type { PacketScene } from "./model";
import { translate, type Motion } from "./motion";

export function PacketGlyph({ ref, pkt, motion, fonts, selected, onSelect }: { ref: Ref<SVGGElement>; pkt: PacketScene; motion: Motion; fonts: Fonts; selected: boolean; onSelect: (id: number) => void }) {
  return (
    <g
      ref={ref}
      className={`nv-packet nv-packet--${pkt.purpose}${selected ? " nv-packet--selected" : ""}${pkt.drop ? " nv-packet--dropped" : ""}`}
      transform={translate(motion.end)}
      role="button"
      tabIndex={0}
      aria-label={pkt.description}
      aria-pressed={selected}
      data-packet={pkt.id}
      onClick={() => onSelect(pkt.id)}
      onKeyDown={(e: KeyboardEvent<SVGGElement>) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onSelect(pkt.id);
        }
      }}
    >
      <rect className="nv-packet-ring" x={-motion.w / 2 - 6} y={-motion.h / 2 - 6} width={motion.w + 12} height={motion.h + 12} rx={12} />
      <rect className="nv-packet-box" x={-motion.w / 2} y={-motion.h / 2} width={motion.w} height={motion.h} rx={8} />
      {motion.via && (
        <text className="nv-packet-text nv-packet-text--before" x={0} y={fonts.base * 0.36} textAnchor="middle" fontSize={fonts.base}>
          {motion.before}
        </text>
      )}
      <text className="nv-packet-text nv-packet-text--after" x={0} y={fonts.base * 0.36} textAnchor="middle" fontSize={fonts.base}>
        {motion.text}
      </text>
    </g>
  );
}
