/**
 * `npm run examples`: the built lab (out/, from `npm run build`) with the example decks beside it,
 * on one origin so the decks can frame the lab: http://127.0.0.1:PORT/examples/reveal/ and the
 * Slidev example's built deck at /examples/slidev/dist/ when it has been built. PORT: 4173 or $PORT.
 */
import { existsSync } from "node:fs";
import { startStaticServer } from "../test/e2e/static-server";

export const EXAMPLE_MOUNTS = { "/examples": "examples", "/vendor/reveal.js": "node_modules/reveal.js/dist" } as const;

async function main(): Promise<void> {
  if (!existsSync("out/index.html")) {
    console.error("examples: no build in out/ — run `npm run build` first.");
    process.exit(2);
  }
  const port = Number(process.env.PORT ?? 4173);
  const server = await startStaticServer("out", EXAMPLE_MOUNTS, port);
  console.log(`FTP Modes Lab with examples at ${server.url}/`);
  console.log(`  reveal.js deck: ${server.url}/examples/reveal/`);
  console.log(`  Slidev deck (after building it, see examples/slidev/README.md): ${server.url}/examples/slidev/dist/`);
}

if (process.argv[1] && /examples[\\/]serve\.ts$/.test(process.argv[1])) void main();
