/** A case's FTP root: the scenario's files, and an upload folder the anonymous "ftp" user can write. */
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../sim/scenario/schema";
import { ftpIds } from "../vsftpd";

export async function prepareRoot(dir: string, scenario: Scenario): Promise<{ root: string; uploadDir: string }> {
  const root = join(dir, "root");
  const uploadDir = join(root, "upload");
  for (const d of [dir, root, uploadDir]) {
    mkdirSync(d, { recursive: true });
    chmodSync(d, 0o755);
  }
  const { uid, gid } = await ftpIds();
  chownSync(uploadDir, uid, gid);
  for (const [name, text] of Object.entries(scenario.files)) writeFileSync(join(root, name), text, { mode: 0o644 });
  return { root, uploadDir };
}
