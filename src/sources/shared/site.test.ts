import { describe, expect, it } from "vitest";
import { normaliseSite, siteOf, siteRoot } from "./site.js";

describe("normaliseSite", () => {
  it("keeps lowercase host and path, drops scheme, www. and trailing slashes", () => {
    expect(normaliseSite("https://www.Example.COM/Blog/")).toBe("example.com/Blog");
    expect(normaliseSite("http://localhost/")).toBe("localhost");
    expect(normaliseSite("http://localhost:8080//")).toBe("localhost:8080");
    expect(normaliseSite("blog.example/path")).toBe("blog.example/path");
    expect(normaliseSite("  ")).toBeUndefined();
  });
});

describe("siteOf", () => {
  it("takes the first usable candidate, else unknown-site", () => {
    expect(siteOf(undefined, "", "http://b.example/")).toBe("b.example");
    expect(siteOf(undefined, "")).toBe("unknown-site");
  });
});

describe("siteRoot", () => {
  it("gives scheme and host of a linking page", () => {
    expect(siteRoot(" https://Other.example/2024/05/post/?x=1 ")).toBe("https://other.example/");
    expect(siteRoot("")).toBeUndefined();
  });
});
