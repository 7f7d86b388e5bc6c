"use client";
/**
 * A comparison in an embed (`compare=`): the two sessions side by side with their narration,
 * loaded only by an embed whose URL asks for one. The frame (EmbedFrame.tsx) keeps the deck's
 * messages and events; here the comparison's playhead answers them.
 */
import { LiveExplanations } from "../lab/LiveExplanations";
import { CompareView, type CompareViewProps } from "./CompareView";

export function EmbedCompare(props: CompareViewProps) {
  return (
    <LiveExplanations>
      <CompareView {...props} />
    </LiveExplanations>
  );
}
