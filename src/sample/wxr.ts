/**
 * Writes the owner's blog as a WordPress WXR 1.2 export: posts with threaded comments from the
 * world's people (the owner answering most, owed ones left open, friends replying to each
 * other), pending, spam and trashed comments, pingbacks and trackbacks, and a few broken
 * records that stay well-formed XML. Streams in chunks (bounded memory at any size) and returns
 * the counts and facts it planted, for tests to compare with an importer's results.
 *
 * The plan (`wxr-plan.ts`) decides who comments where and when; this module renders it, post by
 * post, generating each comment's text only when it is written, from a generator seeded by
 * the comment's row, so memory stays bounded whatever the size.
 *
 * @example
 * const world = buildWorld({ seed: 1, people: 200 });
 * const { bytes, counts } = writeWxr(world, "/tmp/blog.wxr.xml");
 */
import { ChunkedFile, cdata, esc, londonTime, mysqlDate, rfc822 } from "./output.js";
import { createRng, hashSeed, Rng } from "./random.js";
import {
  aboutText,
  commentText,
  excerptText,
  followUpText,
  formulaComment,
  introAnswerText,
  introReplyText,
  jobAskReplyText,
  jobAskText,
  ownerReplyText,
  postBody,
  postTitle,
  readerReplyText,
  spamText,
} from "./text.js";
import { CLUSTERS, INTERESTS, type Interest } from "./vocabulary.js";
import { DAY, type Person, personId, siteVariant, type World } from "./world.js";
import {
  BROKEN,
  FOLLOW_UP,
  FORMULA,
  INTRO,
  JOB_ASK,
  type Outsider,
  OWED,
  OWNER,
  PENDING,
  PINGBACK,
  type Plan,
  type Post,
  planBlog,
  REPLY,
  SPAM,
  TOP,
  TRACKBACK,
  TRASH,
  WP_55,
} from "./wxr-plan.js";

export interface WxrOptions {
  /** Number of published posts; default `wxrPostCount(people)`. */
  posts?: number;
}

export interface WxrCounts {
  /** Published posts (`wp:post_type` post, `wp:status` publish). */
  posts: number;
  /** Top-level reader comments, approved or pending; no spam, trash or broken ones. */
  comments: number;
  /** Readers' replies to other comments (including replies to the owner's replies). */
  replies: number;
  /** The owner's replies (`comment_user_id` = the owner's author id). */
  ownerReplies: number;
  pingbacks: number;
  trackbacks: number;
  /** Top-level comments awaiting moderation (`comment_approved` 0); part of `comments`. */
  pending: number;
  spam: number;
  trash: number;
  /** Records an importer must report and skip: a bad date, or no author at all. */
  broken: number;
  /** Pages (the owner's About page). */
  pages: number;
  /** Draft posts (zero GMT date, as WordPress writes drafts). */
  drafts: number;
}

export interface CommenterFacts {
  /** Top-level comments (approved or pending). */
  comments: number;
  replies: number;
  /** Top-level comments the owner replied to. */
  answered: number;
  /** Distinct posts they commented or replied on. */
  posts: number;
  firstAt: string;
  lastAt: string;
  names: string[];
  emails: string[];
  urls: string[];
}

/** What the writer planted, by comment id, for truths.json. */
export interface WxrFacts {
  blogUrl: string;
  owed: { personId: string; commentIds: number[] }[];
  pendingCommentIds: number[];
  trashCommentIds: number[];
  broken: { commentId: number; reason: "bad date" | "no author" }[];
  jobAsks: { personId: string; commentId: number }[];
  dormant: {
    personId: string;
    comments: number;
    firstAt: string;
    lastAt: string;
    medianGapDays: number;
  }[];
  introduction: { targetId: string; viaId: string; commentIds: number[] };
  pingbacks: {
    commentId: number;
    type: "pingback" | "trackback";
    url: string;
    personId?: string;
    self: boolean;
  }[];
  /** CDATA sections split because their text contains `]]>`. */
  cdataSplits: number;
  /** Per person id, for everyone who appears in the blog. */
  commenters: Record<string, CommenterFacts>;
}

