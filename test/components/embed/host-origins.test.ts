import { describe, expect, it } from "vitest";
import { DEFAULT_EMBED, embedParams, parseEmbedParams } from "../../../components/embed/embed-params";
import { MAX_ORIGINS, normalizeOrigin, obeys, parseOrigins, postTargets } from "../../../components/embed/host-origins";

describe("origin=: the host pages an embed answers to", () => {
  it("reads origins as a browser writes them in MessageEvent.origin", () => {
    expect(normalizeOrigin("https://slides.example.org")).toBe("https://slides.example.org");
    expect(normalizeOrigin(" HTTPS://Slides.Example.org/ ")).toBe("https://slides.example.org");
    expect(normalizeOrigin("http://localhost:3030")).toBe("http://localhost:3030");
    // The default port is not part of the origin the browser reports.
    expect(normalizeOrigin("https://slides.example.org:443")).toBe("https://slides.example.org");
  });

  it.each(["null", "file:///home/me/deck.html", "https://slides.example.org/deck", "https://slides.example.org?x=1", "https://me@slides.example.org", "slides.example.org", "ftp://slides.example.org", "https://", "https://exa mple.org", "*"])(
    "refuses %s: not an origin",
    (v) => {
      expect(normalizeOrigin(v)).toBeNull();
    },
  );

  it("takes several, comma-separated, once each, and says which it ignored", () => {
    const r = parseOrigins("https://a.example, http://localhost:3030,https://a.example/,https://b.example/path");
    expect(r.origins).toEqual(["https://a.example", "http://localhost:3030"]);
    expect(r.notices).toEqual([expect.stringMatching(/^Ignored origin "https:\/\/b\.example\/path": expected a page's origin/)]);
  });

  it("fails closed: a value that names nothing usable obeys no one, and says so", () => {
    const r = parseOrigins("slides.example.org");
    expect(r.origins).toEqual([]);
    expect(r.notices.at(-1)).toBe("origin= names no usable origin: this embed obeys no host page and posts no events until it does.");
    expect(postTargets(r.origins)).toEqual([]);
    expect(obeys(r.origins, { origin: "https://slides.example.org", source: null }, null)).toBe(false);
  });

  it(`keeps at most ${MAX_ORIGINS}`, () => {
    const many = Array.from({ length: MAX_ORIGINS + 2 }, (_, i) => `https://h${i}.example`).join(",");
    const r = parseOrigins(many);
    expect(r.origins).toHaveLength(MAX_ORIGINS);
    expect(r.notices).toEqual([`Ignored origins after the first ${MAX_ORIGINS}.`]);
  });

  it("without origin=, obeys any window and posts to any host; with it, only its parent from a listed origin, and posts only there", () => {
    const parent = {};
    const other = {};
    expect(obeys(null, { origin: "https://evil.example", source: other as MessageEventSource }, parent)).toBe(true);
    expect(postTargets(null)).toEqual(["*"]);
    const origins = ["https://slides.example.org"];
    expect(obeys(origins, { origin: "https://slides.example.org", source: parent as MessageEventSource }, parent)).toBe(true);
    expect(obeys(origins, { origin: "https://evil.example", source: parent as MessageEventSource }, parent)).toBe(false);
    // A listed origin in another window (a popup, a sibling frame) is not the host.
    expect(obeys(origins, { origin: "https://slides.example.org", source: other as MessageEventSource }, parent)).toBe(false);
    expect(postTargets(origins)).toEqual(origins);
  });

  it("is one of the embed's parameters: parsed, written back, and not an unknown key", () => {
    const { options, notices } = parseEmbedParams(new URLSearchParams("origin=https://slides.example.org,http://localhost:3030&controls=none"));
    expect(notices).toEqual([]);
    expect(options.origins).toEqual(["https://slides.example.org", "http://localhost:3030"]);
    expect(embedParams(options).get("origin")).toBe("https://slides.example.org,http://localhost:3030");
    expect(parseEmbedParams(embedParams(options)).options).toEqual(options);
    expect(parseEmbedParams(new URLSearchParams("")).options.origins).toBe(DEFAULT_EMBED.origins);
    expect(embedParams(DEFAULT_EMBED).has("origin")).toBe(false);
  });
});
