/**
 * Import throughput on a generated mbox (written to a temporary directory, never committed):
 * 5,000 messages by fictional people — plain replies with quotes, text + HTML alternatives,
 * one in twenty with a 300 KiB attachment, one in twenty an HTML newsletter (skipped as bulk).
 * Each run imports the whole file; messages/s = 5,000 × runs/s.
 *
 * @example
 * npx vitest bench --run src/sources/mbox
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, bench, describe } from "vitest";
import { mboxImporter } from "./index.js";
import { MboxSplitter } from "./splitter.js";

const MESSAGES = 5000;
const dir = mkdtempSync(path.join(tmpdir(), "irl-mbox-bench-"));
const file = path.join(dir, "generated.mbox");
writeFileSync(file, generate(MESSAGES));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(count: number): string {
  const para =
    "Thanks for the notes from Thursday. I think we should move the workshop to the second week of June, when more of the group is back. ".repeat(
      5,
    );
  const attachment = Buffer.alloc(300 * 1024, 7)
    .toString("base64")
    .replace(/.{76}/g, "$&\n");
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const who = `person${i % 40}@field.example`;
    let m = `From ${who} Mon Jun  3 12:50:27 2024\n`;
    for (let r = 0; r < 5; r++) {
      m += `Received: from mx${r}.field.example (mx${r}.field.example [192.0.2.${r}])\n\tby mail.field.example with ESMTPS id q${i}r${r}\n\tfor <me@home.example>; Mon, 3 Jun 2024 12:50:2${r} +0000\n`;
    }
    m += `From: Person ${i % 40} <${who}>\nTo: Me <me@home.example>\nCc: Friend <friend${i % 7}@home.example>\nSubject: Re: workshop plan ${i}\nDate: Mon, 3 Jun 2024 12:${String(i % 60).padStart(2, "0")}:00 +0000\nMessage-ID: <m${i}@field.example>\nIn-Reply-To: <m${i - 1}@field.example>\nReferences: <m0@field.example> <m${i - 1}@field.example>\nMIME-Version: 1.0\n`;
    if (i % 20 === 0) {
      m += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\nContent-Type: text/plain; charset=utf-8\n\n${para}\n--b${i}\nContent-Type: application/pdf; name="plan.pdf"\nContent-Transfer-Encoding: base64\n\n${attachment}\n--b${i}--\n`;
    } else if (i % 20 === 1) {
      m += `List-Unsubscribe: <mailto:leave@field.example>\nContent-Type: text/html; charset=utf-8\n\n<html><body>${`<p>${para}</p>`.repeat(20)}</body></html>\n`;
    } else if (i % 3 === 0) {
      m += `Content-Type: multipart/alternative; boundary="a${i}"\n\n--a${i}\nContent-Type: text/plain; charset=utf-8\n\n${para}\n\nOn Mon, Person wrote:\n> earlier\n--a${i}\nContent-Type: text/html; charset=utf-8\n\n<p>${para}</p>\n--a${i}--\n`;
    } else {
      m += `Content-Type: text/plain; charset=utf-8\n\n${para}\n\nOn Mon, Person wrote:\n> earlier\n> text\n-- \nSig\n`;
    }
    out.push(`${m}\n`);
  }
  return out.join("");
}

describe(`mbox, ${MESSAGES} generated messages`, () => {
  bench(
    "split only",
    async () => {
      const splitter = new MboxSplitter();
      for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
        splitter.push(chunk);
      }
      splitter.end();
    },
    { iterations: 3, warmupIterations: 1 },
  );

  bench(
    "import end to end (split + parse + records)",
    async () => {
      const chunks = createReadStream(file, { highWaterMark: 64 * 1024 });
      for await (const _batch of mboxImporter.parse({ path: file, chunks })) {
        // records are dropped: this measures the importer alone
      }
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
