"use client";
/**
 * The lab inside someone else's page: only the views the URL asks for, the controls it asks for
 * (or none, when the deck drives it), no site chrome, and only the code those views need (the
 * transcript and sequence views load on demand). It answers the host's postMessage commands (as
 * the lab controller's events; the URL's from/to range is the controller's too) and tells the
 * host each step it shows (messages.ts).
 */
import { Notices } from "../lab/Notices";
import dynamic from "next/dynamic";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Trace } from "../../sim/trace/trace";
import { NetworkView } from "../network/NetworkView";
import { viewPropsOf } from "../lab/view-props";
import { Explanation } from "../lab/Explanation";
import { OutcomeBanner } from "../lab/OutcomeBanner";
import { Playback, usePlaybackKeys } from "../lab/Playback";
import { commandEvent } from "../lab/controller/inputs";
import { useLab, type Lab } from "../lab/use-lab";
import type { EmbedOptions } from "./embed-params";
import { NS, parseCommand, type EmbedEvent, type TransferOutcome } from "./messages";

const Transcript = dynamic(() => import("../transcript/Transcript").then((m) => m.Transcript), { ssr: false });
const SequenceView = dynamic(() => import("../sequence/SequenceView").then((m) => m.SequenceView), { ssr: false });

function outcomeOf(lab: Lab): TransferOutcome[] {
  const done = new Map(lab.world.transfers.map((t) => [t.index, t.status]));
  return lab.trace.result.transfers.map((t) => ({ command: t.command, status: (done.get(t.index) as TransferOutcome["status"] | undefined) ?? "pending" }));
}

function post(message: EmbedEvent): void {
  // Only to a host page; the message names steps and outcomes, nothing private.
  if (window.parent !== window) window.parent.postMessage(message, "*");
}

export interface FrameProps {
  readonly trace: Trace;
  readonly options: EmbedOptions;
  readonly notices: readonly string[];
  readonly fullLabHref: string;
  /** A host's "setup" command: its parameters, already validated in shape. */
  readonly onSetup: (params: Record<string, string>) => void;
}

/** The views the URL asked for, in the lab's order, with the lab's own panels and names. */
function EmbedViews({ lab, options }: { lab: Lab; options: EmbedOptions }) {
  usePlaybackKeys(lab, options.controls !== "none");
  const props = viewPropsOf(lab);
  const show = (v: string) => options.views.includes(v as never);
  const side = show("transcript");
  return (
    <div className="lab">
      <OutcomeBanner lab={lab} />
      <div className={`lab-grid${side ? "" : " embed-single"}`}>
        <div className="lab-stage">
          {options.controls !== "none" && <Playback lab={lab} compact={options.controls === "minimal"} />}
          {show("explanation") && <Explanation lab={lab} />}
          {show("network") && (
            <section className="panel panel-network" aria-label="Network">
              <NetworkView {...props} />
            </section>
          )}
        </div>
        {side && (
          <div className="lab-side">
            <section className="panel panel-transcript" aria-labelledby="transcript-heading">
              <h2 id="transcript-heading" className="panel-title">
                Control connection
              </h2>
              <Transcript {...props} />
            </section>
          </div>
        )}
      </div>
      {show("sequence") && (
        <section className="panel panel-sequence" aria-labelledby="sequence-heading">
          <h2 id="sequence-heading" className="panel-title">
            Sequence
          </h2>
          <SequenceView {...props} />
        </section>
      )}
    </div>
  );
}

export function EmbedFrame({ trace, options, notices, fullLabHref, onSetup }: FrameProps) {
  const lab = useLab(trace, { initialStep: options.step ?? options.from ?? 0, from: options.from ?? undefined, to: options.to ?? undefined, autoplay: options.autoplay, speed: options.speed });

  useEffect(() => {
    if (options.theme) document.documentElement.dataset.theme = options.theme;
  }, [options.theme]);

  // Subscribed once: each command is a controller event, applied to whatever step is on screen.
  const { send } = lab;
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const cmd = parseCommand(e.data);
      if (!cmd) return;
      const event = commandEvent(cmd);
      if (event) send(event);
      else if (cmd.method === "setup") onSetup(cmd.params);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [send, onSetup]);

  const total = lab.timeline.steps.length;
  const outcome = useMemo(() => outcomeOf(lab), [lab]);
  const ready = useRef(false);
  useEffect(() => {
    post({ ns: NS, event: ready.current ? "step" : "ready", step: lab.step + 1, total, outcome });
    ready.current = true;
  }, [lab.step, total, outcome]);

  return (
    <>
      <Notices notices={notices} className="embed-notice" />
      <EmbedViews lab={lab} options={options} />
      <p className="embed-credit">
        <a href={fullLabHref} target="_blank" rel="noopener noreferrer">
          Open in FTP Modes Lab ↗
        </a>
      </p>
    </>
  );
}

export function useSearch(): URLSearchParams | null {
  const [search, setSearch] = useState<URLSearchParams | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSearch(new URLSearchParams(window.location.search));
  }, []);
  return search;
}
