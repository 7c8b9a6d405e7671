/**
 * The user's interactions, grouped by the other person and in time order within each group,
 * read with one sequential pass over the interactions table (pages by primary key: no random
 * reads through the time indexes). The same pass yields what the rest of tie computation
 * needs from everyone's interactions: when each person was last active, and each person's
 * recent activity with others.
 *
 * Events are held column-wise in typed arrays (32 bytes each), so ten million of them fit in
 * about 320 MB and cost no garbage collection.
 *
 * @example
 * const scan = await scanInteractions(conn, me, { recentSince, weight });
 * for (const [person, events] of scan.byPerson()) for (const e of events) …;
 */
import type { SqlExecutor } from "../store/connection.js";
import type { TieDirection } from "./strength.js";

const PAGE = 50_000;
const DIRECTIONS: TieDirection[] = ["inbound", "outbound", "mutual", "observed"];
const BLANK: MyEvent = {
  id: 0,
  other: 0,
  at: 0,
  direction: "observed",
  channel: "",
  kind: "",
  size: 0,
  threadId: null,
  approved: false,
};

/** One of the user's interactions as tie computation sees it. */
export interface MyEvent {
  id: number;
  other: number;
  at: number;
  direction: TieDirection;
  channel: string;
  kind: string;
  size: number;
  threadId: number | null;
  approved: boolean;
}

export interface ScanOptions {
  /** Weight of an act at time `at` for recent-activity totals (0 when too old to count). */
  weight: (at: number) => number;
  /** Called with every interaction between two people neither of whom is the user. */
  observed?: (from: number, to: number, at: number, channel: string, kind: string) => void;
}

export interface Scan {
  /** Each person's latest act anywhere (as sender). */
  lastActive: Map<number, number>;
  /** Each person's recent activity with others (not the user), weighted by `weight`. */
  observedRecent: Map<number, number>;
  /** How many interactions with others (not the user) each person took part in. */
  observedCount: Map<number, number>;
  events: number;
  /**
   * The user's events, grouped by the other person, oldest first within each group. The
   * event object is reused between steps: copy what must outlive one step.
   */
  byPerson(): Generator<[number, Iterable<MyEvent>]>;
}

class Column<T extends Float64Array | Int32Array | Uint16Array> {
  data: T;
  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.data = make(capacity);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}

export async function scanInteractions(
  conn: SqlExecutor,
  me: number,
  options: ScanOptions,
): Promise<Scan> {
  // Sized once from the two index counts, so the columns never grow by copying.
  const counted = await conn.all<{ n: number }>(
    `SELECT (SELECT count(*) FROM interactions WHERE from_person_id = ?)
       + (SELECT count(*) FROM interactions WHERE to_person_id = ?) AS n`,
    [me, me],
  );
  const capacity = Math.max(1024, Number(counted[0]?.n ?? 0));
  const ids = new Column((n) => new Float64Array(n), capacity);
  const ats = new Column((n) => new Float64Array(n), capacity);
  const others = new Column((n) => new Int32Array(n), capacity);
  const threads = new Column((n) => new Int32Array(n), capacity);
  const sizes = new Column((n) => new Int32Array(n), capacity);
  const codes = new Column((n) => new Uint16Array(n), capacity);
  const channelsOf = new Column((n) => new Uint16Array(n), capacity);
  const kinds = new Interner();
  const channels = new Interner();
  const lastActive = new Map<number, number>();
  const observedRecent = new Map<number, number>();
  const observedCount = new Map<number, number>();
  let n = 0;
  let after = 0;
  for (;;) {
    // Direction and moderation status come back as one small number: cheaper than strings.
    const rows = await conn.arrays(
      `SELECT id, from_person_id, to_person_id, occurred_at,
         (CASE direction WHEN 'inbound' THEN 0 WHEN 'outbound' THEN 1 WHEN 'mutual' THEN 2
            ELSE 3 END) + (CASE WHEN status = 'approved' THEN 4 ELSE 0 END),
         channel, kind, size, thread_id FROM interactions WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    for (const r of rows) {
      const [rowId, f, t, when, code, channel, kind, size, thread] = r as [
        number,
        number,
        number,
        number,
        number,
        string,
        string,
        number,
        number | null,
      ];
      const from = Number(f);
      const to = Number(t);
      const at = Number(when);
      if (at > (lastActive.get(from) ?? Number.NEGATIVE_INFINITY)) lastActive.set(from, at);
      if (from !== me && to !== me) {
        options.observed?.(from, to, at, channel, kind);
        observedCount.set(from, (observedCount.get(from) ?? 0) + 1);
        observedCount.set(to, (observedCount.get(to) ?? 0) + 1);
        const w = options.weight(at);
        if (w > 1e-6) {
          observedRecent.set(from, (observedRecent.get(from) ?? 0) + w);
          observedRecent.set(to, (observedRecent.get(to) ?? 0) + w);
        }
        continue;
      }
      ids.set(n, Number(rowId));
      ats.set(n, at);
      others.set(n, from === me ? to : from);
      threads.set(n, thread === null ? -1 : Number(thread));
      sizes.set(n, Number(size));
      // direction (2 bits) | approved (1 bit) | kind (13 bits); channels in their own column.
      codes.set(n, (Number(code) & 7) | (kinds.id(kind) << 3));
      channelsOf.set(n, channels.id(channel));
      n++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = Number(last[0]);
  }
  const count = n;
  return {
    lastActive,
    observedRecent,
    observedCount,
    events: count,
    *byPerson() {
      // Counting sort by person, then each group by time (and id, for equal times).
      const slot = new Map<number, number>();
      const people: number[] = [];
      const sizesOf: number[] = [];
      for (let i = 0; i < count; i++) {
        const p = others.data[i] as number;
        let s = slot.get(p);
        if (s === undefined) {
          s = people.length;
          slot.set(p, s);
          people.push(p);
          sizesOf.push(0);
        }
        sizesOf[s] = (sizesOf[s] as number) + 1;
      }
      const start = new Int32Array(people.length + 1);
      for (let s = 0; s < people.length; s++)
        start[s + 1] = (start[s] as number) + (sizesOf[s] as number);
      const fill = start.slice(0, people.length);
      const order = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const s = slot.get(others.data[i] as number) as number;
        order[fill[s] as number] = i;
        fill[s] = (fill[s] as number) + 1;
      }
      const at = ats.data;
      const id = ids.data;
      for (let s = 0; s < people.length; s++) {
        const group = order.subarray(start[s] as number, start[s + 1] as number);
        group.sort(
          (a, b) => (at[a] as number) - (at[b] as number) || (id[a] as number) - (id[b] as number),
        );
        const person = people[s] as number;
        yield [
          person,
          (function* () {
            // One object, refilled: ten million events make no garbage.
            const e: MyEvent = { ...BLANK, other: person };
            for (let k = 0; k < group.length; k++) {
              const i = group[k] as number;
              const code = codes.data[i] as number;
              const thread = threads.data[i] as number;
              e.id = id[i] as number;
              e.at = at[i] as number;
              e.direction = DIRECTIONS[code & 3] as TieDirection;
              e.approved = (code & 4) !== 0;
              e.kind = kinds.name(code >> 3);
              e.channel = channels.name(channelsOf.data[i] as number);
              e.size = sizes.data[i] as number;
              e.threadId = thread < 0 ? null : thread;
              yield e;
            }
          })(),
        ];
      }
    },
  };
}

/** Strings (channels, kinds) as small numbers and back. */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  name(id: number): string {
    return this.names[id] as string;
  }
}
