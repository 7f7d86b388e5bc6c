import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // End-to-end (Chromium) and the real-network run are separate .ci/run stages; the real
    // harness's own pure parts (test/real/*.test.ts) are tested here.
    exclude: ["test/e2e/**", "**/node_modules/**"],
  },
});
