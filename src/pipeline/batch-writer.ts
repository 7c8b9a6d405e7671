/**
 * Writes one batch of records inside one transaction: resolves parties to people, decides
 * each interaction's direction relative to the user, and inserts interactions and content
 * keyed by their stable source keys, so a batch written twice changes nothing.
 *
 * @example
 * const writer = new BatchWriter({ source: "wxr", importId: 7, me, claimOwners: true });
 * await store.conn.transaction((tx) => writer.write(tx, records));
 */

import type {
  ContactRecord,
  ContentRecord,
  Direction,
  EventRecord,
  InteractionRecord,
  PartyRef,
  PersonRecord,
  SourceRecord,
} from "../sources/records.js";
import type { SqlExecutor } from "../store/connection.js";
import { recomputeDirections } from "../store/store.js";
import { FORGOTTEN, PartyResolver, type Resolved } from "./party-resolver.js";
import type { Problem } from "./problems.js";

const INTERACTION_COLUMNS = [
  "source_key",
  "import_id",
  "channel",
  "kind",
  "direction",
  "occurred_at",
  "from_person_id",
  "to_person_id",
  "from_identity_id",
  "to_identity_id",
  "thread_id",
  "reply_to",
  "body",
  "size",
  "status",
] as const;

const CONTACT_COLUMNS = [
  "source_key",
  "import_id",
  "person_id",
  "identity_id",
  "channel",
  "kind",
  "at",
] as const;

/** Thread ids remembered before the cache is cleared (they can be looked up again). */
const THREAD_CACHE_LIMIT = 100_000;

/** Above this many attendees an event is a crowd, not a meeting with each of them. */
export const MEETING_MAX_ATTENDEES = 12;

const CONTENT_COLUMNS = [
  "source_key",
  "import_id",
  "person_id",
  "identity_id",
  "kind",
  "title",
  "url",
  "body",
  "published_at",
] as const;

export interface WriterOptions {
  /** The import format, recorded as where identities were learnt. */
  source: string;
  importId: number;
  /** The user's person id. */
  me: number;
  /** Whether the export's own owner records make identities the user's (no `--me` given). */
  claimOwners: boolean;
}

export interface BatchCounts {
  added: number;
  unchanged: number;
  skipped: number;
  problems: Problem[];
}

export class BatchWriter {
  readonly resolver: PartyResolver;
  private readonly threads = new Map<string, number>();
  private forgottenLoaded = false;

  constructor(private readonly options: WriterOptions) {
    this.resolver = new PartyResolver(options.source, options.me);
  }

  async write(tx: SqlExecutor, records: readonly SourceRecord[]): Promise<BatchCounts> {
    const counts: BatchCounts = { added: 0, unchanged: 0, skipped: 0, problems: [] };
    if (!this.forgottenLoaded) {
      await this.resolver.loadState(tx);
      this.forgottenLoaded = true;
    }
    this.resolver.trimCaches();
    if (this.threads.size > THREAD_CACHE_LIMIT) this.threads.clear();
    await this.resolver.prefetch(tx, partiesOf(records));
    const rows: Rows = { interactions: [], content: [], contacts: [] };
    for (const record of records) {
      switch (record.type) {
        case "owner":
          if (this.options.claimOwners) {
            await this.resolver.claimForMe(tx, this.options.me, record.party);
          }
          break;
        case "skip":
          counts.skipped++;
          counts.problems.push({
            place: record.place,
            message: record.message,
            reason: record.reason,
          });
          break;
        case "content": {
          const author = await this.partyOf(tx, record.author, record, counts, [
            "no author",
            "content with no identifiable author",
          ]);
          if (author) rows.content.push(this.contentRow(record, author));
          break;
        }
        case "interaction":
          await this.interaction(tx, record, counts, rows);
          break;
        case "contact": {
          const person = await this.partyOf(tx, record.party, record, counts, [
            "no identity",
            "a contact with no name, e-mail, site or handle",
          ]);
          if (person?.person === this.options.me) {
            this.skip(counts, record, "yourself", "a tie with yourself (your own card or profile)");
          } else if (person) {
            rows.contacts.push([
              record.key,
              this.options.importId,
              person.person,
              person.identity,
              record.channel,
              record.kind,
              record.at ?? null,
            ]);
          }
          break;
        }
        case "event":
          await this.event(tx, record, counts, rows);
          break;
        case "person": {
          const before = this.resolver.peopleAdded;
          const person = await this.partyOf(tx, record.party, record, counts, [
            "no identity",
            "a person with no name, e-mail, site or handle",
          ]);
          if (person && this.resolver.peopleAdded > before) counts.added++;
          else if (person) counts.unchanged++;
          break;
        }
      }
    }
    const merged = new Map(this.resolver.merged);
    this.resolver.merged.clear();
    if (merged.size > 0) moveRows(rows, merged);
    const added =
      (await tx.insertNew("interactions", INTERACTION_COLUMNS, rows.interactions)) +
      (await tx.insertNew("content", CONTENT_COLUMNS, rows.content)) +
      (await tx.insertNew("contacts", CONTACT_COLUMNS, rows.contacts));
    if ([...merged.values()].includes(this.options.me)) {
      await recomputeDirections(tx, this.options.me);
    }
    counts.added += added;
    counts.unchanged +=
      rows.interactions.length + rows.content.length + rows.contacts.length - added;
    return counts;
  }

