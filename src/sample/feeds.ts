/**
 * Writes the owner's feed subscriptions as `follows.opml` (OPML 2.0, in folders: the blogs of
 * every IRL-circle and growing person with a site, some other people's, and a few publications
 * that are nobody in the world), each outline with the blog's title, `htmlUrl` = the person's
 * site and `xmlUrl` = their feed (`channels.ts`), and `feeds/<slug>.xml` for a handful of those
 * people: Atom 1.0 for some, RSS 2.0 for others, with recent posts on the person's interests
 * (all dated before the reference date) and the person's site as the feed's link. Each file
 * streams outline by outline, entry by entry.
 *
 * @example
 * const { opml, feeds } = writeFeeds(buildWorld({ people: 200 }), "/tmp/sample");
 * opml.subscriptions; // contacts the OPML importer yields
 * feeds[0]?.entries;  // posts the feed importer yields from that file
 */

import fs from "node:fs";
import path from "node:path";
import { feedIsAtom, feedUrl, roll } from "./channels.js";
import { ChunkedFile, esc, rfc822 } from "./output.js";
import { createRng, type Rng } from "./random.js";
import { postTitle } from "./text.js";
import { CLUSTERS, type Interest } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface OpmlResult {
  path: string;
  bytes: number;
  /** Outlines with a feed: contacts the OPML importer yields. */
  subscriptions: number;
  /** People whose blog the owner follows. */
  personIds: string[];
}

export interface FeedFile {
  path: string;
  bytes: number;
  personId: string;
  format: "atom" | "rss";
  /** Posts the feed importer yields. */
  entries: number;
}

export interface FeedsResult {
  opml: OpmlResult;
  feeds: FeedFile[];
}

/** Blogs in the list that belong to nobody in the world. */
const PUBLICATIONS: readonly { title: string; host: string; folder: string }[] = [
  { title: "The Analytics Almanac", host: "analytics-almanac.example", folder: "Industry" },
  { title: "Brand Voice Weekly", host: "brandvoiceweekly.example", folder: "Industry" },
  { title: "Street Food Dispatch", host: "streetfood-dispatch.example", folder: "Food" },
  { title: "Volunteer Hub Notes", host: "volunteerhub-notes.example", folder: "Community" },
];

/** How many people get a feed file. */
const FEED_FILES = 6;

/** The title a person's blog carries: their nickname (many faces), else their name. */
export function blogTitle(p: Person): string {
  return p.nickname ?? p.fullName;
}

export function writeFeeds(world: World, dir: string): FeedsResult {
  const followed = world.people.filter(
    (p) =>
      p.site &&
      (p.role === "irl" ||
        p.role === "growing" ||
        ((p.role === "acquaintance" || p.role === "dormant" || p.role === "owed") &&
          roll(world, "opml", p) < 0.4)),
  );
  fs.mkdirSync(dir, { recursive: true });
  const opml = writeOpml(world, path.join(dir, "follows.opml"), followed);
  const feedDir = path.join(dir, "feeds");
  fs.mkdirSync(feedDir, { recursive: true });
  const rng = createRng(world.seed, "feeds");
  const circle = followed.filter((p) => p.role === "irl" || p.role === "growing");
  const chosen = rng.sample(circle, FEED_FILES).sort((a, b) => a.index - b.index);
  const feeds = chosen.map((p) => writeFeed(world, feedDir, p));
  return { opml, feeds };
}

function outline(title: string, xmlUrl: string, htmlUrl: string, created?: number): string {
  const t = esc(title);
  const when = created === undefined ? "" : ` created="${rfc822(created).replace("+0000", "GMT")}"`;
  return `<outline type="rss" text="${t}" title="${t}" xmlUrl="${esc(xmlUrl)}" htmlUrl="${esc(htmlUrl)}"${when}/>`;
}

function writeOpml(world: World, file: string, followed: readonly Person[]): OpmlResult {
  const out = new ChunkedFile(file);
  const { owner } = world;
  let subscriptions = 0;
  try {
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n');
    out.write(`    <title>${esc(owner.firstName)}'s subscriptions</title>\n`);
    out.write(`    <dateCreated>${rfc822(world.referenceDate - 3 * DAY)}</dateCreated>\n`);
    out.write(`    <ownerName>${esc(owner.name)}</ownerName>\n`);
    out.write(`    <ownerEmail>${esc(owner.emails.personal)}</ownerEmail>\n  </head>\n  <body>\n`);
    const folders: [string, Person[]][] = [
      ["Friends", followed.filter((p) => p.role === "irl")],
      ["People to watch", followed.filter((p) => p.role === "growing")],
      ["Blogs I read", followed.filter((p) => p.role !== "irl" && p.role !== "growing")],
    ];
    for (const [name, people] of folders) {
      if (people.length === 0) continue;
      out.write(`    <outline text="${esc(name)}" title="${esc(name)}">\n`);
      for (const p of people) {
        const created =
          roll(world, "opml-created", p) < 0.5
            ? Math.floor((p.contact?.from ?? world.historyStart) / 1000) * 1000
            : undefined;
        out.write(
          `      ${outline(blogTitle(p), feedUrl(world, p) as string, p.site as string, created)}\n`,
        );
        subscriptions++;
      }
      out.write("    </outline>\n");
    }
    const byFolder = new Map<string, typeof PUBLICATIONS>();
    for (const pub of PUBLICATIONS)
      byFolder.set(pub.folder, [...(byFolder.get(pub.folder) ?? []), pub]);
    for (const [name, pubs] of byFolder) {
      out.write(`    <outline text="${esc(name)}" title="${esc(name)}">\n`);
      for (const pub of pubs) {
        out.write(
          `      ${outline(pub.title, `https://${pub.host}/rss`, `https://${pub.host}/`)}\n`,
        );
        subscriptions++;
      }
      out.write("    </outline>\n");
    }
    out.write("  </body>\n</opml>\n");
  } finally {
    out.close();
  }
  return { path: file, bytes: out.bytes, subscriptions, personIds: followed.map((p) => p.id) };
}

