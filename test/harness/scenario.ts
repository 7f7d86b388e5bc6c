/**
 * scenario(): a scenario for a test, on the reference's addresses (client 10.99.1.2, server
 * 10.99.2.2, passive range 30000–30049, one file), with only what the test is about overridden.
 *
 * Why its own file: it builds a simulator's input rather than reading a trace or a fixture, and
 * keeping the reference's addresses means a test's numbers read like the measured cases'.
 */
import { REFERENCE_PASSIVE_RANGE } from "./reference-cases";

/** Builds a scenario for a test from the reference's addresses, overriding what the test is about. */
export function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { client, server, ...rest } = overrides as { client?: Record<string, unknown>; server?: Record<string, unknown> };
  return {
    client: { ip: "10.99.1.2", ...client },
    server: { ip: "10.99.2.2", passivePorts: [...REFERENCE_PASSIVE_RANGE], ...server },
    files: { "hello.txt": "hello from the real vsftpd oracle\n" },
    ...rest,
  };
}
