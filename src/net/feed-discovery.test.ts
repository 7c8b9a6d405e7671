import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMON_FEED_PATHS, discoverFeeds, latestPost, safeLinkUrl } from "./feed-discovery.js";
import { PoliteFetcher } from "./polite-fetcher.js";
import { OutboundRefused } from "./safe-fetch.js";
import {
  type ConnectionSpy,
  type LocalServer,
  localServer,
  spyOnConnections,
  TEST_POLICY,
} from "./test-server.js";

const page = (head: string, body = "<p>hello</p>") =>
  `<!doctype html><html><head><title>A blog</title>${head}</head><body>${body}</body></html>`;

describe("discoverFeeds", () => {
  const base = "https://ada.example/blog/post-1";
  const common = COMMON_FEED_PATHS.map((p) => `https://ada.example${p}`);

  it("lists linked feeds of every feed type first, then the common paths", () => {
    const html = page(`
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Posts" href="/rss/">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://feeds.example/ada.json">
      <link rel="alternate" type="text/html" href="/other-page">
      <link rel="alternate" hreflang="de" href="/de/">`);
    expect(discoverFeeds(html, base)).toEqual([
      "https://ada.example/rss/",
      "https://ada.example/blog/atom.xml",
      "https://feeds.example/ada.json",
      ...common,
    ]);
  });

  it("puts comment feeds after the site's feed", () => {
    const html = page(`
      <link rel="alternate" type="application/rss+xml" title="Blog » Comments Feed" href="/comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="Blog » Feed" href="/feed/">`);
    expect(discoverFeeds(html, base).slice(0, 2)).toEqual([
      "https://ada.example/feed/",
      "https://ada.example/comments/feed/",
    ]);
  });

  it("resolves against <base href> and decodes entities", () => {
    const html = page(`<base href="https://cdn.example/site/">
      <link rel="alternate" type="application/atom+xml" href="feed?a=1&amp;b=2">`);
    expect(discoverFeeds(html, base)[0]).toBe("https://cdn.example/site/feed?a=1&b=2");
  });

  it("drops links that are not http(s), and repeats", () => {
    const html = page(`
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="ftp://ada.example/feed">
      <link rel="alternate" type="application/rss+xml" href="/feed">
      <link rel="alternate" type="application/rss+xml" href="https://ada.example/feed">`);
    expect(discoverFeeds(html, base)).toEqual(common);
  });

  it("falls back to the common paths for a page with no links, or no HTML at all", () => {
    expect(discoverFeeds(page(""), base)).toEqual(common);
    expect(discoverFeeds("not html <<<", "http://bob.example:8080/x")).toEqual(
      COMMON_FEED_PATHS.map((p) => `http://bob.example:8080${p}`),
    );
  });
});

