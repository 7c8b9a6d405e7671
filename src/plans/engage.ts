/**
 * Whose writing should I read and answer this week: recent posts by the people I am building
 * rapport with (growing and strong ties, my IRL group, and people who write to me and wait for
 * an answer), ranked by where a comment would matter most — the stage of the tie, how fresh the
 * post is, whether I already commented, and how much it touches what I write about.
 *
 * @example
 * const list = await postsToEngage(store, { days: 30, limit: 10 });
 * list[0]; // { name: "Ada", title: "Dashboards people read", url, reasons: ["growing tie: …", …] }
 */

import { ensureTies, graphNow } from "../signals/compute-ties.js";
import { cosine, sharedTerms, textVector, vectorsOf } from "../signals/interests/index.js";
import type { Tier } from "../signals/tiers.js";
import type { Store } from "../store/store.js";

const DAY = 86_400_000;

/** How much a comment matters at each stage of a tie. */
const STAGE: Partial<Record<Tier, { weight: number; why: string }>> = {
  growing: { weight: 1, why: "a comment now builds the rapport" },
  "one-way": { weight: 0.75, why: "they write to you; answering in public turns it two-way" },
  strong: { weight: 0.8, why: "keeps a strong tie warm" },
  irl: { weight: 0.6, why: "one of your IRL group: a word shows you still read them" },
  dormant: { weight: 0.7, why: "a way back into a tie gone quiet" },
};

export interface EngagePost {
  person: number;
  name: string;
  tier: Tier;
  strength: number;
  title: string;
  url: string | null;
  publishedAt: number;
  commented: boolean;
  score: number;
  reasons: string[];
}

export interface EngageOptions {
  /** Posts from the last this many days (default 30). */
  days?: number;
  limit?: number;
  now?: number;
}

/** The people whose posts count: their tie is worth a comment. */
export async function rapportPeople(
  store: Store,
): Promise<Map<number, { name: string; tier: Tier; strength: number; inbound: number }>> {
  const rows = await store.conn.all<{
    id: number;
    name: string;
    tier: string;
    score: number;
    dialog_in: number;
  }>(
    `SELECT p.id, p.display_name AS name, t.tier, t.score, t.dialog_in FROM ties t
     JOIN people p ON p.id = t.person_id
     WHERE p.is_me = 0 AND (t.tier IN ('irl', 'strong', 'growing', 'dormant')
       OR (t.tier = 'one-way' AND t.dialog_in > 0))`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        name: r.name,
        tier: r.tier as Tier,
        strength: Number(r.score),
        inbound: Number(r.dialog_in),
      },
    ]),
  );
}

export async function postsToEngage(
  store: Store,
  options: EngageOptions = {},
): Promise<EngagePost[]> {
  const now = options.now ?? (await graphNow(store));
  const days = options.days ?? 30;
  await ensureTies(store, now);
  const people = await rapportPeople(store);
  if (people.size === 0) return [];
  const ids = [...people.keys()];
  const posts: {
    id: number;
    person_id: number;
    title: string | null;
    url: string | null;
    body: string | null;
    published_at: number;
  }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    posts.push(
      ...(await store.conn.all<(typeof posts)[number]>(
        `SELECT id, person_id, title, url, body, published_at FROM content
         WHERE kind = 'post' AND published_at >= ? AND published_at <= ?
           AND person_id IN (${chunk.map(() => "?").join(", ")})`,
        [now - days * DAY, now + DAY, ...chunk],
      )),
    );
  }
  const commented = await myCommentedUrls(
    store,
    posts.flatMap((p) => (p.url ? [p.url] : [])),
  );
  const me = await store.me();
  const mine = me ? ((await vectorsOf(store, [me.id])).get(me.id) ?? new Map()) : new Map();
  const out: EngagePost[] = [];
  for (const p of posts) {
    const who = people.get(Number(p.person_id));
    if (!who) continue;
    const stage = STAGE[who.tier] ?? { weight: 0.5, why: "" };
    const at = Number(p.published_at);
    const ageDays = Math.max(0, (now - at) / DAY);
    const already = p.url ? commented.has(p.url) : false;
    const vector = await textVector(store, `${p.title ?? ""}\n${p.body ?? ""}`);
    const overlap = mine.size ? cosine(mine, vector) : 0;
    const shared = mine.size ? sharedTerms(mine, vector, 3) : [];
    const score =
      stage.weight * 0.5 ** (ageDays / 14) * (already ? 0.2 : 1) * (0.6 + Math.min(0.4, overlap));
    const reasons = [
      `${who.tier} tie (${who.strength.toFixed(2)})${stage.why ? `: ${stage.why}` : ""}`,
      ageDays < 1 ? "posted today" : `posted ${Math.round(ageDays)} days ago`,
    ];
    if (shared.length) reasons.push(`about what you write about too: ${shared.join(", ")}`);
    reasons.push(already ? "you already commented on it" : "you have not commented on it yet");
    out.push({
      person: Number(p.person_id),
      name: who.name,
      tier: who.tier,
      strength: who.strength,
      title: p.title ?? p.url ?? "(untitled)",
      url: p.url,
      publishedAt: at,
      commented: already,
      score: Math.round(score * 1000) / 1000,
      reasons,
    });
  }
  out.sort((a, b) => b.score - a.score || b.publishedAt - a.publishedAt);
  return options.limit ? out.slice(0, options.limit) : out;
}

/** The post URLs among `urls` that I commented on (an outbound interaction in their thread). */
async function myCommentedUrls(store: Store, urls: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < urls.length; i += 500) {
    const chunk = urls.slice(i, i + 500);
    const rows = await store.conn.all<{ url: string }>(
      `SELECT DISTINCT th.url FROM threads th
       JOIN interactions i ON i.thread_id = th.id AND i.direction = 'outbound'
       WHERE th.url IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const r of rows) out.add(r.url);
  }
  return out;
}
