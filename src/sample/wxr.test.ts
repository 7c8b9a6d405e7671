import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWellFormed, type ParsedComment, type ParsedWxr, readWxr } from "./testing.js";
import { CDATA_TRAP_FORMULA } from "./text.js";
import { buildWorld, DAY, OWED_WINDOW_DAYS, type Person } from "./world.js";
import { type WxrCounts, type WxrResult, writeWxr } from "./wxr.js";

/** The whole suite runs on several worlds: the default one, the smallest, a larger one. */
const WORLDS = [
  { seed: 1, people: 200 },
  { seed: 5, people: 60 },
  { seed: 9, people: 1500 },
];

for (const { seed, people } of WORLDS) suite(seed, people);

function suite(seed: number, people: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-wxr-"));
  const world = buildWorld({ seed, people });
  let result: WxrResult;
  let xml: string;
  let wxr: ParsedWxr;

  const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const gmt = (c: ParsedComment) => Date.parse(`${c.dateGmt.replace(" ", "T")}Z`);
  const isOwner = (c: ParsedComment) => c.userId === world.owner.authorId;
  const isReader = (c: ParsedComment) =>
    !isOwner(c) &&
    c.type !== "pingback" &&
    c.type !== "trackback" &&
    ["1", "0"].includes(c.approved);
  const isBroken = (c: ParsedComment) =>
    Number.isNaN(gmt(c)) || c.dateGmt.startsWith("0000") || (!c.author && !c.email && !c.url);
  const emailsOf = (p: Person) =>
    [p.emails.personal, p.emails.work].filter((e): e is string => !!e);
  const peopleWith = (role: string) => world.people.filter((p) => p.role === role);

  /** Top-level comments by a person, found by any of their addresses. */
  function topLevelBy(p: Person): ParsedComment[] {
    const emails = new Set(emailsOf(p));
    return wxr.comments.filter(
      (c) => emails.has(c.email) && c.parent === 0 && isReader(c) && !isBroken(c),
    );
  }

  function ownerAnswered(): Set<number> {
    return new Set(wxr.comments.filter(isOwner).map((c) => c.parent));
  }

  function countParsed(
    comments: readonly ParsedComment[],
  ): Omit<WxrCounts, "posts" | "pages" | "drafts"> {
    const c = {
      comments: 0,
      replies: 0,
      ownerReplies: 0,
      pingbacks: 0,
      trackbacks: 0,
      pending: 0,
      spam: 0,
      trash: 0,
      broken: 0,
    };
    for (const x of comments) {
      if (x.approved === "spam") c.spam++;
      else if (x.approved === "trash") c.trash++;
      else if (isBroken(x)) c.broken++;
      else if (x.type === "pingback") c.pingbacks++;
      else if (x.type === "trackback") c.trackbacks++;
      else if (isOwner(x)) c.ownerReplies++;
      else if (x.parent !== 0) c.replies++;
      else {
        c.comments++;
        if (x.approved === "0") c.pending++;
      }
    }
    return c;
  }

  beforeAll(async () => {
    result = writeWxr(world, path.join(dir, "blog.wxr.xml"));
    xml = fs.readFileSync(result.path, "utf8");
    wxr = await readWxr(result.path);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe(`writeWxr: the file (seed ${seed}, ${people} people)`, () => {
    it("is byte-identical for the same seed and differs for another seed or date", () => {
      const again = writeWxr(buildWorld({ seed, people }), path.join(dir, "again.xml"));
      expect(sha(again.path)).toBe(sha(result.path));
      const other = writeWxr(buildWorld({ seed: seed + 1, people }), path.join(dir, "other.xml"));
      expect(sha(other.path)).not.toBe(sha(result.path));
      const later = writeWxr(
        buildWorld({ seed, people, referenceDate: "2027-03-01T00:00:00Z" }),
        path.join(dir, "later.xml"),
      );
      expect(sha(later.path)).not.toBe(sha(result.path));
    });

    it("is well-formed XML", () => {
      expect(checkWellFormed(xml)).toEqual([]);
      expect(wxr.items.length).toBeGreaterThan(0);
    });

    it("catches broken XML (the checker itself)", () => {
      expect(checkWellFormed("<a><b></a></b>")).not.toEqual([]);
      expect(checkWellFormed("<a>fish & chips</a>")).not.toEqual([]);
      expect(checkWellFormed("<a><![CDATA[x]]>]]></a>")).not.toEqual([]);
      expect(checkWellFormed("<a>x</a><b/>")).not.toEqual([]);
    });

    it("reports the bytes on disk", () => {
      expect(result.bytes).toBe(fs.statSync(result.path).size);
    });

    it("has the WXR 1.2 header WordPress writes", () => {
      expect(wxr.rootAttributes).toEqual({
        version: "2.0",
        "xmlns:excerpt": "http://wordpress.org/export/1.2/excerpt/",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:wfw": "http://wellformedweb.org/CommentAPI/",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:wp": "http://wordpress.org/export/1.2/",
      });
      expect(wxr.version).toBe("1.2");
      expect(wxr.baseSiteUrl).toBe(world.owner.blogUrl);
      expect(wxr.baseBlogUrl).toBe(world.owner.blogUrl);
      expect(wxr.link).toBe(world.owner.blogUrl);
      expect(wxr.authors).toEqual([
        {
          id: "1",
          login: world.owner.login,
          email: world.owner.emails.blog,
          display_name: world.owner.name,
          first_name: world.owner.firstName,
          last_name: world.owner.lastName,
        },
      ]);
    });

    it("returns counts that match what a parser finds", () => {
      const posts = wxr.items.filter((i) => i.type === "post" && i.status === "publish");
      expect(result.counts.posts).toBe(posts.length);
      expect(result.counts.pages).toBe(wxr.items.filter((i) => i.type === "page").length);
      expect(result.counts.drafts).toBe(wxr.items.filter((i) => i.status === "draft").length);
      const { posts: _p, pages: _g, drafts: _d, ...rest } = result.counts;
      expect(countParsed(wxr.comments)).toEqual(rest);
      const total = Object.values(rest).reduce((a, b) => a + b, 0) - rest.pending;
      expect(wxr.comments).toHaveLength(total);
    });

    it("has something of every kind", () => {
      for (const [key, value] of Object.entries(result.counts))
        expect(value, key).toBeGreaterThan(0);
      expect(result.counts.broken).toBe(3 + Math.floor(people / 50000));
    });

    it("writes posts of realistic length with interest words", () => {
      const posts = wxr.items.filter((i) => i.type === "post" && i.status === "publish");
      const sizes = posts.map((p) => Buffer.byteLength(p.content)).sort((a, b) => a - b);
      expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThan(2000);
      expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(6500);
      expect(
        posts.filter((p) =>
          /newsletter|dashboards|sourdough|food bank|attribution|SQL/i.test(p.content),
        ).length,
      ).toBeGreaterThan(posts.length / 4);
    });

    it("keeps ids unique and threads inside their post, children after parents", () => {
      const byId = new Map(wxr.comments.map((c) => [c.id, c]));
      expect(byId.size).toBe(wxr.comments.length);
      for (const c of wxr.comments) {
        if (c.parent === 0) continue;
        const parent = byId.get(c.parent);
        expect(parent?.postId).toBe(c.postId);
        expect(gmt(c)).toBeGreaterThan(gmt(parent as ParsedComment));
      }
    });

    it("marks the owner's replies with the author id and nobody else's", () => {
      for (const c of wxr.comments) {
        if (c.email === world.owner.emails.blog) expect(c.userId).toBe(1);
        else expect(c.userId).toBe(0);
      }
      expect(wxr.comments.filter(isOwner).every((c) => c.parent !== 0)).toBe(true);
    });

    it("writes local times an hour ahead of GMT in summer only", () => {
      for (const c of wxr.comments.filter((x) => !isBroken(x))) {
        const shift = Date.parse(`${c.date.replace(" ", "T")}Z`) - gmt(c);
        expect([0, 3_600_000]).toContain(shift);
      }
    });

    it("never writes a time after the reference date", () => {
      for (const c of wxr.comments.filter((x) => !isBroken(x)))
        expect(gmt(c)).toBeLessThan(world.referenceDate);
    });

    it("splits CDATA around ]]> and keeps the text intact", () => {
      expect(xml).toContain("]]]]><![CDATA[>");
      expect(result.facts.cdataSplits).toBeGreaterThanOrEqual(2);
      expect(wxr.items.some((i) => i.content.includes(CDATA_TRAP_FORMULA))).toBe(true);
      expect(wxr.comments.some((c) => c.content.includes("]]>"))).toBe(true);
    });

    it("writes a few broken records, each still well-formed", () => {
      const broken = wxr.comments.filter(isBroken);
      expect(broken.map((c) => c.id).sort()).toEqual(
        result.facts.broken.map((b) => b.commentId).sort(),
      );
      expect(broken.filter((c) => c.dateGmt === "0000-00-00 00:00:00")).toHaveLength(2);
      expect(broken.some((c) => Number.isNaN(Date.parse(c.date.replace(" ", "T"))))).toBe(true);
      expect(broken.filter((c) => !c.author && !c.email && !c.url)).toHaveLength(1);
    });

    it("writes pingbacks and trackbacks from other sites, some from the owner's own posts", () => {
      const pings = wxr.comments.filter((c) => c.type === "pingback" || c.type === "trackback");
      expect(pings.every((c) => c.url.startsWith("https://") && c.email === "")).toBe(true);
      expect(pings.filter((c) => c.url.startsWith(world.owner.blogUrl))).toHaveLength(2);
      expect(result.facts.pingbacks.filter((p) => p.self)).toHaveLength(2);
    });

    it("mixes the old empty comment_type with WordPress 5.5's 'comment'", () => {
      const types = new Set(
        wxr.comments.filter((c) => c.approved === "1" && c.parent === 0).map((c) => c.type),
      );
      expect(types).toEqual(new Set(["", "comment", "pingback", "trackback"]));
    });
  });

  describe(`writeWxr: planted truths (seed ${seed}, ${people} people)`, () => {
    it("IRL people comment across many posts and get owner replies", () => {
      const answered = ownerAnswered();
      for (const p of peopleWith("irl")) {
        const mine = topLevelBy(p);
        const posts = new Set(mine.filter((c) => answered.has(c.id)).map((c) => c.postId));
        expect(posts.size, p.fullName).toBeGreaterThanOrEqual(8);
        const years = new Set(mine.map((c) => c.dateGmt.slice(0, 4)));
        expect(years.size, p.fullName).toBeGreaterThanOrEqual(2);
      }
    });

    it("IRL friends also reply to each other", () => {
      const irlEmails = new Set(peopleWith("irl").flatMap(emailsOf));
      const byId = new Map(wxr.comments.map((c) => [c.id, c]));
      const between = wxr.comments.filter(
        (c) =>
          c.parent !== 0 &&
          irlEmails.has(c.email) &&
          irlEmails.has(byId.get(c.parent)?.email ?? ""),
      );
      expect(between.length).toBeGreaterThan(0);
    });

    it("dormant people commented weekly, then stopped months before the reference date", () => {
      for (const p of peopleWith("dormant")) {
        const times = topLevelBy(p)
          .map(gmt)
          .sort((a, b) => a - b);
        expect(times.length).toBeGreaterThanOrEqual(20);
        const gaps = times
          .slice(1)
          .map((t, k) => (t - (times[k] as number)) / DAY)
          .sort((a, b) => a - b);
        const median = gaps[Math.floor(gaps.length / 2)] as number;
        expect(median).toBeGreaterThan(5.5);
        expect(median).toBeLessThan(8.5);
        const silence = (world.referenceDate - (times[times.length - 1] as number)) / DAY;
        expect(silence).toBeGreaterThanOrEqual(120);
        const anything = wxr.comments
          .filter((c) => emailsOf(p).includes(c.email) && ["0", "1"].includes(c.approved))
          .map(gmt);
        expect(Math.max(...anything)).toBe(times[times.length - 1]);
      }
      expect(result.facts.dormant.map((d) => d.personId).sort()).toEqual(
        peopleWith("dormant")
          .map((p) => p.id)
          .sort(),
      );
    });

    it("growing people comment more and more often", () => {
      for (const p of peopleWith("growing")) {
        const { from, until } = p.contact ?? { from: 0, until: 0 };
        const mid = from + (until - from) / 2;
        const times = topLevelBy(p).map(gmt);
        expect(times.filter((t) => t > mid).length).toBeGreaterThan(
          times.filter((t) => t <= mid).length,
        );
        expect(world.referenceDate - Math.min(...times)).toBeLessThan(400 * DAY);
      }
    });

    it("leaves the owed comments unanswered, and answers every other recent one", () => {
      const answered = ownerAnswered();
      const owedIds = new Set(result.facts.owed.flatMap((o) => o.commentIds));
      expect(result.facts.owed.map((o) => o.personId).sort()).toEqual(
        peopleWith("owed")
          .map((p) => p.id)
          .sort(),
      );
      const byId = new Map(wxr.comments.map((c) => [c.id, c]));
      for (const id of owedIds) {
        const c = byId.get(id);
        expect(c?.approved).toBe("1");
        expect(c?.parent).toBe(0);
        expect(answered.has(id)).toBe(false);
        expect(world.referenceDate - gmt(c as ParsedComment)).toBeLessThan(OWED_WINDOW_DAYS * DAY);
      }
      const windowStart = world.referenceDate - OWED_WINDOW_DAYS * DAY;
      const unanswered = wxr.comments.filter(
        (c) =>
          isReader(c) &&
          !isBroken(c) &&
          c.parent === 0 &&
          c.approved === "1" &&
          gmt(c) >= windowStart &&
          !answered.has(c.id),
      );
      expect(unanswered.map((c) => c.id).sort()).toEqual([...owedIds].sort());
    });

    it("holds pending comments unanswered", () => {
      const pending = wxr.comments.filter((c) => c.approved === "0");
      expect(pending.map((c) => c.id).sort()).toEqual([...result.facts.pendingCommentIds].sort());
      const parents = new Set(wxr.comments.map((c) => c.parent));
      for (const c of pending) expect(parents.has(c.id)).toBe(false);
    });

    it("uses spam addresses nowhere else, and spam names are nobody's", () => {
      const spam = wxr.comments.filter((c) => c.approved === "spam");
      const spamEmails = new Set(spam.map((c) => c.email));
      expect(spamEmails.size).toBeGreaterThan(3);
      expect(wxr.comments.filter((c) => c.approved !== "spam" && spamEmails.has(c.email))).toEqual(
        [],
      );
      const names = new Set(world.people.map((p) => p.fullName));
      expect(spam.filter((c) => names.has(c.author))).toEqual([]);
      const known = new Set(world.people.flatMap(emailsOf));
      expect([...spamEmails].filter((e) => known.has(e))).toEqual([]);
    });

    it("keeps look-alikes apart: the same name on different addresses", () => {
      for (const { kind, ids } of world.lookAlikes) {
        const [a, b] = ids.map((id) => world.people.find((p) => p.id === id) as Person) as [
          Person,
          Person,
        ];
        const name = kind === "sameFirstName" ? a.firstName : a.fullName;
        expect(name).toBe(kind === "sameFirstName" ? b.firstName : b.fullName);
        const emailsA = new Set(
          wxr.comments
            .filter((c) => c.author === name && emailsOf(a).includes(c.email))
            .map((c) => c.email),
        );
        const emailsB = new Set(
          wxr.comments
            .filter((c) => c.author === name && emailsOf(b).includes(c.email))
            .map((c) => c.email),
        );
        expect(emailsA.size, `${kind} ${a.id}`).toBeGreaterThan(0);
        expect(emailsB.size, `${kind} ${b.id}`).toBeGreaterThan(0);
        expect([...emailsA].some((e) => emailsB.has(e))).toBe(false);
      }
    });

    it("shows many-faces people under several names that their addresses and URLs link", () => {
      const norm = (url: string) => url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
      for (const p of world.people.filter((x) => x.faces)) {
        const faces = p.faces as NonNullable<Person["faces"]>;
        const mine = wxr.comments.filter((c) => faces.emails.includes(c.email));
        const names = new Set(mine.map((c) => c.author));
        expect(names.size, p.fullName).toBeGreaterThanOrEqual(p.quirk === "maiden" ? 2 : 3);
        expect(names.has(p.quirkName as string), `${p.quirk} ${p.fullName}`).toBe(true);
        // Every comment must be reachable from every other through a shared address or site.
        const parent = mine.map((_, i) => i);
        const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
        const seen = new Map<string, number>();
        mine.forEach((c, i) => {
          for (const key of [`e:${c.email}`, c.url ? `u:${norm(c.url)}` : ""]) {
            if (!key) continue;
            const j = seen.get(key);
            if (j === undefined) seen.set(key, i);
            else parent[find(i)] = find(j);
          }
        });
        expect(new Set(mine.map((_, i) => find(i))).size, p.fullName).toBe(1);
      }
    });

    it("lets the new attendee talk only with the owner's friend, never with the owner", () => {
      const target = world.people.find((p) => p.id === world.introduction.targetId) as Person;
      const via = world.people.find((p) => p.id === world.introduction.viaId) as Person;
      const byId = new Map(wxr.comments.map((c) => [c.id, c]));
      const theirs = wxr.comments.filter((c) => emailsOf(target).includes(c.email));
      expect(theirs.length).toBeGreaterThan(0);
      for (const c of theirs) {
        expect(c.parent).not.toBe(0);
        expect(emailsOf(via)).toContain(byId.get(c.parent)?.email);
      }
      const answers = wxr.comments.filter((c) => theirs.some((t) => t.id === c.parent));
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.every((c) => emailsOf(via).includes(c.email))).toBe(true);
      expect(result.facts.introduction.commentIds).toHaveLength(theirs.length + answers.length);
    });

    it("lets blog job-askers write exactly once, asking for work", () => {
      const askers = peopleWith("jobAsk").filter((p) => p.askChannel === "blog");
      expect(askers.length).toBeGreaterThan(0);
      for (const p of askers) {
        const theirs = wxr.comments.filter((c) => emailsOf(p).includes(c.email));
        expect(theirs).toHaveLength(1);
        expect(theirs[0]?.content).toMatch(/hiring|openings|CV|portfolio/);
      }
      for (const p of peopleWith("cardOnly")) {
        expect(wxr.comments.some((c) => emailsOf(p).includes(c.email))).toBe(false);
      }
    });

    it("carries commenters' interests in what they write", () => {
      const jobFit = world.opening.bestFitIds.map(
        (id) => world.people.find((p) => p.id === id) as Person,
      );
      for (const p of jobFit) {
        const text = topLevelBy(p)
          .map((c) => c.content)
          .join(" ");
        expect(text).toMatch(
          /volunteer|food bank|mentoring|fundraiser|charity|nonprofit|community/i,
        );
      }
    });

    it("records per-person facts that agree with the file", () => {
      for (const p of peopleWith("irl")) {
        const facts = result.facts.commenters[p.id];
        expect(facts?.comments).toBe(topLevelBy(p).length);
        const answered = ownerAnswered();
        expect(facts?.answered).toBe(topLevelBy(p).filter((c) => answered.has(c.id)).length);
      }
    });
  });
}

describe("writeWxr at scale", () => {
  it("writes 20,000 people quickly, with bytes growing about linearly", () => {
    const t0 = performance.now();
    const small = writeWxr(buildWorld({ seed: 1, people: 5000 }), os.devNull);
    const t1 = performance.now();
    const large = writeWxr(buildWorld({ seed: 1, people: 20000 }), os.devNull);
    const t2 = performance.now();
    expect(t2 - t1).toBeLessThan(30000);
    const ratio = large.bytes / small.bytes;
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.2);
    expect((t2 - t1) / (t1 - t0)).toBeLessThan(8);
    expect(large.counts.comments / small.counts.comments).toBeGreaterThan(3.6);
  }, 120000);
});
