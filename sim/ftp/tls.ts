/**
 * Explicit FTPS (RFC 4217): after "AUTH TLS" / "234", a TLS 1.3 handshake runs on the control
 * connection, and from then on every byte of it is ciphertext. Firewalls and NAT routers on
 * the way can no longer read PORT, EPRT, 227 or 229: the FTP helpers go blind.
 */
export const TLS_CLIENT_HELLO = "TLS ClientHello";
export const TLS_SERVER_HELLO = "TLS ServerHello, {EncryptedExtensions, Certificate, CertificateVerify, Finished}";
export const TLS_CLIENT_FINISHED = "TLS {Finished}";

export const isTlsRecord = (payload: string): boolean => payload.startsWith("TLS ");
