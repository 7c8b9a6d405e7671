/**
 * Plans the owner's blog for the WXR writer, before a byte is written: the posts, and every
 * comment as a compact row in typed arrays (time, post, author, kind, parent, flags) following
 * each person's role: IRL friends over years, dormant ones weekly then silent, growing ones more
 * and more often, the owed left unanswered, plus spam, pingbacks and broken records. Rows are
 * then sorted by time to get WordPress-like ids and bucketed by post. Text comes later.
 *
 * @example
 * const plan = planBlog(buildWorld({ people: 200 }), 151);
 * plan.rows.size; // comments of every kind
 */
import { kebab, slugPart } from "./lexicon.js";
import { londonTime, mysqlDate } from "./output.js";
import { createRng, type Rng } from "./random.js";
import { postTitle, spamAuthorName } from "./text.js";
import { INTERESTS, type Interest, OWNER_INTERESTS } from "./vocabulary.js";
import { DAY, HOUR, OWED_WINDOW_DAYS, type Person, type World } from "./world.js";

/** Row kinds. */
export const TOP = 0;
export const OWNER = 1;
export const REPLY = 2;
export const PINGBACK = 3;
export const TRACKBACK = 4;
export const SPAM = 5;
export const TRASH = 6;
export const BROKEN = 7;

/** Row flags, a bit set. */
export const PENDING = 1;
export const OWED = 2;
export const JOB_ASK = 4;
export const INTRO = 8;
export const FORMULA = 16;
export const FOLLOW_UP = 32;

/** WordPress 5.5 started writing `comment` instead of an empty `comment_type`. */
export const WP_55 = Date.UTC(2020, 7, 11);

/** Comments as columns of typed arrays: a few bytes each, whatever the text will be. */
export class Rows {
  size = 0;
  time = new Float64Array(1024);
  post = new Int32Array(1024);
  author = new Int32Array(1024);
  kind = new Uint8Array(1024);
  parent = new Int32Array(1024);
  ord = new Int32Array(1024);
  flags = new Uint8Array(1024);

  add(
    kind: number,
    time: number,
    post: number,
    author: number,
    parent = -1,
    ord = -1,
    flags = 0,
  ): number {
    if (this.size === this.time.length) this.grow();
    const i = this.size++;
    this.kind[i] = kind;
    this.time[i] = time;
    this.post[i] = post;
    this.author[i] = author;
    this.parent[i] = parent;
    this.ord[i] = ord;
    this.flags[i] = flags;
    return i;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const more = <T extends Float64Array | Int32Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.time = more(this.time, (n) => new Float64Array(n));
    this.post = more(this.post, (n) => new Int32Array(n));
    this.author = more(this.author, (n) => new Int32Array(n));
    this.kind = more(this.kind, (n) => new Uint8Array(n));
    this.parent = more(this.parent, (n) => new Int32Array(n));
    this.ord = more(this.ord, (n) => new Int32Array(n));
    this.flags = more(this.flags, (n) => new Uint8Array(n));
  }
}

export interface Post {
  id: number;
  at: number;
  topic: Interest;
  second: Interest;
  title: string;
  slug: string;
  link: string;
  blocks: boolean;
  trap: boolean;
}

export interface Outsider {
  name: string;
  email: string;
  url: string;
  ip: string;
  title?: string;
  topic?: Interest;
  personIndex?: number;
  self?: boolean;
}

export interface Plan {
  posts: Post[];
  rows: Rows;
  /** Row indices in time order. */
  order: Int32Array;
  /** Comment id of each row. */
  ids: Int32Array;
  /** Rows of post k are `byPost[start[k] .. start[k+1])`, in time order. */
  byPost: Int32Array;
  start: Int32Array;
  spammers: Outsider[];
  sources: Outsider[];
}

export function planBlog(world: World, postCount: number): Plan {
  const rng = createRng("wxr", world.seed);
  const posts = planPosts(world, Math.max(4, postCount), rng.fork("posts"));
  const rows = new Rows();
  const picker = new PostPicker(posts);
  planPeople(world, rows, picker, posts);
  const spammers = planSpam(world, rows, posts, rng.fork("spam"));
  const sources = planPings(world, rows, posts, rng.fork("pings"));
  planBroken(world, rows, posts, rng.fork("broken"));
  const order = sortByTime(rows);
  const ids = assignIds(order, rng.fork("ids"));
  const { byPost, start } = bucket(rows, order, posts.length);
  return { posts, rows, order, ids, byPost, start, spammers, sources };
}