function slug(site: string): string {
  return site
    .replace(/^https?:\/\//, "")
    .replace(/\/$/, "")
    .replace(/\.example$/, "")
    .replace(/[^a-z0-9]+/gi, "-");
}

interface Post {
  title: string;
  summary: string;
  at: number;
  link: string;
  id: string;
}

const SUMMARIES: readonly ((t: string, u: string, a: string) => string)[] = [
  (t, u) => `Notes on ${t}, with a detour through ${u}.`,
  (t, _u, a) => `What I learned ${a}, and why ${t} kept coming up.`,
  (t, u) => `A short list of what worked for ${t} this year, and what did not for ${u}.`,
  (t, _u, a) => `Some thoughts after ${a}: ${t} is more people than process.`,
];

function posts(world: World, p: Person, rng: Rng): Post[] {
  const n = rng.int(4, 8);
  const out: Post[] = [];
  const interests: readonly Interest[] =
    p.interests.length > 0 ? p.interests : world.owner.interests;
  let at = world.referenceDate - rng.float(1, 10) * DAY;
  for (let k = 0; k < n; k++) {
    at = Math.floor((at - rng.float(4, 40) * DAY) / 1000) * 1000 + 9 * HOUR;
    const main = rng.pick(interests);
    const second = rng.pick(interests);
    const title = postTitle(rng, main, second, p.city);
    const c = CLUSTERS[main];
    const summary = rng.pick(SUMMARIES)(
      rng.pick(c.terms),
      rng.pick(c.terms),
      rng.pick(c.activities),
    );
    const d = new Date(at).toISOString();
    const path = `${d.slice(0, 4)}/${d.slice(5, 7)}/${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}/`;
    out.push({ title, summary, at, link: `${p.site}${path}`, id: `${p.site}?p=${100 + n - k}` });
  }
  return out;
}

function writeFeed(world: World, dir: string, p: Person): FeedFile {
  const site = p.site as string;
  const file = path.join(dir, `${slug(site)}.xml`);
  const atom = feedIsAtom(world, p);
  const rng = createRng(world.seed, "feed", p.index);
  const list = posts(world, p, rng);
  const out = new ChunkedFile(file);
  const self = feedUrl(world, p) as string;
  const title = blogTitle(p);
  const updated = list[0]?.at ?? world.referenceDate - DAY;
  try {
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
    if (atom) {
      const host = site.replace(/^https?:\/\//, "").replace(/\/$/, "");
      out.write('<feed xmlns="http://www.w3.org/2005/Atom">\n');
      out.write(`  <title>${esc(title)}</title>\n`);
      out.write(
        `  <subtitle>${esc(`Writing on ${p.interests.map((i) => CLUSTERS[i].label.toLowerCase()).join(", ")}`)}</subtitle>\n`,
      );
      out.write(`  <id>tag:${host},2020:feed</id>\n`);
      out.write(`  <link rel="alternate" type="text/html" href="${esc(site)}"/>\n`);
      out.write(`  <link rel="self" type="application/atom+xml" href="${esc(self)}"/>\n`);
      out.write(`  <updated>${new Date(updated).toISOString()}</updated>\n`);
      out.write(`  <author><name>${esc(p.fullName)}</name><uri>${esc(site)}</uri></author>\n`);
      for (const e of list) {
        out.write("  <entry>\n");
        out.write(`    <title>${esc(e.title)}</title>\n`);
        out.write(`    <id>${esc(e.id)}</id>\n`);
        out.write(`    <link rel="alternate" href="${esc(e.link)}"/>\n`);
        out.write(`    <published>${new Date(e.at).toISOString()}</published>\n`);
        out.write(`    <updated>${new Date(e.at + 2 * HOUR).toISOString()}</updated>\n`);
        out.write(`    <summary type="text">${esc(e.summary)}</summary>\n`);
        out.write("  </entry>\n");
      }
      out.write("</feed>\n");
    } else {
      out.write(
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n',
      );
      out.write(`    <title>${esc(title)}</title>\n`);
      out.write(`    <link>${esc(site)}</link>\n`);
      out.write(`    <atom:link href="${esc(self)}" rel="self" type="application/rss+xml"/>\n`);
      out.write(
        `    <description>${esc(`${p.firstName} on ${p.interests.map((i) => CLUSTERS[i].label.toLowerCase()).join(", ")}`)}</description>\n`,
      );
      out.write("    <language>en-GB</language>\n");
      out.write(`    <lastBuildDate>${rfc822(updated)}</lastBuildDate>\n`);
      for (const e of list) {
        out.write("    <item>\n");
        out.write(`      <title>${esc(e.title)}</title>\n`);
        out.write(`      <link>${esc(e.link)}</link>\n`);
        out.write(`      <dc:creator>${esc(p.fullName)}</dc:creator>\n`);
        out.write(`      <pubDate>${rfc822(e.at)}</pubDate>\n`);
        out.write(`      <guid isPermaLink="false">${esc(e.id)}</guid>\n`);
        out.write(`      <description>${esc(e.summary)}</description>\n`);
        out.write("    </item>\n");
      }
      out.write("  </channel>\n</rss>\n");
    }
  } finally {
    out.close();
  }
  return {
    path: file,
    bytes: out.bytes,
    personId: p.id,
    format: atom ? "atom" : "rss",
    entries: list.length,
  };
}
