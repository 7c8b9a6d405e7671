/**
 * The user's interactions, grouped by the other person and in time order within each group,
 * read with one sequential pass over the interactions table (pages by primary key: no random
 * reads through the time indexes). The same pass yields what the rest of tie computation
 * needs from everyone's interactions: when each person was last active, and each person's
 * recent activity with others.
 *
 * Events are held column-wise in typed arrays (32 bytes each), so ten million of them fit in
 * about 320 MB and cost no garbage collection. On SQLite each page comes back as one JSON
 * array per column (`json_group_array`): one parse per column instead of a JavaScript array
 * per row, which halves the cost of the read. A table spanning millions of ids in a SQLite
 * file is read by two threads (scan-worker.ts reads the later half; its events are appended
 * and its interactions between others replayed in id order, so the result is that of one
 * pass). Per-person totals live in arrays indexed by person id, and the grouping is a radix
 * sort by time followed by a counting sort by person; the columns are then gathered in that
 * order, so the pass over each person's events reads memory in sequence.
 *
 * @example
 * const scan = await scanInteractions(conn, me, { recentSince, weight });
 * scan.forEachPerson((person, events) => { for (let k = 0; k < events.length; k++) events.get(k); });
 * for (const [person, events] of scan.byPerson()) for (const e of events) …;
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SqlExecutor } from "../store/connection.js";
import type { TieDirection } from "./strength.js";

const PAGE = 50_000;
/** Time keys are radix-sorted in passes of at most this many bits. */
const RADIX_BITS = 12;
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
  /**
   * The SQLite database file, when the store is one: a large table is then read by two
   * threads (set IRL_TIES_WORKER=0 to read it in one).
   */
  file?: string;
  /** How many ids the table must span before it is split between two threads (2,000,000). */
  splitFrom?: number;
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
   * Calls `visit` once per person the user has events with, with those events oldest first
   * (equal times in id order). `events.get(k)` refills and returns one shared object: copy what
   * must outlive the call.
   */
  forEachPerson(visit: (person: number, events: EventList) => void): void;
  /** The same groups as a generator (the event object is reused between steps as well). */
  byPerson(): Generator<[number, Iterable<MyEvent>]>;
}

/** One person's events, oldest first; `get` refills a shared event object. */
export interface EventList {
  readonly length: number;
  get(k: number): MyEvent;
}

/** Numbers per person id (ids are small, dense integers), grown on demand. */
export class PerPerson<T extends Float64Array | Int32Array> {
  data: T;
  constructor(
    private readonly make: (n: number) => T,
    private readonly blank: number,
    size: number,
  ) {
    this.data = make(Math.max(16, size));
    if (blank !== 0) this.data.fill(blank);
  }
  /** Makes `id` addressable; false for an id that cannot be an index (then use a Map). */
  reach(id: number): boolean {
    if (id < this.data.length) return id >= 0 && Number.isInteger(id);
    if (!Number.isInteger(id) || id > 2 ** 28) return false;
    const next = this.make(Math.max(id + 1, this.data.length * 2));
    if (this.blank !== 0) next.fill(this.blank, this.data.length);
    next.set(this.data);
    this.data = next;
    return true;
  }
}

/** The raw columns of one page: ids, people, times, direction/status code, names, size, thread. */
export type Page = [
  ArrayLike<number>,
  ArrayLike<number>,
  ArrayLike<number>,
  ArrayLike<number>,
  ArrayLike<number>,
  ArrayLike<string>,
  ArrayLike<string>,
  ArrayLike<number>,
  ArrayLike<number | null>,
];

// Direction and moderation status come back as one small number: cheaper than strings.
const CODE = `(CASE direction WHEN 'inbound' THEN 0 WHEN 'outbound' THEN 1 WHEN 'mutual' THEN 2
  ELSE 3 END) + (CASE WHEN status = 'approved' THEN 4 ELSE 0 END)`;
const PAGE_COLUMNS = [
  "id",
  "from_person_id",
  "to_person_id",
  "occurred_at",
  CODE,
  "channel",
  "kind",
  "size",
  "thread_id",
];

/**
 * Pages of interactions with ids in (after, until], in id order, each as columns. SQLite pages
 * come back as one JSON array per column and page: SQLite builds them without a JavaScript
 * value per field, and JSON.parse reads them at memory speed.
 */
