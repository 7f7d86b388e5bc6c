/**
 * A scenario's files (the server's, the client's uploads): a record of file name to text that
 * keeps every name the JSON has. zod's z.record drops a "__proto__" key (so that it cannot set
 * its output's prototype), but JSON.parse makes "__proto__" an own property like any other, and
 * it is a file name a learner may write (issue 16). So the record is checked as usual, the
 * "__proto__" entry is checked by the same value schema beside it, and the result is a store
 * (sim/ftp/files.ts) holding it as an own property, in the order the JSON gave. The JSON Schema is the
 * record's: the steps around it are invisible to z.toJSONSchema's input view.
 */
import { z } from "zod";
import { fileStore, type FileStore } from "../ftp/files";

const PROTO = "__proto__";

export function fileRecord<Name extends z.ZodType<string, string>, Content extends z.ZodType<string, string>>(name: Name, content: Content) {
  // What the record cannot carry, from the preprocess step to the transform just after it; the
  // two run back to back within one synchronous parse, and each parse starts by resetting it.
  let carried: { keys: string[]; proto: string | undefined } | null = null;
  return z
    .preprocess((raw, ctx) => {
      carried = null;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !Object.hasOwn(raw, PROTO)) return raw;
      const entries = Object.entries(raw);
      const value: unknown = entries.find(([key]) => key === PROTO)?.[1];
      const checked = content.safeParse(value);
      if (checked.success) carried = { keys: entries.map(([key]) => key), proto: checked.data };
      else for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [PROTO, ...issue.path] });
      // The record checks the rest, its own way.
      return Object.fromEntries(entries.filter(([key]) => key !== PROTO));
    }, z.record(name, content))
    .transform((files): FileStore => {
      const proto = carried;
      carried = null;
      if (proto?.proto === undefined) return fileStore(Object.entries(files));
      return fileStore(proto.keys.filter((key) => key === PROTO || Object.hasOwn(files, key)).map((key) => [key, key === PROTO ? proto.proto! : files[key]!] as const));
    });
}
