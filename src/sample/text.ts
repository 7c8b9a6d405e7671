/**
 * Prose for the sample world, built from templates filled with interest-cluster vocabulary:
 * post titles and bodies in the owner's voice, readers' comments, the owner's replies, job
 * requests, spam, pingback excerpts and the job opening. Every function takes the generator it
 * draws from, so the same seed gives the same words.
 *
 * @example
 * const rng = createRng("demo");
 * commentText(rng, { topic: "food", interests: ["analytics"], owner: "Robin", warm: true });
 */
import type { Rng } from "./random.js";
import { CLUSTERS, type Interest } from "./vocabulary.js";

// biome-ignore format: word lists read better packed
const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
];

interface PostSlots {
  t: string;
  t2: string;
  u: string;
  a: string;
  b: string;
  month: string;
  n: number;
  city: string;
}

function postSlots(rng: Rng, main: Interest, second: Interest, city: string): PostSlots {
  const m = CLUSTERS[main];
  const s = CLUSTERS[second];
  const t = rng.pick(m.terms);
  let t2 = rng.pick(m.terms);
  if (t2 === t) t2 = rng.pick(s.terms);
  return {
    t,
    t2,
    u: rng.pick(s.terms),
    a: rng.pick(m.activities),
    b: rng.pick(s.activities),
    month: rng.pick(MONTHS),
    n: rng.int(3, 12),
    city,
  };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TITLES: readonly ((s: PostSlots) => string)[] = [
  (s) => `${s.n} things ${s.a} taught me about ${s.t}`,
  (s) => `What ${s.t} and ${s.u} have in common`,
  (s) => `Why I stopped worrying about ${s.t}`,
  (s) => `Notes from ${s.a}`,
  (s) => `A field guide to ${s.t}`,
  (s) => `The case for ${s.t} (and against ${s.t2})`,
  (s) => `${cap(s.t)}, ${s.u} and the art of the follow-up`,
  (s) => `Lessons from a year of ${s.t}`,
  (s) => `${cap(s.t)}: overrated?`,
  (s) => `${cap(s.t)}: a beginner's checklist`,
  (s) => `On ${s.t}, ${s.u} & showing up`,
  (s) => `Small bets: ${s.t} in practice`,
  (s) => `${cap(s.a)}: what I learned`,
  (s) => `Before you start with ${s.t}, read this`,
  (s) => `The quiet power of ${s.t}`,
  (s) => `${cap(s.t)} in ${s.city}: a ${s.month} diary`,
];

export function postTitle(rng: Rng, main: Interest, second: Interest, city: string): string {
  return rng.pick(TITLES)(postSlots(rng, main, second, city));
}

const SENTENCES: readonly ((s: PostSlots) => string)[] = [
  (s) => `Last ${s.month} I spent a week ${s.a}, and it changed how I think about ${s.t}.`,
  (s) => `The short version: don't do ${s.t} without ${s.t2}.`,
  (s) =>
    `Most teams treat ${s.t} as a box to tick; the ones that win treat it as a conversation with real people.`,
  (s) =>
    `Here is what I'd tell anyone starting out with ${s.t}: start small, write things down and ask for feedback early.`,
  (s) => `A reader asked me about ${s.t} after my last post, so this one is for them.`,
  (s) =>
    `When we tried ${s.a}, the numbers looked flat for a month, and then the work on ${s.t2} started to pay off.`,
  (s) => `I keep coming back to ${s.u}, which sounds unrelated but isn't.`,
  (s) =>
    `There is a version of ${s.t} that is all dashboards and no people, and I want nothing to do with it.`,
  (s) => `If you only do one thing this quarter, make it ${s.t}.`,
  (s) =>
    `The best conversations I had at the last meetup in ${s.city} were about ${s.t} and ${s.u}.`,
  (s) =>
    `We measured it twice: about ${s.n * 5} per cent of the effect came from ${s.t2}, not from ${s.t}.`,
  (s) => `None of this is new, but writing it down helps me put ${s.t} in context.`,
  (s) => `My rule of thumb is simple: anything I do for ${s.t} has to make someone's week easier.`,
  (s) => `It took me ${s.n} attempts to get ${s.t} right, and I'm still not sure I have.`,
  (s) => `Between ${s.a} and ${s.b}, this has been a busy month.`,
  (s) => `People underestimate how much you learn about ${s.t} from ${s.u}.`,
  (s) => `I asked ${s.n} friends how they handle ${s.t}; no two answers were alike.`,
  (s) =>
    `The spreadsheet said one thing, the people in the room said another, and the people were right about ${s.t2}.`,
  (s) =>
    `What surprised me most was how quickly ${s.t} turned into a habit once we had ${s.t2} sorted.`,
  (s) =>
    `So here is my plan for the next few weeks: more ${s.t}, less ${s.t2}, and a lot more listening.`,
  (s) =>
    `Someone at the ${s.u} table asked whether you can scale ${s.t}; my honest answer is that relationships don't scale, and that's the point.`,
  (s) => `I wrote a Q&amp;A about ${s.t} a while ago and most of it still holds.`,
  (s) => `If you're in ${s.city} and into ${s.u}, come and say hello.`,
  (s) =>
    `The hardest part of ${s.a} is not the work itself but following up with the people you met.`,
  (s) => `A small confession: I used to dismiss ${s.t} as a buzzword.`,
  (s) => `Every time I try ${s.b}, I come back with better ideas for ${s.t}.`,
  (s) => `Nobody remembers the slide deck; they remember who listened to them about ${s.t}.`,
  (s) =>
    `Quality beats quantity here too: one good chat about ${s.t2} is worth forty business cards.`,
];

const HEADINGS: readonly ((s: PostSlots) => string)[] = [
  (s) => `Why I care about ${s.t}`,
  () => "What we tried",
  () => "What I'd do differently",
  (s) => `The ${s.u} connection`,
  (s) => `Where ${s.t2} fits`,
  () => "A short checklist",
  () => "What's next",
];

const LIST_ITEMS: readonly ((s: PostSlots) => string)[] = [
  (s) => `Start with ${s.t}, not with tools.`,
  (s) => `Write down one thing you learned from ${s.a}.`,
  (s) => `Ask one person about ${s.u} this week.`,
  (s) => `Measure ${s.t2} before and after.`,
  () => "Follow up within two days.",
  (s) => `Keep a short list of people who care about ${s.t}.`,
  () => "Say thank you in public, and ask for favours in private.",
];

const CLOSINGS: readonly ((s: PostSlots) => string)[] = [
  () => "What would you add? Tell me in the comments, I read every one.",
  (s) => `If this was useful, pass it on to someone who is wrestling with ${s.t}.`,
  (s) => `More on ${s.u} next week.`,
  () => "As always, the comments are open and I'll answer everyone.",
];

/** The spreadsheet formula planted in one post: its text contains `]]>`. */
export const CDATA_TRAP_FORMULA = "=IF(Visits[[#This Row],[Sessions]]>0,1,0)";

export interface PostBodyOptions {
  main: Interest;
  second: Interest;
  city: string;
  /** Gutenberg block markup (newer posts) or classic HTML (older ones). */
  blocks: boolean;
  /** Plant a formula whose text contains `]]>`. */
  trap: boolean;
  /** A link to an earlier post, when there is one. */
  earlier?: { url: string; title: string };
}

/** A post body of several paragraphs, roughly 2–6 KB of HTML. */
export function postBody(rng: Rng, o: PostBodyOptions): string {
  const s = () => postSlots(rng, o.main, o.second, o.city);
  const out: string[] = [];
  const para = (text: string) =>
    out.push(o.blocks ? `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->` : text);
  const heading = (text: string) =>
    out.push(
      o.blocks
        ? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${text}</h2>\n<!-- /wp:heading -->`
        : `<h2>${text}</h2>`,
    );
  const deck = new Deck(rng, SENTENCES);
  const paragraph = () => {
    const count = rng.int(3, 6);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(deck.draw()(s()));
    return parts.join(" ");
  };
  para(paragraph());
  if (o.earlier) {
    para(
      `I touched on this in <a href="${o.earlier.url}">${o.earlier.title}</a>, but there is more to say.`,
    );
  }
  const headings = new Deck(rng, HEADINGS);
  const sections = rng.int(2, 4);
  for (let k = 0; k < sections; k++) {
    heading(headings.draw()(s()));
    const paras = rng.int(1, 3);
    for (let i = 0; i < paras; i++) para(paragraph());
    if (k === 0 && o.trap) {
      para(
        `My favourite formula this month is <code>${CDATA_TRAP_FORMULA}</code>: it flags every row that had at least one session, and nothing else.`,
      );
    }
    if (rng.chance(0.35)) out.push(list(rng, s(), o.blocks));
  }
  para(rng.pick(CLOSINGS)(s()));
  return out.join("\n\n");
}

/** Draws items without repeats until all have been used, then starts a new shuffled round. */
class Deck<T> {
  private order: T[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly items: readonly T[],
  ) {}

  draw(): T {
    if (this.order.length === 0) this.order = this.rng.shuffle(this.items.slice());
    return this.order.pop() as T;
  }
}

function list(rng: Rng, s: PostSlots, blocks: boolean): string {
  const items = rng.sample(LIST_ITEMS, rng.int(3, 5)).map((f) => f(s));
  if (!blocks) return `<ul>\n\t<li>${items.join("</li>\n\t<li>")}</li>\n</ul>`;
  const li = items.map((text) => `<!-- wp:list-item -->\n<li>${text}</li>\n<!-- /wp:list-item -->`);
  return `<!-- wp:list -->\n<ul class="wp-block-list">${li.join("\n\n")}</ul>\n<!-- /wp:list -->`;
}

/** The owner's about page. */
export function aboutText(o: {
  name: string;
  city: string;
  destination: string;
  interests: readonly Interest[];
}): string {
  const labels = o.interests.map((i) => CLUSTERS[i].label.toLowerCase());
  return [
    `<!-- wp:paragraph -->\n<p>Hi, I'm ${o.name}. I write about ${labels.slice(0, -1).join(", ")} and ${labels.at(-1) ?? ""}, and about the people I meet along the way.</p>\n<!-- /wp:paragraph -->`,
    `<!-- wp:paragraph -->\n<p>I live in ${o.city} for now; early next year I'm moving to ${o.destination}. If you're there, say hello.</p>\n<!-- /wp:paragraph -->`,
  ].join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// Comments

interface CommentSlots {
  p: string;
  i: string;
  a: string;
  owner: string;
}

function commentSlots(
  rng: Rng,
  topic: Interest,
  interests: readonly Interest[],
  owner: string,
): CommentSlots {
  const own = CLUSTERS[interests.length > 0 ? rng.pick(interests) : topic];
  return {
    p: rng.pick(CLUSTERS[topic].terms),
    i: rng.pick(own.terms),
    a: rng.pick(own.activities),
    owner,
  };
}

// biome-ignore format: word lists read better packed
const OPENERS = [
  "Great post!", "Love this.", "This resonates.", "Thanks for writing this up.", "Ha, this is so true.",
  "Bookmarking this.", "Interesting take.", "Really useful, thank you.", "", "",
];

const BODIES: readonly ((s: CommentSlots) => string)[] = [
  (s) => `We've been ${s.a} and the lesson was the same: you need patience with ${s.p}.`,
  (s) =>
    `At work we tried something similar with ${s.i}, and it only clicked once we talked to actual people.`,
  (s) => `Your point about ${s.p} is spot on; I'd add ${s.i} to the list.`,
  (s) => `I've been ${s.a} for a while now and it keeps teaching me about ${s.p}.`,
  (s) => `Funny timing: I was just writing about ${s.i} on my blog.`,
  (s) => `The bit about ${s.p} made me rethink how we handle ${s.i}.`,
  (s) => `Not sure I agree on ${s.p}, to be honest; in my experience ${s.i} matters more.`,
  (s) => `We saw the same with ${s.i} last year, almost to the week.`,
  (s) => `Sharing this with my team, we're knee-deep in ${s.p} right now.`,
  (s) => `This is why I keep ${s.a}: it makes ${s.p} feel less abstract.`,
];

const QUESTIONS: readonly ((s: CommentSlots) => string)[] = [
  (s) => `How do you handle ${s.p} when the budget is tiny?`,
  (s) => `Do you have a template for ${s.p}?`,
  (s) => `Any reading you'd recommend on ${s.i}?`,
  (s) => `Would you do ${s.p} differently for a small charity?`,
];

const WARM: readonly ((s: CommentSlots) => string)[] = [
  (s) => `Coffee next week to swap notes on ${s.i}?`,
  () => "See you on Thursday!",
  (s) => `${s.owner}, you owe me a walk and a long chat about this.`,
  () => "Say hi to everyone at the meetup for me.",
];

const SIGNOFFS = ["Cheers!", "Thanks again.", "🙌", "x", "", "", "", "Keep them coming!"];

export interface CommentOptions {
  topic: Interest;
  interests: readonly Interest[];
  owner: string;
  /** Friends write warmer, more personal comments. */
  warm: boolean;
}

export function commentText(rng: Rng, o: CommentOptions): string {
  const s = commentSlots(rng, o.topic, o.interests, o.owner);
  const parts = [rng.pick(OPENERS), rng.pick(BODIES)(s)];
  if (rng.chance(0.45))
    parts.push(rng.pick(BODIES)(commentSlots(rng, o.topic, o.interests, o.owner)));
  if (rng.chance(0.3)) parts.push(rng.pick(QUESTIONS)(s));
  if (o.warm && rng.chance(0.4)) parts.push(rng.pick(WARM)(s));
  parts.push(rng.pick(SIGNOFFS));
  return parts.filter((x) => x !== "").join(" ");
}

/** A reader quoting the planted formula back (contains `]]>`). */
export function formulaComment(owner: string): string {
  return `${owner}, small fix: I'd write it as <code>${CDATA_TRAP_FORMULA.replace(",1,0)", ',"yes","")')}</code> so the blanks stay blank.`;
}

const OWNER_REPLIES: readonly ((name: string, s: CommentSlots) => string)[] = [
  (n, s) => `Thanks, ${n}! Good call on ${s.i}, I hadn't thought of it that way.`,
  (n, s) => `${n}, good question. I'd start with ${s.p} and keep it small for the first month.`,
  (n, s) => `Ha, thank you ${n}. Let's grab a coffee and compare notes on ${s.i}.`,
  (n, s) => `Appreciate it, ${n}! I'll write a follow-up on ${s.p} soon.`,
  (n, s) =>
    `Fair challenge, ${n}. You're right that ${s.i} matters; I just think ${s.p} comes first.`,
  (n, s) => `${n}, always good to hear from you. Send me your post on ${s.i}!`,
  (n) => `Thanks ${n}! Glad it was useful.`,
];

export function ownerReplyText(
  rng: Rng,
  name: string,
  topic: Interest,
  interests: readonly Interest[],
): string {
  return rng.pick(OWNER_REPLIES)(name, commentSlots(rng, topic, interests, ""));
}

const FOLLOW_UPS: readonly ((owner: string, s: CommentSlots) => string)[] = [
  (o, s) => `Will do, ${o}! I'll report back on ${s.p}.`,
  () => "Deal, coffee is on me.",
  () => "Thanks, that helps a lot.",
  (_o, s) => `Ha, fair enough. Let's argue about ${s.i} in person :)`,
];

export function followUpText(
  rng: Rng,
  owner: string,
  topic: Interest,
  interests: readonly Interest[],
): string {
  return rng.pick(FOLLOW_UPS)(owner, commentSlots(rng, topic, interests, owner));
}

const READER_REPLIES: readonly ((name: string, s: CommentSlots) => string)[] = [
  (n, s) => `@${n} +1 on ${s.i}. We learned that the hard way.`,
  (n, s) => `${n}, we should compare notes on ${s.p} sometime.`,
  (n, s) => `Agree with ${n} here, and I'd add ${s.i} to that.`,
  (n, s) => `${n}, I tried that with ${s.p} and it worked better than expected.`,
];

export function readerReplyText(
  rng: Rng,
  name: string,
  topic: Interest,
  interests: readonly Interest[],
): string {
  return rng.pick(READER_REPLIES)(name, commentSlots(rng, topic, interests, ""));
}

const JOB_ASKS: readonly ((owner: string, field: string) => string)[] = [
  (o, f) =>
    `Hi ${o}, I've been reading your blog for a while. Is your team hiring? I'm looking for a role in ${f} and would love to send you my CV.`,
  (_o, f) =>
    `Hello! Sorry to post this here, but do you know of any openings in ${f}? I'm relocating and would really appreciate any leads.`,
  (o, f) =>
    `Great blog, ${o}. Are you hiring for ${f} at the moment? Happy to send my portfolio over.`,
];

export function jobAskText(rng: Rng, owner: string, interest: Interest): string {
  return rng.pick(JOB_ASKS)(owner, CLUSTERS[interest].label.toLowerCase());
}

export function jobAskReplyText(rng: Rng, name: string): string {
  return rng.pick([
    `Thanks for reaching out, ${name}. Nothing open on my side right now, but I'll keep you in mind.`,
    `Hi ${name}, best to e-mail me directly. No promises, though!`,
  ]);
}

/** The new person answering the owner's friend, under the friend's comment. */
export function introReplyText(rng: Rng, via: string, event: string, topic: Interest): string {
  const term = rng.pick(CLUSTERS[topic].terms);
  return rng.pick([
    `${via}, this is exactly what we were saying over dinner about ${term}. See you at ${event}?`,
    `Agree with ${via} on ${term}. We should all meet at ${event}.`,
    `${via}! Still thinking about our ${term} chat. Are you going to ${event}?`,
  ]);
}

export function introAnswerText(rng: Rng, name: string, owner: string): string {
  return rng.pick([
    `${name}, yes! And ${owner}, you two should finally meet.`,
    `Wouldn't miss it, ${name}. Saving you a seat.`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Spam, pingbacks, the opening

// biome-ignore format: word lists read better packed
const SPAM_GOODS = [
  "cheap backlinks", "crypto signals", "replica watches", "essay writing", "fast payday loans",
  "instagram followers", "keto pills", "casino bonuses", "VPN deals", "SEO packages",
];

export function spamAuthorName(rng: Rng): string {
  const goods = rng.pick(SPAM_GOODS);
  return rng.pick([
    `Best ${goods}`,
    `${cap(goods)} ${rng.int(2019, 2026)}`,
    `Buy ${goods} online`,
    `${cap(goods)} UK`,
  ]);
}

export function spamText(rng: Rng, url: string): string {
  const goods = rng.pick(SPAM_GOODS);
  return rng.pick([
    `Great article! For the best ${goods} visit <a href="${url}">${url}</a>`,
    `Nice blog. I make $${rng.int(300, 900)} a day working from home, see <a href="${url}">here</a>!!!`,
    `Hello webmaster, your site could rank higher. We offer ${goods} at 50% off. ${url}`,
    `Very informative post, thanks for sharing. ${cap(goods)}: ${url}`,
  ]);
}

export function excerptText(rng: Rng, topic: Interest, owner: string): string {
  const term = rng.pick(CLUSTERS[topic].terms);
  return rng.pick([
    `${owner} has a good piece on ${term} this week, and it got me thinking`,
    `as I read in a post about ${term} recently, the trick is to start small`,
    `there's a thoughtful write-up on ${term} that I keep sending to people`,
  ]);
}

export function openingText(
  rng: Rng,
  o: { organisation: string; title: string; city: string },
): string {
  const a = CLUSTERS.analytics;
  const v = CLUSTERS.volunteering;
  const [a1, a2, a3] = rng.sample(a.terms, 3);
  const [va1, va2] = rng.sample(v.activities, 2);
  const [v1, v2] = rng.sample(v.terms, 2);
  return [
    `${o.title} — ${o.organisation}, ${o.city} (hybrid)`,
    "",
    `${o.organisation} runs a network of food banks and community kitchens. We are looking for someone who lives where analytics meets volunteering: who can own our ${a1} and ${a2}, and who knows first-hand what ${va1} or ${va2} takes.`,
    "",
    "You will:",
    `- build the ${a3} that tells us which campaigns bring in volunteers and donors;`,
    `- measure volunteer retention and donor journeys with cohort analysis and clear dashboards;`,
    `- turn the numbers into decisions about ${v1} and ${v2};`,
    "- work with the content team on impact reports that people actually read.",
    "",
    "You have several years in marketing analytics (SQL, attribution, A/B testing) and hands-on volunteering experience, ideally in a nonprofit or community organisation.",
  ].join("\n");
}