export interface WxrResult {
  path: string;
  bytes: number;
  counts: WxrCounts;
  facts: WxrFacts;
}

/** Posts grow with the square root of the world, so threads stay plausible at any size. */
export function wxrPostCount(people: number): number {
  return Math.round(10 * Math.sqrt(people)) + 10;
}

export function writeWxr(world: World, filePath: string, opts: WxrOptions = {}): WxrResult {
  const plan = planBlog(world, opts.posts ?? wxrPostCount(world.people.length));
  const out = new ChunkedFile(filePath);
  try {
    const writer = new BlogWriter(world, plan, out);
    writer.writeAll();
    out.close();
    return { path: filePath, bytes: out.bytes, counts: writer.counts, facts: writer.facts() };
  } finally {
    out.close();
  }
}

interface Face {
  name: string;
  email: string;
  url: string;
  /** What the owner calls them in a reply. */
  greet: string;
}

/** The name, address and URL a person leaves on a given comment. */
function faceOf(world: World, p: Person, ord: number, at: number): Face {
  const personal = p.emails.personal ?? p.emails.work ?? "";
  const work = p.emails.work ?? personal;
  const site = p.site ?? "";
  if (p.faces && p.quirk) {
    const nick = {
      name: p.nickname ?? p.fullName,
      email: personal,
      url: site,
      greet: p.nickname ?? p.firstName,
    };
    const quirk = { name: p.quirkName ?? p.fullName, email: personal, url: "", greet: p.firstName };
    const full = {
      name: p.fullName,
      email: work,
      url: site ? siteVariant(site) : "",
      greet: p.firstName,
    };
    if (p.quirk === "maiden") {
      if (at < (p.nameChangedAt ?? 0)) return { ...quirk, url: site };
      return ord % 2 === 0 ? nick : full;
    }
    const slot = ((ord % 7) + 7) % 7;
    return slot === 1 || slot === 6 ? quirk : slot === 3 ? full : nick;
  }
  if (p.marks.includes("sameFullName")) {
    return { name: p.fullName, email: personal, url: site, greet: p.firstName };
  }
  if (p.marks.includes("sameFirstName")) {
    return ord % 3 === 0
      ? { name: p.firstName, email: work, url: "", greet: p.firstName }
      : { name: p.fullName, email: work, url: site, greet: p.firstName };
  }
  const h = hashSeed(world.seed, "face", p.index);
  const nameHabit = (h & 0xff) / 256;
  const name =
    nameHabit < 0.8 ? p.fullName : nameHabit < 0.9 ? p.firstName : (p.nickname ?? p.fullName);
  const email = ((h >>> 8) & 0xff) / 256 < 0.15 && p.emails.work ? p.emails.work : personal;
  const url = site && ((h >>> 16) & 0xff) / 256 < 0.7 ? site : "";
  return { name, email, url, greet: name === p.nickname ? p.nickname : p.firstName };
}

interface Stats {
  comments: number;
  replies: number;
  answered: number;
  posts: number;
  firstAt: number;
  lastAt: number;
  names: Set<string>;
  emails: Set<string>;
  urls: Set<string>;
}

interface CommentXml {
  id: number;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: number;
  userId: number;
  meta?: readonly (readonly [string, string])[];
}

const HEADER_NOTES = [
  "This is a WordPress eXtended RSS file generated by WordPress as an export of your site.",
  "It contains information about your site's posts, pages, comments, categories, and other content.",
  "You may use this file to transfer that content from one site to another.",
  "This file is not intended to serve as a complete backup of your site.",
];

const GENERATOR = "WordPress/6.6.2";
const ZERO_DATE = "0000-00-00 00:00:00";

class BlogWriter {
  readonly counts: WxrCounts = {
    posts: 0,
    comments: 0,
    replies: 0,
    ownerReplies: 0,
    pingbacks: 0,
    trackbacks: 0,
    pending: 0,
    spam: 0,
    trash: 0,
    broken: 0,
    pages: 0,
    drafts: 0,
  };
  private cdataSplits = 0;
  private readonly stats = new Map<number, Stats>();
  private readonly lastPost: Int32Array;