  private async interaction(
    tx: SqlExecutor,
    record: InteractionRecord,
    counts: BatchCounts,
    rows: Rows,
  ): Promise<void> {
    const author = await this.partyOf(tx, record.from, record, counts, [
      "no author",
      "no name, e-mail, site or handle for its author",
    ]);
    if (!author) return;
    const from = author.person;
    const { me } = this.options;
    const text = record.text?.trim() || null;
    const thread = await this.thread(tx, record);
    let stored = 0;
    let forgotten = 0;
    for (const [index, party] of record.to.entries()) {
      const counterpart = await this.resolver.resolve(tx, party);
      if (counterpart === FORGOTTEN) forgotten++;
      if (counterpart === FORGOTTEN || counterpart === undefined) continue;
      const to = counterpart.person;
      if (to === from) continue;
      const direction: Direction =
        record.direction ?? (from === me ? "outbound" : to === me ? "inbound" : "observed");
      rows.interactions.push([
        record.to.length === 1 ? record.key : `${record.key}#${index}`,
        this.options.importId,
        record.channel,
        record.kind,
        direction,
        record.at,
        from,
        to,
        author.identity,
        counterpart.identity,
        thread,
        record.replyTo ?? null,
        text,
        text?.length ?? 0,
        record.status ?? "approved",
      ]);
      stored++;
    }
    if (stored > 0) return;
    if (forgotten > 0) return this.skipForgotten(counts, record);
    if (text) {
      // Nobody else took part (the user commenting on their own post): keep what was written.
      const writing: ContentRecord = {
        type: "content",
        key: record.key,
        kind: record.channel === "blog_comment" ? "comment" : record.kind,
        author: record.from,
        title: record.context?.title,
        url: record.context?.url,
        text,
        at: record.at,
        place: record.place,
      };
      rows.content.push(this.contentRow(writing, author));
    } else {
      this.skip(counts, record, "no counterpart", "nobody but its author took part");
    }
  }

  /** The id of the record's thread (a post, a conversation), created on first sight. */
  private async thread(
    tx: SqlExecutor,
    record: Pick<InteractionRecord, "thread" | "context">,
  ): Promise<number | null> {
    const key = record.thread ?? (record.context?.url ? `url:${record.context.url}` : undefined);
    if (!key) return null;
    const known = this.threads.get(key);
    if (known !== undefined) return known;
    const found = await tx.all<{ id: number }>("SELECT id FROM threads WHERE key = ?", [key]);
    const made = found[0]
      ? found
      : await tx.all<{ id: number }>(
          "INSERT INTO threads (key, url, title) VALUES (?, ?, ?) RETURNING id",
          [key, record.context?.url ?? null, record.context?.title ?? null],
        );
    const id = Number((made[0] as { id: number }).id);
    this.threads.set(key, id);
    return id;
  }

  private contentRow(record: ContentRecord, author: Resolved): unknown[] {
    return [
      record.key,
      this.options.importId,
      author.person,
      author.identity,
      record.kind,
      record.title ?? null,
      record.url ?? null,
      record.text?.trim() || null,
      record.at ?? null,
    ];
  }

