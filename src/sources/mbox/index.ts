/**
 * E-mail importers: `mbox` (a mailbox file: mboxo/mboxrd, Thunderbird, Gmail Takeout) and `eml`
 * (one RFC 5322 message). Every message becomes one `email` interaction from its sender to its
 * To + Cc recipients, threaded by References / In-Reply-To (see `message.ts`); bulk mail, mail to
 * many people and broken messages are counted skips.
 *
 * It streams: `splitter.ts` cuts the byte stream into messages (keeping at most the first 32 KiB
 * of each, and the MIME parser sees only the headers and the first text part, so attachments
 * cost nothing), each message is parsed as soon as it is complete, and the records completed by
 * each chunk are one batch. A file that does not start with a `From ` line throws
 * `IrlError("input")` naming the file and line. Keys come from Message-IDs, which are global: the same message in two mailboxes (Sent
 * and Inbox) is one interaction.
 *
 * @example
 * for await (const batch of mboxImporter.parse({ path, chunks: createReadStream(path) })) {
 *   for (const record of batch) console.log(record.type);
 * }
 */
import { IrlError } from "../../errors.js";
import type { Importer, SourceInput } from "../importer.js";
import type { SourceRecord } from "../records.js";
import { looksLikeEml, looksLikeMbox } from "./detect.js";
import { MessageReader } from "./message.js";
import { DEFAULT_KEEP_BYTES, MboxFormatError, type MboxMessage, MboxSplitter } from "./splitter.js";

export const mboxImporter: Importer = {
  format: "mbox",
  description: "E-mail mailbox (mbox, Thunderbird, Gmail Takeout): who wrote to whom, replies",
  detect: looksLikeMbox,
  parse: parseMbox,
};

export const emlImporter: Importer = {
  format: "eml",
  description: "One e-mail message (.eml, RFC 5322): sender, recipients, reply thread",
  detect: looksLikeEml,
  parse: parseEml,
};

async function* parseMbox(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const splitter = new MboxSplitter();
  const reader = new MessageReader();
  const split = (run: () => MboxMessage[]): MboxMessage[] => {
    try {
      return run();
    } catch (error) {
      if (error instanceof MboxFormatError) {
        throw new IrlError("input", `${input.path}: line ${error.line}: ${error.message}`, {
          file: input.path,
          place: `line ${error.line}`,
        });
      }
      throw error;
    }
  };
  const readAll = async (messages: MboxMessage[]): Promise<SourceRecord[]> => {
    const out: SourceRecord[] = [];
    for (const m of messages) {
      await reader.read(
        {
          bytes: m.bytes,
          ordinal: m.ordinal,
          line: m.line,
          offset: m.markerOffset,
          separator: m.separator,
        },
        out,
      );
    }
    return out;
  };
  for await (const chunk of input.chunks) {
    const messages = split(() => splitter.push(chunk));
    if (messages.length === 0) continue;
    const batch = await readAll(messages);
    if (batch.length > 0) yield batch;
  }
  const batch = await readAll(split(() => splitter.end()));
  if (batch.length > 0) yield batch;
}

async function* parseEml(input: SourceInput): AsyncIterable<SourceRecord[]> {
  const parts: Buffer[] = [];
  let kept = 0;
  for await (const chunk of input.chunks) {
    if (kept >= DEFAULT_KEEP_BYTES) continue;
    const part = chunk.subarray(0, DEFAULT_KEEP_BYTES - kept);
    parts.push(part);
    kept += part.length;
  }
  let bytes = Buffer.concat(parts, kept);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.length === 0) return;
  const out: SourceRecord[] = [];
  await new MessageReader().read({ bytes, ordinal: 1, line: 1, offset: 0 }, out);
  yield out;
}
