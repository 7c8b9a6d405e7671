/**
 * Benchmark: import a generated Twitter/X archive whose `data/tweets.js` is at least 300 MB
 * (`IRL_BENCH_TWITTER_MB`, default 300), with the archive's `account.js` (the owner) and a
 * `direct-messages.js` of about a twentieth of that size. The files are written by the sample
 * Twitter writer's own pieces (`YtdFile`, `endlessTweets`, `dmConversation`) from a 4,000-person
 * sample world, element by element, once into bench/out/ and reused (`meta.json` holds what was
 * planted). Each measurement runs in its own child process (see `bench-child.ts`):
 * - split only: the archive file's JSON splitter over tweets.js, elements dropped;
 * - importer records: `twitterImporter.parse` over tweets.js, records dropped, no database;
 * - whole import of the `data/` folder (account.js, direct-messages.js, tweets.js) into a new
 *   SQLite database.
 *
 * Run with `IRL_BENCH_ONLY=twitter npm run bench` or `node dist/bench/twitter-import.js`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OWNER_TWITTER_ID, twitterId } from "../sample/channels.js";
import { buildWorld } from "../sample/index.js";
import { createRng } from "../sample/random.js";
import { dmConversation, endlessTweets, Snowflakes, YtdFile } from "../sample/twitter.js";
import { DAY, HOUR, type World } from "../sample/world.js";
import { child, envMB, log, type Measure, machine, outDir, round, row } from "./common.js";

interface Planted {
  tweets: number;
  replies: number;
  retweets: number;
  mentions: number;
  dms: number;
  conversations: number;
  tweetsBytes: number;
  dmBytes: number;
}

function generate(data: string, targetBytes: number): Planted {
  const started = performance.now();
  const world = buildWorld({ seed: 7, people: 4000 });
  const planted: Planted = {
    tweets: 0,
    replies: 0,
    retweets: 0,
    mentions: 0,
    dms: 0,
    conversations: 0,
    tweetsBytes: 0,
    dmBytes: 0,
  };
  writeAccount(world, path.join(data, "account.js"));
  const tweets = new YtdFile(path.join(data, "tweets.js.partial"), "tweets");
  try {
    for (const t of endlessTweets(world)) {
      if (tweets.bytes >= targetBytes) break;
      tweets.push(t.element);
      planted.tweets++;
      if (t.kind === "reply") planted.replies++;
      if (t.kind === "retweet") planted.retweets++;
      planted.mentions += t.mentions;
    }
  } finally {
    planted.tweetsBytes = tweets.close();
  }
  log(
    `  tweets.js: ${planted.tweets.toLocaleString("en")} tweets in ${elapsed(started)} s (${mb(planted.tweetsBytes)} MB)`,
  );
  Object.assign(planted, writeDms(world, path.join(data, "direct-messages.js"), targetBytes / 20));
  log(
    `  direct-messages.js: ${planted.dms.toLocaleString("en")} messages (${mb(planted.dmBytes)} MB)`,
  );
  fs.renameSync(path.join(data, "tweets.js.partial"), path.join(data, "tweets.js"));
  return planted;
}

function writeAccount(world: World, file: string): void {
  const f = new YtdFile(file, "account");
  f.push({
    account: {
      email: world.owner.emails.personal,
      createdVia: "web",
      username: world.owner.twitter,
      accountId: OWNER_TWITTER_ID,
      createdAt: new Date(world.historyStart - 400 * DAY).toISOString(),
      accountDisplayName: world.owner.name,
    },
  });
  f.close();
}

/** Conversations with the circle and some acquaintances, a few long ones, until `targetBytes`. */
function writeDms(
  world: World,
  file: string,
  targetBytes: number,
): Pick<Planted, "dms" | "conversations" | "dmBytes"> {
  const rng = createRng("bench-twitter-dms", world.seed);
  const ids = new Snowflakes();
  const ties = world.people.filter(
    (p) => p.twitter && (p.role === "irl" || p.role === "growing" || p.role === "acquaintance"),
  );
  const f = new YtdFile(file, "direct_messages");
  let dms = 0;
  let conversations = 0;
  try {
    while (f.bytes < targetBytes && ties.length > 0) {
      const p = rng.pick(ties);
      const n = rng.chance(0.1) ? rng.int(200, 1500) : rng.int(3, 60);
      const at = Math.floor(rng.float(world.historyStart, world.referenceDate - n * 2 * HOUR));
      f.push(dmConversation(world, p, twitterId(world, p), { n, at: at - (at % 1000), rng, ids }));
      dms += n;
      conversations++;
    }
  } finally {
    f.close();
  }
  return { dms, conversations, dmBytes: fs.statSync(file).size };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const elapsed = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main() {
  const targetMB = envMB("IRL_BENCH_TWITTER_MB", 300);
  const data = path.join(outDir, `twitter-${targetMB}`, "data");
  const metaFile = path.join(data, "..", "meta.json");
  fs.mkdirSync(data, { recursive: true });
  let planted: Planted;
  if (fs.existsSync(metaFile) && fs.existsSync(path.join(data, "tweets.js"))) {
    planted = JSON.parse(fs.readFileSync(metaFile, "utf8")) as Planted;
  } else {
    log(`Generating a Twitter archive (tweets.js ≥ ${targetMB} MB)…`);
    planted = generate(data, targetMB * 2 ** 20);
    fs.writeFileSync(metaFile, `${JSON.stringify(planted, null, 2)}\n`);
  }
  const tweetsFile = path.join(data, "tweets.js");
  const tweetsMB = fs.statSync(tweetsFile).size / 2 ** 20;
  const allMB =
    fs.readdirSync(data).reduce((sum, n) => sum + fs.statSync(path.join(data, n)).size, 0) /
    2 ** 20;
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-")), "bench.db");

  log(`Folder: ${data} (${allMB.toFixed(1)} MB; tweets.js ${tweetsMB.toFixed(1)} MB)`);
  log("Split only (the archive file's JSON splitter over tweets.js, elements dropped)…");
  const split = child("twitter-split", tweetsFile);
  if (split.pieces !== planted.tweets) {
    throw new Error(`tweets.js has ${split.pieces} elements, ${planted.tweets} planted`);
  }
  log("Importer records only (twitterImporter.parse over tweets.js, no database)…");
  const recs = child("twitter-records", tweetsFile);
  log("Whole import of data/ (account, direct messages, tweets) into a new SQLite database…");
  const imp = child("import", data, db);
  const dbMB = fs.statSync(db).size / 2 ** 20;
  fs.rmSync(path.dirname(db), { recursive: true, force: true });

  const tweets = planted.tweets;
  // Each tweet one record, plus one per tweet with mentions; one per DM; the owner.
  const records = tweets + planted.mentions + planted.dms + 1;
  const entry = (m: Measure, size: number) => ({
    mbPerSec: round(size / m.seconds),
    tweetsPerSec: round(tweets / m.seconds, 0),
    seconds: m.seconds,
    maxRssMB: m.maxRssMB,
  });
  const results = {
    machine: machine(),
    folderMB: round(allMB),
    tweetsMB: round(tweetsMB),
    planted,
    splitOnly: entry(split, tweetsMB),
    importerRecords: { ...entry(recs, tweetsMB), records: recs.records },
    import: {
      ...entry(imp, allMB),
      recordsPerSec: round(records / imp.seconds, 0),
      summary: imp.summary,
      databaseMB: round(dbMB),
    },
    importToSplitRatio: round(split.seconds / imp.seconds, 3),
  };
  fs.writeFileSync(
    path.join(outDir, "twitter-import.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  process.stdout.write(
    `${[
      `Twitter/X archive import benchmark — ${results.machine}`,
      `tweets.js: ${tweetsMB.toFixed(1)} MB, ${tweets.toLocaleString("en")} tweets; direct-messages.js: ${mb(planted.dmBytes)} MB, ${planted.dms.toLocaleString("en")} messages`,
      row("split only (tweets.js)", tweetsMB, tweets, "tweet", split),
      row("importer records (tweets.js)", tweetsMB, tweets, "tweet", recs),
      row("import data/ (new database)", allMB, tweets, "tweet", imp),
      `import: ${results.import.recordsPerSec.toLocaleString("en")} records/s (${records.toLocaleString("en")} records: tweets, mentions, DMs, owner); database ${dbMB.toFixed(0)} MB; peak memory ${imp.maxRssMB.toFixed(0)} MB`,
      `time: split ${split.seconds.toFixed(0)} s, elements → records ${(recs.seconds - split.seconds).toFixed(0)} s, DMs + pipeline + store ${(imp.seconds - recs.seconds).toFixed(0)} s (of ${imp.seconds.toFixed(0)} s)`,
    ].join("\n")}\n`,
  );
}

await main();
