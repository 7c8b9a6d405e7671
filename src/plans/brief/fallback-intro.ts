/**
 * A small stand-in for the introductions module (`plans/intro.ts`), used by the brief only
 * while that module is not there: two-hop paths me → a person I have a real tie with → the
 * target, where the middle person and the target wrote to each other where I could see it
 * (blog comment replies, e-mails copied to me, mentions). A path is as strong as the product
 * of its links; each link carries its evidence in plain words. Same shape as the real one.
 *
 * @example
 * const paths = await fallbackIntroPaths(store, [42]);
 * paths.get(42)?.[0]?.hops.map((h) => h.to.name); // ["Duarte Nogueira", "Yasmin Öztürk"]
 */
import type { Store } from "../../store/store.js";
import { chunks } from "./person-facts.js";

export interface IntroHop {
  from: { id: number; name: string };
  to: { id: number; name: string };
  strength: number;
  evidence: string[];
}

export interface IntroPath {
  score: number;
  hops: IntroHop[];
}

const CHANNEL_WORDS: Record<string, string> = {
  blog_comment: "on your blog",
  email: "by e-mail",
  tweet: "on Twitter",
  dm: "in direct messages",
  linkedin: "on LinkedIn",
  facebook: "on Facebook",
  meeting: "in meetings",
};

export async function fallbackIntroPaths(
  store: Store,
  targets: readonly number[],
  limit = 3,
): Promise<Map<number, IntroPath[]>> {
  const out = new Map<number, IntroPath[]>();
  if (targets.length === 0) return out;
  const me = await store.me();
  if (!me) return out;
  const ties = await store.db
    .selectFrom("ties as t")
    .innerJoin("people as p", "p.id", "t.person_id")
    .select(["t.person_id", "t.score", "t.tier", "t.tier_reason", "p.display_name"])
    .where("t.tier", "in", ["irl", "strong", "growing"])
    .execute();
  const mine = new Map(
    ties.map((t) => [
      Number(t.person_id),
      { score: Number(t.score), tier: t.tier, why: t.tier_reason, name: t.display_name },
    ]),
  );
  const targetSet = new Set(targets);
  type Link = { count: number; last: number; channels: Set<string> };
  const links = new Map<string, Link>();
  const note = (middle: number, target: number, at: number, channel: string) => {
    if (!mine.has(middle) || middle === target) return;
    const key = `${middle}:${target}`;
    const l = links.get(key) ?? { count: 0, last: 0, channels: new Set<string>() };
    l.count++;
    l.last = Math.max(l.last, at);
    l.channels.add(channel);
    links.set(key, l);
  };
  for (const part of chunks([...targetSet])) {
    for (const side of ["from_person_id", "to_person_id"] as const) {
      const other = side === "from_person_id" ? "to_person_id" : "from_person_id";
      const rows = await store.db
        .selectFrom("interactions")
        .select(["from_person_id", "to_person_id", "occurred_at", "channel"])
        .where(side, "in", part)
        .where(other, "<>", me.id)
        .execute();
      for (const r of rows) {
        const target = Number(r[side]);
        note(Number(r[other]), target, Number(r.occurred_at), r.channel);
      }
    }
  }
  const names = new Map<number, string>();
  for (const part of chunks(targets)) {
    const rows = await store.db
      .selectFrom("people")
      .select(["id", "display_name"])
      .where("id", "in", part)
      .execute();
    for (const r of rows) names.set(Number(r.id), r.display_name);
  }
  for (const [key, l] of links) {
    const [middle, target] = key.split(":").map(Number) as [number, number];
    const tie = mine.get(middle);
    if (!tie) continue;
    const strength = 1 - Math.exp(-l.count / 3);
    const where = [...l.channels].map((c) => CHANNEL_WORDS[c] ?? `on ${c}`).join(" and ");
    const targetName = names.get(target) ?? `#${target}`;
    const path: IntroPath = {
      score: tie.score * strength,
      hops: [
        {
          from: { id: me.id, name: me.display_name },
          to: { id: middle, name: tie.name },
          strength: tie.score,
          evidence: [`your ${tie.tier} tie: ${tie.why}`],
        },
        {
          from: { id: middle, name: tie.name },
          to: { id: target, name: targetName },
          strength,
          evidence: [
            `${tie.name} and ${targetName} wrote to each other ${l.count} ${l.count === 1 ? "time" : "times"} ${where}; last on ${new Date(l.last).toISOString().slice(0, 10)}`,
          ],
        },
      ],
    };
    const list = out.get(target) ?? [];
    list.push(path);
    out.set(target, list);
  }
  for (const [target, list] of out) {
    list.sort((a, b) => b.score - a.score);
    out.set(target, list.slice(0, limit));
  }
  return out;
}
