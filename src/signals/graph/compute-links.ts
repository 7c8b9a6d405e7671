/**
 * Who knows whom, written to the `links` and `graph_people` tables while ties are computed
 * (compute-ties.ts): the same sequential pass over the interactions that scores the user's ties
 * hands every interaction between two other people to a `LinkCollector`; small events both
 * attended come from one read of the attendance; the user's own ties come from the `ties`
 * table just written. Each link gets its strength and evidence (link-strength.ts); each person
 * their number of links, recent activity and new links lately, for who-to-meet-next.
 *
 * @example
 * const links = new LinkCollector(me, now);
 * const scan = await scanInteractions(conn, me, { weight, observed: links.observe });
 * … write the ties …
 * await writeLinks(conn, links, { recent, lastActive });
 */
import type { Connection } from "../../store/connection.js";
import {
  LinkTally,
  linkEvidence,
  linkGrowth,
  linkStrength,
  MAX_EVENT_SIZE,
  MIN_LINK_STRENGTH,
} from "./link-strength.js";

/** Ties of the user weaker than this are not links (a card and nothing else, long ago). */
export const MIN_TIE_LINK = MIN_LINK_STRENGTH;

const LINK_COLUMNS = [
  "person_a",
  "person_b",
  "strength",
  "evidence",
  "from_a",
  "from_b",
  "shared_events",
  "channels",
  "last_at",
  "computed_at",
] as const;

const PEOPLE_COLUMNS = [
  "person_id",
  "degree",
  "strength_sum",
  "recent",
  "last_active_at",
  "growth",
] as const;

export class LinkCollector {
  readonly tallies = new Map<number, Map<number, LinkTally>>();

  constructor(
    readonly me: number,
    readonly now: number,
  ) {}

  tally(x: number, y: number): LinkTally {
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    let row = this.tallies.get(a);
    if (!row) {
      row = new Map();
      this.tallies.set(a, row);
    }
    let t = row.get(b);
    if (!t) {
      t = new LinkTally();
      row.set(b, t);
    }
    return t;
  }

  /** One interaction between two people neither of whom is the user. */
  readonly observe = (from: number, to: number, at: number, channel: string, kind: string) => {
    if (from === to || from === this.me || to === this.me || at > this.now) return;
    this.tally(from, to).addAct(from < to, channel, kind, at, this.now);
  };
}

export interface LinkContext {
  /** Each person's acts with anyone, 7-day half-life, as of now. */
  recent: ReadonlyMap<number, number>;
  lastActive: ReadonlyMap<number, number>;
}

interface PersonAcc {
  degree: number;
  strength: number;
  growth: number;
}

/**
 * The two path indexes of `links`, as migration 0007 made them. `writeLinks` drops them while it
 * rewrites the table and builds them again at the end: one sort each instead of a random
 * B-tree insert per row (868,000 links: several times faster).
 */
const LINK_INDEXES = [
  `CREATE INDEX links_a ON links (person_a, strength, person_b, last_at)`,
  `CREATE INDEX links_b ON links (person_b, strength, person_a, last_at)`,
];
const LINK_INDEX_NAMES = ["links_a", "links_b"];
/** Rows per insert call: built just before they are written, so they never pile up in memory. */
const ROWS_PER_BATCH = 2000;

