"use client";
/** A lesson's scenario(s) in an embed, simulated at build time (no simulator in this page). */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Trace } from "../../sim/trace/trace";
import { COMPARE_PARAM } from "../compare/compare-key";
import { DEFAULT_EMBED, EMBED_KEYS, parseEmbedParams, type EmbedOptions } from "./embed-params";
import { EmbedFrame, labStartKey, useSearch, type SetupResult } from "./EmbedFrame";

const DEFAULTS: { options: EmbedOptions; notices: string[]; compareWith: string | null } = { options: DEFAULT_EMBED, notices: [], compareWith: null };

/**
 * A lesson's scenario(s), simulated at build time; `scenario=name` picks one of several. The
 * static HTML (and the hydration) show the default options, so the picture is there at the
 * first paint; the URL's options follow once mounted (components/site/url-boot.ts hides what
 * would be wrong until then).
 */
export function LessonEmbed({ slug, traces }: { slug: string; traces: Readonly<Record<string, Trace>> }) {
  const search = useSearch();
  const names = useMemo(() => Object.keys(traces), [traces]);
  const parsed = useMemo(() => {
    if (!search) return DEFAULTS;
    const { options, notices } = parseEmbedParams(search, names.length > 1 ? names : []);
    for (const key of search.keys()) if (!(EMBED_KEYS as readonly string[]).includes(key) && key !== COMPARE_PARAM) notices.push(`Ignored unknown parameter ${JSON.stringify(key.slice(0, 40))}.`);
    // compare=: another of the lesson's setups beside the one shown.
    const compare = search.get(COMPARE_PARAM);
    const shown = options.scenario ?? names[0]!;
    let compareWith: string | null = null;
    if (compare !== null) {
      if (names.includes(compare) && compare !== shown) compareWith = compare;
      else notices.push(`Ignored compare=${JSON.stringify(compare.slice(0, 40))}: expected another of this lesson's setups${names.length > 1 ? ` (${names.filter((n) => n !== shown).join(", ")})` : " (it has only one)"}.`);
    }
    return { options, notices, compareWith };
  }, [search, names]);
  const [picked, setPicked] = useState<string | null>(null);
  const name = picked ?? parsed.options.scenario ?? names[0]!;
  // The scenario on screen, for a setup that arrives before React re-renders.
  const showing = useRef(name);
  useEffect(() => {
    showing.current = name;
  }, [name]);
  const onSetup = useCallback(
    (params: Record<string, string>): SetupResult => {
      const want = params.scenario;
      if (want === undefined || !names.includes(want) || want === showing.current) return { pending: false, step: null };
      showing.current = want;
      setPicked(want);
      return { pending: true, step: null };
    },
    [names],
  );
  // One frame for every scenario: the controller takes the new trace, and a host's goto sent
  // with the setup waits for it (EmbedFrame).
  const other = parsed.compareWith ? traces[parsed.compareWith]! : null;
  const compare = other ? { trace: other, words: { a: titleOf(traces[name]!, name), b: titleOf(other, parsed.compareWith!) } } : null;
  return <EmbedFrame key={labStartKey(parsed.options)} trace={traces[name]!} options={parsed.options} notices={parsed.notices} fullLabHref={`/lessons/${slug}`} onSetup={onSetup} live={search !== null} compare={compare} />;
}

/** A lesson setup's name for a comparison's side: its title, else its key. */
function titleOf(trace: Trace, name: string): string {
  return trace.scenario.title ?? name;
}

