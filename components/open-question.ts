"use client";
/**
 * The question open on the lab (a lesson's predict step), for the parts of a view that decide for
 * themselves what to hold back — a firewall's wall must not say where the data connection dies
 * before the learner has said it. Null when no question is open (the playground, an embed, a
 * lesson step that asks nothing, a question answered or skipped).
 */
import { createContext, useContext } from "react";
import type { OpenQuestion } from "./view-types";

export const OpenQuestionContext = createContext<OpenQuestion | null>(null);

export function useOpenQuestion(): OpenQuestion | null {
  return useContext(OpenQuestionContext);
}

/** Facts a firewall's policy name answers: asked "who dropped it?", the wall must not name its rules. */
const ABOUT_FIREWALLS: ReadonlySet<string> = new Set(["droppedBy"]);

export function asksAboutFirewalls(question: OpenQuestion | null): boolean {
  return question !== null && ABOUT_FIREWALLS.has(question.fact);
}