const TOPIC_WEIGHTS: readonly (readonly [Interest, number])[] = [
  ["content-marketing", 35],
  ["analytics", 25],
  ["food", 20],
  ["volunteering", 15],
  ["design", 2],
  ["startups", 2],
  ["sustainability", 1],
];

function planPosts(world: World, count: number, rng: Rng): Post[] {
  const { owner, historyStart, referenceDate } = world;
  const span = referenceDate - 2 * DAY - historyStart;
  const slugs = new Set<string>();
  const posts: Post[] = [];
  let id = 10;
  let trapPlaced = false;
  for (let i = 0; i < count; i++) {
    const at = secondsOnly(historyStart + ((i + 0.5 + rng.float(-0.35, 0.35)) * span) / count);
    const topic = rng.weighted(TOPIC_WEIGHTS);
    let second = rng.pick(OWNER_INTERESTS);
    if (second === topic) second = rng.pick(INTERESTS.filter((x) => x !== topic));
    const title = postTitle(rng, topic, second, owner.homeCity);
    const base = slugOf(title, 60);
    let slug = base;
    for (let k = 2; slugs.has(slug); k++) slug = `${base}-${k}`;
    slugs.add(slug);
    const local = mysqlDate(londonTime(at));
    const link = `${owner.blogUrl}/${local.slice(0, 4)}/${local.slice(5, 7)}/${local.slice(8, 10)}/${slug}/`;
    const blocks = at > historyStart + 365 * DAY;
    const trap: boolean = !trapPlaced && blocks && topic === "analytics";
    trapPlaced ||= trap;
    posts.push({ id, at, topic, second, title, slug, link, blocks, trap });
    id += rng.int(1, 4);
  }
  const fallback = posts.find((p) => p.blocks) ?? posts[posts.length - 1];
  if (!trapPlaced && fallback) fallback.trap = true;
  return posts;
}

/** A WordPress-style slug, cut at a word boundary. */
function slugOf(title: string, max: number): string {
  const slug = kebab(title);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.slice(0, cut.lastIndexOf("-"));
}

