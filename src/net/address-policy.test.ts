import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { classifyAddress, parseHostLiteral, refusedHostName } from "./address-policy.js";

/** The host as a caller gets it: through `new URL()`. */
const hostOf = (url: string) => new URL(url).hostname;

describe("parseHostLiteral", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["127.0.0.1.", "127.0.0.1"],
    ["0", "0.0.0.0"],
    ["0x", "0.0.0.0"],
    ["10.1", "10.0.0.1"],
    ["0xA9.0xFE.0xa9.0xfe", "169.254.169.254"],
    ["[::1]", "::1"],
    ["::1", "::1"],
    ["[::ffff:127.0.0.1]", "::ffff:7f00:1"],
    ["[0:0:0:0:0:ffff:7f00:1]", "::ffff:7f00:1"],
    ["[FE80::1]", "fe80::1"],
  ])("reads %s as %s", (host, expected) => {
    expect(parseHostLiteral(host)).toBe(expected);
  });

  it.each([
    "blog.example",
    "localhost",
    "127.0.0.1.nip.io",
    "256.0.0.1",
    "1.2.3.4.5",
    "0x1g.0.0.1",
    "08.0.0.1",
    "4294967296",
    "fe80::1%eth0",
    "",
  ])("%s is not a literal", (host) => {
    expect(parseHostLiteral(host)).toBeNull();
  });

  it.each([
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://127.0.0.1./",
    "http://%31%32%37.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::7f00:1]/",
  ])("every spelling of loopback in %s is refused as the caller sees it", (url) => {
    const literal = parseHostLiteral(hostOf(url));
    expect(literal).not.toBeNull();
    const verdict = classifyAddress(literal as string);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.reason).toMatch(/loopback/);
  });

  it("agrees with WHATWG URL on the forms URL normalises", () => {
    for (const host of [
      "2130706433",
      "0x7f.1",
      "0177.0.0.1",
      "127.1",
      "3232235777",
      "0xc0.0250.1",
    ]) {
      expect(parseHostLiteral(host)).toBe(hostOf(`http://${host}/`));
    }
  });
});

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.0.9", /loopback/],
    ["0.0.0.0", /unspecified/],
    ["0.1.2.3", /unspecified/],
    ["10.0.0.1", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["169.254.169.254", /link-local/],
    ["100.64.0.1", /carrier-grade/],
    ["224.0.0.251", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["192.0.2.10", /documentation/],
    ["198.18.0.1", /benchmarking/],
    ["198.51.100.1", /reserved/],
    ["203.0.113.5", /reserved/],
    ["240.0.0.1", /reserved/],
    ["192.0.0.8", /reserved/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fc00::1", /unique-local/],
    ["fd12:3456::1", /unique-local/],
    ["fec0::1", /site-local/],
    ["ff02::1", /multicast/],
    ["2001:db8::1", /documentation/],
    ["100::1", /discard/],
    ["::ffff:127.0.0.1", /loopback.*127\.0\.0\.1.*IPv4-mapped/],
    ["::ffff:7f00:1", /loopback.*IPv4-mapped/],
    ["::ffff:a9fe:a9fe", /link-local.*169\.254\.169\.254/],
    ["::7f00:1", /loopback.*IPv4-compatible/],
    ["::ffff:0:a00:1", /private.*10\.0\.0\.1.*translated/],
    ["64:ff9b::a00:1", /private.*NAT64/],
    ["64:ff9b:1::1", /local-use NAT64/],
    ["2002:7f00:1::1", /loopback.*6to4/],
    ["2002:c0a8:101::", /private.*192\.168\.1\.1.*6to4/],
    // Teredo: server 10.0.0.1, client 127.0.0.1 stored inverted (0x80ff:0xfffe).
    ["2001:0:a00:1::80ff:fffe", /private.*Teredo.*server/],
    ["2001:0:5db8:1::80ff:fffe", /loopback.*Teredo.*client/],
    ["1::1", /outside global unicast/],
  ])("refuses %s", (ip, reason) => {
    const verdict = classifyAddress(ip);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.reason).toMatch(reason);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows the public address %s", (ip) => {
    expect(classifyAddress(ip)).toEqual({ allowed: true });
  });

  it("agrees with ipaddr.js's IPv4 special ranges on random and boundary addresses", () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const samples: number[] = [];
    for (let i = 0; i < 20_000; i++) samples.push(next());
    // Both sides of every special range's edges.
    type Range = [ipaddr.IPv4, number];
    const special = (ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, Range[]> })
      .SpecialRanges;
    for (const [base, bits] of Object.values(special).flat()) {
      const start = base.toByteArray().reduce((v, b) => v * 256 + b, 0);
      const end = start + 2 ** (32 - bits) - 1;
      samples.push(start, end, Math.max(0, start - 1), Math.min(2 ** 32 - 1, end + 1));
    }
    let refused = 0;
    for (const value of samples) {
      const ip = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
      const oracle = ipaddr.parse(ip).range() === "unicast";
      expect(classifyAddress(ip).allowed, ip).toBe(oracle);
      expect(classifyAddress(`::ffff:${ip}`).allowed, `::ffff:${ip}`).toBe(oracle);
      if (!oracle) refused++;
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it("refuses what is not an address", () => {
    expect(classifyAddress("blog.example").allowed).toBe(false);
  });

  it("lets a test allow its own server, and only that address", () => {
    const policy = { allowAddresses: ["127.0.0.1"] };
    expect(classifyAddress("127.0.0.1", policy)).toEqual({ allowed: true });
    expect(classifyAddress("::ffff:127.0.0.1", policy).allowed).toBe(false);
    expect(classifyAddress("127.0.0.2", policy).allowed).toBe(false);
    expect(classifyAddress("10.0.0.1", policy).allowed).toBe(false);
  });
});

describe("refusedHostName", () => {
  it.each([
    "localhost",
    "LOCALHOST.",
    "api.localhost",
    "printer.local",
    "nas.home.arpa",
    "metadata.google.internal",
    "intranet",
    "foo.0x7f",
  ])("refuses %s without looking it up", (name) => {
    expect(refusedHostName(name)).not.toBeNull();
  });

  it.each(["blog.example", "www.example.com", "xn--bcher-kva.example", "a.b.c.example"])(
    "lets %s be resolved",
    (name) => {
      expect(refusedHostName(name)).toBeNull();
    },
  );
});
