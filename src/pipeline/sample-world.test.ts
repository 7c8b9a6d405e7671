/**
 * The generated sample world through the real pipeline: what the generator planted in the
 * blog export (its `truths`) is what irl's store holds afterwards.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSample } from "../sample/index.js";
import type { Store } from "../store/store.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { type ImportSummary, runImport } from "./run-import.js";

const dir = tempDir("irl-world-");
let manifest: Awaited<ReturnType<typeof writeSample>>;

function wxrTruths() {
  const wxr = manifest.truths.wxr;
  if (!wxr) throw new Error("the sample has no WXR truths");
  return wxr;
}

beforeAll(async () => {
  manifest = await writeSample(path.join(dir, "exports"), { seed: 1, people: 200, only: ["wxr"] });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function count(
  store: Store,
  where: { channel?: string; kind?: string; direction?: string; status?: string },
) {
  let q = store.db.selectFrom("interactions").select((eb) => eb.fn.countAll<number>().as("n"));
  for (const [column, value] of Object.entries(where)) {
    q = q.where(column as "channel", "=", value);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe.each(storeTargets())("the sample world imported on $name", (target) => {
  let store: Store;
  let summary: ImportSummary;

  beforeAll(async () => {
    store = await target.open();
    summary = await runImport(
      store,
      manifest.files.map((f) => f.path),
    );
  });
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it("holds every comment, reply, pingback and trackback the generator wrote", async () => {
    const { counts, facts } = wxrTruths();
    expect(summary.errors).toEqual([]);
    expect(await count(store, { channel: "blog_comment", kind: "comment" })).toBe(counts.comments);
    expect(await count(store, { channel: "blog_comment", kind: "reply" })).toBe(
      counts.replies + counts.ownerReplies,
    );
    expect(await count(store, { direction: "outbound" })).toBe(counts.ownerReplies);
    const selfPings = facts.pingbacks.filter((p) => p.self && p.type === "pingback").length;
    expect(await count(store, { channel: "pingback" })).toBe(counts.pingbacks - selfPings);
    expect(await count(store, { channel: "trackback" })).toBe(counts.trackbacks);
    expect(await count(store, { status: "pending" })).toBe(counts.pending);
  });

  it("skips spam, trash and the broken records, each counted with its reason", () => {
    const { counts, facts } = wxrTruths();
    expect(summary.skippedBy.spam).toBe(counts.spam);
    expect(summary.skippedBy.trash).toBe(counts.trash);
    for (const reason of new Set(facts.broken.map((b) => b.reason))) {
      expect(summary.skippedBy[reason]).toBe(
        facts.broken.filter((b) => b.reason === reason).length,
      );
    }
  });

  it("knows the owner from the export, and the owner's own pingbacks are not a stranger", async () => {
    const me = await store.me();
    expect(me?.display_name).toBe(manifest.truths.owner.name);
    const mine = await store.identitiesOf(me?.id ?? -1);
    expect(mine.map((i) => i.value)).toContain(manifest.truths.owner.emails[0]);
    expect(await store.findPeople(manifest.truths.owner.urls[0] as string)).toEqual([me]);
  });

  it("leaves the owed comments without a reply from the owner", async () => {
    const owed = manifest.truths.owed.flatMap((o) => o.commentIds);
    expect(owed.length).toBeGreaterThan(0);
    const answered = await store.db
      .selectFrom("interactions")
      .select("reply_to")
      .where("direction", "=", "outbound")
      .where("reply_to", "is not", null)
      .execute();
    const answeredIds = new Set(
      answered.map((r) => Number(/:comment:(\d+)$/.exec(r.reply_to ?? "")?.[1])),
    );
    for (const id of owed) expect(answeredIds.has(id)).toBe(false);
  });
});