  constructor(
    private readonly world: World,
    private readonly plan: Plan,
    private readonly out: ChunkedFile,
  ) {
    this.lastPost = new Int32Array(world.people.length).fill(-1);
  }

  writeAll(): void {
    this.header();
    this.aboutPage();
    this.plan.posts.forEach((post, k) => {
      this.postItem(post, k);
    });
    this.draft();
    this.out.write("</channel>\n</rss>\n");
  }

  private cd(text: string): string {
    if (text.includes("]]>")) this.cdataSplits++;
    return cdata(text);
  }

  private header(): void {
    const { owner, referenceDate } = this.world;
    const lines = ['<?xml version="1.0" encoding="UTF-8" ?>'];
    for (const note of HEADER_NOTES) lines.push(`<!-- ${note} -->`);
    lines.push(
      "",
      `<!-- generator="${GENERATOR}" created="${mysqlDate(referenceDate).slice(0, 16)}" -->`,
      '<rss version="2.0"',
      '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
      '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
      '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
      '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
      '\txmlns:wp="http://wordpress.org/export/1.2/"',
      ">",
      "",
      "<channel>",
      `\t<title>${esc(owner.blogTitle)}</title>`,
      `\t<link>${esc(owner.blogUrl)}</link>`,
      `\t<description>${esc(owner.blogTagline)}</description>`,
      `\t<pubDate>${rfc822(referenceDate)}</pubDate>`,
      "\t<language>en-GB</language>",
      "\t<wp:wxr_version>1.2</wp:wxr_version>",
      `\t<wp:base_site_url>${esc(owner.blogUrl)}</wp:base_site_url>`,
      `\t<wp:base_blog_url>${esc(owner.blogUrl)}</wp:base_blog_url>`,
      "",
      `\t\t<wp:author><wp:author_id>${owner.authorId}</wp:author_id><wp:author_login>${cdata(owner.login)}</wp:author_login><wp:author_email>${cdata(owner.emails.blog)}</wp:author_email><wp:author_display_name>${cdata(owner.name)}</wp:author_display_name><wp:author_first_name>${cdata(owner.firstName)}</wp:author_first_name><wp:author_last_name>${cdata(owner.lastName)}</wp:author_last_name></wp:author>`,
      "",
    );
    INTERESTS.forEach((interest, k) => {
      lines.push(
        `\t<wp:category>\n\t\t<wp:term_id>${k + 2}</wp:term_id>\n\t\t<wp:category_nicename>${cdata(interest)}</wp:category_nicename>\n\t\t<wp:category_parent>${cdata("")}</wp:category_parent>\n\t\t<wp:cat_name>${cdata(CLUSTERS[interest].label)}</wp:cat_name>\n\t</wp:category>`,
      );
    });
    INTERESTS.forEach((interest, k) => {
      lines.push(
        `\t<wp:tag>\n\t\t<wp:term_id>${k + 20}</wp:term_id>\n\t\t<wp:tag_slug>${cdata(interest)}</wp:tag_slug>\n\t\t<wp:tag_name>${cdata(CLUSTERS[interest].label.toLowerCase())}</wp:tag_name>\n\t</wp:tag>`,
      );
    });
    lines.push("", `\t<generator>https://wordpress.org/?v=${GENERATOR.slice(10)}</generator>`, "");
    this.out.write(`${lines.join("\n")}\n`);
  }

