import { describe, expect, it } from "vitest";
import { collapse, PlainText } from "./plain-text.js";

describe("PlainText", () => {
  const text = new PlainText();

  it("strips tags, breaks blocks with spaces and decodes entities", () => {
    expect(text.of("<p>One<br>two</p><p>thr<em>ee</em> &amp; &#8230; &hellip;</p>")).toBe(
      "One two three & … …",
    );
  });

  it("drops scripts, styles and comments", () => {
    expect(text.of("<!-- wp:paragraph --><style>p{}</style>a<script>b()</script>c")).toBe("ac");
  });

  it("can be reused, and passes plain text through collapsed", () => {
    expect(text.of("<b>x")).toBe("x");
    expect(text.of("  plain\n\ttext  ")).toBe("plain text");
    expect(collapse("\u00a0a \n b\u00a0")).toBe("a b");
  });
});

describe("collapse", () => {
  it("matches the \\s+ regex it replaces", () => {
    const samples = [
      "",
      " ",
      "a",
      " a ",
      "a  b\tc\n\nd",
      "\u00a0x\u2003y\u3000z\ufeff",
      "already clean text",
      "\u0085stays\u200bjoined",
      "trailing \n",
    ];
    for (const s of samples)
      expect(collapse(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, " ").trim());
  });
});
