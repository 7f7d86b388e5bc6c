"use client";
/**
 * The playground: every knob, the same views, and the state in the URL — a shared link opens
 * the same setup at the same step. Malformed parameters fall back to defaults with a notice.
 */
import { useEffect, useMemo, useState } from "react";
import type { Scenario } from "../../sim/scenario/schema";
import { run } from "../../sim/simulate";
import { SetupPanel } from "../setup/SetupPanel";
import { LabView } from "./LabView";
import { paramsToSetup, setupToParams, setupToScenario, type Setup } from "./setup-model";
import { useLab } from "./use-lab";

function PlaygroundLab({ base, initial, initialStep, notices }: { base: Scenario; initial: Setup; initialStep: number | null; notices: string[] }) {
  const [setup, setSetup] = useState(initial);
  // The playground is the one page that simulates in the browser: once per change of a knob.
  const trace = useMemo(() => run(setupToScenario(setup, base)), [setup, base]);
  const lab = useLab(trace, { initialStep: initialStep ?? 0 });

  useEffect(() => {
    const query = setupToParams(setup, lab.step).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    window.history.replaceState(null, "", url);
  }, [setup, lab.step]);

  return (
    <>
      {notices.length > 0 && (
        <div className="notice" role="note">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <LabView lab={lab} aside={<SetupPanel setup={setup} onChange={setSetup} />} asideOnNarrow="last" />
    </>
  );
}

/** `base` is a complete default scenario, validated on the server when the page was built. */
export function Playground({ base }: { base: Scenario }) {
  // The URL is only known in the browser (static export): read it once, after mounting.
  const [parsed, setParsed] = useState<ReturnType<typeof paramsToSetup> | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setParsed(paramsToSetup(new URLSearchParams(window.location.search)));
  }, []);
  // Until the URL is read the lab waits, so nothing writes the default setup over a shared link.
  if (!parsed) return <p className="lab-loading">Loading the playground…</p>;
  return <PlaygroundLab base={base} initial={parsed.setup} initialStep={parsed.step} notices={parsed.notices} />;
}
