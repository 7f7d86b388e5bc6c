/**
 * vsftpd 3.0.3 as Debian 12 ships it, configured as in shared/reference: the lab's first server
 * and every scenario's default. Its words are replies.ts's VSFTPD table (prelogin.c, postlogin.c).
 */
import { FTP_DATA_PORT } from "../net/ftp-ports";
import { VSFTPD_REPLIES } from "../ftp/replies";
import type { ServerProfile } from "./server-profile";
import { SERVER_NAMES } from "./program-names";

export const VSFTPD_PROFILE: ServerProfile = {
  software: "vsftpd",
  ...SERVER_NAMES.vsftpd,
  provenance: { kind: "checked", by: "test/real (every scenario and lesson, vsftpd 3.0.3 in network namespaces)" },
  replies: () => VSFTPD_REPLIES,
  // The reference runs vsftpd with no_anon_password=YES.
  anonymousPassword: false,
  defaults: {
    // connect_from_port_20=YES (Debian's vsftpd.conf), port_promiscuous=NO, connect_timeout=3 and
    // accept_timeout=4 as the reference configured them (vsftpd's own defaults are 60 s each).
    activeSourcePort: FTP_DATA_PORT,
    allowForeignDataAddress: false,
    extended: true,
    connectTimeoutMs: 3000,
    acceptTimeoutMs: 4000,
  },
  options: {
    ...SERVER_NAMES.vsftpd.options,
    passiveAddress: "pasv_address",
    passivePorts: "pasv_min_port / pasv_max_port",
    allowForeignDataAddress: "port_promiscuous",
    activeSourcePort: "connect_from_port_20",
  },
};
