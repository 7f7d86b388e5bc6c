/**
 * Every scenario file the project keeps: test/scenarios, the reference cases and the
 * real-network scenarios (paths from the repository root, sorted). Tests that must hold for
 * every known scenario, and `npm run traces` (the proof that a refactoring changed nothing),
 * read the same list.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const SCENARIO_DIRS = ["test/scenarios", "test/fixtures/reference", "test/real/scenarios"] as const;

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      // expected.json holds the reference's outcomes, not a scenario.
      return name.endsWith(".json") && name !== "expected.json" ? [path] : [];
    });
}

export const scenarioFiles = (): string[] => SCENARIO_DIRS.flatMap(jsonFiles);