export async function* pages(
  conn: Pick<SqlExecutor, "dialect" | "arrays">,
  after = -1,
  until = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<Page> {
  if (conn.dialect === "sqlite") {
    const sql = `SELECT ${PAGE_COLUMNS.map((_, c) => `json_group_array(c${c})`).join(", ")}
      FROM (SELECT ${PAGE_COLUMNS.map((col, c) => `${col} AS c${c}`).join(", ")}
            FROM interactions WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE})`;
    for (;;) {
      const row = (await conn.arrays(sql, [after, until]))[0] as string[] | undefined;
      const page = (row ?? []).map((json) => JSON.parse(json)) as Page;
      const ids = page[0];
      if (!ids || ids.length === 0) return;
      yield page;
      if (ids.length < PAGE) return;
      after = Number(ids[ids.length - 1]);
    }
  }
  for (;;) {
    const rows = await conn.arrays(
      `SELECT ${PAGE_COLUMNS.join(", ")} FROM interactions WHERE id > ? AND id <= ?
       ORDER BY id LIMIT ${PAGE}`,
      [after, until],
    );
    if (rows.length === 0) return;
    const page = PAGE_COLUMNS.map((_, c) => rows.map((r) => r[c])) as unknown as Page;
    yield page;
    if (rows.length < PAGE) return;
    after = Number(page[0][rows.length - 1]);
  }
}

/** Typed-array columns, grown by doubling. */
function grown<T extends Float64Array | Int32Array | Uint16Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/**
 * What one reader gathers from its range of interactions: the user's events, column-wise, and
 * everyone's latest act. Interactions between others go to `observe` when given, else they
 * are kept (column-wise too) for the caller to replay in order.
 */
export class ScanPart {
  n = 0;
  ids: Float64Array;
  ats: Float64Array;
  others: Int32Array;
  threads: Int32Array;
  sizes: Int32Array;
  codes: Uint16Array;
  channelsOf: Uint16Array;
  readonly kinds = new Interner();
  readonly channels = new Interner();
  readonly lastActiveOf: PerPerson<Float64Array>;
  /** Latest acts of people whose ids cannot index an array (none in practice). */
  readonly lastActive = new Map<number, number>();
  /** Kept interactions between others (when there is no `observe`). */
  kept = 0;
  keptFrom: Int32Array = new Int32Array(16);
  keptTo: Int32Array = new Int32Array(16);
  keptAt: Float64Array = new Float64Array(16);
  keptChannel: Uint16Array = new Uint16Array(16);
  keptKind: Uint16Array = new Uint16Array(16);

  constructor(
    private readonly me: number,
    capacity: number,
    maxPerson: number,
    private readonly observe?: (
      from: number,
      to: number,
      at: number,
      channel: string,
      kind: string,
    ) => void,
  ) {
    this.ids = new Float64Array(capacity);
    this.ats = new Float64Array(capacity);
    this.others = new Int32Array(capacity);
    this.threads = new Int32Array(capacity);
    this.sizes = new Int32Array(capacity);
    this.codes = new Uint16Array(capacity);
    this.channelsOf = new Uint16Array(capacity);
    this.lastActiveOf = new PerPerson(
      (n) => new Float64Array(n),
      Number.NEGATIVE_INFINITY,
      maxPerson,
    );
  }

  private grow(): void {
    const size = Math.max(1024, this.ids.length * 2);
    this.ids = grown(this.ids, size);
    this.ats = grown(this.ats, size);
    this.others = grown(this.others, size);
    this.threads = grown(this.threads, size);
    this.sizes = grown(this.sizes, size);
    this.codes = grown(this.codes, size);
    this.channelsOf = grown(this.channelsOf, size);
  }

  private keep(from: number, to: number, at: number, channel: string, kind: string): void {
    if (this.kept === this.keptAt.length) {
      const size = this.kept * 2;
      this.keptFrom = grown(this.keptFrom, size);
      this.keptTo = grown(this.keptTo, size);
      this.keptAt = grown(this.keptAt, size);
      this.keptChannel = grown(this.keptChannel, size);
      this.keptKind = grown(this.keptKind, size);
    }
    const k = this.kept++;
    this.keptFrom[k] = from;
    this.keptTo[k] = to;
    this.keptAt[k] = at;
    this.keptChannel[k] = this.channels.id(channel);
    this.keptKind[k] = this.kinds.id(kind);
  }

  add(page: Page): void {
    const [rowIds, froms, tos, whens, rowCodes, rowChannels, rowKinds, rowSizes, rowThreads] = page;
    const me = this.me;
    const last = this.lastActiveOf;
    const rows = rowIds.length;
    for (let r = 0; r < rows; r++) {
      const from = Number(froms[r]);
      const to = Number(tos[r]);
      const at = Number(whens[r]);
      if (last.reach(from)) {
        if (at > (last.data[from] as number)) last.data[from] = at;
      } else if (at > (this.lastActive.get(from) ?? Number.NEGATIVE_INFINITY)) {
        this.lastActive.set(from, at);
      }
      if (from !== me && to !== me) {
        const channel = rowChannels[r] as string;
        const kind = rowKinds[r] as string;
        if (this.observe) this.observe(from, to, at, channel, kind);
        else this.keep(from, to, at, channel, kind);
        continue;
      }
      if (this.n === this.ids.length) this.grow();
      const n = this.n++;
      const thread = rowThreads[r];
      this.ids[n] = Number(rowIds[r]);
      this.ats[n] = at;
      this.others[n] = from === me ? to : from;
      this.threads[n] = thread === null || thread === undefined ? -1 : Number(thread);
      this.sizes[n] = Number(rowSizes[r]);
      // direction (2 bits) | approved (1 bit) | kind (13 bits); channels in their own column.
      this.codes[n] = (Number(rowCodes[r]) & 7) | (this.kinds.id(rowKinds[r] as string) << 3);
      this.channelsOf[n] = this.channels.id(rowChannels[r] as string);
    }
  }

  /** Appends another part's events (its ids all after this part's) and latest acts. */
  append(other: ScanPart): void {
    while (this.ids.length < this.n + other.n) this.grow();
    const at = this.n;
    const count = other.n;
    this.ids.set(other.ids.subarray(0, count), at);
    this.ats.set(other.ats.subarray(0, count), at);
    this.others.set(other.others.subarray(0, count), at);
    this.threads.set(other.threads.subarray(0, count), at);
    this.sizes.set(other.sizes.subarray(0, count), at);
    const kinds = other.kinds.names.map((name) => this.kinds.id(name));
    const channels = other.channels.names.map((name) => this.channels.id(name));
    for (let k = 0; k < count; k++) {
      const code = other.codes[k] as number;
      this.codes[at + k] = (code & 7) | ((kinds[code >> 3] as number) << 3);
      this.channelsOf[at + k] = channels[other.channelsOf[k] as number] as number;
    }
    this.n += count;
    const theirs = other.lastActiveOf.data;
    const mine = this.lastActiveOf;
    if (theirs.length > 0) mine.reach(theirs.length - 1);
    for (let p = 0; p < theirs.length; p++) {
      if ((theirs[p] as number) > (mine.data[p] as number)) mine.data[p] = theirs[p] as number;
    }
    for (const [p, t] of other.lastActive) {
      if (t > (this.lastActive.get(p) ?? Number.NEGATIVE_INFINITY)) this.lastActive.set(p, t);
    }
  }
}

/** What a worker sends back: a ScanPart's columns and names. */
export interface PartMessage {
  n: number;
  columns: {
    ids: Float64Array;
    ats: Float64Array;
    others: Int32Array;
    threads: Int32Array;
    sizes: Int32Array;
    codes: Uint16Array;
    channelsOf: Uint16Array;
    lastActiveOf: Float64Array;
    keptFrom: Int32Array;
    keptTo: Int32Array;
    keptAt: Float64Array;
    keptChannel: Uint16Array;
    keptKind: Uint16Array;
  };
  kept: number;
  kinds: string[];
  channels: string[];
  lastActive: [number, number][];
}

export function partMessage(part: ScanPart): { message: PartMessage; transfer: ArrayBuffer[] } {
  const columns = {
    ids: part.ids,
    ats: part.ats,
    others: part.others,
    threads: part.threads,
    sizes: part.sizes,
    codes: part.codes,
    channelsOf: part.channelsOf,
    lastActiveOf: part.lastActiveOf.data,
    keptFrom: part.keptFrom,
    keptTo: part.keptTo,
    keptAt: part.keptAt,
    keptChannel: part.keptChannel,
    keptKind: part.keptKind,
  };
  return {
    message: {
      n: part.n,
      columns,
      kept: part.kept,
      kinds: [...part.kinds.names],
      channels: [...part.channels.names],
      lastActive: [...part.lastActive],
    },
    transfer: Object.values(columns).map((c) => c.buffer as ArrayBuffer),
  };
}

function partFrom(message: PartMessage, me: number): ScanPart {
  const part = new ScanPart(me, 0, 0);
  const c = message.columns;
  part.n = message.n;
  part.ids = c.ids;
  part.ats = c.ats;
  part.others = c.others;
  part.threads = c.threads;
  part.sizes = c.sizes;
  part.codes = c.codes;
  part.channelsOf = c.channelsOf;
  part.lastActiveOf.data = c.lastActiveOf;
  part.kept = message.kept;
  part.keptFrom = c.keptFrom;
  part.keptTo = c.keptTo;
  part.keptAt = c.keptAt;
  part.keptChannel = c.keptChannel;
  part.keptKind = c.keptKind;
  for (const name of message.kinds) part.kinds.id(name);
  for (const name of message.channels) part.channels.id(name);
  for (const [p, at] of message.lastActive) part.lastActive.set(p, at);
  return part;
}

/** Reads the interactions with ids above `after` in a worker thread (scan-worker.ts). */
async function readInWorker(
  file: string,
  me: number,
  after: number,
  capacity: number,
  maxPerson: number,
): Promise<ScanPart> {
  const script = new URL("./scan-worker.js", import.meta.url);
  // Only the compiled module has its worker beside it (not the TypeScript sources under test).
  if (!fs.existsSync(fileURLToPath(script))) throw new Error("no worker script");
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file, me, after, capacity, maxPerson } });
    worker.once("message", (message: PartMessage) => resolve(partFrom(message, me)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`scan worker exited with ${code}`)));
  });
}

