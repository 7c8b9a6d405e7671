/**
 * Which network addresses irl may connect to when it fetches a URL a stranger supplied (a
 * commenter's site, a feed in an import), and how every spelling of an IP literal in a URL host
 * reads as one canonical address.
 *
 * Threat model: the URL is chosen by someone else, and irl runs on the user's own machine or
 * server, next to things that trust it — the user's router and NAS, a cloud metadata service at
 * 169.254.169.254, databases and admin pages on 127.0.0.1 or the LAN. A URL that makes irl
 * connect there turns irl into the stranger's probe into the user's network (SSRF). So only
 * globally routable unicast addresses are allowed: an allow-list (public IPv4 unicast, IPv6 in
 * 2000::/3) rather than a deny-list, so a range nobody thought of is refused by default.
 * Refused: loopback, RFC 1918 private, link-local, unspecified (0.0.0.0/8, ::), CGNAT
 * 100.64/10, multicast, broadcast, reserved, benchmarking and documentation ranges, IPv6
 * unique-local fc00::/7 and site-local fec0::/10, discard 100::/64. IPv6 forms that carry an
 * IPv4 address — mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, translated `::ffff:0:a.b.c.d`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32` — are judged by the IPv4 inside
 * (Teredo by both its server and its client address), because the network may deliver them there.
 *
 * IP literals: getaddrinfo (and so `dns.lookup`) reads `127.1`, `0x7f.1`, `0177.0.0.1` and
 * `2130706433` as 127.0.0.1, so a guard that only looks at what DNS returns, or compares
 * strings, is blind to them. `parseHostLiteral` reads a host the way the WHATWG URL parser does
 * (which `new URL()` already applies to http(s) URLs) and gives the one address it means.
 *
 * `AddressPolicy.allowAddresses` lets tests reach their own server on 127.0.0.1. Production code
 * never sets it.
 *
 * @example
 * classifyAddress("93.184.215.14"); // { allowed: true }
 * classifyAddress("::ffff:7f00:1"); // { allowed: false, reason: "loopback address 127.0.0.1 (in 127.0.0.0/8, inside IPv4-mapped IPv6)" }
 * parseHostLiteral("0x7f.1"); // "127.0.0.1"
 * parseHostLiteral("blog.example"); // null
 */
import ipaddr from "ipaddr.js";

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export interface AddressPolicy {
  /**
   * TEST-ONLY: addresses allowed although the rules refuse them (a test's server on
   * 127.0.0.1). Production code never sets this.
   */
  allowAddresses?: readonly string[];
}

/** IPv4 ranges that are not public unicast (IANA special-purpose registry), as [base, bits, words]. */
const IPV4_REFUSED: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified address"],
  ["10.0.0.0", 8, "private network address"],
  ["100.64.0.0", 10, "carrier-grade NAT address"],
  ["127.0.0.0", 8, "loopback address"],
  ["169.254.0.0", 16, "link-local address"],
  ["172.16.0.0", 12, "private network address"],
  ["192.0.0.0", 24, "reserved protocol-assignment address"],
  ["192.0.2.0", 24, "reserved documentation address"],
  ["192.31.196.0", 24, "AS112 anycast address"],
  ["192.52.193.0", 24, "AMT relay address"],
  ["192.88.99.0", 24, "reserved 6to4 relay address"],
  ["192.168.0.0", 16, "private network address"],
  ["192.175.48.0", 24, "AS112 anycast address"],
  ["198.18.0.0", 15, "reserved benchmarking address"],
  ["198.51.100.0", 24, "reserved documentation address"],
  ["203.0.113.0", 24, "reserved documentation address"],
  ["224.0.0.0", 4, "multicast address"],
  ["255.255.255.255", 32, "broadcast address"],
  ["240.0.0.0", 4, "reserved address"],
];
const IPV4_TABLE = IPV4_REFUSED.map(([base, bits, words]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: ((ipv4Value(base) as number) & mask) >>> 0, mask, words, cidr: `${base}/${bits}` };
});

const IPV6_WORDS: Record<string, string> = {
  unspecified: "unspecified address (::)",
  linkLocal: "link-local address (fe80::/10)",
  multicast: "multicast address",
  loopback: "loopback address",
  uniqueLocal: "unique-local address (fc00::/7)",
  deprecatedSiteLocal: "site-local address (fec0::/10)",
  discard: "discard-only address (100::/64)",
  benchmarking: "benchmarking address",
  reserved: "reserved or documentation address",
  amt: "AMT relay address",
  as112v6: "AS112 anycast address",
  deprecatedOrchid: "ORCHID address",
  orchid2: "ORCHID address",
  droneRemoteIdProtocolEntityTags: "DRIP entity tag",
  segmentRouting: "segment-routing address",
};

/** Whether irl may connect to this address (a canonical or any parseable IP string). */
export function classifyAddress(ip: string, policy?: AddressPolicy): AddressVerdict {
  if (policy?.allowAddresses?.length) {
    const canonical = parseHostLiteral(ip);
    if (
      canonical !== null &&
      policy.allowAddresses.some((a) => parseHostLiteral(a) === canonical)
    ) {
      return { allowed: true };
    }
  }
  const v4 = ip.includes(":") ? null : ipv4Value(ip.trim().toLowerCase());
  if (v4 !== null) return classifyV4(v4, "");
  const v6 = parseIPv6(ip);
  if (v6 === null) return refuse(`"${ip}" is not an IP address`);
  return classifyV6(v6);
}

