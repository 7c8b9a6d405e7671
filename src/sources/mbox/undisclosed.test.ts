import { describe, expect, it } from "vitest";
import type { InteractionRecord, SourceRecord } from "../records.js";
import { emlImporter } from "./index.js";

async function records(text: string): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  async function* one() {
    yield Buffer.from(text, "utf8");
  }
  for await (const batch of emlImporter.parse({ path: "t.eml", chunks: one() })) out.push(...batch);
  return out;
}

describe("a message with no visible recipient", () => {
  it("was sent to the mailbox's owner", async () => {
    const [message] = (await records(
      [
        "From: Ada Quill <ada@quill.example>",
        "To: undisclosed-recipients:;",
        "Subject: News",
        "Date: Mon, 3 Mar 2025 10:00:00 +0000",
        "Message-ID: <n1@quill.example>",
        "",
        "Hello all.",
        "",
      ].join("\r\n"),
    )) as InteractionRecord[];
    expect(message?.to).toEqual([{ isOwner: true, identities: [] }]);
  });
});
