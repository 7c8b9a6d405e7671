import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import { CORPORA } from "../testing/cli.js";
import { storeTargets, tempDir } from "../testing/stores.js";
import { makeZip } from "../testing/zip.js";
import { runImport } from "./run-import.js";

const DIALOG = fileURLToPath(new URL("../sources/wxr/fixtures/dialog.xml", import.meta.url));
const MALFORMED = path.join(CORPORA, "wxr", "importer-malformed.xml");

async function directionOf(store: Store, commentId: number) {
  const row = await store.db
    .selectFrom("interactions")
    .select(["direction", "kind", "channel", "status"])
    .where("source_key", "like", `%:comment:${commentId}`)
    .executeTakeFirst();
  return row;
}

describe.each(storeTargets())("runImport on $name", (target) => {
  afterAll(() => target.cleanup());

  it("turns a blog's threads into dialog with the owner, relative to the export's authors", async () => {
    const store = await target.open();
    try {
      const summary = await runImport(store, [DIALOG]);
      expect(summary.errors).toEqual([]);
      expect(summary.skippedBy).toMatchObject({ spam: 1, trash: 2, "no author": 1, "bad date": 1 });
      expect((await store.me())?.display_name).toBe("Mara Quill");
      // Theo comments on Mara's post; Mara answers; Theo answers back; Ines answers Theo.
      expect(await directionOf(store, 101)).toMatchObject({
        direction: "inbound",
        kind: "comment",
      });
      expect(await directionOf(store, 102)).toMatchObject({ direction: "outbound", kind: "reply" });
      expect(await directionOf(store, 103)).toMatchObject({ direction: "inbound", kind: "reply" });
      expect(await directionOf(store, 104)).toMatchObject({ direction: "observed", kind: "reply" });
      expect(await directionOf(store, 107)).toMatchObject({ status: "pending" });
      expect(await directionOf(store, 110)).toMatchObject({
        channel: "pingback",
        direction: "inbound",
      });
      // Spam never becomes a person.
      expect(await store.findPeople("sales@spam.example")).toEqual([]);
      expect(await store.findPeople("Cheap Watches")).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("lets --me override the owner the export names", async () => {
    const store = await target.open();
    try {
      await runImport(store, [DIALOG], { me: [{ kind: "email", value: "theo@brandt.example" }] });
      expect(await directionOf(store, 101)).toMatchObject({ direction: "outbound" });
      expect(await directionOf(store, 102)).toMatchObject({ direction: "inbound" });
      expect(await directionOf(store, 104)).toMatchObject({ direction: "inbound" });
      const [mara] = await store.findPeople("mara@fieldnotes.example");
      expect(mara?.is_me).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("adds nothing the second time, and logs one import with two runs", async () => {
    const store = await target.open();
    try {
      const first = await runImport(store, [DIALOG]);
      const before = await store.stats();
      const second = await runImport(store, [DIALOG]);
      expect(second.added).toBe(0);
      expect(second.unchanged).toBe(first.added);
      expect(second.skipped).toBe(first.skipped);
      expect(await store.stats()).toEqual(before);
      const log = await store.imports();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ format: "wxr", runs: 2, status: "done", added: 0 });
      expect(JSON.parse(log[0]?.problems ?? "[]")).toContainEqual(
        expect.objectContaining({
          reason: "spam",
          place: expect.stringMatching(/^line \d+ \(comment 106 on /),
        }),
      );
    } finally {
      await store.close();
    }
  });

  it.skipIf(!fs.existsSync(MALFORMED))(
    "reports malformed XML with file and line, and logs the failure",
    async () => {
      const store = await target.open();
      try {
        const summary = await runImport(store, [MALFORMED]);
        expect(summary.errors).toEqual([
          { file: MALFORMED, place: "line 90", message: expect.stringContaining("line 90") },
        ]);
        const [log] = await store.imports();
        expect(log?.status).toBe("failed");
        expect(log?.errors).toBe(1);
      } finally {
        await store.close();
      }
    },
  );
});

describe.each(storeTargets())("zip archives and folders on $name", (target) => {
  afterAll(() => target.cleanup());

  it("imports every file inside a zip, names entries by their path, and adds nothing twice", async () => {
    const dir = tempDir("irl-zip-");
    const zip = path.join(dir, "export.zip");
    fs.writeFileSync(
      zip,
      makeZip({
        "blog/dialog.xml": fs.readFileSync(DIALOG),
        "notes/readme.txt": "not an export\n",
        "__MACOSX/blog/._dialog.xml": "resource fork",
      }),
    );
    const store = await target.open();
    try {
      const first = await runImport(store, [zip]);
      const plain = await target.open();
      const direct = await runImport(plain, [DIALOG]);
      await plain.close();
      expect(first.added).toBe(direct.added);
      expect(first.files.map((f) => f.file)).toEqual([
        `${zip}/blog/dialog.xml`,
        `${zip}/notes/readme.txt`,
      ]);
      // A file in an archive that is not an export is counted, not an error; named, it is one.
      expect(first.errors).toEqual([]);
      expect(first.skippedBy).toMatchObject({ "not an export file": 1 });
      const thisFile = fileURLToPath(import.meta.url);
      const named = await runImport(store, [zip, thisFile]);
      expect(named.errors).toEqual([
        expect.objectContaining({
          file: thisFile,
          message: expect.stringContaining("not a format"),
        }),
      ]);
      const again = await runImport(store, [dir]);
      expect(again.added).toBe(0);
      expect(again.unchanged).toBe(first.added);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
