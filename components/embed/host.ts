"use client";
/**
 * The embed and the page around it: events posted to the host, and the keyboard handed back.
 * A click in an iframe gives it the keyboard, so a reveal.js or Slidev deck's arrow keys would
 * stop reaching the deck. A deck-driven embed (controls=none) never keeps the keyboard: it gives
 * it back at once. With controls, the embed keeps it (its keys step the lab), says so on screen
 * and to the host ("focus"), and gives it back on Esc or a host's "release" message ("released":
 * the host focuses itself again; see the examples' deck glue).
 */
import { useCallback, useEffect, useState } from "react";
import { NS, type EmbedEvent } from "./messages";
import type { Controls } from "./embed-params";

const framed = () => typeof window !== "undefined" && window.parent !== window;

export function postToHost(message: EmbedEvent): void {
  // Only to a host page; the message names steps and outcomes, nothing private.
  if (framed()) window.parent.postMessage(message, "*");
}

export interface KeyboardHandOff {
  /** The embed holds the keyboard (shown as text while it does). */
  readonly holding: boolean;
  /** Give the keyboard back to the host. */
  readonly release: () => void;
}

export function useKeyboardHandOff(controls: Controls): KeyboardHandOff {
  const [holding, setHolding] = useState(false);
  const release = useCallback(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setHolding(false);
    postToHost({ ns: NS, event: "released" });
    try {
      // Moves the keyboard to the host where the browser allows it (same origin); the
      // "released" event lets any host do it itself.
      window.parent.focus();
    } catch {
      /* a cross-origin host: the event is enough */
    }
  }, []);
  useEffect(() => {
    if (!framed()) return;
    const onFocus = () => {
      if (controls === "none") {
        release();
        return;
      }
      setHolding(true);
      postToHost({ ns: NS, event: "focus" });
    };
    const onBlur = () => setHolding(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      release();
    };
    // A click in a deck-driven embed: give the keyboard back once the click is over (the
    // focus event is not sent when the frame already had it).
    const onPointerUp = () => {
      if (controls === "none") setTimeout(release, 0);
    };
    window.addEventListener("focus", onFocus);
    window.addEventListener("blur", onBlur);
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerup", onPointerUp);
    return () => {
      window.removeEventListener("focus", onFocus);
      window.removeEventListener("blur", onBlur);
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerup", onPointerUp);
    };
  }, [controls, release]);
  return { holding, release };
}
