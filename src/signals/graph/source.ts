/**
 * The graph as who-to-meet-next and introductions read it: each person's links (strength 0–1
 * and when they last showed), and what the graph says of each person (how many links, how
 * active lately). Two implementations: `MemoryGraph` (held in memory: the evaluation on a
 * message network, tests) and the store's `links` / `graph_people` tables (store-source.ts).
 * Reads are batched (many ids at once), so a store answers each step with one indexed query.
 *
 * @example
 * const g = new MemoryGraph();
 * g.link(1, 2, { strength: 0.8, lastAt: Date.parse("2026-03-01") });
 * g.setStats(2, { degree: 1, recent: 3.2, lastActiveAt: Date.parse("2026-03-01"), growth: 0.4 });
 * (await g.neighbours([1])).get(1); // Map { 2 => { strength: 0.8, … } }
 */

export interface Edge {
  strength: number;
  lastAt: number | null;
}

export interface NodeStats {
  /** How many links the person has in the graph. */
  degree: number;
  /** Acts with anyone, 7-day half-life, as of now. */
  recent: number;
  lastActiveAt: number | null;
  /** New links lately: Σ 0.5^(age of the link / 14 days) over their links. */
  growth: number;
}

export interface GraphSource {
  /**
   * Each id's links. With `perNode`, only each node's strongest `perNode` links (a hub's
   * thousands of weak links say little and cost much).
   */
  neighbours(ids: readonly number[], perNode?: number): Promise<Map<number, Map<number, Edge>>>;
  stats(ids: readonly number[]): Promise<Map<number, NodeStats>>;
  /** Up to `limit` each of the most linked, the most active lately and the fastest growing. */
  popular(limit: number): Promise<number[]>;
}

const NO_STATS: NodeStats = { degree: 0, recent: 0, lastActiveAt: null, growth: 0 };

export class MemoryGraph implements GraphSource {
  readonly adjacency = new Map<number, Map<number, Edge>>();
  private readonly nodeStats = new Map<number, NodeStats>();
  private popularCache: { limit: number; ids: number[] } | undefined;

  link(a: number, b: number, edge: Edge): void {
    if (a === b) return;
    this.side(a).set(b, edge);
    this.side(b).set(a, edge);
    this.popularCache = undefined;
  }

  setStats(id: number, stats: NodeStats): void {
    this.nodeStats.set(id, stats);
    this.popularCache = undefined;
  }

  /** Degree from the links held; recent activity and last activity as given (or none). */
  fillDegrees(): void {
    for (const [id, links] of this.adjacency) {
      const s = this.nodeStats.get(id) ?? { ...NO_STATS };
      this.nodeStats.set(id, { ...s, degree: links.size });
    }
    this.popularCache = undefined;
  }

  private side(id: number): Map<number, Edge> {
    let m = this.adjacency.get(id);
    if (!m) {
      m = new Map();
      this.adjacency.set(id, m);
    }
    return m;
  }

  async neighbours(
    ids: readonly number[],
    perNode?: number,
  ): Promise<Map<number, Map<number, Edge>>> {
    const out = new Map<number, Map<number, Edge>>();
    for (const id of ids) {
      const links = this.adjacency.get(id);
      if (!links) continue;
      if (perNode === undefined || links.size <= perNode) {
        out.set(id, links);
        continue;
      }
      const top = [...links].sort((x, y) => y[1].strength - x[1].strength).slice(0, perNode);
      out.set(id, new Map(top));
    }
    return out;
  }

  async stats(ids: readonly number[]): Promise<Map<number, NodeStats>> {
    const out = new Map<number, NodeStats>();
    for (const id of ids) out.set(id, this.nodeStats.get(id) ?? NO_STATS);
    return out;
  }

  async popular(limit: number): Promise<number[]> {
    if (this.popularCache?.limit === limit) return this.popularCache.ids;
    const all = [...this.nodeStats];
    const byDegree = [...all].sort((x, y) => y[1].degree - x[1].degree || x[0] - y[0]);
    const byRecent = [...all].sort((x, y) => y[1].recent - x[1].recent || x[0] - y[0]);
    const byGrowth = [...all].sort((x, y) => y[1].growth - x[1].growth || x[0] - y[0]);
    const ids = [
      ...new Set([
        ...byDegree.slice(0, limit).map(([id]) => id),
        ...byRecent
          .slice(0, limit)
          .filter(([, s]) => s.recent > 0)
          .map(([id]) => id),
        ...byGrowth
          .slice(0, limit)
          .filter(([, s]) => s.growth > 0)
          .map(([id]) => id),
      ]),
    ];
    this.popularCache = { limit, ids };
    return ids;
  }
}
