import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // End-to-end (Chromium) and real-network checks are separate .ci/run stages.
    exclude: ["test/e2e/**", "test/real/**", "**/node_modules/**"],
  },
});
