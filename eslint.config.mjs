import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // One direction of flow (README, "How the code is laid out"): the simulator stands on
    // nothing of the site, lessons stand on the simulator only.
    files: ["sim/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/components/**", "**/lessons/**", "**/app/**", "@/components/**", "@/lessons/**", "@/app/**", "react", "react-dom", "next", "next/**", "d3-*"], message: "sim/ is pure TypeScript: it imports nothing of the site, React or d3." }] }],
    },
  },
  {
    files: ["lessons/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/components/**", "**/app/**", "@/components/**", "@/app/**"], message: "lessons/ stands on sim/ only." }] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lessons/**/*.ts", "sim/**/*.ts"],
    rules: { "import/no-cycle": "error" },
  },
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
