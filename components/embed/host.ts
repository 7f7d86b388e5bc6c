"use client";
/**
 * The embed and the page around it: events posted to the host, and the keyboard handed back.
 * A click in an iframe gives it the keyboard, so a reveal.js or Slidev deck's arrow keys would
 * stop reaching the deck. A deck-driven embed (controls=none) never keeps the keyboard: it gives
 * it back at once. With controls, the embed keeps it (its keys step the lab), says so on screen
 * and to the host ("focus"), and gives it back on Esc or a host's "release" message ("released":
 * the host focuses itself again; see the examples' deck glue).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { NS, type EmbedEvent } from "./messages";
import type { Controls } from "./embed-params";
import { postTargets } from "./host-origins";

const framed = () => typeof window !== "undefined" && window.parent !== window;

/**
 * Only to a host page; the message names steps and outcomes, nothing private. With origin=, only
 * to the listed origins (host-origins.ts): the browser drops it anywhere else.
 */
export function postToHost(message: EmbedEvent, origins: readonly string[] | null): void {
  if (!framed()) return;
  for (const target of postTargets(origins)) window.parent.postMessage(message, target);
}

export interface KeyboardHandOff {
  /** The embed holds the keyboard (shown as text while it does). */
  readonly holding: boolean;
  /** Give the keyboard back to the host. */
  readonly release: () => void;
}

export function useKeyboardHandOff(controls: Controls, origins: readonly string[] | null): KeyboardHandOff {
  const [holding, setHolding] = useState(false);
  // Read when a message goes out, so the callbacks stay the same across renders.
  const originsRef = useRef(origins);
  useEffect(() => {
    originsRef.current = origins;
  });
  const release = useCallback(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setHolding(false);
    postToHost({ ns: NS, event: "released" }, originsRef.current);
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
      postToHost({ ns: NS, event: "focus" }, originsRef.current);
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
