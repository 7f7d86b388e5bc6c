"use client";
/**
 * The lab inside someone else's page: only the views the URL asks for, the controls it asks for
 * (or none, when the deck drives it), no site chrome. It reads its URL once mounted (a static
 * export knows no query at build time), answers the host's postMessage commands and tells the
 * host each step it shows (messages.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "../../sim/scenario/schema";
import { run, type Trace } from "../../sim/simulate";
import { LabView } from "../lab/LabView";
import { useLab, type Lab } from "../lab/use-lab";
import { paramsToSetup, setupToScenario, type Setup } from "../lab/setup-model";
import { EMBED_KEYS, parseEmbedParams, type EmbedOptions } from "./embed-params";
import { NS, parseCommand, type EmbedEvent, type TransferOutcome } from "./messages";

function outcomeOf(lab: Lab): TransferOutcome[] {
  const done = new Map(lab.world.transfers.map((t) => [t.index, t.status]));
  return lab.trace.result.transfers.map((t) => ({ command: t.command, status: (done.get(t.index) as TransferOutcome["status"] | undefined) ?? "pending" }));
}

function post(message: EmbedEvent): void {
  // Only to a host page; the message names steps and outcomes, nothing private.
  if (window.parent !== window) window.parent.postMessage(message, "*");
}

interface FrameProps {
  readonly trace: Trace;
  readonly options: EmbedOptions;
  readonly notices: readonly string[];
  readonly fullLabHref: string;
  /** A host's "setup" command: its parameters, already validated in shape. */
  readonly onSetup: (params: Record<string, string>) => void;
}

function EmbedFrame({ trace, options, notices, fullLabHref, onSetup }: FrameProps) {
  const lab = useLab(trace, { initialStep: options.step ?? options.from ?? 0, from: options.from ?? undefined, to: options.to ?? undefined, autoplay: options.autoplay, speed: options.speed });

  useEffect(() => {
    if (options.theme) document.documentElement.dataset.theme = options.theme;
  }, [options.theme]);

  // Re-subscribed as the lab moves: the handler always acts on the step on screen.
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const cmd = parseCommand(e.data);
      if (!cmd) return;
      const l = lab;
      switch (cmd.method) {
        case "goto":
          return l.goTo(cmd.step - 1);
        case "next":
          return l.next();
        case "prev":
          return l.prev();
        case "play":
          return l.play();
        case "pause":
          return l.pause();
        case "setup":
          return onSetup(cmd.params);
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [lab, onSetup]);

  const total = lab.timeline.steps.length;
  const outcome = useMemo(() => outcomeOf(lab), [lab]);
  const ready = useRef(false);
  useEffect(() => {
    post({ ns: NS, event: ready.current ? "step" : "ready", step: lab.step + 1, total, outcome });
    ready.current = true;
  }, [lab.step, total, outcome]);

  return (
    <>
      {notices.length > 0 && (
        <div className="notice embed-notice" role="note">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <LabView lab={lab} views={options.views} controls={options.controls} legend={false} />
      <p className="embed-credit">
        <a href={fullLabHref} target="_blank" rel="noopener noreferrer">
          Open in FTP Modes Lab ↗
        </a>
      </p>
    </>
  );
}

function useSearch(): URLSearchParams | null {
  const [search, setSearch] = useState<URLSearchParams | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSearch(new URLSearchParams(window.location.search));
  }, []);
  return search;
}

/** A lesson's scenario(s), simulated at build time; `scenario=name` picks one of several. */
export function LessonEmbed({ slug, traces }: { slug: string; traces: Readonly<Record<string, Trace>> }) {
  const search = useSearch();
  const names = useMemo(() => Object.keys(traces), [traces]);
  const parsed = useMemo(() => {
    if (!search) return null;
    const { options, notices } = parseEmbedParams(search, names.length > 1 ? names : []);
    for (const key of search.keys()) if (!(EMBED_KEYS as readonly string[]).includes(key)) notices.push(`Ignored unknown parameter ${JSON.stringify(key.slice(0, 40))}.`);
    return { options, notices };
  }, [search, names]);
  const [picked, setPicked] = useState<string | null>(null);
  const onSetup = useCallback((params: Record<string, string>) => {
    if (params.scenario !== undefined && names.includes(params.scenario)) setPicked(params.scenario);
  }, [names]);
  if (!parsed) return <p className="lab-loading">Loading the lab…</p>;
  const name = picked ?? parsed.options.scenario ?? names[0]!;
  return <EmbedFrame key={name} trace={traces[name]!} options={parsed.options} notices={parsed.notices} fullLabHref={`/lessons/${slug}`} onSetup={onSetup} />;
}

/** Any playground setup: the playground's parameters plus the embed's; simulated in the browser. */
export function PlaygroundEmbed({ base }: { base: Scenario }) {
  const search = useSearch();
  const [setup, setSetup] = useState<{ setup: Setup; notices: string[] } | null>(null);
  const parsed = useMemo(() => {
    if (!search) return null;
    const embed = parseEmbedParams(search);
    const own = paramsToSetup(search, EMBED_KEYS);
    return { options: embed.options, notices: [...embed.notices, ...own.notices], setup: own.setup };
  }, [search]);
  const current = useMemo(() => setup ?? (parsed ? { setup: parsed.setup, notices: parsed.notices } : null), [setup, parsed]);
  const scenario = useMemo(() => (current ? setupToScenario(current.setup, base) : null), [current, base]);
  const trace = useMemo(() => (scenario ? run(scenario) : null), [scenario]);
  const onSetup = useCallback((params: Record<string, string>) => {
    const next = paramsToSetup(new URLSearchParams(params), EMBED_KEYS);
    setSetup({ setup: next.setup, notices: next.notices });
  }, []);
  if (!parsed || !trace || !current) return <p className="lab-loading">Loading the lab…</p>;
  const href = `/playground?${new URLSearchParams([...(search ?? new URLSearchParams()).entries()].filter(([k]) => !(EMBED_KEYS as readonly string[]).includes(k) || k === "step")).toString()}`;
  return <EmbedFrame trace={trace} options={parsed.options} notices={current.notices} fullLabHref={href} onSetup={onSetup} />;
}
