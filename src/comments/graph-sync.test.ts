import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resolvePeople } from "../pipeline/resolve-people.js";
import type { Store } from "../store/store.js";
import { storeTargets } from "../testing/stores.js";
import { commentConfig } from "./config.js";
import { CommentService } from "./service.js";

const PAGE = "https://blog.example/post";

describe.each(storeTargets())("comments into the graph on $name", (target) => {
  let store: Store;
  let service: CommentService;
  afterEach(async () => {
    await service?.close();
    await store?.close();
  });
  afterAll(() => target.cleanup());

  it("makes each approved comment and reply an interaction, claims unverified, idempotently", async () => {
    store = await target.open();
    service = await CommentService.open({
      store,
      config: commentConfig({ ownerName: "Olive" }),
      log: () => {},
      graphDelayMs: 60_000,
    });
    const a = await service.post({
      page: PAGE,
      title: "Post",
      name: "Ada",
      email: "ada@example.org",
      url: "https://ada.example",
      body: "Hello",
      ip: "203.0.113.1",
    });
    expect(a.comment.status).toBe("pending");
    expect((await service.graph.flush()).added).toBe(0); // not approved: not in the graph
    await service.moderate(a.comment.id, "approve");
    const reply = await service.ownerReply(a.comment.id, "Thanks");
    const counts = await service.graph.flush();
    expect(counts.added).toBe(2);

    const rows = await store.db
      .selectFrom("interactions")
      .selectAll()
      .where("channel", "=", "blog_comment")
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.source_key).sort()).toEqual(
      [`comments:${a.comment.id}`, `comments:${reply.id}`].sort(),
    );
    const me = await store.ensureMe();
    const theirs = rows.find((r) => r.source_key === `comments:${a.comment.id}`);
    const mine = rows.find((r) => r.source_key === `comments:${reply.id}`);
    expect(theirs?.direction).toBe("inbound");
    expect(Number(theirs?.to_person_id)).toBe(me);
    expect(mine?.direction).toBe("outbound");
    expect(mine?.reply_to).toBe(`comments:${a.comment.id}`);
    expect(Number(mine?.to_person_id)).toBe(Number(theirs?.from_person_id));
    const thread = await store.db
      .selectFrom("threads")
      .selectAll()
      .where("id", "=", Number(theirs?.thread_id))
      .executeTakeFirst();
    expect(thread?.key).toBe(`comments:${PAGE}`);
    expect(thread?.url).toBe(PAGE);

    const ids = await store.db
      .selectFrom("identities")
      .select(["kind", "value", "verified"])
      .where("person_id", "=", Number(theirs?.from_person_id))
      .execute();
    const claimed = ids.filter((i) => i.kind === "email" || i.kind === "url");
    expect(claimed.length).toBe(2);
    expect(claimed.every((i) => Number(i.verified) === 0)).toBe(true);

    // Syncing again changes nothing; an edit updates the body; a deletion removes it.
    service.graph.enqueue(a.comment.id);
    service.graph.enqueue(reply.id);
    expect(await service.graph.flush()).toEqual({ added: 0, removed: 0, updated: 0 });
    await service.moderate(reply.id, "delete");
    expect((await service.graph.flush()).removed).toBe(1);
  });

  it("never merges a commenter with a known person on a claimed e-mail alone", async () => {
    store = await target.open();
    // Someone the user knows for sure (a verified address from a vCard-like source).
    await store.conn.transaction(async (tx) => {
      const rows = await tx.all<{ id: number }>(
        "INSERT INTO people (display_name, created_at) VALUES ('Ada Lovelace', 1) RETURNING id",
      );
      const id = Number(rows[0]?.id);
      await tx.run(
        "INSERT INTO identities (person_id, kind, value, display, key, source, created_at, verified) VALUES (?, 'email', 'ada@example.org', 'ada@example.org', 'email:ada@example.org', 'vcard', 1, 1)",
        [id],
      );
    });
    service = await CommentService.open({
      store,
      config: commentConfig(),
      log: () => {},
      graphDelayMs: 60_000,
    });
    const posted = await service.post({
      page: PAGE,
      name: "Ada Lovelace",
      email: "ada@example.org",
      body: "Hi",
      ip: "203.0.113.9",
    });
    await service.moderate(posted.comment.id, "approve");
    await service.graph.flush();
    await resolvePeople(store);
    const owners = await store.db
      .selectFrom("identities")
      .select("person_id")
      .where("value", "=", "ada@example.org")
      .execute();
    expect(new Set(owners.map((o) => Number(o.person_id))).size).toBe(2);
    const dupes = await store.db.selectFrom("dupe_candidates").selectAll().execute();
    const pair = new Set(owners.map((o) => Number(o.person_id)));
    expect(dupes.some((d) => pair.has(Number(d.person_a)) && pair.has(Number(d.person_b)))).toBe(
      true,
    );
  });
});
