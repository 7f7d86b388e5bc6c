"use client";
/**
 * The playground: every knob (sim/scenario/knobs.ts), the same views, and the state in the URL —
 * a shared link opens the same setup at the same step. Malformed parameters fall back to defaults
 * with a notice. The static HTML shows the default setup (simulated at build time); a URL with
 * knobs keeps it hidden (components/site/url-boot.ts) until its own setup is drawn.
 */
import { Notices } from "./Notices";
import { useEffect, useMemo, useState } from "react";
import { useUrlApplied } from "../site/use-url-applied";
import type { RealRun } from "../../lessons/real-run";
import { loadRealRun } from "../../lessons/real-run-loaders";
import { scenarioKey } from "../../lessons/scenario-key";
import type { Scenario } from "../../sim/scenario/schema";
import { run } from "../../sim/simulate";
import { SetupPanel } from "../setup/SetupPanel";
import { LabView } from "./LabView";
import { paramsToSetup, setupToParams, setupToScenario, type ParsedSetup, type Setup } from "./setup-model";
import { useLab } from "./use-lab";
import { useQueryInUrl } from "./use-query-in-url";

const DEFAULT_SETUP: ParsedSetup = paramsToSetup(new URLSearchParams());

/** The recorded real run of this scenario, if there is one: looked up by key, loaded on demand. */
function useRealRun(scenario: Scenario, keys: Readonly<Record<string, string>>): RealRun | null {
  const name = useMemo(() => keys[scenarioKey(scenario)] ?? null, [scenario, keys]);
  const [loaded, setLoaded] = useState<RealRun | null>(null);
  useEffect(() => {
    if (name === null) return;
    let current = true;
    void loadRealRun(name).then((r) => {
      if (current) setLoaded(r);
    });
    return () => {
      current = false;
    };
  }, [name]);
  // A recording loaded for an earlier setup is never shown against this one.
  return loaded !== null && loaded.name === name ? loaded : null;
}

interface PlaygroundLabProps {
  base: Scenario;
  realRunKeys: Readonly<Record<string, string>>;
  initial: Setup;
  initialStep: number | null;
  notices: string[];
  /** False until the URL has been read: nothing writes the default setup over a shared link. */
  writeUrl: boolean;
}

function PlaygroundLab({ base, realRunKeys, initial, initialStep, notices, writeUrl }: PlaygroundLabProps) {
  const [setup, setSetup] = useState(initial);
  const scenario = useMemo(() => setupToScenario(setup, base), [setup, base]);
  // The playground is the one page that simulates in the browser: once per change of a knob.
  const trace = useMemo(() => run(scenario), [scenario]);
  const lab = useLab(trace, { initialStep: initialStep ?? 0 });
  const realRun = useRealRun(scenario, realRunKeys);

  useQueryInUrl(writeUrl ? setupToParams(setup, lab.step).toString() : null);

  return (
    <>
      <Notices notices={notices} />
      <LabView
        lab={lab}
        aside={<SetupPanel setup={setup} scenario={scenario} onChange={setSetup} />}
        asideOnNarrow="last"
        realRun={realRun}
        share={{ title: "Playground setup", page: `/playground?${setupToParams(setup, null).toString()}`, embed: `/embed/playground?${setupToParams(setup, null).toString()}`, name: "playground" }}
      />
    </>
  );
}

/**
 * `base` is a complete default scenario, validated on the server when the page was built;
 * `realRunKeys` maps the canonical key (scenarioKey) of every recorded real run to its name.
 */
export function Playground({ base, realRunKeys = {} }: { base: Scenario; realRunKeys?: Readonly<Record<string, string>> }) {
  // The URL is only known in the browser (static export): read it once, after mounting.
  const [url, setUrl] = useState<{ parsed: ParsedSetup; given: boolean } | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl({ parsed: paramsToSetup(new URLSearchParams(window.location.search)), given: window.location.search.length > 1 });
  }, []);
  useUrlApplied(url !== null);
  const parsed = url?.parsed ?? DEFAULT_SETUP;
  // A URL with knobs starts the lab anew (its key); an empty one keeps the default's lab.
  return (
    <div className="url-applied-lab">
      <PlaygroundLab key={url?.given ? "url" : "default"} base={base} realRunKeys={realRunKeys} initial={parsed.setup} initialStep={parsed.step} notices={parsed.notices} writeUrl={url !== null} />
    </div>
  );
}
