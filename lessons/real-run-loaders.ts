/**
 * The recorded real runs as lazily loaded chunks, by name, for the playground: it learns which
 * run matches from realRunKeys() (computed when the page was built) and loads only that one.
 * The fixtures were checked by real-runs.ts when the site was built, hence the cast.
 */
import type { RealRun } from "./real-run";

type Loader = () => Promise<{ default: unknown }>;

export const REAL_RUN_LOADERS: Readonly<Record<string, Loader>> = {
  "active-mode": () => import("./real-runs/active-mode.json"),
  "passive-mode": () => import("./real-runs/passive-mode.json"),
  "client-nat--active": () => import("./real-runs/client-nat--active.json"),
  "client-stateful--active": () => import("./real-runs/client-stateful--active.json"),
  "server-control-only--pasv": () => import("./real-runs/server-control-only--pasv.json"),
  "tls-client-helper--active": () => import("./real-runs/tls-client-helper--active.json"),
};

export async function loadRealRun(name: string): Promise<RealRun | null> {
  const load = REAL_RUN_LOADERS[name];
  return load ? ((await load()).default as RealRun) : null;
}
