/**
 * A Facebook export's files written through the real pipeline writer, the profile before the
 * thread, to check that the profile's owner name makes the owner's messages the user's.
 * (In an export's sorted order `messages/` comes before `personal_information/`: the owner is
 * then first a person of their own, merged into the user by the profile; the writer does not
 * yet recompute directions after such a merge — reported to the lead, not tested here.)
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { BatchWriter } from "../../pipeline/batch-writer.js";
import { storeTargets } from "../../testing/stores.js";
import type { SourceRecord } from "../records.js";
import { facebookImporter } from "./index.js";

async function recordsOf(name: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  async function* one() {
    yield readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
  }
  for await (const batch of facebookImporter.parse({ path: name, chunks: one() })) {
    records.push(...batch);
  }
  return records;
}

describe.each(storeTargets())("a Facebook export through the writer on $name", (target) => {
  afterAll(() => target.cleanup());

  it("friends are people by name; the profile makes the owner's messages outbound", async () => {
    const store = await target.open();
    try {
      const me = await store.ensureMe();
      const writer = new BatchWriter({ source: "facebook", importId: 1, me, claimOwners: true });
      const write = async (name: string) => {
        const records = await recordsOf(name);
        return store.conn.transaction((tx) => writer.write(tx, records));
      };
      await write("friends.json");
      await write("profile_information.json");
      await write("message_1.json");
      const rows = await store.db
        .selectFrom("interactions")
        .select(["kind", "direction", "from_person_id", "to_person_id"])
        .execute();
      const fromMe = rows.filter((r) => r.from_person_id === me);
      expect(fromMe.map((r) => r.direction)).toEqual([
        "outbound",
        "outbound",
        "outbound",
        "outbound",
      ]);
      expect(fromMe.map((r) => r.kind)).toEqual(["message", "message", "call", "call"]);
      expect(rows.filter((r) => r.to_person_id === me).map((r) => r.direction)).toEqual([
        "inbound",
        "inbound",
        "inbound",
      ]);
      const contacts = await store.db.selectFrom("contacts").select(["person_id"]).execute();
      // René of the friends list is René of the thread (same repaired name, same scope).
      const rene = rows.find((r) => r.direction === "observed")?.from_person_id;
      expect(contacts.map((c) => c.person_id)).toContain(rene);
      expect((await store.stats()).people).toBe(4);
    } finally {
      await store.close();
    }
  });
});
