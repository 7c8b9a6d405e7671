import { describe, expect, it } from "vitest";
import { looksLikeFeed, rootElement } from "./detect.js";

describe("looksLikeFeed", () => {
  it("accepts RSS, Atom, RSS 1.0 and JSON Feed heads", () => {
    expect(
      looksLikeFeed('<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0"><channel>'),
    ).toBe(true);
    expect(looksLikeFeed('\ufeff<rss version="0.91"><channel>')).toBe(true);
    expect(
      looksLikeFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>'),
    ).toBe(true);
    expect(looksLikeFeed('<feed version="0.3" xmlns="http://purl.org/atom/ns#">')).toBe(true);
    expect(
      looksLikeFeed(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
      ),
    ).toBe(true);
    expect(
      looksLikeFeed('{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": "x"'),
    ).toBe(true);
  });

  it("rejects WordPress exports and other formats' heads", () => {
    const wxr =
      '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">';
    expect(looksLikeFeed(wxr)).toBe(false);
    expect(looksLikeFeed('<rss version="2.0"><channel><wp:wxr_version>1.2</wp:wxr_version>')).toBe(
      false,
    );
    expect(looksLikeFeed('<?xml version="1.0"?><opml version="2.0"><head>')).toBe(false);
    expect(looksLikeFeed('<?xml version="1.0"?><disqus xmlns="http://disqus.com">')).toBe(false);
    expect(looksLikeFeed("First Name,Last Name,Email Address\nAda,Lovelace,ada@example.org")).toBe(
      false,
    );
    expect(looksLikeFeed("BEGIN:VCARD\nVERSION:3.0")).toBe(false);
    expect(looksLikeFeed('{"version": "1.0", "items": []}')).toBe(false);
    expect(looksLikeFeed("<feed><title>no namespace</title>")).toBe(false);
    expect(looksLikeFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')).toBe(
      false,
    );
    expect(looksLikeFeed("")).toBe(false);
  });
});

describe("rootElement", () => {
  it("skips the declaration, stylesheets, comments and a DOCTYPE", () => {
    expect(
      rootElement(
        '<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><!-- c --><!DOCTYPE rss PUBLIC "x" "y"><rss>',
      ),
    ).toBe("rss");
    expect(rootElement("<rdf:RDF\n xmlns:rdf='x'>")).toBe("rdf:RDF");
    expect(rootElement("plain text")).toBe("");
  });
});
