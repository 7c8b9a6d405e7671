/**
 * Warm introductions: paths of two or three links from the user to a person, through people
 * who know both sides, read from the `links` table (signals/graph). Meet in the middle: the
 * target's links, then (for three hops) their contacts' links, each read for all of them at
 * once through an index, then the user's own links to whoever was reached — never the whole
 * graph. `introPathsMany` does this for many targets in one go (an event brief's attendees).
 *
 * Ranking: a path's score is the product of its links' strengths. Each introduction passes
 * along one link, and a link's strength is read as the chance it carries a favour, so a path
 * is as likely to work as all its links together; a three-hop path needs one favour more and
 * ranks lower unless its links are much stronger. The weakest link is reported too: it is the
 * one to check before asking. At most two paths start with the same person, so the list offers
 * different people to ask.
 *
 * @example
 * const paths = await introPaths(store, 42);
 * // [{ score: 0.61, weakest: 0.72, hops: [{ from: { id: 1, name: "You" }, to: { id: 7, name: "Ben Ode" },
 * //    strength: 0.85, evidence: ["you wrote to each other 40 times …"] }, …] }]
 */
import { graphNow } from "../signals/compute-ties.js";
import { renderEvidence } from "../signals/graph/link-strength.js";
import { ensureGraph, IDS_PER_QUERY, marks } from "../signals/graph/store-source.js";
import type { Store } from "../store/store.js";

export interface IntroHop {
  from: { id: number; name: string };
  to: { id: number; name: string };
  strength: number;
  evidence: string[];
}

export interface IntroPath {
  /** Product of the links' strengths. */
  score: number;
  /** The weakest link's strength. */
  weakest: number;
  hops: IntroHop[];
}

export interface IntroOptions {
  maxHops?: number;
  limit?: number;
  /** Links weaker than this are not used (default 0.05). */
  minStrength?: number;
  /** Paths per first person asked (default 2). */
  perIntroducer?: number;
}

/** How the user is named in a path. */
export const YOU = "You";
/** Links read per person reached on the way (the strongest). */
const PER_NODE = 300;

export async function introPaths(
  store: Store,
  targetPersonId: number,
  options: IntroOptions = {},
): Promise<IntroPath[]> {
  return (await introPathsMany(store, [targetPersonId], options)).get(targetPersonId) ?? [];
}

interface Link {
  strength: number;
}

