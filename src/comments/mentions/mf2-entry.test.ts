/**
 * The microformats2 test suite (../shared/corpora/webmention/microformats-tests): for every
 * case, what a mention reads from a page — each h-entry's author (name, url, photo), content,
 * published, name, url, in-reply-to / like-of / repost-of / bookmark-of, and each h-card's
 * name, url and photo — is the same whether read from our parse of the HTML or from the
 * suite's expected JSON.
 */
import fs from "node:fs";
import path from "node:path";
import { mf2 } from "microformats-parser";
import { describe, expect, it } from "vitest";
import { cardOf, entryOf, readEntry, readEntryFromHtml } from "./mf2-entry.js";

const ROOT = "/work/shared/corpora/webmention/microformats-tests";
const BASE = "http://example.com/";

type Doc = ReturnType<typeof mf2>;
type Item = Doc["items"][number];

interface Case {
  name: string;
  html: string;
  expected: Doc;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const suite of ["microformats-v2", "microformats-mixed"]) {
    const dir = path.join(ROOT, suite);
    if (!fs.existsSync(dir)) continue;
    for (const group of fs.readdirSync(dir).sort()) {
      for (const file of fs.readdirSync(path.join(dir, group)).sort()) {
        if (!file.endsWith(".json")) continue;
        const html = path.join(dir, group, file.replace(/\.json$/, ".html"));
        if (!fs.existsSync(html)) continue;
        out.push({
          name: `${suite}/${group}/${file.replace(/\.json$/, "")}`,
          html: fs.readFileSync(html, "utf8"),
          expected: JSON.parse(fs.readFileSync(path.join(dir, group, file), "utf8")) as Doc,
        });
      }
    }
  }
  return out;
}

/** Every item with its type, anywhere: top level, children, and property values. */
function walk(items: Item[], out: Item[] = []): Item[] {
  for (const item of items) {
    out.push(item);
    walk(item.children ?? [], out);
    for (const values of Object.values(item.properties)) {
      walk(
        values.filter((v): v is Item => typeof v === "object" && v !== null && "properties" in v),
        out,
      );
    }
  }
  return out;
}

/** The fields a mention uses, from every h-entry and h-card of a document. */
function fieldsUsed(doc: Doc) {
  const all = walk(doc.items);
  const never = () => false;
  return {
    entries: all.filter((i) => i.type?.includes("h-entry")).map((i) => entryOf(i, never)),
    cards: all.filter((i) => i.type?.includes("h-card")).map((i) => cardOf(i)),
  };
}

const CASES = cases();

describe("microformats test suite: the fields a mention uses", () => {
  it("finds the suite", () => {
    expect(CASES.length).toBeGreaterThan(60);
    expect(CASES.some((c) => c.name.includes("h-entry"))).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const got = fieldsUsed(mf2(c.html, { baseUrl: BASE }));
    const want = fieldsUsed(c.expected);
    expect(got).toEqual(want);
  });
});

describe("reading the entry that mentions a page", () => {
  const read = (name: string, target = "http://example.com/nothing") => {
    const c = CASES.find((x) => x.name === name);
    if (!c) throw new Error(`missing case ${name}`);
    return readEntryFromHtml(c.html, BASE, target);
  };

  it("reads an entry's name, url and embedded content, resolving relative links", () => {
    const entry = read("microformats-v2/h-entry/urlincontent");
    expect(entry?.name).toBe("Expanding URLs within HTML content");
    expect(entry?.html).toContain('href="http://example.com/test.html"');
    expect(entry?.type).toBe("mention");
  });

  it("reads the author of a mixed-roots entry", () => {
    const c = CASES.find((x) => x.name === "microformats-mixed/h-entry/mixedroots");
    expect(c).toBeDefined();
    const entry = readEntry(c?.expected as Doc, "http://example.com/x");
    const parsed = readEntryFromHtml(c?.html ?? "", BASE, "http://example.com/x");
    expect(parsed?.author).toEqual(entry?.author);
    expect(parsed?.author?.name ?? parsed?.author?.url).toBeTruthy();
  });

  it("tells replies, likes, reposts and bookmarks of the target apart", () => {
    const target = "https://blog.example/hello";
    const page = (prop: string) => `<div class="h-entry">
        <span class="p-author h-card"><a class="u-url p-name" href="https://bob.example/">Bob</a> <img class="u-photo" src="/me.jpg" alt=""></span>
        <a class="${prop}" href="${target}">the post</a>
        <div class="e-content">Nice <b>post</b></div>
        <time class="dt-published" datetime="2024-05-01T10:00:00+02:00">May 1</time>
      </div>`;
    const types = ["u-in-reply-to", "u-like-of", "u-repost-of", "u-bookmark-of", "u-url"].map(
      (p) => readEntryFromHtml(page(p), "https://bob.example/post/1", target)?.type,
    );
    expect(types).toEqual(["reply", "like", "repost", "bookmark", "mention"]);
    const reply = readEntryFromHtml(page("u-in-reply-to"), "https://bob.example/post/1", target);
    expect(reply?.author).toEqual({
      name: "Bob",
      url: "https://bob.example/",
      photo: "https://bob.example/me.jpg",
    });
    expect(reply?.text).toBe("Nice post");
    expect(reply?.published).toBe(Date.parse("2024-05-01T08:00:00Z"));
  });

  it("a reply to some other post is only a mention of ours", () => {
    const html = `<article class="h-entry"><a class="u-in-reply-to" href="https://other.example/">x</a>
      <p class="e-content">see <a href="https://blog.example/hello">this</a></p></article>`;
    expect(
      readEntryFromHtml(html, "https://bob.example/p", "https://blog.example/hello")?.type,
    ).toBe("mention");
  });

  it("picks the entry that mentions the target among several, and takes the feed's author", () => {
    const html = `<div class="h-feed"><a class="p-author h-card" href="/">Carol</a>
      <div class="h-entry"><p class="p-name">First</p></div>
      <div class="h-entry"><p class="p-name">Second</p><a class="u-like-of" href="https://blog.example/hello">liked</a></div>
    </div>`;
    const entry = readEntryFromHtml(
      html,
      "https://carol.example/feed",
      "https://blog.example/hello",
    );
    expect(entry?.name).toBe("Second");
    expect(entry?.type).toBe("like");
    expect(entry?.author).toEqual({ name: "Carol", url: "https://carol.example/" });
  });

  it("no h-entry: nothing", () => {
    expect(readEntryFromHtml("<p>plain</p>", BASE, "http://example.com/a")).toBeUndefined();
  });
});
