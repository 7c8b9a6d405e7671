import { describe, expect, it } from "vitest";
import { isWxrNamespace, Namespaces } from "./namespaces.js";

describe("isWxrNamespace", () => {
  it("accepts every export version over http and https, not the excerpt namespace", () => {
    expect(isWxrNamespace("http://wordpress.org/export/1.0/")).toBe(true);
    expect(isWxrNamespace("https://wordpress.org/export/1.2/")).toBe(true);
    expect(isWxrNamespace("http://wordpress.org/export/1.2/excerpt/")).toBe(false);
    expect(isWxrNamespace("http://example.com/fake/")).toBe(false);
  });
});

describe("Namespaces", () => {
  it("leaves names alone while prefixes mean what they usually mean", () => {
    const ns = new Namespaces();
    ns.declare("wp", "http://wordpress.org/export/1.1/", 1);
    ns.declare("custom", "http://example.com/custom/", 1);
    expect(ns.active).toBe(false);
    expect(ns.resolve("wp:post_id")).toBe("wp:post_id");
  });

  it("resolves other prefixes, rebound ones and the default namespace within their scope", () => {
    const ns = new Namespaces();
    ns.declare("wp2", "https://wordpress.org/export/1.1/", 3);
    expect(ns.resolve("wp2:author")).toBe("wp:author");
    ns.declare("wp", "http://malicious.example/", 4);
    ns.declare("", "http://wordpress.org/export/1.2/", 4);
    expect(ns.resolve("wp:post_id")).toBe("~wp:post_id");
    expect(ns.resolve("post_id")).toBe("wp:post_id");
    ns.leave(4);
    expect(ns.resolve("wp:post_id")).toBe("wp:post_id");
    expect(ns.resolve("post_id")).toBe("post_id");
    expect(ns.resolve("wp2:author")).toBe("wp:author");
    ns.leave(3);
    expect(ns.resolve("wp2:author")).toBe("wp2:author");
    expect(ns.active).toBe(false);
  });
});
