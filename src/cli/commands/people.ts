/** `irl people`: everyone in the graph, with what irl knows of your dialog with them. */
import { Command, Option } from "@commander-js/extra-typings";
import { sql } from "kysely";
import { IrlError } from "../../errors.js";
import { ensureTies } from "../../signals/compute-ties.js";
import { summarizeTiers, TIERS, type Tier } from "../../signals/tiers.js";
import type { PersonSummary, Store } from "../../store/store.js";
import { common, withStore } from "../context.js";
import { ago, printJson, say, table } from "../output.js";

export function peopleCommand() {
  return common(
    new Command("people")
      .summary("the people in your graph")
      .description(
        "The people in your graph, strongest tie first: tie strength (0–1, from recency,\n" +
          "reciprocity, depth, channels and meetings), tier, and how much you have talked.\n" +
          "Tiers: irl (strong, two-way, met or ready to meet, or pinned), strong, growing,\n" +
          "dormant (was strong, quiet for much longer than usual), one-way, card-only (a card or\n" +
          "connection and nothing else). in/out = they wrote to you / you wrote to them.",
      )
      .addOption(new Option("--tier <tier>", "only this tier").choices(TIERS))
      .addOption(
        new Option("--sort <order>", "order of the list")
          .choices(["strength", "recent", "name", "interactions"] as const)
          .default("strength" as const),
      )
      .option("--limit <n>", "show at most this many", parsePositive),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl people --limit 20\n  irl people --tier irl\n  irl people --tier dormant --json\n  irl people --sort recent",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        const people = await listPeople(store, {
          tier: options.tier,
          sort: options.sort,
          limit: options.limit,
        });
        const summary = summarizeTiers(await tierCounts(store));
        if (options.json) {
          printJson(
            people.map((p) => ({
              id: p.id,
              name: p.name,
              strength: Math.round(p.strength * 1000) / 1000,
              tier: p.tier,
              tierReason: p.tierReason,
              reasons: p.reasons,
              interactions: p.interactions,
              inbound: p.inbound,
              outbound: p.outbound,
              observed: p.observed,
              channels: p.channels,
              firstAt: p.firstAt === null ? null : new Date(p.firstAt).toISOString(),
              lastAt: p.lastAt === null ? null : new Date(p.lastAt).toISOString(),
            })),
          );
          return;
        }
        if (people.length === 0) {
          say("No people yet. Import an export first: irl import FILE (or try: irl demo)");
          return;
        }
        say(`${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`);
        say("");
        say(
          table(
            people.map((p) => [
              `#${p.id}`,
              p.name,
              p.strength.toFixed(2),
              p.tier,
              `${p.inbound}/${p.outbound}`,
              p.channels.join(", "),
              ago(p.lastAt),
            ]),
            ["id", "name", "strength", "tier", "in/out", "channels", "last"],
          ),
        );
      });
    });
}

interface TieView {
  strength: number;
  tier: Tier;
  why: string;
  reasons: string[];
}

/** One person's tie (recomputed first when stale), or undefined for the user. */
export async function tieOf(store: Store, person: number): Promise<TieView | undefined> {
  await ensureTies(store);
  const r = await store.db
    .selectFrom("ties")
    .selectAll()
    .where("person_id", "=", person)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    strength: Number(r.score),
    tier: r.tier as Tier,
    why: r.tier_reason,
    reasons: JSON.parse(r.reasons) as string[],
  };
}

interface Listed extends PersonSummary {
  strength: number;
  tier: Tier;
  tierReason: string;
  reasons: string[];
}

/**
 * The people list straight from the `ties` table (recomputed first when stale): sorting,
 * filtering and the limit happen in the database, so a graph of millions of interactions
 * lists as fast as a small one.
 */
async function listPeople(
  store: Store,
  options: { tier?: Tier; sort: "strength" | "recent" | "name" | "interactions"; limit?: number },
): Promise<Listed[]> {
  await ensureTies(store);
  let q = store.db
    .selectFrom("ties as t")
    .innerJoin("people as p", "p.id", "t.person_id")
    .select([
      "p.id",
      "p.display_name as name",
      "t.score",
      "t.tier",
      "t.tier_reason",
      "t.reasons",
      "t.events",
      "t.dialog_in",
      "t.dialog_out",
      "t.observed",
      "t.channels",
      "t.first_at",
      "t.last_at",
    ]);
  if (options.tier) q = q.where("t.tier", "=", options.tier);
  q =
    options.sort === "name"
      ? q.orderBy("p.display_name")
      : options.sort === "recent"
        ? q.orderBy(sql`coalesce(t.last_at, -1)`, "desc").orderBy("p.display_name")
        : options.sort === "interactions"
          ? q.orderBy("t.events", "desc").orderBy("p.display_name")
          : q.orderBy("t.score", "desc").orderBy("p.display_name");
  if (options.limit) q = q.limit(options.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    strength: Number(r.score),
    tier: r.tier as Tier,
    tierReason: r.tier_reason,
    reasons: JSON.parse(r.reasons) as string[],
    interactions: Number(r.events),
    inbound: Number(r.dialog_in),
    outbound: Number(r.dialog_out),
    observed: Number(r.observed),
    channels: r.channels ? r.channels.split(",").sort() : [],
    firstAt: r.first_at === null ? null : Number(r.first_at),
    lastAt: r.last_at === null ? null : Number(r.last_at),
  }));
}

async function tierCounts(store: Store): Promise<{ tier: Tier }[]> {
  const rows = await store.db
    .selectFrom("ties")
    .select(["tier", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("tier")
    .execute();
  return rows.flatMap((r) => new Array(Number(r.n)).fill({ tier: r.tier as Tier }));
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new IrlError("usage", `"${value}" is not a positive whole number`);
  return n;
}
