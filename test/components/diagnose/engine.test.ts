/**
 * The diagnose page's engine (components/diagnose/engine.ts), as its worker runs it: bad input
 * gets a sentence and never an exception; each bundled example is read and diagnosed.
 */
import { describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS, diagnoseInput, isCapture, traceOf } from "../../../components/diagnose/engine";
import { EXAMPLES } from "../../../components/diagnose/examples";

const message = (o: ReturnType<typeof diagnoseInput>) => (o.ok ? null : o.message);

describe("bad input gets a clear message", () => {
  it("an empty paste", () => {
    expect(message(diagnoseInput("   \n\t "))).toMatch(/empty/);
    expect(message(diagnoseInput(new Uint8Array()))).toMatch(/empty/);
  });

  it("a huge paste", () => {
    expect(message(diagnoseInput("x".repeat(MAX_TEXT_CHARS + 1)))).toMatch(/reads up to/);
  });

  it("binary junk that is no capture", () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(isCapture(junk)).toBe(false);
    expect(message(diagnoseInput(junk))).toMatch(/not a text log/);
  });

  it("a text with nothing FTP in it", () => {
    expect(message(diagnoseInput("Dear diary,\nthe weather was fine today.\nNothing happened at all.\n"))).toMatch(/Nothing FTP/);
  });

  it("a capture's magic number is recognised (pcap, both byte orders, and pcapng)", () => {
    expect(isCapture(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 2, 0))).toBe(true);
    expect(isCapture(Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4))).toBe(true);
    expect(isCapture(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toBe(true);
  });

  it("a scenario that does not validate simulates to nothing", () => {
    expect(traceOf({ client: { mode: "sideways" } } as never)).toBeNull();
  });
});

describe("the bundled examples", () => {
  it("offers at least four, of different programs", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(4);
    const formats = new Set(EXAMPLES.map((e) => { const o = diagnoseInput(e.text); return o.ok ? o.diagnosis.format : null; }));
    expect(formats.has(null)).toBe(false);
    expect(formats.size).toBe(EXAMPLES.length);
  });

  it.each([
    ["curl-active-425", "active-blocked-at-client"],
    ["lftp-wrong-227-address", "passive-private-address"],
    ["vsftpd-server-log", "active-blocked-at-client"],
  ])("%s: %s first, with a verified fix and a session for the lab", (id, cause) => {
    const o = diagnoseInput(EXAMPLES.find((e) => e.id === id)!.text);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const first = o.diagnosis.causes[0]!;
    expect(first.id).toBe(cause);
    expect(first.evidence.length).toBeGreaterThan(0);
    expect(first.fixes.some((f) => f.verified)).toBe(true);
    expect(first.scenario).not.toBeNull();
  });
});
