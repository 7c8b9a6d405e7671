/**
 * The graph around the user, ready to draw: the strongest `limit` ties as nodes (the rest are
 * counted per tier, not drawn), an edge from the user to each, and edges between shown people
 * who talked with each other where the user could see it. Laid out radially: the user in the
 * middle, one ring per tier (the IRL group closest), stronger ties nearer the inside of their
 * ring, and people who talk with each other pulled towards the same angle.
 *
 * @example
 * const net = await networkAround(store, { limit: 1500 });
 * net.hidden; // { "card-only": 98_500, … } — people not drawn, per tier
 */
import type { Store } from "../store/store.js";
import { listPeople, tierTotals } from "./tie-list.js";
import { TIERS, type Tier } from "./tiers.js";

export interface NetworkNode {
  id: number;
  name: string;
  tier: Tier | "me";
  strength: number;
  /** Position in [-1, 1]². */
  x: number;
  y: number;
  me?: boolean;
}

export interface Network {
  /** The user first. */
  nodes: NetworkNode[];
  /** Index pairs into `nodes` with a weight 0–1. */
  edges: [number, number, number][];
  total: number;
  shown: number;
  /** People not drawn, per tier. */
  hidden: Record<string, number>;
}

/** Most nodes drawn; beyond it the weakest ties are counted, not drawn. */
export const NETWORK_MAX = 5000;

const RING: Record<Tier, [number, number]> = {
  irl: [0.12, 0.3],
  strong: [0.32, 0.45],
  growing: [0.47, 0.6],
  dormant: [0.62, 0.72],
  "one-way": [0.74, 0.84],
  "card-only": [0.86, 1],
};
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

export async function networkAround(store: Store, options: { limit: number }): Promise<Network> {
  const limit = Math.max(1, Math.min(options.limit, NETWORK_MAX));
  const me = await store.me();
  const people = await listPeople(store, { sort: "strength", limit });
  const totals = await tierTotals(store);
  const total = TIERS.reduce((s, t) => s + totals[t], 0);
  const hidden: Record<string, number> = { ...totals };
  for (const p of people) hidden[p.tier] = (hidden[p.tier] ?? 1) - 1;

  const index = new Map<number, number>();
  const nodes: NetworkNode[] = [
    {
      id: me?.id ?? 0,
      name: me?.display_name ?? "Me",
      tier: "me",
      strength: 1,
      x: 0,
      y: 0,
      me: true,
    },
  ];
  const angle: number[] = [0];
  const seen: Record<string, number> = {};
  for (const p of people) {
    index.set(p.id, nodes.length);
    const k = seen[p.tier] ?? 0;
    seen[p.tier] = k + 1;
    angle.push((k * GOLDEN) % (2 * Math.PI));
    nodes.push({ id: p.id, name: p.name, tier: p.tier, strength: p.strength, x: 0, y: 0 });
  }
  const edges: [number, number, number][] = people.map((p, i) => [0, i + 1, p.strength]);

  // Who talked with whom among the shown (observed interactions), in chunks of ids.
  const ids = people.map((p) => p.id);
  const pairs = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => "?").join(", ");
    const rows = await store.conn.all<{ a: number; b: number; n: number }>(
      `SELECT from_person_id AS a, to_person_id AS b, count(*) AS n FROM interactions
       WHERE from_person_id IN (${marks}) AND direction = 'observed'
       GROUP BY from_person_id, to_person_id`,
      chunk,
    );
    for (const r of rows) {
      const a = index.get(Number(r.a));
      const b = index.get(Number(r.b));
      if (a === undefined || b === undefined || a === b) continue;
      const key = a < b ? `${a}:${b}` : `${b}:${a}`;
      pairs.set(key, (pairs.get(key) ?? 0) + Number(r.n));
    }
  }
  const neighbours = new Map<number, number[]>();
  for (const [key, n] of pairs) {
    const [a, b] = key.split(":").map(Number) as [number, number];
    edges.push([a, b, Math.min(1, Math.log1p(n) / Math.log(20))]);
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  // Pull people who talk with each other towards one angle (a few smoothing passes).
  for (let pass = 0; pass < 4; pass++) {
    for (const [i, list] of neighbours) {
      let sx = Math.cos(angle[i] as number);
      let sy = Math.sin(angle[i] as number);
      for (const j of list) {
        sx += Math.cos(angle[j] as number);
        sy += Math.sin(angle[j] as number);
      }
      angle[i] = Math.atan2(sy, sx);
    }
  }
  for (let i = 1; i < nodes.length; i++) {
    const n = nodes[i] as NetworkNode;
    const [inner, outer] = RING[n.tier as Tier];
    const r = outer - (outer - inner) * Math.min(1, n.strength / 0.9 + (i % 7) * 0.02);
    n.x = Math.round(r * Math.cos(angle[i] as number) * 1e4) / 1e4;
    n.y = Math.round(r * Math.sin(angle[i] as number) * 1e4) / 1e4;
  }
  return { nodes, edges, total, shown: people.length, hidden };
}
