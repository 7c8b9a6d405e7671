/**
 * Benchmark: interests for a big graph. Generates a SQLite store from the sample world at
 * 100,000 people (seeded; the world's people with their planted interests, each writing a few
 * blog comments in the sample's own templates — a few write many, most a few, card-only people
 * only a job title — and the owner 300 posts), then times `computeInterests` (time per text and
 * in all, peak memory), checks the planted interests still come out at that size (share of a
 * sample of people with a planted-cluster term in their top 5), and times the reads others
 * build on: `interestsOf`, `vectorsOf` and `groupInterests` for 1,000 people, `textVector`.
 * Size: IRL_BENCH_INTERESTS_PEOPLE (100000).
 *
 * @example
 * IRL_BENCH_ONLY=interests npm run bench
 * IRL_BENCH_INTERESTS_PEOPLE=20000 node dist/bench/interests.js
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seeded } from "../identity/model/random.js";
import { createRng } from "../sample/random.js";
import { commentText, postBody } from "../sample/text.js";
import { CLUSTERS, INTERESTS, type Interest } from "../sample/vocabulary.js";
import { buildWorld } from "../sample/world.js";
import {
  analyse,
  computeInterests,
  groupInterests,
  interestsOf,
  textVector,
  vectorsOf,
} from "../signals/interests/index.js";
import { openStore } from "../store/store.js";
import { envMB, machine, outDir } from "./common.js";

const DAY = 86_400_000;
const WRITING_ROLES = new Set(["irl", "growing", "dormant", "acquaintance", "owed", "jobAsk"]);

async function main() {
  const size = envMB("IRL_BENCH_INTERESTS_PEOPLE", 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-bench-interests-"));
  const store = await openStore({ dialect: "sqlite", location: path.join(dir, "irl.db") });
  const now = Date.parse("2026-11-01T00:00:00Z");
  try {
    const started = Date.now();
    const world = buildWorld({ seed: 1, people: size });
    const rng = createRng("bench-interests");
    const rand = seeded(11);
    const me = await store.ensureMe();
    const ids: number[] = [];
    await store.conn.transaction(async (tx) => {
      for (let i = 0; i < world.people.length; i += 1000) {
        const rows = world.people.slice(i, i + 1000).map((p) => [p.fullName, 0, now]);
        await tx.insertNew("people", ["display_name", "is_me", "created_at"], rows);
      }
      const got = await tx.all<{ id: number }>("SELECT id FROM people WHERE is_me = 0 ORDER BY id");
      for (const r of got) ids.push(Number(r.id));
    });
    let texts = 0;
    let key = 0;
    const owner = world.owner;
    await store.conn.transaction(async (tx) => {
      const posts: unknown[][] = [];
      for (let k = 0; k < 300; k++) {
        const main = owner.interests[k % owner.interests.length] as Interest;
        const second = rng.pick(owner.interests);
        const body = postBody(rng, {
          main,
          second,
          city: owner.homeCity,
          blocks: k % 2 === 0,
          trap: false,
        });
        posts.push([`post:${k}`, me, "post", body, now - k * 7 * DAY]);
      }
      await tx.insertNew(
        "content",
        ["source_key", "person_id", "kind", "body", "published_at"],
        posts,
      );
      texts += posts.length;
    });
    const columns = [
      "source_key",
      "channel",
      "kind",
      "direction",
      "occurred_at",
      "from_person_id",
      "to_person_id",
      "body",
      "size",
      "status",
    ];
    for (let i = 0; i < world.people.length; i += 5000) {
      await store.conn.transaction(async (tx) => {
        const comments: unknown[][] = [];
        const details: unknown[][] = [];
        for (let j = i; j < Math.min(i + 5000, world.people.length); j++) {
          const p = world.people[j] as (typeof world.people)[number];
          const id = ids[j] as number;
          details.push([id, "title", p.title, "bench", now]);
          // A few write a lot, most a little; card-only people write nothing.
          const n = WRITING_ROLES.has(p.role)
            ? 2 + Math.floor(20 * rand() ** 2)
            : rand() < 0.3
              ? 1 + Math.floor(4 * rand())
              : 0;
          for (let k = 0; k < n; k++) {
            const topic = rand() < 0.5 ? rng.pick(owner.interests) : rng.pick(p.interests);
            const body = commentText(rng, {
              topic,
              interests: p.interests,
              owner: owner.firstName,
              warm: p.role === "irl",
            });
            comments.push([
              `c:${key++}`,
              "blog_comment",
              "comment",
              "inbound",
              now - Math.floor(rand() * 700 * DAY),
              id,
              me,
              body,
              body.length,
              "approved",
            ]);
          }
        }
        await tx.insertNew("interactions", columns, comments);
        await tx.insertNew(
          "details",
          ["person_id", "field", "value", "source", "created_at"],
          details,
        );
        texts += comments.length;
      });
    }
    const built = (Date.now() - started) / 1000;

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await computeInterests(store);
    const computeS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // On a shared machine the wall clock waits for other processes; CPU time does not.
    const computeCpuS = (cpu.user + cpu.system) / 1e6;
    const rss = process.resourceUsage().maxRSS / 1024;

    // The planted interests, at this size: a seeded sample of people with any text.
    const vocabulary = new Map<Interest, Set<string>>(
      INTERESTS.map((i) => {
        const c = CLUSTERS[i];
        const words = [c.label, ...c.terms, ...c.activities, ...c.titles];
        return [i, new Set(words.flatMap((t) => [...analyse(t).keys()]))];
      }),
    );
    let checked = 0;
    let hits = 0;
    let writersChecked = 0;
    let writersHit = 0;
    for (let k = 0; k < 2000; k++) {
      const j = Math.floor(rand() * world.people.length);
      const p = world.people[j] as (typeof world.people)[number];
      const top = await interestsOf(store, ids[j] as number, 5);
      if (top.length === 0) continue;
      const hit = top.some((t) => p.interests.some((i) => vocabulary.get(i)?.has(t.term)));
      checked++;
      if (hit) hits++;
      if (WRITING_ROLES.has(p.role)) {
        writersChecked++;
        if (hit) writersHit++;
      }
    }

    const median = async (fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2] as number;
    };
    const group = Array.from(
      { length: 1000 },
      () => ids[Math.floor(rand() * ids.length)] as number,
    );
    const oneMs = await median(() => interestsOf(store, ids[7] as number));
    const vectorsMs = await median(() => vectorsOf(store, group));
    const groupMs = await median(() => groupInterests(store, group));
    const textMs = await median(() => textVector(store, world.opening.text));

    const perText = (result.analyseMs / Math.max(1, result.texts)).toFixed(3);
    const lines = [
      `Interests — ${machine()}`,
      `graph: ${size.toLocaleString("en")} people, ${texts.toLocaleString("en")} texts and a title each (built in ${built.toFixed(0)} s)`,
      `computeInterests: ${computeS.toFixed(1)} s (${computeCpuS.toFixed(1)} s of CPU) — ${result.texts.toLocaleString("en")} texts analysed at ${perText} ms each (${(result.analyseMs / 1000).toFixed(1)} s), ${result.people.toLocaleString("en")} people, ${result.terms.toLocaleString("en")} terms, ${result.rows.toLocaleString("en")} rows written`,
      `planted interest in the top 5: ${hits}/${checked} sampled people (${(hits / Math.max(1, checked)).toFixed(3)}), ${writersHit}/${writersChecked} writers (${(writersHit / Math.max(1, writersChecked)).toFixed(3)})`,
      `reads (median of 5): interestsOf ${oneMs.toFixed(1)} ms, vectorsOf 1,000 people ${vectorsMs.toFixed(0)} ms, groupInterests 1,000 people ${groupMs.toFixed(0)} ms, textVector ${textMs.toFixed(1)} ms`,
      `peak RSS ${rss.toFixed(0)} MB`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(
      path.join(outDir, "interests.json"),
      JSON.stringify(
        {
          people: size,
          texts,
          built,
          computeS,
          computeCpuS,
          analyseMsPerText: Number(perText),
          result,
          plantedShare: hits / Math.max(1, checked),
          writersShare: writersHit / Math.max(1, writersChecked),
          reads: { oneMs, vectorsMs, groupMs, textMs },
          rssMB: rss,
          machine: machine(),
        },
        null,
        2,
      ),
    );
  } finally {
    await store.close();
    if (!process.env.IRL_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
