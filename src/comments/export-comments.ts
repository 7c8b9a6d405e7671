/**
 * `irl comments export`: every comment the service holds, as JSON — all statuses, threads as
 * parent ids, the owner's marked, imported ones with their export key. Secrets stay out: the
 * edit-token hash is left out, the IP hash is kept (it is keyed, so it only says "same address
 * as another comment here"). Written as it is read, a page of rows at a time.
 *
 * @example
 * await exportComments(store, process.stdout);
 */
import type { Writable } from "node:stream";
import type { Store } from "../store/store.js";
import { allComments } from "./comment-store.js";

export async function exportComments(store: Store, out: Writable): Promise<number> {
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(s)) resolve();
      else {
        out.once("drain", resolve);
        out.once("error", reject);
      }
    });
  await write(
    `{\n  "format": "irl-comments/1",\n  "exportedAt": ${JSON.stringify(new Date().toISOString())},\n  "comments": [`,
  );
  let n = 0;
  for await (const c of allComments(store)) {
    const { edit_token_hash: _secret, ...rest } = c;
    const row = {
      ...rest,
      is_owner: Boolean(c.is_owner),
      notify: Boolean(c.notify),
      created_at: new Date(c.created_at).toISOString(),
      edited_at: c.edited_at === null ? null : new Date(c.edited_at).toISOString(),
    };
    await write(`${n === 0 ? "\n    " : ",\n    "}${JSON.stringify(row)}`);
    n++;
  }
  await write(`${n ? "\n  " : ""}]\n}\n`);
  return n;
}