function classifyV4(value: number, inside: string): AddressVerdict {
  for (const range of IPV4_TABLE) {
    if ((value & range.mask) >>> 0 === range.base) {
      const where = inside ? `, inside ${inside}` : "";
      return refuse(`${range.words} ${dotted(value)} (in ${range.cidr}${where})`);
    }
  }
  return { allowed: true };
}

function classifyV6(address: ipaddr.IPv6): AddressVerdict {
  const parts = address.parts;
  const embedded = (hi = 0, lo = 0) => ((hi << 16) | lo) >>> 0;
  const range = address.range();
  if (range === "ipv4Mapped") return classifyV4(embedded(parts[6], parts[7]), "IPv4-mapped IPv6");
  if (range === "rfc6145") return classifyV4(embedded(parts[6], parts[7]), "IPv4-translated IPv6");
  if (range === "rfc6052") {
    // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only.
    if (parts[2] !== 0) return refuse(`local-use NAT64 address ${address.toString()}`);
    return classifyV4(embedded(parts[6], parts[7]), "NAT64 IPv6");
  }
  if (range === "6to4") return classifyV4(embedded(parts[1], parts[2]), "6to4 IPv6");
  if (range === "teredo") {
    const server = classifyV4(embedded(parts[2], parts[3]), "Teredo IPv6 (server)");
    if (!server.allowed) return server;
    // The client address is stored inverted.
    const client = embedded((parts[6] ?? 0) ^ 0xffff, (parts[7] ?? 0) ^ 0xffff);
    return classifyV4(client, "Teredo IPv6 (client)");
  }
  if (range !== "unicast") {
    return refuse(`${IPV6_WORDS[range] ?? `special-purpose address (${range})`} ${address}`);
  }
  if (parts.slice(0, 6).every((p) => p === 0)) {
    // ::a.b.c.d, the deprecated IPv4-compatible form (:: and ::1 were matched above).
    return classifyV4(embedded(parts[6], parts[7]), "IPv4-compatible IPv6");
  }
  if (((parts[0] ?? 0) & 0xe000) !== 0x2000) {
    return refuse(`address ${address} is outside global unicast (2000::/3)`);
  }
  return { allowed: true };
}

function refuse(reason: string): AddressVerdict {
  return { allowed: false, reason };
}

/**
 * The canonical address an IP-literal host means (dotted IPv4, or compressed lower-case IPv6),
 * or null when the host is a name (or not a valid literal). Reads what a URL host may hold:
 * `127.0.0.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, `127.0.0.1.`, `[::1]`, `::1`,
 * `[::ffff:127.0.0.1]`. IPv6 zone ids (`fe80::1%eth0`) are not literals a URL may carry: null.
 */
export function parseHostLiteral(host: string): string | null {
  const h = host.trim().toLowerCase();
  if (h.includes(":")) return parseIPv6(h)?.toString() ?? null;
  const value = ipv4Value(h);
  return value === null ? null : dotted(value);
}

function parseIPv6(host: string): ipaddr.IPv6 | null {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.includes("%") || !ipaddr.IPv6.isValid(h)) return null;
  return ipaddr.IPv6.parse(h);
}

/**
 * The WHATWG URL IPv4 parser: one to four dot-separated numbers (decimal, `0x` hex or
 * leading-zero octal), the last filling the remaining bytes; one trailing dot allowed.
 * Returns the address as an unsigned 32-bit number.
 */
function ipv4Value(host: string): number | null {
  const parts = host.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() as number;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return value;
}

function dotted(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

function parseIPv4Number(part: string): number | null {
  if (part === "") return null;
  let digits = part;
  let radix = 10;
  if (/^0x/.test(digits)) {
    digits = digits.slice(2);
    radix = 16;
    if (digits === "") return 0;
  } else if (digits.length > 1 && digits.startsWith("0")) {
    digits = digits.slice(1);
    radix = 8;
  }
  const valid = radix === 16 ? /^[0-9a-f]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const n = Number.parseInt(digits, radix);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Host names that must never be looked up: `localhost` and its subdomains (RFC 6761), names
 * meant for the local network (`.local` mDNS, `.home.arpa`, `.internal`, `.lan`), and single
 * labels, which resolvers complete with the LAN's search domain. Resolving them would send
 * queries onto the local network even before the answer is refused. Returns why, or null.
 */
export function refusedHostName(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return `"${name}" is this machine`;
  for (const suffix of [".local", ".home.arpa", ".internal", ".lan", ".intranet", ".corp"]) {
    if (name.endsWith(suffix)) return `"${name}" is a local-network name (${suffix})`;
  }
  if (!name.includes(".")) return `"${name}" is a single-label name, resolved on the local network`;
  if (/^(0x[0-9a-f]*|[0-9]+)$/.test(name.slice(name.lastIndexOf(".") + 1))) {
    return `"${name}" ends in a number but is not a valid IP address`;
  }
  return null;
}