describe("safeLinkUrl", () => {
  it.each([
    ["https://ada.example/post", undefined, "https://ada.example/post"],
    ["/post?id=1", "https://ada.example/feed", "https://ada.example/post?id=1"],
    ["http://93.184.215.14/x", undefined, "http://93.184.215.14/x"],
  ])("keeps %s", (link, base, expected) => {
    expect(safeLinkUrl(link, base)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html,hi",
    "http://127.0.0.1/admin",
    "http://2130706433/",
    "http://[::1]/",
    "http://localhost:3000/",
    "http://router.local/",
    "https://user:pw@ada.example/",
    `https://ada.example/${"a".repeat(3000)}`,
  ])("refuses %s", (link) => {
    expect(safeLinkUrl(link)).toBeNull();
  });
});

const atom = (entries: { title: string; link: string; published?: string }[]) =>
  `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ada's notes</title><id>urn:ada</id><updated>2025-01-01T00:00:00Z</updated>
  <author><name>Ada Byron</name></author>
  ${entries
    .map(
      (e, i) => `<entry><id>urn:ada:${i}</id><title type="html">${e.title}</title>
      <link rel="alternate" href="${e.link}"/>
      ${e.published ? `<published>${e.published}</published>` : ""}
      <updated>${e.published ?? "2020-01-01T00:00:00Z"}</updated></entry>`,
    )
    .join("\n")}
</feed>`;

describe("latestPost against a local site", () => {
  let server: LocalServer;
  let routes: Record<string, { type: string; body: string } | undefined>;
  let spy: ConnectionSpy;
  beforeEach(async () => {
    routes = {};
    server = await localServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      const route = routes[req.url ?? ""];
      if (!route) return res.writeHead(404).end("not found");
      res.writeHead(200, { "content-type": route.type }).end(route.body);
    });
    spy = spyOnConnections();
  });
  afterEach(async () => {
    spy.restore();
    await server.close();
  });
  const fetcher = () => new PoliteFetcher({ policy: TEST_POLICY, minIntervalMs: 0 });
  const html = (head: string) => ({ type: "text/html", body: page(head) });

  it("finds the linked feed and returns its newest entry with a safe link", async () => {
    routes["/"] = html(`<link rel="alternate" type="application/atom+xml" href="/atom.xml">`);
    routes["/atom.xml"] = {
      type: "application/atom+xml",
      body: atom([
        { title: "Older", link: "/older", published: "2024-03-01T10:00:00Z" },
        // Newer, but links are unsafe: passed over.
        { title: "Trap", link: "javascript:alert(1)", published: "2024-06-01T10:00:00Z" },
        { title: "Inside", link: "http://10.0.0.1/x", published: "2024-06-02T10:00:00Z" },
        {
          title: "On &lt;b&gt;engines&lt;/b&gt;",
          link: "/engines",
          published: "2024-05-01T10:00:00Z",
        },
        { title: "Future", link: "/future", published: "2999-01-01T00:00:00Z" },
      ]),
    };
    const post = await latestPost(server.url("/"), fetcher(), { policy: TEST_POLICY });
    expect(post).toEqual({
      title: "On engines",
      url: server.url("/engines"),
      publishedAt: Date.parse("2024-05-01T10:00:00Z"),
      feedUrl: server.url("/atom.xml"),
    });
    expect(server.hits.map((h) => h.path)).toEqual(["/", "/atom.xml"]);
    expect(spy.targets.every((t) => t === `127.0.0.1:${server.port}`)).toBe(true);
  });

  it("skips a linked feed at a refused address without connecting, then tries the common paths", async () => {
    routes["/"] = html(`
      <link rel="alternate" type="application/rss+xml" href="http://169.254.169.254/latest/feed">
      <link rel="alternate" type="application/rss+xml" href="/missing.xml">`);
    routes["/rss.xml"] = {
      type: "application/rss+xml",
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Bob</title><link>${server.url("/")}</link>
        <item><title>Only post</title><link>${server.url("/only")}</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>
        </channel></rss>`,
    };
    const post = await latestPost(server.url("/"), fetcher(), { policy: TEST_POLICY });
    expect(post?.url).toBe(server.url("/only"));
    expect(post?.feedUrl).toBe(server.url("/rss.xml"));
    expect(post?.publishedAt).toBe(Date.parse("2025-06-10T04:00:00Z"));
    expect(server.hits.map((h) => h.path)).toEqual(["/", "/missing.xml", "/feed", "/rss.xml"]);
    expect(spy.targets.filter((t) => !t.startsWith("127.0.0.1:"))).toEqual([]);
  });

  it("reads a JSON Feed, titling an untitled entry by its text", async () => {
    routes["/"] = html(`<link rel="alternate" type="application/feed+json" href="/feed.json">`);
    routes["/feed.json"] = {
      type: "application/feed+json",
      body: JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "Micro",
        items: [
          {
            id: "1",
            url: server.url("/1"),
            content_text: "First little note",
            date_published: "2025-02-01T00:00:00Z",
          },
          {
            id: "2",
            url: server.url("/2"),
            content_html: "<p>Second <em>note</em> here</p>",
            date_published: "2025-03-01T00:00:00Z",
          },
        ],
      }),
    };
    const post = await latestPost(server.url("/"), fetcher(), { policy: TEST_POLICY });
    expect(post?.title).toBe("Second note here");
    expect(post?.url).toBe(server.url("/2"));
  });

  it("takes a site URL that is itself a feed", async () => {
    routes["/feed"] = {
      type: "application/atom+xml",
      body: atom([{ title: "Hello", link: "/hello", published: "2025-01-01T00:00:00Z" }]),
    };
    const post = await latestPost(server.url("/feed"), fetcher(), { policy: TEST_POLICY });
    expect(post?.title).toBe("Hello");
    expect(post?.feedUrl).toBe(server.url("/feed"));
    expect(server.hits.length).toBe(1);
  });

  it("returns null when the site has no feed, trying at most maxCandidates", async () => {
    routes["/"] = html("");
    routes["/feed"] = html(""); // an HTML page where a feed was guessed
    expect(
      await latestPost(server.url("/"), fetcher(), { maxCandidates: 3, policy: TEST_POLICY }),
    ).toBeNull();
    expect(server.hits.map((h) => h.path)).toEqual(["/", "/feed", "/rss.xml", "/atom.xml"]);
  });

  it("returns null for a broken feed and for a site that answers 404", async () => {
    routes["/"] = html(`<link rel="alternate" type="application/rss+xml" href="/broken.xml">`);
    routes["/broken.xml"] = { type: "application/rss+xml", body: "<rss><channel><item><title>cut" };
    expect(await latestPost(server.url("/"), fetcher(), { maxCandidates: 1 })).toBeNull();
    expect(await latestPost(server.url("/nothing-here"), fetcher())).toBeNull();
  });

  it("throws OutboundRefused for a refused site, before connecting", async () => {
    const unguarded = new PoliteFetcher({ minIntervalMs: 0 });
    await expect(latestPost("http://0x7f.1/", unguarded)).rejects.toBeInstanceOf(OutboundRefused);
    await expect(latestPost(server.url("/"), unguarded)).rejects.toMatchObject({
      reason: "address",
    });
    expect(spy.targets).toEqual([]);
    expect(server.hits).toEqual([]);
  });
});

const CORPUS = path.resolve(process.cwd(), "../shared/corpora/feeds/syndikit-paired");
const corpusFeeds = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter(
        (f) => f.endsWith(".xml") && fs.existsSync(path.join(CORPUS, f.replace(/\.xml$/, ".json"))),
      )
  : [];

describe.skipIf(corpusFeeds.length === 0)("latestPost on real feeds (syndikit pairs)", () => {
  it.each(corpusFeeds)("%s: the newest item of the paired JSON", async (file) => {
    const xml = fs.readFileSync(path.join(CORPUS, file));
    const paired = JSON.parse(
      fs.readFileSync(path.join(CORPUS, file.replace(/\.xml$/, ".json")), "utf8"),
    ) as { items: { url: string; date_published?: string }[] };
    const newest = paired.items.reduce((a, b) =>
      Date.parse(b.date_published ?? "") > Date.parse(a.date_published ?? "") ? b : a,
    );
    const server = await localServer((req, res) => {
      if (req.url === "/") res.end(page(""));
      else if (req.url === "/feed")
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(xml);
      else res.writeHead(404).end();
    });
    try {
      const post = await latestPost(
        server.url("/"),
        new PoliteFetcher({ policy: TEST_POLICY, minIntervalMs: 0 }),
      );
      expect(post?.url).toBe(newest.url);
      expect(post?.publishedAt).toBe(Date.parse(newest.date_published ?? ""));
      expect(post?.title.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
