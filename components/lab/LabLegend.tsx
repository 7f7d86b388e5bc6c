"use client";
/**
 * The legend under a lab's network view, as the page drew it on the server (components/Legend.tsx
 * is static markup): the lab places it, and no page carries the legend's code.
 */
import { createContext, useContext, type ReactNode } from "react";

const LegendContext = createContext<ReactNode>(null);

/** The page's legend for the labs inside: `<LabLegendProvider legend={<Legend />}>`. */
export function LabLegendProvider({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return <LegendContext.Provider value={legend}>{children}</LegendContext.Provider>;
}

export function LabLegend() {
  return useContext(LegendContext);
}
