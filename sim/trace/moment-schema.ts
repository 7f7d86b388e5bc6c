/** The zod form of a Moment (moments.ts), for lesson files: checked when the site builds. */
import { z } from "zod";
import type { Moment } from "./moments";
import { HOST_IDS } from "../net/hosts";

const nth = z.number().int().min(1).max(50).optional();

export const momentSchema: z.ZodType<Moment> = z.union(
  [
    z.strictObject({ start: z.literal(true) }),
    z.strictObject({ end: z.literal(true) }),
    z.strictObject({ command: z.string().regex(/^[A-Za-z]{3,4}$/), nth }),
    z.strictObject({ reply: z.number().int().min(100).max(599), nth }),
    z.strictObject({ syn: z.enum(["control", "data"]), by: z.enum(HOST_IDS).optional(), nth }),
    z.strictObject({ drop: z.number().int().min(1).max(50) }),
    z.strictObject({ listen: z.enum(HOST_IDS), nth }),
    z.strictObject({ timeout: z.enum(HOST_IDS), nth }),
    z.strictObject({ transferEnd: z.number().int().min(0).max(31) }),
  ],
  {
    error:
      'expected a moment such as { "command": "PORT" }, { "reply": 227 }, { "syn": "data" }, { "drop": 1 }, { "transferEnd": 0 }, { "start": true } or { "end": true }',
  },
);
