"use client";
/**
 * The playground: every knob (sim/scenario/knobs.ts), the same views, and the state in the URL —
 * a shared link opens the same setup at the same step. Malformed parameters fall back to defaults
 * with a notice. The static HTML shows the default setup (simulated at build time); a URL with
 * knobs keeps it hidden (components/site/url-boot.ts) until its own setup is drawn.
 */
import { Notices } from "./Notices";
import { useCallback, useEffect, useMemo, useState } from "react";
import { clientOnly } from "../client-only";
import { CompareBar, type Editing } from "../compare/CompareBar";
import { COMPARE_PARAM, compareValue, parseCompare, sideWords } from "../compare/compare-param";
import { CONSOLE_PARAM, consoleScenario, parseConsole, writeConsoleParam } from "../console/console-history";
import { typedExchanges } from "../../sim/trace/typed-exchanges";
import { KNOBS, withSettingFollowed } from "../../sim/scenario/knobs";
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
import { useSetupTrace } from "./setup-traces";
import { useAfterPaint } from "./use-after-paint";

// Loaded when the learner opens the console: most visits turn knobs.
const Console = clientOnly(() => import("../console/Console").then((m) => m.Console), () => <p className="panel-loading">Loading the console…</p>);

// Loaded when a comparison is asked for: most visits look at one setup.
const CompareView = clientOnly(() => import("../compare/CompareView").then((m) => m.CompareView), () => <p className="panel-loading">Loading the comparison…</p>);

const DEFAULT_SETUP: ParsedSetup = paramsToSetup(new URLSearchParams());
const MODE = KNOBS.find((k) => k.param === "mode")!;

/** The recorded real run of this scenario, if there is one: looked up by key, loaded on demand. */
function useRealRun(scenario: Scenario, keys: Readonly<Record<string, string>>): RealRun | null {
  // Read with the views that show it (after the picture's frame): the key costs a millisecond.
  const later = useAfterPaint(scenario);
  const name = useMemo(() => keys[scenarioKey(later)] ?? null, [later, keys]);
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
  /** Setup B of a comparison (`compare=`), or null. */
  initialCompare: Setup | null;
  /** The console's lines (`console=`), or null when it is closed. */
  initialConsole: readonly string[] | null;
  notices: string[];
  /** False until the URL has been read: nothing writes the default setup over a shared link. */
  writeUrl: boolean;
}