/** Parts of the scan at least this large are worth a second thread (SQLite files only). */
const PARALLEL_MIN_IDS = 2_000_000;

export async function scanInteractions(
  conn: SqlExecutor,
  me: number,
  options: ScanOptions,
): Promise<Scan> {
  // Sized once from the two index counts, so the columns rarely grow by copying.
  const counted = await conn.all<{
    n: number;
    people: number | null;
    low: number | null;
    high: number | null;
  }>(
    `SELECT (SELECT count(*) FROM interactions WHERE from_person_id = ?)
       + (SELECT count(*) FROM interactions WHERE to_person_id = ?) AS n,
       (SELECT max(id) FROM people) AS people,
       (SELECT min(id) FROM interactions) AS low, (SELECT max(id) FROM interactions) AS high`,
    [me, me],
  );
  const capacity = Math.max(1024, Number(counted[0]?.n ?? 0));
  const maxPerson = Number(counted[0]?.people ?? 0) + 1;
  const low = Number(counted[0]?.low ?? 0);
  const high = Number(counted[0]?.high ?? 0);
  const observedRecent = new Map<number, number>();
  const observedCount = new Map<number, number>();
  const recentOf = new PerPerson((n) => new Float64Array(n), 0, maxPerson);
  const countOf = new PerPerson((n) => new Int32Array(n), 0, maxPerson);
  const seen = (person: number, w: number) => {
    if (countOf.reach(person) && recentOf.reach(person)) {
      countOf.data[person] = (countOf.data[person] as number) + 1;
      if (w > 1e-6) recentOf.data[person] = (recentOf.data[person] as number) + w;
    } else {
      observedCount.set(person, (observedCount.get(person) ?? 0) + 1);
      if (w > 1e-6) observedRecent.set(person, (observedRecent.get(person) ?? 0) + w);
    }
  };
  const observed = (from: number, to: number, at: number, channel: string, kind: string) => {
    options.observed?.(from, to, at, channel, kind);
    const w = options.weight(at);
    seen(from, w);
    seen(to, w);
  };
  const part = new ScanPart(me, capacity, maxPerson, observed);
  // A second thread reads the later half of a large table while this one reads the first;
  // its events are appended and its interactions between others replayed here, in id order,
  // so the result is the same as one pass.
  const middle = Math.floor(low + (high - low) / 2);
  const helper =
    options.file &&
    high - low >= (options.splitFrom ?? PARALLEL_MIN_IDS) &&
    process.env.IRL_TIES_WORKER !== "0"
      ? readInWorker(options.file, me, middle, Math.ceil(capacity / 2), maxPerson).catch(
          () => undefined,
        )
      : undefined;
  for await (const page of pages(conn, -1, helper ? middle : Number.MAX_SAFE_INTEGER)) {
    part.add(page);
  }
  if (helper) {
    let later = await helper;
    if (!later) {
      // The helper failed (no worker script, say): read its half here.
      later = new ScanPart(me, 1024, maxPerson);
      for await (const page of pages(conn, middle)) later.add(page);
    }
    part.append(later);
    const channels = later.channels.names;
    const kinds = later.kinds.names;
    for (let k = 0; k < later.kept; k++) {
      observed(
        later.keptFrom[k] as number,
        later.keptTo[k] as number,
        later.keptAt[k] as number,
        channels[later.keptChannel[k] as number] as string,
        kinds[later.keptKind[k] as number] as string,
      );
    }
  }
  const lastActive = part.lastActive;
  const lastActiveOf = part.lastActiveOf.data;
  for (let p = 0; p < lastActiveOf.length; p++) {
    const at = lastActiveOf[p] as number;
    if (at > Number.NEGATIVE_INFINITY) lastActive.set(p, at);
  }
  for (let p = 0; p < countOf.data.length; p++) {
    const c = countOf.data[p] ?? 0;
    if (c > 0) observedCount.set(p, c);
    const w = recentOf.data[p] ?? 0;
    if (w > 0) observedRecent.set(p, w);
  }
  const count = part.n;
  const { kinds, channels } = part;
  // The columns, once grouped: each person's events side by side, oldest first. Gathered one
  // column at a time (a tight loop the processor can prefetch), so the pass over the groups
  // reads memory in order instead of jumping around ten million events.
  let groups:
    | {
        people: number[];
        start: Int32Array;
        ids: Float64Array;
        ats: Float64Array;
        threads: Int32Array;
        sizes: Int32Array;
        codes: Uint16Array;
        channelsOf: Uint16Array;
      }
    | undefined;
  const grouped = () => {
    if (!groups) {
      const { people, start, order } = groupByPerson(part.others, part.ats, count);
      groups = {
        people,
        start,
        ids: gather(part.ids, order),
        ats: gather(part.ats, order),
        threads: gather(part.threads, order),
        sizes: gather(part.sizes, order),
        codes: gather(part.codes, order),
        channelsOf: gather(part.channelsOf, order),
      };
      // The scan order is no longer needed: let it go.
      part.ids = new Float64Array(0);
      part.ats = new Float64Array(0);
      part.others = new Int32Array(0);
      part.threads = new Int32Array(0);
      part.sizes = new Int32Array(0);
      part.codes = new Uint16Array(0);
      part.channelsOf = new Uint16Array(0);
    }
    return groups;
  };
  /** Fills `e` with event `i` of the grouped columns. */
  const fill = (e: MyEvent, i: number) => {
    const g = groups as NonNullable<typeof groups>;
    const code = g.codes[i] as number;
    const thread = g.threads[i] as number;
    e.id = g.ids[i] as number;
    e.at = g.ats[i] as number;
    e.direction = DIRECTIONS[code & 3] as TieDirection;
    e.approved = (code & 4) !== 0;
    e.kind = kinds.name(code >> 3);
    e.channel = channels.name(g.channelsOf[i] as number);
    e.size = g.sizes[i] as number;
    e.threadId = thread < 0 ? null : thread;
    return e;
  };
  const forEachPerson = (visit: (person: number, events: EventList) => void) => {
    const { people, start } = grouped();
    const e: MyEvent = { ...BLANK };
    let from = 0;
    const list: EventList = {
      length: 0,
      get: (k: number) => fill(e, from + k),
    };
    for (let s = 0; s < people.length; s++) {
      const person = people[s] as number;
      from = start[s] as number;
      (list as { length: number }).length = (start[s + 1] as number) - from;
      e.other = person;
      visit(person, list);
    }
  };
  return {
    lastActive,
    observedRecent,
    observedCount,
    events: count,
    forEachPerson,
    *byPerson() {
      const { people, start } = grouped();
      for (let s = 0; s < people.length; s++) {
        const person = people[s] as number;
        const from = start[s] as number;
        const to = start[s + 1] as number;
        yield [
          person,
          (function* () {
            // One object, refilled: ten million events make no garbage.
            const e: MyEvent = { ...BLANK, other: person };
            for (let k = from; k < to; k++) yield fill(e, k);
          })(),
        ];
      }
    },
  };
}

