/**
 * A tiny static server for `next build`'s export (out/), as the end-to-end tests and the web
 * bench need it: node:http on 127.0.0.1 and a free port the OS picks, GET/HEAD only.
 *
 * Paths map the way a static host maps Next's export: `/` → index.html, `/foo` → foo.html or
 * foo/index.html, `/foo.txt` → that file; a trailing slash is tried as a folder first. Anything
 * else is 404 with out/404.html as its body. Nothing outside the root is ever served.
 */
import { createReadStream, promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  // Next's static export fetches its RSC payloads as .txt and checks for text/plain.
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml; charset=utf-8",
  ".wasm": "application/wasm",
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` that serves `urlPath`, or null. */
export async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const rel = path.posix.normalize(`/${decoded}`);
  const base = path.resolve(root);
  const abs = path.join(base, rel);
  if (abs !== base && !abs.startsWith(base + path.sep)) return null;
  const candidates = rel.endsWith("/")
    ? [path.join(abs, "index.html"), `${abs.replace(/[\\/]+$/, "")}.html`]
    : [abs, `${abs}.html`, path.join(abs, "index.html")];
  for (const c of candidates) if (await isFile(c)) return c;
  return null;
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serve `root` on 127.0.0.1 at a free port (or `port`); `mounts` serve other folders under URL
 * prefixes (the examples: /examples/ and reveal.js under /vendor/reveal.js/).
 */
export async function startStaticServer(root: string, mounts: Readonly<Record<string, string>> = {}, port = 0): Promise<StaticServer> {
  const base = path.resolve(root);
  const mounted = Object.entries(mounts).map(([prefix, dir]) => [prefix.replace(/\/+$/, ""), path.resolve(dir)] as const);
  const server = http.createServer((req, res) => {
    void (async () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
        res.end("405 method not allowed\n");
        return;
      }
      const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const mount = mounted.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`));
      const file = mount ? await resolveFile(mount[1], pathname.slice(mount[0].length) || "/") : await resolveFile(base, pathname);
      let status = 200;
      let body = file;
      if (!body) {
        status = 404;
        const notFound = path.join(base, "404.html");
        body = (await isFile(notFound)) ? notFound : null;
      }
      if (!body) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("404 not found\n");
        return;
      }
      const { size } = await fs.stat(body);
      res.writeHead(status, {
        "Content-Type": contentType(body),
        "Content-Length": size,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
      });
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      createReadStream(body)
        .on("error", () => res.destroy())
        .pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("500 internal error\n");
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
