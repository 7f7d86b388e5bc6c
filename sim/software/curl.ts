/**
 * curl 7.88.1 as Debian 12 ships it, run as the reference ran it: the lab's first client and every
 * scenario's default. `--disable-epsv` is the lab's default (PASV), EPSV the `extended` knob;
 * since 7.74 curl ignores the 227 address and reuses the control host (`--ftp-skip-pasv-ip`);
 * `--connect-timeout 3`. Its behaviour is the client machine's own (client-machine.ts).
 */
import type { ClientProfile } from "./client-profile";

export const CURL_PROFILE: ClientProfile = {
  software: "curl",
  name: "curl",
  label: "curl 7.88.1",
  provenance: { kind: "checked", by: "test/real (every scenario and lesson, curl 7.88.1 in network namespaces)" },
  defaults: { mode: "passive", extended: false, pasvAddress: "ignore", activePort: "ephemeral", connectTimeoutMs: 3000 },
  // With --no-ftp-skip-pasv-ip curl connects wherever the 227 says, right or wrong.
  pasvFix: null,
};
