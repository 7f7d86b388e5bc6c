/** What every view of the lab receives, from the lab's state. */
import type { ViewProps } from "../view-types";
import type { Lab } from "./use-lab";

export function viewPropsOf(lab: Lab): ViewProps {
  return {
    trace: lab.trace,
    timeline: lab.timeline,
    step: lab.step,
    world: lab.world,
    selectedPacket: lab.selectedPacket,
    onSelectPacket: lab.selectPacket,
    onJump: lab.goTo,
    reducedMotion: lab.reducedMotion,
    question: lab.question,
  };
}