function PlaygroundLab({ base, realRunKeys, initial, initialStep, initialCompare, initialConsole, notices, writeUrl }: PlaygroundLabProps) {
  const [setup, setSetup] = useState(initial);
  const [compare, setCompare] = useState<Setup | null>(initialCompare);
  const [editing, setEditing] = useState<Editing>("a");
  // The console: the learner's own lines, run with the console as the client, in this setup.
  const [typed, setTyped] = useState<readonly string[] | null>(initialConsole);
  const setupScenario = useMemo(() => setupToScenario(setup, base), [setup, base]);
  const scenario = useMemo(() => (typed ? consoleScenario(setupScenario, typed) : setupScenario), [typed, setupScenario]);
  const scenarioB = useMemo(() => (compare ? setupToScenario(compare, base) : null), [compare, base]);
  // The playground is the one page that simulates in the browser: once per setup (setup-traces.ts).
  const trace = useSetupTrace(setup, scenario, typed === null);
  const traceB = useMemo(() => (scenarioB ? run(scenarioB) : null), [scenarioB]);
  const lab = useLab(trace, { initialStep: initialStep ?? 0 });
  const realRun = useRealRun(scenario, realRunKeys);
  // A line just sent: once its trace is on screen, the lab goes to it and plays what it caused.
  const [sent, setSent] = useState<number | null>(null);
  const { goTo, play } = lab;
  useEffect(() => {
    if (sent === null || !typed || lab.trace.scenario.commands.length !== typed.length) return;
    const at = typedExchanges(lab.trace.events, lab.timeline, typed)[sent]?.step ?? null;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSent(null);
    if (at !== null) {
      goTo(at);
      play();
    }
  }, [sent, typed, lab.trace, lab.timeline, goTo, play]);
  // In a comparison the URL's step is the comparison's moment (CompareView reports it).
  const [row, setRow] = useState(initialStep ?? 0);

  const params = (step: number | null) => {
    const p = setupToParams(setup, step);
    if (compare) p.set(COMPARE_PARAM, compareValue(setup, compare));
    if (typed) writeConsoleParam(p, typed);
    return p.toString();
  };
  useQueryInUrl(writeUrl ? params(compare ? row : lab.step) : null);

  // B starts as A in the other mode: the first comparison every lesson makes.
  const start = () => {
    const other = MODE.kind === "choice" ? MODE.options.find((o) => o.value !== MODE.read(scenario)) : undefined;
    setCompare(other ? withSettingFollowed(setup, scenario, MODE, other.value, KNOBS) : setup);
    setEditing("b");
  };
  const stop = () => {
    setCompare(null);
    setEditing("a");
  };
  const onRow = useCallback((r: number) => setRow(r), []);

  const openConsole = () => {
    setCompare(null);
    setEditing("a");
    setTyped([]);
  };
  const send = (line: string) => {
    if (!typed) return;
    setTyped([...typed, line]);
    setSent(typed.length);
  };
  const bar = typed ? (
    <div className="playground-console">
      <Console trace={lab.trace} timeline={lab.timeline} step={lab.step} history={typed} onSend={send} onJump={goTo} busy={sent !== null} error={null} onClear={() => setTyped([])} />
      <p className="compare-bar">
        <button type="button" onClick={() => setTyped(null)}>
          Close the console
        </button>
      </p>
    </div>
  ) : (
    <div className="playground-tools">
      <CompareBar comparing={compare !== null} editing={editing} onStart={start} onStop={stop} onEdit={setEditing} />
      {!compare && (
        <button type="button" onClick={openConsole}>
          Type your own commands…
        </button>
      )}
    </div>
  );
  const panel =
    compare && scenarioB && editing === "b" ? (
      <SetupPanel setup={compare} scenario={scenarioB} onChange={setCompare} differsFrom={{ setup, name: "A" }} />
    ) : (
      <SetupPanel setup={setup} scenario={setupScenario} onChange={setSetup} differsFrom={compare ? { setup: compare, name: "B" } : undefined} />
    );
  const aside = (
    <>
      {bar}
      {panel}
    </>
  );
  const share = { title: "Playground setup", page: `/playground?${params(null)}`, embed: `/embed/playground?${params(null)}`, name: "playground" };

  return (
    <>
      <Notices notices={notices} />
      {compare && traceB && scenarioB && !typed ? (
        <CompareView a={trace} b={traceB} words={sideWords(setup, compare, scenario, scenarioB)} initialRow={row} onRow={onRow} aside={aside} share={share} />
      ) : (
        <LabView lab={lab} aside={aside} asideOnNarrow="last" realRun={typed ? null : realRun} share={share} />
      )}
    </>
  );
}

/**
 * `base` is a complete default scenario, validated on the server when the page was built;
 * `realRunKeys` maps the canonical key (scenarioKey) of every recorded real run to its name.
 */
export function Playground({ base, realRunKeys = {} }: { base: Scenario; realRunKeys?: Readonly<Record<string, string>> }) {
  // The URL is only known in the browser (static export): read it once, after mounting.
  const [url, setUrl] = useState<{ parsed: ParsedSetup; compare: Setup | null; typed: readonly string[] | null; given: boolean } | null>(null);
  useEffect(() => {
    const search = new URLSearchParams(window.location.search);
    const parsed = paramsToSetup(search, [COMPARE_PARAM, CONSOLE_PARAM]);
    const compare = parseCompare(search.get(COMPARE_PARAM), parsed.setup);
    const typedLines = search.has(CONSOLE_PARAM) ? parseConsole(search.get(CONSOLE_PARAM)) : null;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl({ parsed: { ...parsed, notices: [...parsed.notices, ...compare.notices, ...(typedLines?.notices ?? [])] }, compare: compare.setup, typed: typedLines?.history ?? null, given: window.location.search.length > 1 });
  }, []);
  useUrlApplied(url !== null);
  const parsed = url?.parsed ?? DEFAULT_SETUP;
  // A URL with knobs starts the lab anew (its key); an empty one keeps the default's lab.
  return (
    <div className="url-applied-lab">
      <PlaygroundLab key={url?.given ? "url" : "default"} base={base} realRunKeys={realRunKeys} initial={parsed.setup} initialStep={parsed.step} initialCompare={url?.compare ?? null} initialConsole={url?.typed ?? null} notices={parsed.notices} writeUrl={url !== null} />
    </div>
  );
}