  private itemHead(o: {
    title: string;
    link: string;
    pubDate: string;
    guid: string;
    content: string;
    id: number;
    date: string;
    dateGmt: string;
    commentStatus: string;
    slug: string;
    status: string;
    type: string;
    categories: readonly Interest[];
  }): string {
    const cats = o.categories
      .map((c, k) =>
        k === 0
          ? `\t\t<category domain="category" nicename="${c}">${cdata(CLUSTERS[c].label)}</category>\n`
          : `\t\t<category domain="post_tag" nicename="${c}">${cdata(CLUSTERS[c].label.toLowerCase())}</category>\n`,
      )
      .join("");
    return `\t<item>
\t\t<title>${this.cd(o.title)}</title>
\t\t<link>${esc(o.link)}</link>
\t\t<pubDate>${o.pubDate}</pubDate>
\t\t<dc:creator>${cdata(this.world.owner.login)}</dc:creator>
\t\t<guid isPermaLink="false">${esc(o.guid)}</guid>
\t\t<description></description>
\t\t<content:encoded>${this.cd(o.content)}</content:encoded>
\t\t<excerpt:encoded>${cdata("")}</excerpt:encoded>
\t\t<wp:post_id>${o.id}</wp:post_id>
\t\t<wp:post_date>${cdata(o.date)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(o.dateGmt)}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(o.date)}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(o.dateGmt)}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata(o.commentStatus)}</wp:comment_status>
\t\t<wp:ping_status>${cdata(o.commentStatus)}</wp:ping_status>
\t\t<wp:post_name>${cdata(o.slug)}</wp:post_name>
\t\t<wp:status>${cdata(o.status)}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(o.type)}</wp:post_type>
\t\t<wp:post_password>${cdata("")}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${cats}\t\t<wp:postmeta>
\t\t\t<wp:meta_key>${cdata("_edit_last")}</wp:meta_key>
\t\t\t<wp:meta_value>${cdata("1")}</wp:meta_value>
\t\t</wp:postmeta>
`;
  }

  private aboutPage(): void {
    const { owner, historyStart } = this.world;
    const at = historyStart - 3 * DAY;
    this.out.write(
      this.itemHead({
        title: "About",
        link: `${owner.blogUrl}/about/`,
        pubDate: rfc822(at),
        guid: `${owner.blogUrl}/?page_id=2`,
        content: aboutText({
          name: owner.name,
          city: owner.homeCity,
          destination: owner.destinationCity,
          interests: owner.interests,
        }),
        id: 2,
        date: mysqlDate(londonTime(at)),
        dateGmt: mysqlDate(at),
        commentStatus: "closed",
        slug: "about",
        status: "publish",
        type: "page",
        categories: [],
      }),
    );
    this.out.write("\t</item>\n");
    this.counts.pages++;
  }

  private draft(): void {
    const { owner, referenceDate } = this.world;
    const last = this.plan.posts[this.plan.posts.length - 1];
    const id = (last?.id ?? 10) + 3;
    const rng = createRng("wxr-draft", this.world.seed);
    const at = referenceDate - 2 * DAY;
    this.out.write(
      this.itemHead({
        title: postTitle(rng, "content-marketing", "food", owner.destinationCity),
        link: `${owner.blogUrl}/?p=${id}`,
        pubDate: "Mon, 30 Nov -0001 00:00:00 +0000",
        guid: `${owner.blogUrl}/?p=${id}`,
        content: postBody(rng, {
          main: "content-marketing",
          second: "food",
          city: owner.destinationCity,
          blocks: true,
          trap: false,
        }),
        id,
        date: mysqlDate(londonTime(at)),
        dateGmt: ZERO_DATE,
        commentStatus: "open",
        slug: "",
        status: "draft",
        type: "post",
        categories: ["content-marketing"],
      }),
    );
    this.out.write("\t</item>\n");
    this.counts.drafts++;
  }

  private postItem(post: Post, k: number): void {
    const { owner, seed } = this.world;
    const rng = createRng("wxr-post", seed, k);
    const earlierPost = k > 0 && rng.chance(0.3) ? this.plan.posts[rng.int(0, k - 1)] : undefined;
    const earlier = earlierPost ? { url: earlierPost.link, title: earlierPost.title } : undefined;
    const content = postBody(rng, {
      main: post.topic,
      second: post.second,
      city: owner.homeCity,
      blocks: post.blocks,
      trap: post.trap,
      ...(earlier ? { earlier } : {}),
    });
    this.out.write(
      this.itemHead({
        title: post.title,
        link: post.link,
        pubDate: rfc822(post.at),
        guid: `${owner.blogUrl}/?p=${post.id}`,
        content,
        id: post.id,
        date: mysqlDate(londonTime(post.at)),
        dateGmt: mysqlDate(post.at),
        commentStatus: "open",
        slug: post.slug,
        status: "publish",
        type: "post",
        categories: [post.topic, post.second],
      }),
    );
    const { byPost, start } = this.plan;
    for (let j = start[k] as number; j < (start[k + 1] as number); j++) {
      this.out.write(this.commentXml(this.comment(byPost[j] as number, post, k)));
    }
    this.out.write("\t</item>\n");
    this.counts.posts++;
  }

