/**
 * Writes the Disqus export of the owner's older blog, which ran Disqus comments for the three
 * years before the blog moved to WordPress: a `<disqus>` XML file with one `<category>`, the
 * old posts as `<thread>`s (no `<author>`: the forum is the owner's own, so comments answer the
 * owner) and the comments as `<post>`s, oldest first. The commenters are some of the WXR's
 * own: the IRL circle and long-standing acquaintances, most under a registered Disqus account
 * (name, e-mail, `<username>`), some as guests (`<isAnonymous>true`, no username; a many-faces
 * person types their quirky name); a quarter of the comments answer another reader's
 * (`<parent>`). Planted skips: spam posts (`<isSpam>true`, "spam") and one deleted comment
 * (`<isDeleted>true`, empty message, "deleted"). The owner's own answers are not in the file:
 * the Disqus importer cannot tell the owner's Disqus account from a reader's.
 *
 * Streams post by post; each comment's text is generated when it is written, from a generator
 * seeded by its row.
 *
 * @example
 * const { counts } = writeDisqus(buildWorld({ people: 200 }), "/tmp/old-blog.disqus.xml");
 * counts.comments + counts.replies; // interactions the Disqus importer should yield
 */
import { roll } from "./channels.js";
import { kebab, slugPart } from "./lexicon.js";
import { ChunkedFile, cdata, esc } from "./output.js";
import { createRng, hashSeed } from "./random.js";
import { commentText, postTitle, readerReplyText, spamAuthorName, spamText } from "./text.js";
import type { Interest } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface DisqusCounts {
  threads: number;
  /** `<post>` elements. */
  posts: number;
  /** Kept top-level posts (interaction "comment", to the owner). */
  comments: number;
  /** Kept posts answering another post (interaction "reply"). */
  replies: number;
  /** Kept posts by guests (`isAnonymous`, no username). */
  guests: number;
  /** Posts marked as spam (skipped as "spam"). */
  spam: number;
  /** Deleted posts (skipped as "deleted"). */
  deleted: number;
}

export interface DisqusResult {
  path: string;
  bytes: number;
  /** The forum's short name (the importer's keys and name scope: `disqus:<forum>`). */
  forum: string;
  counts: DisqusCounts;
  /** Person ids of everyone with a kept post. */
  commenterIds: string[];
}

export const DISQUS_FORUM = "robinhalenotes";
const OLD_BLOG = "http://notes.robinhale.example";
/** How long the old blog ran, ending as the WordPress blog (`historyStart`) began. */
const ERA_DAYS = 3 * 365;

interface Thread {
  id: number;
  at: number;
  title: string;
  slug: string;
  topic: Interest;
}

interface Post {
  at: number;
  thread: number;
  /** Index into `world.people`; -1 for a spammer. */
  author: number;
  guest: boolean;
  /** Row of the post it answers. */
  parent: number;
  deleted: boolean;
}