/** `column` in `order`: out[k] = column[order[k]]. */
function gather<T extends Float64Array | Int32Array | Uint16Array>(
  column: T,
  order: Int32Array,
): T {
  const out = new (column.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = column[order[k] as number] as number;
  return out;
}

/**
 * The events' indexes grouped by person (in order of first appearance), each group oldest
 * first and equal times in scan (id) order: a stable sort by time, then a stable counting sort
 * by person.
 */
function groupByPerson(
  others: Int32Array,
  ats: Float64Array,
  count: number,
): { people: number[]; start: Int32Array; order: Int32Array } {
  // Slots by person id (ids are small dense integers; a Map for any that is not).
  let maxId = 0;
  for (let i = 0; i < count; i++) if ((others[i] as number) > maxId) maxId = others[i] as number;
  const slotById = new Int32Array(Math.min(maxId, 2 ** 20 + 4 * count) + 1).fill(-1);
  const slotOf = new Map<number, number>();
  const slots = new Int32Array(count);
  const people: number[] = [];
  const sizesOf: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = others[i] as number;
    const dense = p >= 0 && p < slotById.length;
    let s = dense ? (slotById[p] as number) : (slotOf.get(p) ?? -1);
    if (s < 0) {
      s = people.length;
      if (dense) slotById[p] = s;
      else slotOf.set(p, s);
      people.push(p);
      sizesOf.push(0);
    }
    slots[i] = s;
    sizesOf[s] = (sizesOf[s] as number) + 1;
  }
  const start = new Int32Array(people.length + 1);
  for (let s = 0; s < people.length; s++) {
    start[s + 1] = (start[s] as number) + (sizesOf[s] as number);
  }
  const byTime = sortByTime(ats, count);
  const fill = start.slice(0, people.length);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = byTime ? (byTime[k] as number) : k;
    const s = slots[i] as number;
    order[fill[s] as number] = i;
    fill[s] = (fill[s] as number) + 1;
  }
  if (!byTime) {
    // Times that are not whole milliseconds in a sane range: sort each group with a comparator.
    for (let s = 0; s < people.length; s++) {
      order
        .subarray(start[s] as number, start[s + 1] as number)
        .sort((a, b) => (ats[a] as number) - (ats[b] as number) || a - b);
    }
  }
  return { people, start, order };
}

