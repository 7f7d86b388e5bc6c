"use client";
import { useLayoutEffect } from "react";
import { PENDING_CLASS } from "./url-boot";

/** Shows the page once React has rendered what the URL asks for (`applied`): before that frame is painted. */
export function useUrlApplied(applied: boolean): void {
  useLayoutEffect(() => {
    if (applied) document.documentElement.classList.remove(PENDING_CLASS);
  }, [applied]);
}
