import type { Metadata } from "next";
import { Legend } from "../../../components/Legend";
import { LabLegendProvider } from "../../../components/lab/LabLegend";
import { LiveExplanations } from "../../../components/lab/LiveExplanations";
import { Playground } from "../../../components/lab/Playground";
import { realRunKeys } from "../../../lessons/real-runs";
import { toScenario } from "../../../sim/scenario/validate";
import { PLAYGROUND_BOOT } from "../../../components/site/url-boot";

const BASE = toScenario({});
// Which recorded real runs exist, by canonical scenario: worked out at build time, so the
// browser matches scenarios without the schema and loads only a matching recording.
const REAL_RUN_KEYS = realRunKeys();

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return (
    <div className="page playground">
      <h1 className="page-title">Playground</h1>
      <p className="lede">Change any knob: the session is simulated again at once, and the link in the address bar reproduces it.</p>
      {/* Before the lab's HTML: a shared link's setup is never shown as the default first. */}
      <script dangerouslySetInnerHTML={{ __html: PLAYGROUND_BOOT }} />
      {/* Every setup is simulated in the browser: so are its explanations. */}
      <LiveExplanations>
        <LabLegendProvider legend={<Legend />}>
          <Playground base={BASE} realRunKeys={REAL_RUN_KEYS} />
        </LabLegendProvider>
      </LiveExplanations>
    </div>
  );
}
