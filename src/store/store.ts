/**
 * The store: irl's one door to its data, the same on SQLite and PostgreSQL. Opening it runs
 * the migrations. Reads go through Kysely; the import pipeline writes through `conn`'s raw
 * executor (see `import-writer.ts`).
 *
 * @example
 * const store = await openStore({ dialect: "sqlite", location: "irl.db" });
 * console.log(await store.stats());
 * await store.close();
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { IrlError } from "../errors.js";
import { anchorKey, normalizeIdentity } from "../identity/normalize.js";
import type { IdentityRef } from "../sources/records.js";
import { type Connection, connect, type Dialect, type SqlExecutor } from "./connection.js";
import type { StoreLocation } from "./location.js";
import { mergePeople } from "./merge.js";
import { migrateToLatest } from "./migrations.js";
import type { Identity, ImportRow, Person } from "./schema.js";

export interface Stats {
  people: number;
  identities: number;
  interactions: number;
  content: number;
  /** Ties without dialog: connections, cards, follows, subscriptions. */
  contacts: number;
  events: number;
  imports: number;
  byChannel: Record<string, number>;
  byDirection: Record<string, number>;
}

export interface PersonSummary {
  id: number;
  name: string;
  interactions: number;
  inbound: number;
  outbound: number;
  observed: number;
  channels: string[];
  firstAt: number | null;
  lastAt: number | null;
}

export interface TimelineEntry {
  at: number;
  channel: string;
  kind: string;
  direction: string;
  fromName: string;
  toName: string;
  contextTitle: string | null;
  contextUrl: string | null;
  /** The start of what was said. */
  excerpt: string | null;
  status: string;
}

export type PeopleSort = "recent" | "name" | "interactions";

/** The user's display name until an identity or an export tells irl their name. */
export const UNNAMED_ME = "Me";

export class Store {
  private constructor(
    readonly conn: Connection,
    readonly dialect: Dialect,
    readonly location: string,
  ) {}

  static async open(where: StoreLocation): Promise<Store> {
    if (where.dialect === "sqlite" && where.location !== ":memory:") {
      fs.mkdirSync(path.dirname(where.location), { recursive: true });
    }
    const conn = await connect(where.dialect, where.location);
    try {
      await migrateToLatest(conn.kysely, where.dialect, conn.schema);
    } catch (error) {
      await conn.close();
      throw error;
    }
    return new Store(conn, where.dialect, where.location);
  }

  get db() {
    return this.conn.kysely;
  }

  async close(): Promise<void> {
    await this.conn.close();
  }

  // --- the user ---------------------------------------------------------------------------

  async me(): Promise<Person | undefined> {
    return this.db.selectFrom("people").selectAll().where("is_me", "=", 1).executeTakeFirst();
  }

  /** The user's person, created on first need. */
  async ensureMe(tx: SqlExecutor = this.conn): Promise<number> {
    const found = await tx.all<{ id: number }>("SELECT id FROM people WHERE is_me = 1 LIMIT 1");
    if (found[0]) return found[0].id;
    const made = await tx.all<{ id: number }>(
      "INSERT INTO people (display_name, is_me, created_at) VALUES (?, 1, ?) RETURNING id",
      [UNNAMED_ME, Date.now()],
    );
    return (made[0] as { id: number }).id;
  }

  async identitiesOf(personId: number): Promise<Identity[]> {
    return this.db
      .selectFrom("identities")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("kind")
      .orderBy("value")
      .execute();
  }

