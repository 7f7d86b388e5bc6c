"use client";
/** The home page's live session: passive mode, no firewall, already playing. */
import type { Trace } from "../../sim/trace/trace";
import { LabView } from "./LabView";
import { LiveExplanations } from "./LiveExplanations";
import { useLab } from "./use-lab";

/** The trace was simulated when the page was built: this bundle carries no simulator. */
export function HomeDemo({ trace }: { trace: Trace }) {
  const lab = useLab(trace, { autoplay: true, speed: 2 });
  return (
    <LiveExplanations>
      <LabView lab={lab} views={["network", "explanation", "transcript"]} controls="minimal" keyboard={false} />
    </LiveExplanations>
  );
}
