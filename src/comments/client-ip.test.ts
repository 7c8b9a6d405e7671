import { describe, expect, it } from "vitest";
import { TrustedProxies } from "./client-ip.js";

describe("TrustedProxies.clientIp", () => {
  const proxies = new TrustedProxies(["127.0.0.1/32", "10.0.0.0/8", "::1"]);

  it("ignores X-Forwarded-For from an untrusted peer", () => {
    expect(proxies.clientIp("198.51.100.7", "1.2.3.4")).toBe("198.51.100.7");
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    expect(proxies.clientIp("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2")).toBe("203.0.113.9");
    expect(proxies.clientIp("::ffff:127.0.0.1", "203.0.113.9")).toBe("203.0.113.9");
    expect(proxies.clientIp("::1", "2001:db8::1")).toBe("2001:db8::1");
  });

  it("stops at garbage instead of believing what is left of it", () => {
    expect(proxies.clientIp("127.0.0.1", "203.0.113.9, not-an-ip")).toBe("127.0.0.1");
    expect(proxies.clientIp("127.0.0.1", "evil, 10.0.0.3")).toBe("10.0.0.3");
  });

  it("refuses a range that is not one", () => {
    expect(() => new TrustedProxies(["10.0.0.0/99"])).toThrow(/--trusted-proxy/);
  });
});
