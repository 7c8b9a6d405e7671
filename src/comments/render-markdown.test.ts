import { describe, expect, it } from "vitest";
import { countLinks, renderComment } from "./render-markdown.js";

describe("renderComment", () => {
  it("renders the Markdown subset", () => {
    const html = renderComment("> quoted\n\n- one\n- two\n\n`code` **bold** *em*");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
  });

  it("marks links ugc nofollow and keeps only http, https and mailto", () => {
    const html = renderComment("see <https://ada.example/x> and [m](mailto:a@b.example)");
    expect(html).toContain('<a href="https://ada.example/x" rel="ugc nofollow">');
    expect(html).toContain('<a href="mailto:a@b.example" rel="ugc nofollow">');
    expect(countLinks(html)).toBe(2);
    for (const bad of [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "[x](//evil.example/)",
    ]) {
      const out = renderComment(bad);
      expect(out, bad).not.toMatch(/href="(?!https?:|mailto:)/i);
      expect(out, bad).toMatch(/^<p>/);
    }
  });

  it("turns raw HTML, images and headings into text", () => {
    for (const bad of [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      '<svg onload="alert(1)"><circle/></svg>',
      "![i](http://x.example/i.png)",
      '<a href="javascript:alert(1)">x</a>',
      "<iframe src=//x>",
      '"><b onmouseover=alert(1)>',
    ]) {
      const out = renderComment(bad);
      expect(out, bad).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
      expect(out, bad).not.toMatch(/<[^>]+\son\w+=/i);
    }
    expect(renderComment("# not a heading")).not.toContain("<h1");
  });
});
