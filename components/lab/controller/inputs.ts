/**
 * What the outside world says, as the controller's events: the playback keys (←/→ step, space
 * plays or pauses, Home/End jump to the ends) and a host page's postMessage commands (1-based
 * steps). The DOM side — which element has focus, where messages come from — stays with the
 * hooks; this file only names the event each input means, so tests can press keys without a page.
 */
import type { Command } from "../../embed/messages";
import type { LabEvent } from "./lab-controller";

const KEYS: Readonly<Record<string, LabEvent>> = {
  ArrowRight: { type: "next" },
  ArrowLeft: { type: "prev" },
  " ": { type: "toggle" },
  Home: { type: "toStart" },
  End: { type: "toEnd" },
};

/** The event a playback key means (KeyboardEvent.key), or null for any other key. */
export function keyEvent(key: string): LabEvent | null {
  return Object.hasOwn(KEYS, key) ? KEYS[key]! : null;
}

/** The event a host's command means, or null for one the lab does not handle itself ("setup"). */
export function commandEvent(command: Command): LabEvent | null {
  switch (command.method) {
    case "goto":
      return { type: "goTo", step: command.step - 1 };
    case "next":
    case "prev":
    case "play":
    case "pause":
      return { type: command.method };
    case "setup":
      return null;
  }
}