/**
 * Indexes 0…count−1 stably sorted by time (LSD radix sort on the whole milliseconds since
 * the earliest time); undefined when already in order, or when a time is not a whole number
 * or the range exceeds 2^53.
 */
function sortByTime(ats: Float64Array, count: number): Int32Array | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (let i = 0; i < count; i++) {
    const at = ats[i] as number;
    if (!Number.isInteger(at)) return undefined;
    if (at < min) min = at;
    if (at > max) max = at;
    if (i > 0 && at < (ats[i - 1] as number)) sorted = false;
  }
  if (sorted || count === 0) return undefined;
  const range = max - min;
  if (!(range < 2 ** 53)) return undefined;
  const bits = Math.max(1, Math.ceil(Math.log2(range + 1)));
  const passes = Math.ceil(bits / RADIX_BITS);
  const width = Math.ceil(bits / passes);
  const buckets = 2 ** width;
  const mask = buckets - 1;
  let order = new Int32Array(count);
  let next = new Int32Array(count);
  let keys = new Float64Array(count);
  let nextKeys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    order[i] = i;
    keys[i] = (ats[i] as number) - min;
  }
  const histogram = new Int32Array(buckets);
  for (let pass = 0, scale = 1; pass < passes; pass++, scale *= buckets) {
    histogram.fill(0);
    // Digits by exact power-of-two products and floors (no floating-point remainder).
    const down = 1 / scale;
    const up = 1 / buckets;
    for (let i = 0; i < count; i++) {
      const q = Math.floor((keys[i] as number) * down);
      const d = (q - Math.floor(q * up) * buckets) & mask;
      histogram[d] = (histogram[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < buckets; d++) {
      const c = histogram[d] as number;
      histogram[d] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i] as number;
      const q = Math.floor(key * down);
      const d = (q - Math.floor(q * up) * buckets) & mask;
      const to = histogram[d] as number;
      histogram[d] = to + 1;
      next[to] = order[i] as number;
      nextKeys[to] = key;
    }
    [order, next] = [next, order];
    [keys, nextKeys] = [nextKeys, keys];
  }
  return order;
}
/** Strings (channels, kinds) as small numbers and back. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
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
