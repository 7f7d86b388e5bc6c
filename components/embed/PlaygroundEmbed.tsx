"use client";
/**
 * Any playground setup in an embed: the playground's parameters (a knob each, sim/scenario/knobs.ts)
 * plus the embed's, simulated in the browser. A host's `setup` message is read as the same
 * parameters.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../sim/scenario/schema";
import { run } from "../../sim/simulate";
import { paramsToSetup, setupToScenario, type Setup } from "../lab/setup-model";
import { EMBED_KEYS, parseEmbedParams } from "./embed-params";
import { EmbedFrame, labStartKey, useSearch, type SetupResult } from "./EmbedFrame";
import { mergeSetup } from "./setup-merge";
import { COMPARE_PARAM, parseCompare, sideWords } from "../compare/compare-param";
import { CONSOLE_PARAM, consoleScenario, parseConsole } from "../console/console-history";

/** The options and setup of a query: with no query (the static HTML, the hydration), the defaults. */
function parseQuery(search: URLSearchParams) {
  const embed = parseEmbedParams(search);
  const own = paramsToSetup(search, [...EMBED_KEYS, COMPARE_PARAM, CONSOLE_PARAM]);
  const compare = parseCompare(search.get(COMPARE_PARAM), own.setup);
  // console=: a session typed at the console (the playground's link), played in this setup.
  const typed = search.has(CONSOLE_PARAM) ? parseConsole(search.get(CONSOLE_PARAM)) : null;
  return { options: embed.options, notices: [...embed.notices, ...own.notices, ...compare.notices, ...(typed?.notices ?? [])], setup: own.setup, compare: compare.setup, typed: typed?.history ?? null };
}

/**
 * Any playground setup: the playground's parameters plus the embed's; simulated in the browser,
 * and for the static HTML the default setup at build time (the URL's follows once mounted).
 */
export function PlaygroundEmbed({ base }: { base: Scenario }) {
  const search = useSearch();
  const [setup, setSetup] = useState<{ setup: Setup; notices: string[] } | null>(null);
  const parsed = useMemo(() => parseQuery(search ?? new URLSearchParams()), [search]);
  const current = useMemo(() => setup ?? { setup: parsed.setup, notices: parsed.notices }, [setup, parsed]);
  const typed = parsed.typed;
  const scenario = useMemo(() => {
    const own = setupToScenario(current.setup, base);
    return typed ? consoleScenario(own, typed) : own;
  }, [current, base, typed]);
  const trace = useMemo(() => run(scenario), [scenario]);
  // compare=: setup B beside the URL's own (a host's `setup` changes A; B keeps its knobs).
  const compareB = parsed.compare;
  const compare = useMemo(() => {
    // A typed session is shown alone: B would be another program's session, not the same lines.
    if (!compareB || typed) return null;
    const scenarioB = setupToScenario(compareB, base);
    return { trace: run(scenarioB), words: sideWords(current.setup, compareB, scenario, scenarioB) };
  }, [compareB, typed, base, current.setup, scenario]);
  // The setup on screen, for a second setup that arrives before React re-renders.
  const latest = useRef<Setup | null>(null);
  const showing = current.setup;
  useEffect(() => {
    latest.current = showing;
  }, [showing]);
  const onSetup = useCallback((params: Record<string, string>): SetupResult => {
    if (!latest.current) return { pending: false, step: null };
    // Only what the message names changes; a bad value is refused alone (setup-merge.ts).
    const next = mergeSetup(latest.current, params);
    latest.current = next.setup;
    setSetup({ setup: next.setup, notices: next.notices });
    return { pending: next.changed, step: next.step };
  }, []);
  const href = `/playground?${new URLSearchParams([...(search ?? new URLSearchParams()).entries()].filter(([k]) => !(EMBED_KEYS as readonly string[]).includes(k) || k === "step")).toString()}`;
  return <EmbedFrame key={labStartKey(parsed.options)} trace={trace} options={parsed.options} notices={current.notices} fullLabHref={href} onSetup={onSetup} live={search !== null} compare={compare} />;
}