  private commentXml(c: CommentXml): string {
    const meta = (c.meta ?? [])
      .map(
        ([key, value]) =>
          `\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t\t</wp:commentmeta>\n`,
      )
      .join("");
    return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${this.cd(c.author)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.email)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${esc(c.url)}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata(c.ip)}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(c.date)}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(c.dateGmt)}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${this.cd(c.content)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(c.approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(c.type)}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>${c.userId}</wp:comment_user_id>
${meta}\t\t</wp:comment>
`;
  }

  private person(index: number): Person {
    const p = this.world.people[index];
    if (!p) throw new Error(`no person at ${index}`);
    return p;
  }

  private comment(row: number, post: Post, postIndex: number): CommentXml {
    const { rows, ids } = this.plan;
    const kind = rows.kind[row] as number;
    const at = rows.time[row] as number;
    const parentRow = rows.parent[row] as number;
    const base: CommentXml = {
      id: ids[row] as number,
      author: "",
      email: "",
      url: "",
      ip: "",
      date: mysqlDate(londonTime(at)),
      dateGmt: mysqlDate(at),
      content: "",
      approved: "1",
      type: at < WP_55 ? "" : "comment",
      parent: kind === OWNER || kind === REPLY ? (ids[parentRow] as number) : 0,
      userId: 0,
    };
    const rng = new Rng(hashSeed(this.world.seed, "wxr-text", row));
    switch (kind) {
      case TOP:
      case REPLY:
      case TRASH:
        return this.personComment(base, row, post, postIndex, rng);
      case OWNER:
        return this.ownerComment(base, parentRow, post, rng);
      case SPAM:
        return this.spamComment(base, row, rng);
      case PINGBACK:
      case TRACKBACK:
        return this.pingComment(base, row, post, rng);
      default:
        return this.brokenComment(base, row, post, rng);
    }
  }

  private personComment(
    c: CommentXml,
    row: number,
    post: Post,
    postIndex: number,
    rng: Rng,
  ): CommentXml {
    const { rows } = this.plan;
    const kind = rows.kind[row] as number;
    const flags = rows.flags[row] as number;
    const p = this.person(rows.author[row] as number);
    const at = rows.time[row] as number;
    const face = faceOf(this.world, p, rows.ord[row] as number, at);
    c.author = face.name;
    c.email = face.email;
    c.url = face.url;
    c.ip = p.ip;
    c.content = this.personText(row, post, rng);
    if (kind === TRASH) {
      c.approved = "trash";
      this.counts.trash++;
      return c;
    }
    if (flags & PENDING) {
      c.approved = "0";
      this.counts.pending++;
    }
    if (kind === TOP) this.counts.comments++;
    else this.counts.replies++;
    if (kind === TOP && rng.chance(0.1)) c.meta = [["akismet_result", "false"]];
    this.record(p, postIndex, at, face, kind === TOP);
    return c;
  }

  private personText(row: number, post: Post, rng: Rng): string {
    const { rows } = this.plan;
    const { owner } = this.world;
    const kind = rows.kind[row] as number;
    const flags = rows.flags[row] as number;
    const p = this.person(rows.author[row] as number);
    const parentRow = rows.parent[row] as number;
    if (kind === TRASH)
      return this.personText(
        parentRow,
        post,
        new Rng(hashSeed(this.world.seed, "wxr-text", parentRow)),
      );
    if (flags & JOB_ASK)
      return jobAskText(rng, owner.firstName, p.interests[0] ?? "content-marketing");
    if (flags & FORMULA) return formulaComment(owner.firstName);
    if (kind === TOP) {
      const warm = p.role === "irl" || p.role === "growing";
      return commentText(rng, {
        topic: post.topic,
        interests: p.interests,
        owner: owner.firstName,
        warm,
      });
    }
    if (flags & FOLLOW_UP) return followUpText(rng, owner.firstName, post.topic, p.interests);
    const parentAuthor = this.person(rows.author[parentRow] as number);
    const greet = faceOf(
      this.world,
      parentAuthor,
      rows.ord[parentRow] as number,
      rows.time[parentRow] as number,
    ).greet;
    if (flags & INTRO) {
      const event =
        this.world.events.find((e) => e.id === this.world.introduction.eventId)?.name ??
        "the meetup";
      return p.id === this.world.introduction.targetId
        ? introReplyText(rng, greet, event, post.topic)
        : introAnswerText(rng, greet, owner.firstName);
    }
    return readerReplyText(rng, greet, post.topic, p.interests);
  }

  private ownerComment(c: CommentXml, parentRow: number, post: Post, rng: Rng): CommentXml {
    const { owner } = this.world;
    const { rows } = this.plan;
    const p = this.person(rows.author[parentRow] as number);
    const greet = faceOf(
      this.world,
      p,
      rows.ord[parentRow] as number,
      rows.time[parentRow] as number,
    ).greet;
    c.author = owner.name;
    c.email = owner.emails.blog;
    c.url = owner.blogUrl;
    c.ip = owner.ip;
    c.userId = owner.authorId;
    c.content =
      (rows.flags[parentRow] as number) & JOB_ASK
        ? jobAskReplyText(rng, greet)
        : ownerReplyText(rng, greet, post.topic, p.interests);
    const stats = this.stats.get(p.index);
    if (stats) stats.answered++;
    this.counts.ownerReplies++;
    return c;
  }

  private spamComment(c: CommentXml, row: number, rng: Rng): CommentXml {
    const spammer = this.plan.spammers[this.plan.rows.author[row] as number] as Outsider;
    c.author = spammer.name;
    c.email = spammer.email;
    c.url = spammer.url;
    c.ip = spammer.ip;
    c.content = spamText(rng, spammer.url);
    c.approved = "spam";
    c.meta = [
      ["akismet_result", "true"],
      ["akismet_history", 'a:2:{s:4:"time";d:1.0;s:5:"event";s:10:"check-spam";}'],
    ];
    this.counts.spam++;
    return c;
  }

  private pingComment(c: CommentXml, row: number, post: Post, rng: Rng): CommentXml {
    const kind = this.plan.rows.kind[row] as number;
    const source = this.plan.sources[this.plan.rows.author[row] as number] as Outsider;
    const excerpt = excerptText(rng, post.topic, this.world.owner.name);
    c.author = source.name;
    c.url = source.url;
    c.ip = source.ip;
    if (kind === PINGBACK) {
      c.type = "pingback";
      c.content = `[&#8230;] ${excerpt} [&#8230;]`;
      this.counts.pingbacks++;
    } else {
      c.type = "trackback";
      c.content = `<strong>${source.title ?? source.name}</strong>\n\n${excerpt}…`;
      this.counts.trackbacks++;
    }
    return c;
  }

  private brokenComment(c: CommentXml, row: number, post: Post, rng: Rng): CommentXml {
    const variant = this.plan.rows.author[row] as number;
    c.content = commentText(rng, {
      topic: post.topic,
      interests: [],
      owner: this.world.owner.firstName,
      warm: false,
    });
    c.type = "comment";
    if (variant === 2) {
      c.ip = "192.0.2.1";
    } else {
      const guest = `guest${rng.int(1000, 9999)}`;
      c.author = `Guest ${guest.slice(5)}`;
      c.email = `${guest}@letterbox.example`;
      c.ip = "192.0.2.2";
      c.date = variant === 0 ? ZERO_DATE : "31/13/2021 25:61";
      c.dateGmt = ZERO_DATE;
    }
    this.counts.broken++;
    return c;
  }

  private record(p: Person, postIndex: number, at: number, face: Face, top: boolean): void {
    let s = this.stats.get(p.index);
    if (!s) {
      s = {
        comments: 0,
        replies: 0,
        answered: 0,
        posts: 0,
        firstAt: at,
        lastAt: at,
        names: new Set(),
        emails: new Set(),
        urls: new Set(),
      };
      this.stats.set(p.index, s);
    }
    if (top) s.comments++;
    else s.replies++;
    if (this.lastPost[p.index] !== postIndex) {
      this.lastPost[p.index] = postIndex;
      s.posts++;
    }
    s.firstAt = Math.min(s.firstAt, at);
    s.lastAt = Math.max(s.lastAt, at);
    s.names.add(face.name);
    if (face.email) s.emails.add(face.email);
    if (face.url) s.urls.add(face.url);
  }

  facts(): WxrFacts {
    const { rows, ids, sources } = this.plan;
    const { world } = this;
    const iso = (ms: number) => new Date(ms).toISOString();
    const owed = new Map<string, number[]>();
    const facts: WxrFacts = {
      blogUrl: world.owner.blogUrl,
      owed: [],
      pendingCommentIds: [],
      trashCommentIds: [],
      broken: [],
      jobAsks: [],
      dormant: [],
      introduction: {
        targetId: world.introduction.targetId,
        viaId: world.introduction.viaId,
        commentIds: [],
      },
      pingbacks: [],
      cdataSplits: this.cdataSplits,
      commenters: {},
    };
    const dormantTimes = new Map<number, number[]>();
    for (const row of this.plan.order) {
      const kind = rows.kind[row] as number;
      const flags = rows.flags[row] as number;
      const id = ids[row] as number;
      const author = rows.author[row] as number;
      if (kind === TOP && flags & OWED)
        owed.set(personId(author), [...(owed.get(personId(author)) ?? []), id]);
      if (kind === TOP && flags & PENDING) facts.pendingCommentIds.push(id);
      if (kind === TOP && flags & JOB_ASK)
        facts.jobAsks.push({ personId: personId(author), commentId: id });
      if (kind === TOP && this.world.people[author]?.role === "dormant") {
        dormantTimes.set(author, [...(dormantTimes.get(author) ?? []), rows.time[row] as number]);
      }
      if (kind === REPLY && flags & INTRO) facts.introduction.commentIds.push(id);
      if (kind === TRASH) facts.trashCommentIds.push(id);
      if (kind === BROKEN)
        facts.broken.push({ commentId: id, reason: author === 2 ? "no author" : "bad date" });
      if (kind === PINGBACK || kind === TRACKBACK) {
        const source = sources[author] as Outsider;
        const entry: WxrFacts["pingbacks"][number] = {
          commentId: id,
          type: kind === PINGBACK ? "pingback" : "trackback",
          url: source.url,
          self: source.self === true,
        };
        if (source.personIndex !== undefined) entry.personId = personId(source.personIndex);
        facts.pingbacks.push(entry);
      }
    }
    facts.owed = [...owed].map(([id, commentIds]) => ({ personId: id, commentIds }));
    for (const [index, times] of dormantTimes) {
      const gaps = times
        .slice(1)
        .map((t, k) => (t - (times[k] as number)) / DAY)
        .sort((a, b) => a - b);
      facts.dormant.push({
        personId: personId(index),
        comments: times.length,
        firstAt: iso(times[0] as number),
        lastAt: iso(times[times.length - 1] as number),
        medianGapDays: Math.round((gaps[Math.floor(gaps.length / 2)] ?? 0) * 10) / 10,
      });
    }
    const sorted = [...this.stats].sort(([a], [b]) => a - b);
    for (const [index, s] of sorted) {
      facts.commenters[personId(index)] = {
        comments: s.comments,
        replies: s.replies,
        answered: s.answered,
        posts: s.posts,
        firstAt: iso(s.firstAt),
        lastAt: iso(s.lastAt),
        names: [...s.names],
        emails: [...s.emails],
        urls: [...s.urls],
      };
    }
    return facts;
  }
}
