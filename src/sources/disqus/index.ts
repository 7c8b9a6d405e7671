/**
 * The Disqus importer: a Disqus XML export (`<disqus>` with `<category>`, `<thread>` and `<post>`
 * elements) as the blog's comment history. Every post is an interaction on channel
 * "blog_comment", kind "comment" or "reply", from its author (name, e-mail, Disqus username as a
 * handle on platform "disqus") to the author of what it answers; see `assemble.ts`.
 *
 * It streams: bytes are decoded chunk by chunk and fed to htmlparser2 in XML mode (`reader.ts`);
 * each chunk's completed records are yielded as one batch, and the records of a chunk that ends
 * in an error are yielded before the error is thrown.
 *
 * Keys: `disqus:<forum>:post:<dsq:id>`; threads `disqus:<forum>:thread:<dsq:id>`, where `<forum>`
 * is the thread's forum (else the first category's). Parties carry the name scope
 * `disqus:<forum>`.
 *
 * @example
 * for await (const batch of disqusImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */

import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { decodeXmlStream } from "../shared/xml-decode.js";
import { DisqusAssembler } from "./assemble.js";
import { looksLikeDisqus } from "./detect.js";
import { DisqusReader } from "./reader.js";

export const disqusImporter: Importer = {
  format: "disqus",
  description: "Disqus XML export: a blog's comments and replies",
  detect: looksLikeDisqus,
  parse: parseDisqus,
};

async function* parseDisqus(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const assembler = new DisqusAssembler();
  const reader = new DisqusReader(input.path, assembler);
  for await (const text of decodeXmlStream(input.chunks)) {
    yield* step(assembler, () => reader.write(text));
  }
  yield* step(assembler, () => {
    reader.end();
    assembler.finish();
  });
}

/** Runs one parse step and yields what it completed, also when it then fails. */
function* step(assembler: DisqusAssembler, run: () => void): Generator<SourceRecord[]> {
  try {
    run();
  } finally {
    const batch = assembler.take();
    if (batch.length > 0) yield batch;
  }
}
