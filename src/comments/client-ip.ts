/**
 * Who is asking: the socket's peer address, unless that peer is a trusted proxy — then the
 * right-most address in X-Forwarded-For that is not itself a trusted proxy. A client can put
 * anything into X-Forwarded-For; only what our own proxies appended is believed, so a forged
 * header from an untrusted peer changes nothing.
 *
 * @example
 * const proxies = new TrustedProxies(["127.0.0.1/32", "10.0.0.0/8"]);
 * proxies.clientIp("127.0.0.1", "203.0.113.9, 10.0.0.2"); // "203.0.113.9"
 * proxies.clientIp("198.51.100.7", "1.2.3.4");             // "198.51.100.7"
 */
import ipaddr from "ipaddr.js";
import { IrlError } from "../errors.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class TrustedProxies {
  private readonly ranges: Range[];

  constructor(cidrs: readonly string[]) {
    this.ranges = cidrs.map(parseRange);
  }

  trusts(address: string): boolean {
    const ip = parseIp(address);
    if (!ip) return false;
    return this.ranges.some(([range, bits]) => ip.kind() === range.kind() && ip.match(range, bits));
  }

  /** The client's address as far as it can be known from `peer` and its X-Forwarded-For. */
  clientIp(peer: string, forwardedFor: string | undefined | null): string {
    const self = canonical(peer);
    if (!forwardedFor || !this.trusts(self)) return self;
    const hops = forwardedFor
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      const ip = parseIp(hop);
      // Garbage where an address should be: stop believing the header there.
      if (!ip) return i === hops.length - 1 ? self : canonical(hops[i + 1] as string);
      if (!this.trusts(hop)) return canonical(hop);
    }
    return hops[0] ? canonical(hops[0]) : self;
  }
}

function parseRange(cidr: string): Range {
  try {
    if (cidr.includes("/")) {
      const [ip, bits] = ipaddr.parseCIDR(cidr);
      return [
        normalized(ip),
        ip.kind() === "ipv6" && normalized(ip).kind() === "ipv4" ? bits - 96 : bits,
      ];
    }
    const ip = normalized(ipaddr.parse(cidr));
    return [ip, ip.kind() === "ipv4" ? 32 : 128];
  } catch {
    throw new IrlError("usage", `--trusted-proxy ${cidr}: not an IP address or CIDR range`);
  }
}

function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = value.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return undefined;
  return normalized(ipaddr.parse(bare));
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address. */
function normalized(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
    ? (ip as ipaddr.IPv6).toIPv4Address()
    : ip;
}

function canonical(value: string): string {
  return parseIp(value)?.toString() ?? value;
}