export function secondsOnly(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

/** Readers comment on recent posts: one of those published in the 30 days before. */
class PostPicker {
  private readonly times: Float64Array;

  constructor(posts: readonly Post[]) {
    this.times = Float64Array.from(posts, (p) => p.at);
  }

  /** Index of the last post published before `t`, or -1. */
  latestBefore(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) < t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  recent(t: number, rng: Rng): number {
    const last = this.latestBefore(t);
    if (last <= 0) return Math.max(0, last);
    let first = last;
    while (first > 0 && (this.times[first - 1] as number) > t - 30 * DAY) first--;
    const back = Math.floor(rng.next() ** 2 * (last - first + 1));
    return last - back;
  }

  earliest(): number {
    return this.times[0] ?? 0;
  }
}

/** Roles whose comments are sometimes sent twice (the duplicate ends up in the trash). */
const DUPLICATES: ReadonlySet<string> = new Set(["irl", "growing", "dormant", "acquaintance"]);

const REPLY_RATE: Readonly<Record<string, number>> = {
  irl: 0.95,
  growing: 0.9,
  dormant: 0.88,
  acquaintance: 0.8,
  owed: 0.85,
  jobAsk: 1,
};

function planPeople(world: World, rows: Rows, picker: PostPicker, posts: readonly Post[]): void {
  const windowStart = world.referenceDate - OWED_WINDOW_DAYS * DAY;
  const irl = world.people.filter((p) => p.role === "irl");
  const via = world.people.find((p) => p.id === world.introduction.viaId);
  const viaRows: number[] = [];
  for (const p of world.people) {
    const rng = createRng("wxr-person", world.seed, p.index);
    const times = commentTimes(world, p, rng);
    times.forEach(({ at, flags }, ord) => {
      const t = Math.max(at, picker.earliest() + 2 * HOUR);
      const post = picker.recent(t, rng);
      const top = rows.add(TOP, t, post, p.index, -1, ord, flags);
      if (p === via && t > world.referenceDate - 500 * DAY && t < world.referenceDate - 10 * DAY) {
        viaRows.push(top);
      }
      planAnswers(world, rows, rng, p, top, windowStart);
      planPeerReply(world, rows, rng, p, top, irl);
      if (flags === 0 && DUPLICATES.has(p.role) && rng.chance(0.01))
        rows.add(TRASH, t + rng.int(30, 240) * 1000, post, p.index, top, ord);
    });
  }
  planFormulaComment(rows, posts, irl);
  planIntroduction(world, rows, viaRows);
}

interface CommentTime {
  at: number;
  flags: number;
}

/** When a person comments on the blog, following their role's rhythm. */
function commentTimes(world: World, p: Person, rng: Rng): CommentTime[] {
  const c = p.contact;
  if (!c) return [];
  const many = p.marks.includes("manyFaces");
  const ref = world.referenceDate;
  switch (p.role) {
    case "irl":
      return plain(stratified(rng, c.from, c.until, Math.max(rng.int(14, 44), many ? 14 : 0)));
    case "growing":
      return plain(rising(rng, c.from, c.until, Math.max(rng.int(7, 16), many ? 14 : 0)));
    case "dormant":
      return plain(weekly(rng, c.from, c.until));
    case "acquaintance": {
      const times = plain(stratified(rng, c.from, c.until, rng.int(1, 4)));
      const last = times[times.length - 1];
      if (last && p.marks.includes("pendingComment")) last.flags |= PENDING;
      return times;
    }
    case "owed": {
      const answered = plain(stratified(rng, c.from, ref - 120 * DAY, rng.int(1, 3)));
      const open = [c.until];
      if (rng.chance(0.5) && c.until - 2 * DAY > ref - 60 * DAY) {
        open.unshift(secondsOnly(rng.float(ref - 60 * DAY, c.until - 2 * DAY)));
      }
      return [...answered, ...open.map((at) => ({ at, flags: OWED }))];
    }
    case "jobAsk":
      return p.askChannel === "blog" ? [{ at: c.from, flags: JOB_ASK }] : [];
    default:
      return [];
  }
}

function plain(times: number[]): CommentTime[] {
  return times.map((at) => ({ at, flags: 0 }));
}

/** `count` times spread evenly with jitter over [from, until]; the last one is `until`. */
function stratified(rng: Rng, from: number, until: number, count: number): number[] {
  const span = until - from;
  const out: number[] = [];
  for (let k = 0; k < count - 1; k++)
    out.push(secondsOnly(from + ((k + rng.next()) * span) / count));
  out.push(until);
  return out;
}

/** Ever more often towards `until`. */
function rising(rng: Rng, from: number, until: number, count: number): number[] {
  const span = until - from;
  const out: number[] = [];
  for (let k = 0; k < count - 1; k++)
    out.push(secondsOnly(from + span * Math.sqrt((k + rng.next()) / count)));
  out.push(until);
  return out;
}

/** Once a week, give or take a day, from `from` to `until`. */
function weekly(rng: Rng, from: number, until: number): number[] {
  const weeks = Math.round((until - from) / (7 * DAY));
  const out: number[] = [];
  for (let k = 0; k < weeks; k++)
    out.push(secondsOnly(from + k * 7 * DAY + rng.float(-0.8, 0.8) * DAY));
  out.push(until);
  return out;
}

function planAnswers(
  world: World,
  rows: Rows,
  rng: Rng,
  p: Person,
  top: number,
  windowStart: number,
): void {
  const flags = rows.flags[top] as number;
  const t = rows.time[top] as number;
  if (flags & (PENDING | OWED)) return;
  const inWindow = t >= windowStart;
  if (!inWindow && !rng.chance(REPLY_RATE[p.role] ?? 0.8)) return;
  const post = rows.post[top] as number;
  const at = secondsOnly(Math.min(t + rng.float(1, 60) * HOUR, world.referenceDate - HOUR));
  const answer = rows.add(OWNER, at, post, -1, top);
  const chatty = p.role === "irl" || p.role === "growing";
  if (chatty && rng.chance(0.2) && at + 3 * DAY < windowStart) {
    rows.add(
      REPLY,
      secondsOnly(at + rng.float(2, 40) * HOUR),
      post,
      p.index,
      answer,
      -1,
      FOLLOW_UP,
    );
  }
}

/** Friends answer each other under the owner's posts. */
function planPeerReply(
  world: World,
  rows: Rows,
  rng: Rng,
  p: Person,
  top: number,
  irl: readonly Person[],
): void {
  if (p.role !== "irl" && p.role !== "growing" && p.role !== "dormant") return;
  if (!rng.chance(0.12)) return;
  const peer = rng.pick(irl);
  const t = rows.time[top] as number;
  const c = peer.contact;
  if (peer === p || !c || t < c.from || t > c.until) return;
  const at = secondsOnly(Math.min(t + rng.float(2, 96) * HOUR, world.referenceDate - HOUR));
  rows.add(REPLY, at, rows.post[top] as number, peer.index, top);
}

/** A friend quotes the planted formula back under the post that has it. */
function planFormulaComment(rows: Rows, posts: readonly Post[], irl: readonly Person[]): void {
  const k = posts.findIndex((p) => p.trap);
  const post = posts[k];
  if (!post) return;
  const friend = irl.find((p) => p.contact && p.contact.from <= post.at);
  if (!friend) return;
  const top = rows.add(TOP, post.at + DAY, k, friend.index, -1, -1, FORMULA);
  rows.add(OWNER, post.at + DAY + 3 * HOUR, k, -1, top);
}

/** The new person replies to the owner's friend, who answers: the path irl must find. */
function planIntroduction(world: World, rows: Rows, viaRows: readonly number[]): void {
  const target = world.people.find((p) => p.id === world.introduction.targetId);
  if (!target) return;
  const rng = createRng("wxr-intro", world.seed);
  viaRows.slice(-3).forEach((top, k) => {
    const t = rows.time[top] as number;
    const post = rows.post[top] as number;
    const at = secondsOnly(t + rng.float(3, 48) * HOUR);
    const reply = rows.add(REPLY, at, post, target.index, top, -1, INTRO);
    if (k === 0 || rng.chance(0.6)) {
      const via = rows.author[top] as number;
      rows.add(REPLY, secondsOnly(at + rng.float(2, 24) * HOUR), post, via, reply, -1, INTRO);
    }
  });
}

const SPAM_DOMAINS = [
  "bulk-offers.example",
  "seo-rocket.example",
  "promo-mailer.example",
  "quick-cash.example",
];

function planSpam(world: World, rows: Rows, posts: readonly Post[], rng: Rng): Outsider[] {
  const n = world.people.length;
  const count = Math.max(12, Math.round(n * 0.12));
  const spammers: Outsider[] = [];
  const emails = new Set<string>();
  for (let k = 0; k < Math.max(6, Math.ceil(count / 3)); k++) {
    const name = spamAuthorName(rng);
    let email = `${slugPart(name).slice(0, 12)}${rng.int(10, 9999)}@${rng.pick(SPAM_DOMAINS)}`;
    while (emails.has(email)) email = `x${email}`;
    emails.add(email);
    const url = `https://${kebab(name)}-${rng.int(1, 999)}.example/`;
    spammers.push({ name, email, url, ip: `203.0.113.${rng.int(100, 254)}` });
  }
  const ref = world.referenceDate;
  const times = Float64Array.from(posts, (p) => p.at);
  for (let k = 0; k < count; k++) {
    const at = secondsOnly(
      rng.float(Math.max(ref - 3 * 365 * DAY, (times[0] ?? 0) + DAY), ref - HOUR),
    );
    let published = 0;
    while (published < times.length && (times[published] as number) < at) published++;
    const post = rng.int(0, Math.max(0, published - 1));
    rows.add(SPAM, at, post, rng.int(0, spammers.length - 1));
  }
  return spammers;
}

const OTHER_BLOGS: readonly (readonly [string, string])[] = [
  ["The Marketing Allotment", "marketing-allotment.example"],
  ["Crumbs & Metrics", "crumbs-and-metrics.example"],
  ["Good Deeds Weekly", "gooddeedsweekly.example"],
  ["The Ferment Files", "fermentfiles.example"],
  ["Small Data Diaries", "smalldatadiaries.example"],
  ["Northern Content Club", "northerncontent.example"],
  ["Volunteer Ops", "volunteerops.example"],
];

function planPings(world: World, rows: Rows, posts: readonly Post[], rng: Rng): Outsider[] {
  const n = world.people.length;
  const ref = world.referenceDate;
  const sources: Outsider[] = [];
  const linkers = world.people.filter(
    (p) => p.site && (p.role === "irl" || p.role === "growing" || p.role === "dormant"),
  );
  const add = (kind: number, target: number, source: Outsider, at: number) => {
    sources.push(source);
    rows.add(kind, secondsOnly(Math.min(at, ref - HOUR)), target, sources.length - 1);
  };
  for (let k = 0; k < 2 && posts.length > 3; k++) {
    const from = posts[posts.length - 1 - k * 2] as Post;
    const target = rng.int(0, posts.length - 4);
    const self = { name: from.title, email: "", url: from.link, ip: "203.0.113.10", self: true };
    add(PINGBACK, target, self, from.at + 5 * 60_000);
  }
  const pingbacks = Math.max(4, Math.round(n * 0.015));
  const trackbacks = Math.max(2, Math.round(n * 0.004));
  for (let k = 0; k < pingbacks + trackbacks; k++) {
    const kind = k < pingbacks ? PINGBACK : TRACKBACK;
    const target = rng.int(0, posts.length - 1);
    const post = posts[target] as Post;
    const at = post.at + rng.float(0.5, 90) * DAY;
    const person =
      kind === PINGBACK && linkers.length > 0 && rng.chance(0.4) ? rng.pick(linkers) : undefined;
    const topic = person?.interests[0] ?? post.topic;
    const title = postTitle(rng, topic, post.topic, world.owner.homeCity);
    const slug = slugOf(title, 50);
    const local = mysqlDate(at);
    const base = person?.site ?? `https://${rng.pick(OTHER_BLOGS)[1]}/`;
    const blogName = person ? (person.nickname ?? person.fullName) : rng.pick(OTHER_BLOGS)[0];
    const url = `${base}${local.slice(0, 4)}/${local.slice(5, 7)}/${slug}/`;
    const name = kind === PINGBACK ? `${title} – ${blogName}` : blogName;
    const source: Outsider = {
      name,
      email: "",
      url,
      ip: person?.ip ?? `192.0.2.${rng.int(1, 254)}`,
      title,
      topic,
    };
    if (person) source.personIndex = person.index;
    add(kind, target, source, at);
  }
  return sources;
}

function planBroken(world: World, rows: Rows, posts: readonly Post[], rng: Rng): void {
  const count = 3 + Math.floor(world.people.length / 50000);
  for (let k = 0; k < count; k++) {
    const target = rng.int(0, posts.length - 1);
    const at = secondsOnly((posts[target] as Post).at + rng.float(1, 20) * DAY);
    rows.add(BROKEN, Math.min(at, world.referenceDate - HOUR), target, k % 3);
  }
}

function sortByTime(rows: Rows): Int32Array {
  const order = new Int32Array(rows.size);
  for (let i = 0; i < rows.size; i++) order[i] = i;
  const time = rows.time;
  order.sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
  return order;
}

/** Ids grow with time, with the small gaps deleted comments leave. */
function assignIds(order: Int32Array, rng: Rng): Int32Array {
  const ids = new Int32Array(order.length);
  let id = 1;
  for (const row of order) {
    ids[row] = id;
    id += rng.chance(0.04) ? rng.int(2, 6) : 1;
  }
  return ids;
}

function bucket(
  rows: Rows,
  order: Int32Array,
  postCount: number,
): { byPost: Int32Array; start: Int32Array } {
  const start = new Int32Array(postCount + 1);
  for (let i = 0; i < rows.size; i++) {
    const k = (rows.post[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let k = 0; k < postCount; k++)
    start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, postCount);
  const byPost = new Int32Array(rows.size);
  for (const row of order) {
    const k = rows.post[row] as number;
    byPost[fill[k] as number] = row;
    fill[k] = (fill[k] as number) + 1;
  }
  return { byPost, start };
}
