/**
 * A host firewall: netfilter's INPUT chain with connection tracking, first match wins, then the
 * policy. Outbound packets always pass, but they are tracked, so replies to them are
 * "established"; with the FTP helper attached, announcements on port 21 make the announced data
 * connection "related".
 */
import { inCidr, inPortSpec } from "./addresses";
import { ConnTrack, type Classification, type CtState } from "./conntrack";
import { readAnnouncement } from "./ftp-helper";
import { FTP_CONTROL_PORT } from "./ftp-ports";
import type { Packet } from "./packet";
import { formatRule } from "./rule-text";
import type { FirewallRule, FirewallRules } from "../scenario/schema";
import type { FirewallCheck, HostId, TraceWriter } from "../trace/events";

function ruleMatches(rule: FirewallRule, p: Packet, state: CtState): boolean {
  if (rule.state && !rule.state.includes(state)) return false;
  if (rule.dport !== undefined && !inPortSpec(p.dst.port, rule.dport)) return false;
  if (rule.sport !== undefined && !inPortSpec(p.src.port, rule.sport)) return false;
  if (rule.saddr !== undefined && !inCidr(p.src.ip, rule.saddr)) return false;
  return true;
}

export class Firewall {
  private readonly conntrack = new ConnTrack();
  private readonly ruleTexts: string[];

  constructor(
    readonly host: HostId,
    readonly config: FirewallRules,
    private readonly trace: TraceWriter,
  ) {
    this.ruleTexts = config.rules.map(formatRule);
  }

  /** The host sends a packet: it passes, and conntrack learns of it. */
  outbound(p: Packet): void {
    this.track(p, this.conntrack.classify(p));
  }

  /** A packet arrives for this host: the INPUT chain decides. */
  inbound(p: Packet): FirewallCheck {
    const c = this.conntrack.classify(p);
    const check = this.decide(p, c.state);
    if (check.verdict === "accept") this.track(p, c);
    return check;
  }

  /** What the INPUT chain would decide for `p` now, changing nothing (the state panel's "a new connection now"). */
  probe(p: Packet): FirewallCheck {
    return this.decide(p, this.conntrack.classify(p).state);
  }

  /** The connection tracking table, read-only by convention (sim/trace/box-state.ts replays into it). */
  get table(): Pick<ConnTrack, "entries" | "pending" | "current"> {
    return this.conntrack;
  }

  private decide(p: Packet, ctState: CtState): FirewallCheck {
    const rules = this.config.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (ruleMatches(rule, p, ctState)) {
        return { firewall: this.host, ctState, rule: i, ruleText: this.ruleTexts[i]!, verdict: rule.action };
      }
    }
    return { firewall: this.host, ctState, rule: null, ruleText: `policy ${this.config.policy}`, verdict: this.config.policy };
  }

  private track(p: Packet, c: Classification): void {
    const helper = this.config.ftpHelper && (c.found ? c.found.entry.helper : p.dst.port === FTP_CONTROL_PORT);
    const found = this.conntrack.record(p, c, { helper });
    if (!found || !found.entry.helper || p.payload.length === 0 || p.encrypted) return;
    const announcement = readAnnouncement(p.payload, found.dir, p.src.ip);
    // loose=0: only an address that is the sender's own opens anything (nf_conntrack_ftp).
    if (!announcement || announcement.endpoint.ip !== p.src.ip) return;
    const expectation = { from: p.dst.ip, to: announcement.endpoint, master: found.entry };
    this.conntrack.expect(expectation);
    this.trace.emit({
      type: "expect",
      node: this.host,
      packetId: p.id,
      announcement: announcement.kind,
      from: expectation.from,
      to: expectation.to,
      natTo: null,
    });
  }
}