export async function writeLinks(
  conn: Connection,
  links: LinkCollector,
  context: LinkContext,
): Promise<{ links: number; skippedEvents: number }> {
  const { me, now } = links;
  const skippedEvents = await addEvents(conn, links);
  const titles = await eventTitles(conn, links);
  const people = new Map<number, PersonAcc>();
  const count = (p: number, strength: number, growth: number) => {
    let acc = people.get(p);
    if (!acc) {
      acc = { degree: 0, strength: 0, growth: 0 };
      people.set(p, acc);
    }
    acc.degree++;
    acc.strength += strength;
    acc.growth += growth;
  };
  // The user's own ties, with the reasons their strength already carries, by lower id.
  const tieRows = new Map<number, unknown[][]>();
  if (me >= 0) {
    const ties = await conn.arrays(
      // `+score`: not through the score index (most ties pass), but in table order, one pass.
      `SELECT person_id, score, reasons, dialog_in, dialog_out, channels, last_at, first_at
       FROM ties WHERE +score >= ?`,
      [MIN_TIE_LINK],
    );
    for (const [p, score, reasons, dialogIn, dialogOut, channels, lastAt, firstAt] of ties) {
      const other = Number(p);
      if (other === me) continue;
      const meFirst = me < other;
      const strength = Number(score);
      const evidence = (JSON.parse(String(reasons)) as string[]).slice(0, 3);
      const a = meFirst ? me : other;
      let list = tieRows.get(a);
      if (!list) {
        list = [];
        tieRows.set(a, list);
      }
      list.push([
        a,
        meFirst ? other : me,
        strength,
        JSON.stringify(evidence),
        Number(meFirst ? dialogOut : dialogIn),
        Number(meFirst ? dialogIn : dialogOut),
        0,
        String(channels ?? ""),
        lastAt === null ? null : Number(lastAt),
        now,
      ]);
      const growth = firstAt === null ? 0 : linkGrowth(Number(firstAt), now);
      count(me, strength, growth);
      count(other, strength, growth);
    }
  }
  let written = 0;
  await conn.transaction(async (tx) => {
    for (const name of LINK_INDEX_NAMES) await tx.run(`DROP INDEX IF EXISTS ${name}`);
    await tx.run("DELETE FROM links");
    await tx.run("DELETE FROM graph_people");
    // In (person_a, person_b) order, so the primary key only ever appends.
    const firsts = [...new Set([...links.tallies.keys(), ...tieRows.keys()])].sort((x, y) => x - y);
    let batch: unknown[][] = [];
    for (const a of firsts) {
      const row = links.tallies.get(a);
      const pairs = tieRows.get(a) ?? [];
      if (row) {
        for (const [b, t] of row) {
          const strength = linkStrength(t);
          if (strength < MIN_LINK_STRENGTH) continue;
          pairs.push([
            a,
            b,
            strength,
            JSON.stringify(linkEvidence(t, titles)),
            t.fromA,
            t.fromB,
            t.events,
            t.channels.map((c) => c[0]).join(","),
            Number.isFinite(t.lastAt) ? t.lastAt : null,
            now,
          ]);
          const growth = linkGrowth(t.firstAt, now);
          count(a, strength, growth);
          count(b, strength, growth);
        }
        links.tallies.delete(a);
      }
      pairs.sort((x, y) => (x[1] as number) - (y[1] as number));
      for (const p of pairs) batch.push(p);
      if (batch.length >= ROWS_PER_BATCH) {
        written += batch.length;
        await tx.insertNew("links", LINK_COLUMNS, batch);
        batch = [];
      }
    }
    written += batch.length;
    await tx.insertNew("links", LINK_COLUMNS, batch);
    for (const sql of LINK_INDEXES) await tx.run(sql);
    // Only people still in the store (an interaction's person may have just been forgotten).
    const known = new Set((await tx.arrays("SELECT id FROM people")).map((r) => Number(r[0])));
    const peopleRows: unknown[][] = [];
    for (const p of new Set([...people.keys(), ...context.recent.keys()])) {
      if (!known.has(p)) continue;
      const acc = people.get(p);
      peopleRows.push([
        p,
        acc?.degree ?? 0,
        acc?.strength ?? 0,
        context.recent.get(p) ?? 0,
        context.lastActive.get(p) ?? null,
        acc?.growth ?? 0,
      ]);
    }
    for (let i = 0; i < peopleRows.length; i += ROWS_PER_BATCH) {
      await tx.insertNew("graph_people", PEOPLE_COLUMNS, peopleRows.slice(i, i + ROWS_PER_BATCH));
    }
  });
  links.tallies.clear();
  return { links: written, skippedEvents };
}

/** Small events both attended, as links between every two attendees but the user. */
async function addEvents(conn: Connection, links: LinkCollector): Promise<number> {
  const rows = await conn.arrays(
    `SELECT a.event_id, a.person_id, e.starts_at FROM attendance a
     JOIN events e ON e.id = a.event_id
     WHERE a.role <> 'declined' ORDER BY a.event_id, a.person_id`,
  );
  let skipped = 0;
  for (let i = 0; i < rows.length; ) {
    const event = Number((rows[i] as unknown[])[0]);
    const at = (rows[i] as unknown[])[2];
    let j = i;
    const attendees = new Set<number>();
    while (j < rows.length && Number((rows[j] as unknown[])[0]) === event) {
      attendees.add(Number((rows[j] as unknown[])[1]));
      j++;
    }
    i = j;
    if (attendees.size > MAX_EVENT_SIZE) {
      skipped++;
      continue;
    }
    const list = [...attendees].filter((p) => p !== links.me);
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        links
          .tally(list[x] as number, list[y] as number)
          .addEvent(event, attendees.size, at === null ? null : Number(at));
      }
    }
  }
  return skipped;
}

async function eventTitles(conn: Connection, links: LinkCollector): Promise<Map<number, string>> {
  const ids = new Set<number>();
  for (const row of links.tallies.values())
    for (const t of row.values()) for (const e of t.eventIds) ids.add(e);
  const titles = new Map<number, string>();
  const list = [...ids];
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const found = await conn.arrays(
      `SELECT id, title FROM events WHERE id IN (${chunk.map(() => "?").join(",")})`,
      chunk,
    );
    for (const [id, title] of found) titles.set(Number(id), String(title));
  }
  return titles;
}
