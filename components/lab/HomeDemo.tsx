"use client";
/** The home page's live session: passive mode, no firewall, already playing. */
import { toScenario } from "../../sim/scenario/validate";
import { LabView } from "./LabView";
import { useLab } from "./use-lab";

const DEMO = toScenario({ title: "Passive mode, no firewall", client: { mode: "passive", pasvAddress: "use" }, server: { passivePorts: [30000, 30049] }, commands: ["LIST"] });

export function HomeDemo() {
  const lab = useLab(DEMO, { autoplay: true, speed: 2 });
  return <LabView lab={lab} views={["network", "explanation", "transcript"]} controls="minimal" keyboard={false} />;
}
