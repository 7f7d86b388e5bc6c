"use client";
/**
 * The playground: every knob, the same views, and the state in the URL — a shared link opens
 * the same setup at the same step. Malformed parameters fall back to defaults with a notice.
 */
import { useEffect, useMemo, useState } from "react";
import { toScenario } from "../../sim/scenario/validate";
import { SetupPanel } from "../setup/SetupPanel";
import { LabView } from "./LabView";
import { paramsToSetup, setupToParams, setupToScenario, type Setup } from "./setup-model";
import { useLab } from "./use-lab";

function PlaygroundLab({ initial, initialStep, notices }: { initial: Setup; initialStep: number | null; notices: string[] }) {
  const [setup, setSetup] = useState(initial);
  const scenario = useMemo(() => toScenario(setupToScenario(setup)), [setup]);
  const lab = useLab(scenario, { initialStep: initialStep ?? 0 });

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

export function Playground() {
  // The URL is only known in the browser (static export): read it once, after mounting.
  const [parsed, setParsed] = useState<ReturnType<typeof paramsToSetup> | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setParsed(paramsToSetup(new URLSearchParams(window.location.search)));
  }, []);
  // Until the URL is read the lab waits, so nothing writes the default setup over a shared link.
  if (!parsed) return <p className="lab-loading">Loading the playground…</p>;
  return <PlaygroundLab initial={parsed.setup} initialStep={parsed.step} notices={parsed.notices} />;
}
