"use client";
/**
 * A lesson step's question with its truth read from the trace here, not by the lesson page: the
 * page loads lesson-model (and the knob registry it brings) only with its first question.
 */
import type { FactKind } from "../../lessons/lesson-model";
import { factValue } from "../../lessons/lesson-model";
import type { Trace } from "../../sim/trace/trace";
import { Predict, type PredictProps } from "./Predict";

export function LessonPredict({ trace, fact, transfer, ...props }: Omit<PredictProps, "truth"> & { trace: Trace; fact: FactKind; transfer: number }) {
  return <Predict {...props} truth={factValue(trace, fact, transfer)} />;
}