export async function introPathsMany(
  store: Store,
  targetIds: readonly number[],
  options: IntroOptions = {},
): Promise<Map<number, IntroPath[]>> {
  const maxHops = Math.min(3, options.maxHops ?? 3);
  const limit = options.limit ?? 5;
  const min = options.minStrength ?? 0.05;
  const perIntroducer = options.perIntroducer ?? 2;
  await ensureGraph(store, await graphNow(store));
  const conn = store.conn;
  const meRow = await conn.all<{ id: number }>("SELECT id FROM people WHERE is_me = 1");
  const out = new Map<number, IntroPath[]>();
  const targets = [...new Set(targetIds)];
  for (const t of targets) out.set(t, []);
  if (!meRow[0] || targets.length === 0 || maxHops < 2) return out;
  const me = Number(meRow[0].id);

  const linksOf = async (ids: number[], perNode?: number) => {
    const found = new Map<number, Map<number, Link>>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const rows = await conn.arrays(
        `SELECT person_a, person_b, strength FROM links
         WHERE person_a IN (${marks(chunk.length)}) AND strength >= ?
         UNION ALL
         SELECT person_b, person_a, strength FROM links
         WHERE person_b IN (${marks(chunk.length)}) AND strength >= ?`,
        [...chunk, min, ...chunk, min],
      );
      for (const [from, to, s] of rows) {
        const f = Number(from);
        let m = found.get(f);
        if (!m) {
          m = new Map();
          found.set(f, m);
        }
        m.set(Number(to), { strength: Number(s) });
      }
    }
    if (perNode !== undefined) {
      for (const [id, m] of found) {
        if (m.size > perNode) {
          found.set(
            id,
            new Map([...m].sort((x, y) => y[1].strength - x[1].strength).slice(0, perNode)),
          );
        }
      }
    }
    return found;
  };
  const myLinks = async (ids: number[]) => {
    const found = new Map<number, number>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const rows = await conn.arrays(
        `SELECT person_b, strength FROM links
         WHERE person_a = ? AND person_b IN (${marks(chunk.length)}) AND strength >= ?
         UNION ALL
         SELECT person_a, strength FROM links
         WHERE person_b = ? AND person_a IN (${marks(chunk.length)}) AND strength >= ?`,
        [me, ...chunk, min, me, ...chunk, min],
      );
      for (const [id, s] of rows) found.set(Number(id), Number(s));
    }
    return found;
  };

  // The target's side: their links (y), and for three hops the links of those (x).
  const targetLinks = await linksOf(targets);
  const middle = new Set<number>();
  for (const m of targetLinks.values()) for (const y of m.keys()) if (y !== me) middle.add(y);
  const middleLinks = maxHops >= 3 ? await linksOf([...middle], PER_NODE) : new Map();
  const reached = new Set(middle);
  for (const m of middleLinks.values()) for (const x of m.keys()) if (x !== me) reached.add(x);
  // The user's side: their links to everyone reached.
  const mine = await myLinks([...reached]);

  type Raw = { score: number; weakest: number; ids: number[]; strengths: number[] };
  const raw = new Map<number, Raw[]>();
  for (const t of targets) {
    const paths: Raw[] = [];
    const theirs = targetLinks.get(t) ?? new Map<number, Link>();
    for (const [y, yt] of theirs) {
      if (y === me) continue;
      const my = mine.get(y);
      if (my !== undefined) {
        paths.push({
          score: my * yt.strength,
          weakest: Math.min(my, yt.strength),
          ids: [me, y, t],
          strengths: [my, yt.strength],
        });
      }
      if (maxHops < 3) continue;
      for (const [x, xy] of (middleLinks.get(y) as Map<number, Link> | undefined) ?? []) {
        if (x === me || x === t || x === y) continue;
        const mx = mine.get(x);
        if (mx === undefined) continue;
        paths.push({
          score: mx * xy.strength * yt.strength,
          weakest: Math.min(mx, xy.strength, yt.strength),
          ids: [me, x, y, t],
          strengths: [mx, xy.strength, yt.strength],
        });
      }
    }
    paths.sort((a, b) => b.score - a.score || a.ids.length - b.ids.length);
    const chosen: Raw[] = [];
    const perFirst = new Map<number, number>();
    for (const p of paths) {
      const first = p.ids[1] as number;
      if ((perFirst.get(first) ?? 0) >= perIntroducer) continue;
      perFirst.set(first, (perFirst.get(first) ?? 0) + 1);
      chosen.push(p);
      if (chosen.length >= limit) break;
    }
    raw.set(t, chosen);
  }

  // Names and evidence, only for the links on the chosen paths.
  const pairs = new Map<string, [number, number]>();
  const people = new Set<number>();
  for (const list of raw.values()) {
    for (const p of list) {
      for (let i = 0; i + 1 < p.ids.length; i++) {
        const a = Math.min(p.ids[i] as number, p.ids[i + 1] as number);
        const b = Math.max(p.ids[i] as number, p.ids[i + 1] as number);
        pairs.set(`${a} ${b}`, [a, b]);
      }
      for (const id of p.ids) people.add(id);
    }
  }
  const names = new Map<number, string>();
  const ids = [...people];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    for (const [id, name] of await conn.arrays(
      `SELECT id, display_name FROM people WHERE id IN (${marks(chunk.length)})`,
      chunk,
    )) {
      names.set(Number(id), String(name));
    }
  }
  names.set(me, YOU);
  const evidence = new Map<string, string[]>();
  const pairList = [...pairs.values()];
  for (let i = 0; i < pairList.length; i += 200) {
    const chunk = pairList.slice(i, i + 200);
    const where = chunk.map(() => "(person_a = ? AND person_b = ?)").join(" OR ");
    for (const [a, b, text] of await conn.arrays(
      `SELECT person_a, person_b, evidence FROM links WHERE ${where}`,
      chunk.flat(),
    )) {
      const na = Number(a);
      const nb = Number(b);
      const templates = JSON.parse(String(text)) as string[];
      evidence.set(
        `${na} ${nb}`,
        templates.map((s) =>
          renderEvidence(s, names.get(na) ?? `#${na}`, names.get(nb) ?? `#${nb}`),
        ),
      );
    }
  }
  for (const [t, list] of raw) {
    out.set(
      t,
      list.map((p) => ({
        score: p.score,
        weakest: p.weakest,
        hops: p.strengths.map((strength, i) => {
          const from = p.ids[i] as number;
          const to = p.ids[i + 1] as number;
          const key = `${Math.min(from, to)} ${Math.max(from, to)}`;
          return {
            from: { id: from, name: names.get(from) ?? `#${from}` },
            to: { id: to, name: names.get(to) ?? `#${to}` },
            strength,
            evidence: evidence.get(key) ?? [],
          };
        }),
      })),
    );
  }
  return out;
}
