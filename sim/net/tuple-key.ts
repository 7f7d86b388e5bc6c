/**
 * A number for a (source, destination) pair of sockets, for the tables looked up on every
 * packet (conntrack, a host's TCP): no string is built per lookup. Each table numbers the
 * addresses it meets in the order it meets them.
 */
import type { Endpoint } from "./addresses";

/** 10 bits per address and 16 per port: 52 bits, within a double's exact integers. */
const ADDRESSES = 1024;
const PORTS = 65536;

export class TupleKeys {
  private readonly addresses = new Map<string, number>();

  key(src: Endpoint, dst: Endpoint): number {
    return ((this.number(src.ip) * PORTS + src.port) * ADDRESSES + this.number(dst.ip)) * PORTS + dst.port;
  }

  private number(ip: string): number {
    let n = this.addresses.get(ip);
    if (n === undefined) {
      n = this.addresses.size;
      // A session meets a handful of addresses; more than a table can number is a bug upstream.
      if (n >= ADDRESSES) throw new Error(`more than ${ADDRESSES} addresses in one table`);
      this.addresses.set(ip, n);
    }
    return n;
  }
}