export function writeDisqus(world: World, file: string): DisqusResult {
  const { owner } = world;
  const rng = createRng(world.seed, "disqus");
  const eraEnd = world.historyStart - 14 * DAY;
  const eraStart = world.historyStart - ERA_DAYS * DAY;
  const counts: DisqusCounts = {
    threads: 0,
    posts: 0,
    comments: 0,
    replies: 0,
    guests: 0,
    spam: 0,
    deleted: 0,
  };

  const threads: Thread[] = [];
  const nThreads = 10 + Math.round(Math.sqrt(world.people.length));
  for (let k = 0; k < nThreads; k++) {
    const topic = rng.pick(owner.interests);
    const title = postTitle(rng, topic, rng.pick(owner.interests), owner.homeCity);
    const at = Math.floor(rng.float(eraStart, eraEnd - 20 * DAY) / 1000) * 1000;
    threads.push({ id: 0, at, title, slug: kebab(title), topic });
  }
  threads.sort((a, b) => a.at - b.at);
  threads.forEach((t, k) => {
    t.id = 4_100_000_000 + k * 7 + (hashSeed(world.seed, "disqus-thread", k) % 7);
  });

  // Commenters: the circle, and acquaintances who have read the owner from the start.
  const commenters = world.people.filter(
    (p) =>
      p.role === "irl" ||
      (p.role === "acquaintance" &&
        (p.contact?.from ?? Number.POSITIVE_INFINITY) < world.historyStart + 2 * 365 * DAY &&
        roll(world, "disqus", p) < 0.6),
  );
  const posts: Post[] = [];
  for (const p of commenters) {
    const prng = createRng(world.seed, "disqus-commenter", p.index);
    const guest = p.quirk !== undefined || roll(world, "disqus-guest", p) < 0.3;
    const n = p.role === "irl" ? prng.int(2, 5) : prng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const t = prng.int(0, threads.length - 1);
      const thread = threads[t] as Thread;
      const at = Math.min(thread.at + prng.float(1, 30) * DAY, eraEnd - HOUR);
      posts.push({
        at: Math.floor(at / 1000) * 1000,
        thread: t,
        author: p.index,
        guest,
        parent: -1,
        deleted: false,
      });
    }
  }
  // Readers answering each other: a later post on the same thread by someone else.
  posts.sort((a, b) => a.at - b.at || a.author - b.author);
  const lastOn = new Map<number, number>();
  posts.forEach((post, k) => {
    const before = lastOn.get(post.thread);
    const parent = before === undefined ? undefined : posts[before];
    if (parent && parent.author !== post.author && rng.chance(0.35)) {
      post.parent = before as number;
      post.at = Math.max(post.at, parent.at + Math.round(rng.float(1, 48)) * HOUR);
    }
    lastOn.set(post.thread, k);
  });
  const deleted = posts.findIndex((p) => p.parent === -1);
  if (deleted >= 0) (posts[deleted] as Post).deleted = true;
  const nSpam = 1 + Math.floor(world.people.length / 150);
  for (let k = 0; k < nSpam; k++) {
    const t = rng.int(0, threads.length - 1);
    const at = Math.floor(rng.float((threads[t] as Thread).at, eraEnd) / 1000) * 1000;
    posts.push({ at, thread: t, author: -1, guest: true, parent: -1, deleted: false });
  }
  // Stable order by time; a reply keeps its place after its parent (it is never earlier).
  const order = posts
    .map((_, k) => k)
    .sort((a, b) => (posts[a] as Post).at - (posts[b] as Post).at || a - b);

  const out = new ChunkedFile(file);
  const kept = new Set<string>();
  try {
    out.write(
      `<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://disqus.com/api/schemas/1.0/disqus.xsd http://disqus.com/api/schemas/1.0/internals.xsd">\n`,
    );
    const category = 2_900_000 + (hashSeed(world.seed, "disqus-category") % 100_000);
    out.write(
      `  <category dsq:id="${category}">\n    <forum>${DISQUS_FORUM}</forum>\n    <title>General</title>\n    <isDefault>true</isDefault>\n  </category>\n`,
    );
    for (const t of threads) {
      const d = new Date(t.at).toISOString();
      out.write(
        [
          `  <thread dsq:id="${t.id}">`,
          `    <id>${t.slug}</id>`,
          `    <forum>${DISQUS_FORUM}</forum>`,
          `    <category dsq:id="${category}"/>`,
          `    <link>${OLD_BLOG}/${d.slice(0, 4)}/${d.slice(5, 7)}/${t.slug}/</link>`,
          `    <title>${cdata(t.title)}</title>`,
          "    <message/>",
          `    <createdAt>${d.slice(0, 19)}Z</createdAt>`,
          "    <isClosed>false</isClosed>",
          "    <isDeleted>false</isDeleted>",
          "  </thread>\n",
        ].join("\n"),
      );
      counts.threads++;
    }
    const postId = (row: number) => 3_500_000_000 + row * 3;
    for (const row of order) {
      const post = posts[row] as Post;
      const thread = threads[post.thread] as Thread;
      const prng = createRng(world.seed, "disqus-post", row);
      const p = post.author >= 0 ? (world.people[post.author] as Person) : undefined;
      const parent = post.parent >= 0 ? (posts[post.parent] as Post) : undefined;
      const parentPerson = parent ? world.people[parent.author] : undefined;
      let text = "";
      let author: string;
      if (!p) {
        const name = spamAuthorName(prng);
        text = spamText(prng, `http://${slugPart(name) || "deals"}.example/`);
        author = `<name>${esc(name)}</name><email>${slugPart(name) || "deals"}@spam.example</email><isAnonymous>true</isAnonymous>`;
        counts.spam++;
      } else {
        const name = post.guest ? (p.quirkName ?? p.fullName) : (p.nickname ?? p.fullName);
        const email = p.emails.personal ?? p.emails.work ?? "";
        author = post.guest
          ? `<email>${esc(email)}</email><name>${esc(name)}</name><isAnonymous>true</isAnonymous>`
          : `<email>${esc(email)}</email><name>${esc(name)}</name><isAnonymous>false</isAnonymous><username>${disqusUsername(p)}</username>`;
        if (!post.deleted) {
          text = parentPerson
            ? readerReplyText(prng, parentPerson.firstName, thread.topic, p.interests)
            : commentText(prng, {
                topic: thread.topic,
                interests: p.interests,
                owner: owner.firstName,
                warm: p.role === "irl",
              });
        }
      }
      const lines = [
        `  <post dsq:id="${postId(row)}">`,
        "    <id/>",
        post.deleted ? "    <message/>" : `    <message>${cdata(`<p>${esc(text)}</p>`)}</message>`,
        `    <createdAt>${new Date(post.at).toISOString().slice(0, 19)}Z</createdAt>`,
        `    <isDeleted>${post.deleted}</isDeleted>`,
        `    <isSpam>${!p}</isSpam>`,
        `    <author>${author}</author>`,
        `    <ipAddress>${p?.ip ?? "203.0.113.66"}</ipAddress>`,
        `    <thread dsq:id="${thread.id}"/>`,
      ];
      if (parent) lines.push(`    <parent dsq:id="${postId(post.parent)}"/>`);
      lines.push("  </post>\n");
      out.write(lines.join("\n"));
      counts.posts++;
      if (post.deleted) counts.deleted++;
      else if (p) {
        if (parent) counts.replies++;
        else counts.comments++;
        if (post.guest) counts.guests++;
        kept.add(p.id);
      }
    }
    out.write("</disqus>\n");
  } finally {
    out.close();
  }
  return {
    path: file,
    bytes: out.bytes,
    forum: DISQUS_FORUM,
    counts,
    commenterIds: world.people.filter((p) => kept.has(p.id)).map((p) => p.id),
  };
}

/** A person's Disqus username: their nickname or name run together, and a number. */
export function disqusUsername(p: Person): string {
  return `${slugPart(p.nickname ?? `${p.firstName}${p.lastName}`)}${p.index % 97}`;
}
