import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrlError } from "../../errors.js";
import { chunked } from "../../testing/chunks.js";
import type { Importer } from "../importer.js";
import type { InteractionRecord, OwnerRecord, SkipRecord, SourceRecord } from "../records.js";
import { emlImporter, mboxImporter } from "./index.js";

const DIALOG = readFileSync(new URL("./fixtures/dialog.mbox", import.meta.url));

async function recordsOf(
  input: string | Buffer,
  size = Number.MAX_SAFE_INTEGER,
  importer: Importer = mboxImporter,
): Promise<SourceRecord[]> {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const out: SourceRecord[] = [];
  for await (const batch of importer.parse({ path: "t.mbox", chunks: chunked(bytes, size) })) {
    out.push(...batch);
  }
  return out;
}

const interactions = (rs: SourceRecord[]) =>
  rs.filter((r): r is InteractionRecord => r.type === "interaction");
const skips = (rs: SourceRecord[]) => rs.filter((r): r is SkipRecord => r.type === "skip");
const emails = (r: InteractionRecord | undefined) =>
  r?.to.map((p) => p.identities.map((i) => i.value).join()) ?? [];

/** One mbox message by fictional people; `headers` replace or add to the defaults. */
function message(n: number, headers: Record<string, string> = {}, body = "Hello.\n"): string {
  const all: Record<string, string> = {
    From: `Ada Quill <ada@quill.example>`,
    To: "Sam Rivera <sam@rivera.example>",
    Subject: `note ${n}`,
    Date: `Mon, 3 Mar 2025 10:${String(n).padStart(2, "0")}:00 +0000`,
    "Message-ID": `<n${n}@quill.example>`,
    ...headers,
  };
  const lines = Object.entries(all)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`);
  return `From ada@quill.example Mon Mar  3 10:00:00 2025\n${lines.join("\n")}\n\n${body}\n`;
}

describe("mbox importer on a dialog", () => {
  it("turns each message into one e-mail interaction with parties, thread and reply", async () => {
    const records = await recordsOf(DIALOG);
    const [m1, m2, m3, m4, ...more] = interactions(records);
    expect(more).toHaveLength(0);
    expect(skips(records)).toHaveLength(0);

    expect(m1).toMatchObject({
      key: "email:m1.coffee@quill.example",
      channel: "email",
      kind: "message",
      at: Date.UTC(2025, 2, 3, 9, 12),
      from: { name: "Ada Quill", identities: [{ kind: "email", value: "ada@quill.example" }] },
      thread: "email:thread:m1.coffee@quill.example",
      context: { title: "Coffee after the meetup?" },
      place: { line: 1 },
    });
    expect(m1?.to).toEqual([
      { name: "Sam Rivera", identities: [{ kind: "email", value: "sam@rivera.example" }] },
      { name: "Chen, Bo", identities: [{ kind: "email", value: "bo@chen.example" }] },
    ]);
    expect(m1?.replyTo).toBeUndefined();
    expect(m1?.direction).toBeUndefined();
    // The unescaped "From the three of us" line is body text, not a fifth message.
    expect(m1?.text).toBe(
      "Hi Sam,\n\nLoved your talk on field notes. Coffee on Thursday after the meetup?\nBo might join us.\n\nFrom the three of us, that makes a quorum.\n\nAda",
    );

    expect(m2).toMatchObject({
      key: "email:m2.reply@rivera.example",
      thread: "email:thread:m1.coffee@quill.example",
      replyTo: "email:m1.coffee@quill.example",
      at: Date.UTC(2025, 2, 3, 11, 40),
      from: { isOwner: true, identities: [{ value: "sam@rivera.example" }] },
      place: { line: 21 },
    });
    // Quote, attribution and signature dropped; the mboxrd escape removed; HTML alternative unused.
    expect(m2?.text).toBe(
      "Thursday works. Let's try the place by the river.\nFrom my notes: they open at eight.",
    );

    expect(m3).toMatchObject({
      key: "email:m3.again@quill.example",
      thread: "email:thread:m1.coffee@quill.example",
      replyTo: "email:m2.reply@rivera.example",
      text: "See you both there & then!",
    });
    expect(emails(m3)).toEqual(["sam@rivera.example", "bo@chen.example"]);

    // No Message-ID and no Date: a hash key and the From line's date.
    expect(m4?.key).toMatch(/^email:hash:[0-9a-f]{32}$/);
    expect(m4?.thread).toBe(`email:thread:${m4?.key.slice(6)}`);
    expect(m4?.at).toBe(Date.UTC(2025, 2, 4, 9, 15));
    expect(m4?.text).toBe("Ten minutes late, sorry!");
  });

  it("announces the owner once, from Gmail's Sent label", async () => {
    const owners = (await recordsOf(DIALOG)).filter((r): r is OwnerRecord => r.type === "owner");
    expect(owners).toEqual([
      {
        type: "owner",
        party: {
          name: "Sam Rivera",
          isOwner: true,
          identities: [{ kind: "email", value: "sam@rivera.example" }],
        },
        place: { line: 21, record: expect.stringContaining("message 2") },
      },
    ]);
  });

  it("gives identical records for 1-byte chunks, odd chunks and one chunk", async () => {
    const whole = await recordsOf(DIALOG);
    expect(await recordsOf(DIALOG, 1)).toEqual(whole);
    expect(await recordsOf(DIALOG, 7)).toEqual(whole);
  });

  it("gives the same records for CRLF line endings and a BOM", async () => {
    const crlf = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(DIALOG.toString("utf8").replace(/\n/g, "\r\n")),
    ]);
    const strip = (rs: SourceRecord[]) =>
      rs.map((r) => ({ ...r, place: { ...r.place, record: undefined } }));
    expect(strip(await recordsOf(crlf, 5))).toEqual(strip(await recordsOf(DIALOG)));
  });

  it("keeps keys stable across imports and unique within one", async () => {
    const keys = (rs: SourceRecord[]) => interactions(rs).map((r) => r.key);
    const first = keys(await recordsOf(DIALOG));
    expect(keys(await recordsOf(DIALOG, 3))).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});

describe("mbox importer: skipped mail", () => {
  it("skips bulk mail for each sign of it, and keeps Auto-Submitted: no", async () => {
    const bulk: Record<string, string>[] = [
      { "List-Id": "Field notes <notes.quill.example>" },
      { "List-Unsubscribe": "<mailto:leave@quill.example>" },
      { Precedence: "bulk" },
      { Precedence: "list" },
      { Precedence: "junk" },
      { "Auto-Submitted": "auto-replied" },
      { From: "Quill Shop <no-reply@quill.example>" },
      { From: "noreply@quill.example" },
      { From: "Forge <notifications@forge.example>" },
      { From: "Mail Delivery <MAILER-DAEMON@quill.example>" },
    ];
    const mbox = [
      ...bulk.map((h, i) => message(i + 1, h)),
      message(20, { "Auto-Submitted": "no" }),
    ];
    const records = await recordsOf(mbox.join(""));
    const skipped = skips(records);
    expect(skipped.map((s) => s.reason)).toEqual(bulk.map(() => "bulk mail"));
    expect(skipped.map((s) => s.place.record?.match(/^message (\d+)/)?.[1])).toEqual(
      bulk.map((_, i) => String(i + 1)),
    );
    expect(interactions(records).map((r) => r.key)).toEqual(["email:n20@quill.example"]);
  });

  it("skips mail to more than 15 people, counting To and Cc once each", async () => {
    const people = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => `P${i + from} <p${i + from}@crowd.example>`).join(", ");
    const records = await recordsOf(
      [
        message(1, { To: people(10), Cc: people(6, 10) }),
        message(2, { To: people(10), Cc: `${people(5, 10)}, ${people(3)}` }),
      ].join(""),
    );
    expect(skips(records)).toMatchObject([
      { reason: "many recipients", message: expect.stringContaining("16 people") },
    ]);
    const [kept] = interactions(records);
    expect(kept?.key).toBe("email:n2@quill.example");
    expect(kept?.to).toHaveLength(15);
  });

  it("skips malformed messages with their ordinal, line and byte offset", async () => {
    const first = message(1);
    const mbox = [first, message(2, { From: "" }), message(3, { Date: "someday" })].join("");
    const dateless = mbox.replace(
      "From ada@quill.example Mon Mar  3 10:00:00 2025\nFrom: Ada Quill <ada@quill.example>\nTo: Sam Rivera <sam@rivera.example>\nSubject: note 3",
      "From -\nFrom: Ada Quill <ada@quill.example>\nTo: Sam Rivera <sam@rivera.example>\nSubject: note 3",
    );
    const records = await recordsOf(dateless);
    expect(interactions(records)).toHaveLength(1);
    const [noSender, noDate] = skips(records);
    const line2 = first.split("\n").length;
    expect(noSender).toMatchObject({
      reason: "no sender",
      place: { line: line2, record: `message 2 (line ${line2}, byte ${first.length}): "note 2"` },
    });
    expect(noDate).toMatchObject({
      reason: "no date",
      place: { record: expect.stringMatching(/^message 3 /) },
    });
  });

  it("skips a repeated Message-ID as a duplicate, naming the first", async () => {
    const records = await recordsOf(
      [message(1), message(2, { "Message-ID": "<n1@quill.example>" })].join(""),
    );
    expect(interactions(records)).toHaveLength(1);
    expect(skips(records)).toMatchObject([
      { reason: "duplicate", message: expect.stringContaining("repeats message 1") },
    ]);
  });

  it("skips Gmail spam", async () => {
    const records = await recordsOf(message(1, { "X-Gmail-Labels": "Spam,Unread" }));
    expect(skips(records)).toMatchObject([{ reason: "spam" }]);
  });
});

describe("mbox importer: charsets and bad files", () => {
  it("decodes windows-1252 (the € byte 0x80) in headers and bodies", async () => {
    const head = message(1, {
      Subject: "=?windows-1252?Q?Invoice_=80100_for_the_caf=E9?=",
      "Content-Type": "text/plain; charset=windows-1252",
      "Content-Transfer-Encoding": "8bit",
    }).replace("Hello.\n", "");
    const bytes = Buffer.concat([
      Buffer.from(head.slice(0, -1)),
      Buffer.from([
        0x54, 0x6f, 0x74, 0x61, 0x6c, 0x3a, 0x20, 0x80, 0x31, 0x30, 0x30, 0x20, 0x93, 0x6f, 0x6b,
        0x94, 0x0a,
      ]),
    ]);
    for (const importer of [mboxImporter, emlImporter]) {
      const input = importer === emlImporter ? bytes.subarray(bytes.indexOf("\n") + 1) : bytes;
      const [r] = interactions(await recordsOf(input, 1, importer));
      expect(r?.context?.title).toBe("Invoice €100 for the café");
      expect(r?.text).toBe("Total: €100 “ok”");
    }
  });

  it("throws an input error naming the file and line for a file that is not mbox", async () => {
    const error = await recordsOf("\nHello there\nFrom -\n").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrlError);
    expect(error).toMatchObject({ code: "input", file: "t.mbox", place: "line 2" });
    expect((error as IrlError).message).toMatch(/^t\.mbox: line 2: not an mbox file/);
  });

  it("imports an empty file as nothing", async () => {
    expect(await recordsOf("")).toEqual([]);
  });

  it("reads the text of a message whose attachment is larger than what is kept", async () => {
    const attachment = Buffer.alloc(200 * 1024, 1)
      .toString("base64")
      .replace(/.{76}/g, "$&\n");
    const body = `--b\nContent-Type: text/plain\n\nSee the slides.\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n${attachment}\n--b--\n`;
    const mbox = message(1, { "Content-Type": 'multipart/mixed; boundary="b"' }, body) + message(2);
    const rs = interactions(await recordsOf(mbox, 4096));
    expect(rs.map((r) => r.text)).toEqual(["See the slides.", "Hello."]);
  });
});

describe("eml importer", () => {
  it("turns one message into one interaction with the same key as in an mbox", async () => {
    const one = message(1, { Cc: "Bo <bo@chen.example>" });
    const eml = one.slice(one.indexOf("\n") + 1);
    const [fromEml] = interactions(await recordsOf(eml, 1, emlImporter));
    const [fromMbox] = interactions(await recordsOf(one));
    expect(fromEml).toMatchObject({
      key: "email:n1@quill.example",
      at: Date.UTC(2025, 2, 3, 10, 1),
      text: "Hello.",
      place: { line: 1 },
    });
    expect(emails(fromEml)).toEqual(["sam@rivera.example", "bo@chen.example"]);
    expect({ ...fromEml, place: undefined }).toEqual({ ...fromMbox, place: undefined });
  });

  it("imports an empty file as nothing", async () => {
    expect(await recordsOf("", 1, emlImporter)).toEqual([]);
  });
});
