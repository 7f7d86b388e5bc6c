import type { Metadata } from "next";
import { Playground } from "../../components/lab/Playground";
import { toScenario } from "../../sim/scenario/validate";

const BASE = toScenario({});

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return (
    <div className="page playground">
      <h1 className="page-title">Playground</h1>
      <p className="lede">Change any knob: the session is simulated again at once, and the link in the address bar reproduces it.</p>
      <Playground base={BASE} />
    </div>
  );
}
