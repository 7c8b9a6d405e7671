/**
 * Benchmark: import a generated LinkedIn `messages.csv` of at least 100 MB
 * (`IRL_BENCH_LINKEDIN_MB`, default 100) and compare with the parse-only throughput of csv-parse
 * (the reader's options, rows dropped) on the same file. The sample LinkedIn writer yields only
 * ~8 MB of messages per 100,000 people, so the bench writes the rows itself in the writer's exact
 * format (`MESSAGES_HEADER`, same quoting and dates) from a 4,000-person sample world: one-to-one
 * conversations with a skewed choice of correspondents (a few talk a lot), one in ten a group
 * conversation with 2–5 recipients, the owner's replies in FOLDER SENT, some HTML and multi-line
 * content, a few titled conversations and drafts. Written once into bench/out/ and reused.
 * Each measurement runs in its own child process (see `bench-child.ts`).
 *
 * Run with `npm run bench` (all benchmarks) or `node dist/bench/linkedin-import.js`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { linkedinUrl, OWNER_LINKEDIN } from "../sample/channels.js";
import { buildWorld } from "../sample/index.js";
import { MESSAGES_HEADER } from "../sample/linkedin.js";
import { ChunkedFile } from "../sample/output.js";
import { createRng } from "../sample/random.js";
import { commentText, ownerReplyText } from "../sample/text.js";
import { DAY, type Person } from "../sample/world.js";
import { child, envMB, log, type Measure, machine, outDir, round, row } from "./common.js";

function csv(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")}\n`;
}

const linkedinDate = (ms: number) =>
  `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;

function generate(file: string, targetBytes: number): { rows: number; conversations: number } {
  const started = performance.now();
  const world = buildWorld({ seed: 7, people: 4000 });
  const owner = world.owner;
  const cast = world.people;
  const rng = createRng("bench-linkedin", 7);
  const out = new ChunkedFile(`${file}.partial`);
  const start = world.referenceDate - 6 * 365 * DAY;
  let rows = 0;
  let conversations = 0;
  // Skewed choice: the square of a uniform index favours the first people of a shuffled cast.
  const order = rng.shuffle(cast.slice());
  const someone = (): Person => order[Math.floor(rng.next() ** 2 * order.length)] as Person;
  try {
    out.write(`${MESSAGES_HEADER}\n`);
    while (out.bytes < targetBytes) {
      conversations++;
      const group = rng.chance(0.1);
      const others = group ? rng.sample(cast, rng.int(2, 5)) : [someone()];
      const lead = others[0] as Person;
      const id = `2-${Buffer.from(`${conversations}:${lead.id}`).toString("base64")}`;
      const title =
        group && rng.chance(0.5)
          ? `${lead.company} ${rng.pick(["crew", "alumni", "project"])}`
          : "";
      const topic = lead.interests[0] ?? "content-marketing";
      let at = Math.round(rng.float(start, world.referenceDate - 30 * DAY) / 1000) * 1000;
      const n = rng.weighted([
        [1, 3],
        [2, 3],
        [rng.int(3, 8), 3],
        [rng.int(9, 40), 1],
      ] as const);
      for (let k = 0; k < n; k++) {
        const fromOwner = group ? rng.chance(0.3) : k % 2 === 1;
        const sender = fromOwner ? undefined : group ? rng.pick(others) : lead;
        let content = fromOwner
          ? ownerReplyText(rng, lead.firstName, topic, lead.interests)
          : commentText(rng, {
              topic,
              interests: lead.interests,
              owner: owner.firstName,
              warm: true,
            });
        if (rng.chance(0.15)) content = `<p>${content.replace(/\n+/g, "</p><p>")}</p>`;
        else if (rng.chance(0.1))
          content = `${content}\n\n"${commentText(rng, { topic, interests: lead.interests, owner: owner.firstName, warm: false })}"`;
        const recipients = fromOwner ? others : [...others.filter((p) => p !== sender)];
        const toNames = recipients.map((p) => p.fullName);
        const toUrls = recipients.map(linkedinUrl);
        if (!fromOwner) {
          toNames.push(owner.name);
          toUrls.push(OWNER_LINKEDIN);
        }
        const draft = fromOwner && k === n - 1 && rng.chance(0.01);
        out.write(
          csv([
            id,
            title,
            sender ? sender.fullName : owner.name,
            sender ? linkedinUrl(sender) : OWNER_LINKEDIN,
            toNames.join(", "),
            toUrls.join(","),
            linkedinDate(Math.min(at, world.referenceDate - 60_000)),
            "",
            content,
            draft ? "DRAFTS" : fromOwner ? "SENT" : "INBOX",
            "",
            draft ? "Yes" : "No",
          ]),
        );
        rows++;
        at += Math.round((rng.float(0.01, 4) * DAY) / 1000) * 1000;
      }
    }
  } finally {
    out.close();
  }
  fs.renameSync(`${file}.partial`, file);
  log(
    `  ${rows.toLocaleString("en")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { rows, conversations };
}

async function main() {
  const targetMB = envMB("IRL_BENCH_LINKEDIN_MB", 100);
  const file = path.join(outDir, `linkedin-${targetMB}`, "messages.csv");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    log(`Generating messages.csv (≥ ${targetMB} MB)…`);
    generate(file, targetMB * 2 ** 20);
  }
  const mb = fs.statSync(file).size / 2 ** 20;
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-")), "bench.db");

  log(`File: ${file} (${mb.toFixed(1)} MB)`);
  log("Parse only (csv-parse, the reader's options, rows dropped)…");
  const parse = child("csv-parse", file);
  const rows = (parse.rows as number) - 1;
  log("Importer records only (linkedinImporter.parse, no database)…");
  const recs = child("linkedin-records", file);
  log("Whole import into a new SQLite database…");
  const imp = child("import", file, db);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });

  const entry = (m: Measure) => ({
    mbPerSec: round(mb / m.seconds),
    rowsPerSec: round(rows / m.seconds, 0),
    seconds: m.seconds,
    maxRssMB: m.maxRssMB,
  });
  const results = {
    machine: machine(),
    fileMB: round(mb),
    rows,
    parseOnly: entry(parse),
    importerRecords: { ...entry(recs), records: recs.records },
    import: { ...entry(imp), summary: imp.summary },
    importToParseRatio: round(parse.seconds / imp.seconds, 3),
  };
  fs.writeFileSync(
    path.join(outDir, "linkedin-import.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  process.stdout.write(
    `${[
      `LinkedIn messages.csv import benchmark — ${results.machine}`,
      `file: ${mb.toFixed(1)} MB generated messages.csv, ${rows.toLocaleString("en")} rows`,
      row("parse only (csv-parse)", mb, rows, "row", parse),
      row("importer records (no database)", mb, rows, "row", recs),
      row("import (new database)", mb, rows, "row", imp),
      `import / parse-only throughput: ${results.importToParseRatio}; import peak memory ${imp.maxRssMB.toFixed(0)} MB`,
      `time: csv-parse ${parse.seconds.toFixed(0)} s, rows → records ${(recs.seconds - parse.seconds).toFixed(0)} s, pipeline + store ${(imp.seconds - recs.seconds).toFixed(0)} s (of ${imp.seconds.toFixed(0)} s)`,
    ].join("\n")}\n`,
  );
}

await main();
