import { defineConfig } from "vite";
// lightningcss (vite 8's CSS minifier) rejects a rule in Slidev's default styles; so the deck ships its CSS unminified.
export default defineConfig({ build: { cssMinify: false } });