  /**
   * Declare identities as the user's own. An identity already known as someone else's moves
   * to the user, and when that leaves the other person with nothing, the two are merged.
   * Directions of past interactions are recomputed. Returns the refs that were not usable.
   */
  async addMyIdentities(refs: IdentityRef[], source = "user"): Promise<IdentityRef[]> {
    const unusable: IdentityRef[] = [];
    await this.conn.transaction(async (tx) => {
      const me = await this.ensureMe(tx);
      for (const ref of refs) {
        const value = normalizeIdentity(ref);
        if (!value) {
          unusable.push(ref);
          continue;
        }
        const key = anchorKey(ref.kind, value);
        if (ref.kind === "name") {
          await tx.run("UPDATE people SET display_name = ? WHERE id = ? AND display_name = ?", [
            ref.value.trim(),
            me,
            UNNAMED_ME,
          ]);
        }
        const owner = key
          ? await tx.all<{ person_id: number }>("SELECT person_id FROM identities WHERE key = ?", [
              key,
            ])
          : [];
        const previous = owner[0]?.person_id;
        if (previous !== undefined && previous !== me) {
          await mergePeople(tx, me, previous, {
            method: "user",
            reasons: [`you declared ${ref.value.trim()} as yours`],
          });
        } else if (previous === undefined) {
          await tx.run(
            `INSERT INTO identities (person_id, kind, value, display, key, source, created_at,
               reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
            [
              me,
              ref.kind,
              value,
              ref.value.trim(),
              key ?? null,
              source,
              Date.now(),
              "declared by you as yours",
            ],
          );
        }
        if (key) {
          // The same address typed into the user's own blog's comment form is the user, too.
          const claims = await tx.all<{ person_id: number }>(
            `SELECT DISTINCT person_id FROM identities WHERE key LIKE 'claim:%'
               AND substr(key, length(key) - ? + 1) = ? AND person_id <> ?`,
            [key.length + 1, `:${key}`, me],
          );
          for (const c of claims) {
            await mergePeople(tx, me, Number(c.person_id), {
              method: "user",
              reasons: [`you declared ${ref.value.trim()} as yours, and it signed these comments`],
            });
          }
        }
      }
      await recomputeDirections(tx, me);
    });
    return unusable;
  }

  // --- reading ----------------------------------------------------------------------------

  async stats(): Promise<Stats> {
    const count = async (
      table:
        | "people"
        | "identities"
        | "interactions"
        | "content"
        | "contacts"
        | "events"
        | "imports",
    ) => {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const people = await this.db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("is_me", "=", 0)
      .executeTakeFirstOrThrow();
    const group = async (column: "channel" | "direction") => {
      const rows = await this.db
        .selectFrom("interactions")
        .select([column, (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(column)
        .orderBy(column)
        .execute();
      return Object.fromEntries(rows.map((r) => [r[column] as string, Number(r.n)]));
    };
    return {
      people: Number(people.n),
      identities: await count("identities"),
      interactions: await count("interactions"),
      content: await count("content"),
      contacts: await count("contacts"),
      events: await count("events"),
      imports: await count("imports"),
      byChannel: await group("channel"),
      byDirection: await group("direction"),
    };
  }

  async imports(): Promise<ImportRow[]> {
    return this.db.selectFrom("imports").selectAll().orderBy("last_at", "desc").execute();
  }

  /** Everyone but the user, with what irl knows of their dialog with the user. */
  async people(options: { sort?: PeopleSort; limit?: number } = {}): Promise<PersonSummary[]> {
    const me = (await this.me())?.id ?? -1;
    const rows = await this.db
      .selectFrom("people as p")
      .leftJoin("interactions as i", (join) =>
        join.on((eb) =>
          eb.or([
            eb("i.from_person_id", "=", eb.ref("p.id")),
            eb("i.to_person_id", "=", eb.ref("p.id")),
          ]),
        ),
      )
      .select((eb) => [
        "p.id",
        "p.display_name as name",
        eb.fn.count<number>("i.id").as("interactions"),
        sql<number>`sum(case when ${eb.ref("i.direction")} = 'inbound' then 1 else 0 end)`.as(
          "inbound",
        ),
        sql<number>`sum(case when ${eb.ref("i.direction")} = 'outbound' then 1 else 0 end)`.as(
          "outbound",
        ),
        sql<number>`sum(case when ${eb.ref("i.direction")} = 'observed' then 1 else 0 end)`.as(
          "observed",
        ),
        eb.fn.min<number>("i.occurred_at").as("firstAt"),
        eb.fn.max<number>("i.occurred_at").as("lastAt"),
      ])
      .where("p.id", "<>", me)
      .groupBy(["p.id", "p.display_name"])
      .execute();
    const channels = await this.channelsByPerson(me);
    const summaries: PersonSummary[] = rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      interactions: Number(r.interactions),
      inbound: Number(r.inbound ?? 0),
      outbound: Number(r.outbound ?? 0),
      observed: Number(r.observed ?? 0),
      channels: channels.get(Number(r.id)) ?? [],
      firstAt: r.firstAt === null ? null : Number(r.firstAt),
      lastAt: r.lastAt === null ? null : Number(r.lastAt),
    }));
    const sort = options.sort ?? "recent";
    summaries.sort((a, b) =>
      sort === "name"
        ? a.name.localeCompare(b.name)
        : sort === "interactions"
          ? b.interactions - a.interactions || a.name.localeCompare(b.name)
          : (b.lastAt ?? -1) - (a.lastAt ?? -1) || a.name.localeCompare(b.name),
    );
    return options.limit ? summaries.slice(0, options.limit) : summaries;
  }

  private async channelsByPerson(me: number): Promise<Map<number, string[]>> {
    const rows = await this.conn.all<{ person: number; channel: string }>(
      `SELECT from_person_id AS person, channel FROM interactions WHERE from_person_id <> ?
       UNION SELECT to_person_id AS person, channel FROM interactions WHERE to_person_id <> ?`,
      [me, me],
    );
    const map = new Map<number, string[]>();
    for (const r of rows) {
      const list = map.get(Number(r.person)) ?? [];
      if (!list.includes(r.channel)) list.push(r.channel);
      map.set(Number(r.person), list);
    }
    for (const list of map.values()) list.sort();
    return map;
  }

  /**
   * People matching a query: `#12` (an id), an identity (e-mail, site, handle), or a part of
   * a name (accents and case ignored). Exact identity matches win over name matches.
   */
  async findPeople(query: string): Promise<Person[]> {
    const q = query.trim();
    const byId = /^#?(\d+)$/.exec(q);
    if (byId) {
      const p = await this.db
        .selectFrom("people")
        .selectAll()
        .where("id", "=", Number(byId[1]))
        .executeTakeFirst();
      if (p) return [p];
    }
    // Exact identities, verified or only claimed (a commenter's typed-in address).
    const values = new Set<string>();
    for (const kind of ["email", "url", "handle", "profile"] as const) {
      const value = normalizeIdentity({ kind, value: q });
      if (value && anchorKey(kind, value)) values.add(value);
    }
    if (values.size > 0) {
      const exact = await this.db
        .selectFrom("people")
        .selectAll()
        .where("id", "in", (eb) =>
          eb
            .selectFrom("identities")
            .select("person_id")
            .where((w) =>
              w.or([
                w.and([w("value", "in", [...values]), w("kind", "<>", "name")]),
                w("kind", "=", "handle").and(
                  "value",
                  "like",
                  `%:${q.replace(/^@/, "").toLowerCase()}`,
                ),
              ]),
            ),
        )
        .orderBy("id")
        .execute();
      if (exact.length > 0) return exact;
    }
    const name = normalizeIdentity({ kind: "name", value: q });
    if (!name) return [];
    return this.db
      .selectFrom("people")
      .selectAll()
      .where("id", "in", (eb) =>
        eb
          .selectFrom("identities")
          .select("person_id")
          .where("kind", "=", "name")
          .where("value", "like", `%${escapeLike(name)}%`),
      )
      .orderBy("display_name")
      .limit(50)
      .execute();
  }

  /** Every interaction the person took part in, newest first. */
  async timeline(personId: number, limit = 200, offset = 0): Promise<TimelineEntry[]> {
    const rows = await this.db
      .selectFrom("interactions as i")
      .innerJoin("people as f", "f.id", "i.from_person_id")
      .innerJoin("people as t", "t.id", "i.to_person_id")
      .leftJoin("threads as th", "th.id", "i.thread_id")
      .select([
        "i.occurred_at as at",
        "i.channel",
        "i.kind",
        "i.direction",
        "f.display_name as fromName",
        "t.display_name as toName",
        "th.title as contextTitle",
        "th.url as contextUrl",
        "i.body",
        "i.status",
      ])
      .where((eb) =>
        eb.or([eb("i.from_person_id", "=", personId), eb("i.to_person_id", "=", personId)]),
      )
      .orderBy("i.occurred_at", "desc")
      .orderBy("i.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(({ body, ...r }) => ({ ...r, at: Number(r.at), excerpt: excerpt(body) }));
  }

  async contentCount(personId: number): Promise<number> {
    const row = await this.db
      .selectFrom("content")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("person_id", "=", personId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async person(id: number): Promise<Person> {
    const p = await this.db
      .selectFrom("people")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!p) throw new IrlError("not_found", `no person #${id}`);
    return p;
  }
}

/** Direction follows from who the user is; mutual (a meeting) stays mutual. */
export async function recomputeDirections(tx: SqlExecutor, me: number): Promise<void> {
  await tx.run(
    `UPDATE interactions SET direction = CASE
       WHEN from_person_id = ? THEN 'outbound'
       WHEN to_person_id = ? THEN 'inbound'
       ELSE 'observed' END
     WHERE direction <> 'mutual'`,
    [me, me],
  );
}

const EXCERPT_CHARS = 240;

function excerpt(body: string | null): string | null {
  if (!body) return null;
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

function escapeLike(s: string): string {
  return s.replace(/[%_]/g, "");
}

export async function openStore(where: StoreLocation): Promise<Store> {
  return Store.open(where);
}