  /**
   * An event, who attended, and — when the user was one of a small group — a meeting in real
   * life with each other attendee who did not decline.
   */
  private async event(
    tx: SqlExecutor,
    record: EventRecord,
    counts: BatchCounts,
    rows: Rows,
  ): Promise<void> {
    const inserted = await tx.all<{ id: number }>(
      `INSERT INTO events (source_key, title, starts_at, ends_at, location, url, import_id)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
      [
        record.key,
        record.title,
        record.start ?? null,
        record.end ?? null,
        record.location ?? null,
        record.url ?? null,
        this.options.importId,
      ],
    );
    if (inserted[0]) counts.added++;
    else counts.unchanged++;
    const id =
      inserted[0]?.id ??
      (await tx.all<{ id: number }>("SELECT id FROM events WHERE source_key = ?", [record.key]))[0]
        ?.id;
    const people: { person: number; identity: number | null; declined: boolean; index: number }[] =
      [];
    for (const [index, attendee] of record.attendees.entries()) {
      const resolved = await this.resolver.resolve(tx, attendee.party);
      if (resolved === undefined || resolved === FORGOTTEN) continue;
      const person = resolved.person;
      const declined = attendee.status === "declined";
      people.push({ person, identity: resolved.identity, declined, index });
      await tx.run(
        `INSERT INTO attendance (event_id, person_id, identity_id, role, source_key)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          Number(id),
          person,
          resolved.identity,
          declined ? "declined" : (attendee.role ?? "attendee"),
          `${record.key}#${index}`,
        ],
      );
    }
    const { me } = this.options;
    const iWent = people.some((p) => p.person === me && !p.declined);
    if (!iWent || people.length > MEETING_MAX_ATTENDEES || record.start === undefined) return;
    const thread = await this.thread(tx, {
      thread: record.key,
      context: { title: record.title, url: record.url },
    });
    for (const p of people) {
      if (p.person === me || p.declined) continue;
      rows.interactions.push([
        `${record.key}#met${p.index}`,
        this.options.importId,
        "meeting",
        "meeting",
        "mutual",
        record.start,
        me,
        p.person,
        null,
        p.identity,
        thread,
        null,
        null,
        0,
        "approved",
      ]);
    }
  }

  /**
   * The person the record's party resolves to; otherwise the record is counted as skipped —
   * as "forgotten", or with `missing` (reason, message) when the party names nobody.
   */
  private async partyOf(
    tx: SqlExecutor,
    party: PartyRef,
    record: InteractionRecord | ContentRecord | ContactRecord | PersonRecord,
    counts: BatchCounts,
    missing: [reason: string, message: string],
  ): Promise<Resolved | undefined> {
    const resolved = await this.resolver.resolve(tx, party);
    if (resolved === FORGOTTEN) this.skipForgotten(counts, record);
    else if (resolved === undefined) this.skip(counts, record, ...missing);
    return resolved === FORGOTTEN ? undefined : resolved;
  }

  private skipForgotten(
    counts: BatchCounts,
    record: InteractionRecord | ContentRecord | ContactRecord | PersonRecord,
  ): void {
    this.skip(
      counts,
      record,
      "forgotten",
      "a record of someone you asked irl to forget (kept out; see `irl forget --help`)",
    );
  }

  private skip(
    counts: BatchCounts,
    record: InteractionRecord | ContentRecord | ContactRecord | PersonRecord,
    reason: string,
    message: string,
  ) {
    counts.skipped++;
    counts.problems.push({ place: record.place, message, reason });
  }
}

/** Rows gathered before their person was merged into another now belong to the kept one. */
function moveRows(rows: Rows, merged: Map<number, number>): void {
  const move = (row: unknown[], column: number) => {
    const into = merged.get(row[column] as number);
    if (into !== undefined) row[column] = into;
  };
  const from = INTERACTION_COLUMNS.indexOf("from_person_id");
  const to = INTERACTION_COLUMNS.indexOf("to_person_id");
  for (const row of rows.interactions) {
    move(row, from);
    move(row, to);
  }
  // Someone talking to themselves is no interaction.
  rows.interactions = rows.interactions.filter((row) => row[from] !== row[to]);
  for (const row of rows.content) move(row, CONTENT_COLUMNS.indexOf("person_id"));
  for (const row of rows.contacts) move(row, CONTACT_COLUMNS.indexOf("person_id"));
}

/** Rows gathered for one batch. */
interface Rows {
  interactions: unknown[][];
  content: unknown[][];
  contacts: unknown[][];
}

function* partiesOf(records: readonly SourceRecord[]): Iterable<PartyRef> {
  for (const r of records) {
    if (r.type === "interaction") {
      yield r.from;
      yield* r.to;
    } else if (r.type === "content") {
      yield r.author;
    } else if (r.type === "contact" || r.type === "owner" || r.type === "person") {
      yield r.party;
    } else if (r.type === "event") {
      for (const a of r.attendees) yield a.party;
    }
  }
}
