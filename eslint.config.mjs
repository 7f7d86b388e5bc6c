import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "out/**",
    "node_modules/**",
    "next-env.d.ts",
    ".ci/out/**",
    "coverage/**",
    "test-results/**",
    "exports/**",
    // The Slidev example is its own project (its own package.json and node_modules).
    "examples/slidev/**",
  ]),
]);
