/**
 * FTP's two well-known ports, named once. RFC 959 §3.2: the server-PI listens on port L = 21,
 * and the server-DTP's default data port is L-1 = 20 (where active-mode connections come from).
 * The conntrack FTP helper and the NAT helper watch the control port, as nf_conntrack_ftp does.
 */
export const FTP_CONTROL_PORT = 21;
export const FTP_DATA_PORT = 20;
