/**
 * The graph read from the store's `links` and `graph_people` tables (see compute-links.ts), for
 * who-to-meet-next and introductions: each step is one indexed query for many people at once
 * (all the ids in one parameter, see `idsIn`), never a scan, so the answer costs the same on a
 * graph of a hundred people or of a hundred thousand. What it has read it keeps for the length
 * of one request.
 * `ensureGraph` recomputes ties and links when they are stale (the ties' own rule) or missing.
 *
 * @example
 * await ensureGraph(store);
 * const graph = new StoreGraph(store.conn);
 * const mine = (await graph.neighbours([me], 200)).get(me);
 */
import type { SqlExecutor } from "../../store/connection.js";
import type { Store } from "../../store/store.js";
import { computeTies, ensureTies, graphNow } from "../compute-ties.js";
import type { Edge, GraphSource, NodeStats } from "./source.js";

/** Ids per `IN (…)` list: well under SQLite's and PostgreSQL's parameter limits. */
export const IDS_PER_QUERY = 500;

export function marks(n: number): string {
  return new Array(n).fill("?").join(",");
}

/**
 * `column IN (ids)` with every id in one parameter (`idsParam`): a JSON array read by
 * `json_each` on SQLite, an array on PostgreSQL. One prepared statement serves any number of
 * ids, and SQLite looks them up about twice as fast as from a list of 500 `?`.
 *
 * @example
 * conn.arrays(`SELECT tier FROM ties WHERE ${idsIn(conn, "person_id")}`, [idsParam(conn, ids)]);
 */
export function idsIn(conn: SqlExecutor, column: string): string {
  return conn.dialect === "sqlite"
    ? `${column} IN (SELECT value FROM json_each(?))`
    : `${column} = ANY(?::bigint[])`;
}

export function idsParam(conn: SqlExecutor, ids: readonly number[]): unknown {
  return conn.dialect === "sqlite" ? JSON.stringify(ids) : ids;
}

/** Ties and links up to date: recomputed when the ties are stale, or links were never made. */
export async function ensureGraph(store: Store, at?: number): Promise<void> {
  const now = at ?? (await graphNow(store));
  await ensureTies(store, now);
  const rows = await store.conn.all<{ n: number; people: number }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM graph_people) THEN 1 ELSE 0 END AS n,
       CASE WHEN EXISTS (SELECT 1 FROM people WHERE is_me = 0) THEN 1 ELSE 0 END AS people`,
  );
  if (Number(rows[0]?.n ?? 0) === 0 && Number(rows[0]?.people ?? 0) > 0) {
    await computeTies(store, now);
  }
}

export class StoreGraph implements GraphSource {
  private readonly statsCache = new Map<number, NodeStats>();

  constructor(
    private readonly conn: SqlExecutor,
    private readonly minStrength = 0,
  ) {}

  async neighbours(
    ids: readonly number[],
    perNode?: number,
  ): Promise<Map<number, Map<number, Edge>>> {
    const out = new Map<number, Map<number, Edge>>();
    const unique = [...new Set(ids)];
    let batched = unique;
    if (perNode !== undefined) {
      const stats = await this.stats(unique);
      batched = unique.filter((id) => (stats.get(id)?.degree ?? 0) <= perNode);
      // Hubs: their strongest links only, each side from its index in strength order.
      for (const id of unique.filter((x) => (stats.get(x)?.degree ?? 0) > perNode)) {
        const links = new Map<number, Edge>();
        for (const [mine, other] of [
          ["person_a", "person_b"],
          ["person_b", "person_a"],
        ] as const) {
          const rows = await this.conn.arrays(
            `SELECT ${other}, strength, last_at FROM links WHERE ${mine} = ? AND strength >= ?
             ORDER BY strength DESC LIMIT ?`,
            [id, this.minStrength, perNode],
          );
          for (const [o, s, at] of rows) links.set(Number(o), edge(s, at));
        }
        const top = [...links].sort((x, y) => y[1].strength - x[1].strength).slice(0, perNode);
        out.set(id, new Map(top));
      }
    }
    if (batched.length > 0) {
      const list = idsParam(this.conn, batched);
      const rows = await this.conn.arrays(
        `SELECT person_a, person_b, strength, last_at FROM links
         WHERE ${idsIn(this.conn, "person_a")} AND strength >= ?
         UNION ALL
         SELECT person_b, person_a, strength, last_at FROM links
         WHERE ${idsIn(this.conn, "person_b")} AND strength >= ?`,
        [list, this.minStrength, list, this.minStrength],
      );
      let key = Number.NaN;
      let m: Map<number, Edge> | undefined;
      for (const [from, to, s, at] of rows) {
        // Rows come grouped by their first column: look the map up only when it changes.
        const f = Number(from);
        if (f !== key || !m) {
          key = f;
          m = out.get(f);
          if (!m) {
            m = new Map();
            out.set(f, m);
          }
        }
        m.set(Number(to), edge(s, at));
      }
    }
    return out;
  }

  async stats(ids: readonly number[]): Promise<Map<number, NodeStats>> {
    const missing = [...new Set(ids)].filter((id) => !this.statsCache.has(id));
    if (missing.length > 0) {
      const rows = await this.conn.arrays(
        `SELECT person_id, degree, recent, last_active_at, growth FROM graph_people
         WHERE ${idsIn(this.conn, "person_id")}`,
        [idsParam(this.conn, missing)],
      );
      for (const id of missing) {
        this.statsCache.set(id, { degree: 0, recent: 0, lastActiveAt: null, growth: 0 });
      }
      for (const [id, degree, recent, last, growth] of rows) {
        this.statsCache.set(Number(id), {
          degree: Number(degree),
          recent: Number(recent),
          lastActiveAt: last === null ? null : Number(last),
          growth: Number(growth),
        });
      }
    }
    const out = new Map<number, NodeStats>();
    for (const id of ids) out.set(id, this.statsCache.get(id) as NodeStats);
    return out;
  }

  async popular(limit: number): Promise<number[]> {
    const ids = new Set<number>();
    for (const column of ["degree", "recent", "growth"]) {
      const rows = await this.conn.arrays(
        `SELECT person_id FROM graph_people WHERE ${column} > 0 ORDER BY ${column} DESC LIMIT ?`,
        [limit],
      );
      for (const [id] of rows) ids.add(Number(id));
    }
    return [...ids];
  }
}

function edge(strength: unknown, lastAt: unknown): Edge {
  return { strength: Number(strength), lastAt: lastAt === null ? null : Number(lastAt) };
}
