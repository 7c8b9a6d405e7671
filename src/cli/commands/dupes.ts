/** `irl dupes`: pairs of people that may be one person, for the user to merge or dismiss. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { computeTies } from "../../signals/compute-ties.js";
import { MergeTrail, markDifferent } from "../../store/merge.js";
import { common, withStore } from "../context.js";
import { plural, printJson, say, status } from "../output.js";
import { parsePositive } from "./people.js";

export function dupesCommand() {
  return common(
    new Command("dupes")
      .summary("people who may be one person, for review")
      .description(
        "Pairs of people that may be the same person but that irl did not merge on its own —\n" +
          "most often because the only evidence is something typed into a public comment form,\n" +
          "which proves nothing about who owns an address. Each pair shows how likely it is and\n" +
          "why. Merge a pair with `irl merge A B`; dismiss it with `--dismiss N` (irl then keeps\n" +
          "the two apart, also in future imports).",
      )
      .option("--limit <n>", "pairs to show", parsePositive, 20)
      .option("--dismiss <n>", "the pair numbered N are different people", parsePositive)
      .option("--accept <n>", "the pair numbered N are one person: merge them", parsePositive)
      .option("--accept-all", "merge every pair on the list (after reviewing it!)"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl dupes\n  irl dupes --accept 2\n  irl dupes --dismiss 3\n  irl dupes --accept-all",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        const numbered = async (n: number) => {
          const pair = await store.db
            .selectFrom("dupe_candidates")
            .selectAll()
            .where("id", "=", n)
            .executeTakeFirst();
          if (!pair) throw new IrlError("not_found", `no pair numbered ${n}`);
          return pair;
        };
        if (options.dismiss !== undefined) {
          const pair = await numbered(options.dismiss);
          await store.conn.transaction((tx) => markDifferent(tx, pair.person_a, pair.person_b));
          await computeTies(store);
          status(`#${pair.person_a} and #${pair.person_b} are kept apart from now on.`);
          if (options.json) printJson({ dismissed: options.dismiss });
          return;
        }
        if (options.accept !== undefined || options.acceptAll) {
          const pairs =
            options.accept !== undefined
              ? [await numbered(options.accept)]
              : await store.db
                  .selectFrom("dupe_candidates")
                  .selectAll()
                  .orderBy("probability", "desc")
                  .execute();
          let merged = 0;
          await store.conn.transaction(async (tx) => {
            const trail = new MergeTrail();
            for (const pair of pairs) {
              if (trail.current(pair.person_a) === trail.current(pair.person_b)) continue;
              await trail.merge(
                tx,
                pair.person_a,
                pair.person_b,
                { method: "user", reasons: ["confirmed by you in irl dupes"] },
                true,
              );
              merged++;
            }
          });
          await computeTies(store);
          status(`${plural(merged, "pair")} merged.`);
          if (options.json) printJson({ merged });
          return;
        }
        const rows = await store.db
          .selectFrom("dupe_candidates as d")
          .innerJoin("people as a", "a.id", "d.person_a")
          .innerJoin("people as b", "b.id", "d.person_b")
          .select([
            "d.id",
            "d.person_a",
            "d.person_b",
            "a.display_name as nameA",
            "b.display_name as nameB",
            "d.probability",
            "d.reasons",
          ])
          .orderBy("d.probability", "desc")
          .orderBy("d.id")
          .limit(options.limit)
          .execute();
        const pairs = rows.map((r) => ({
          pair: Number(r.id),
          name: `${r.nameA} / ${r.nameB}`,
          a: { id: Number(r.person_a), name: r.nameA },
          b: { id: Number(r.person_b), name: r.nameB },
          probability: Number(r.probability),
          reasons: JSON.parse(r.reasons) as string[],
        }));
        if (options.json) {
          printJson(pairs);
          return;
        }
        if (pairs.length === 0) {
          say("Nothing to review: irl is sure of everyone it merged and kept apart.");
          return;
        }
        say(`${plural(pairs.length, "pair")} to review (most likely first):`);
        for (const p of pairs) {
          say("");
          say(
            `[${p.pair}] #${p.a.id} ${p.a.name}  ↔  #${p.b.id} ${p.b.name}   ${Math.round(p.probability * 100)}% likely`,
          );
          for (const r of p.reasons) say(`      ${r}`);
        }
        say("");
        say("Merge with `irl merge #A #B`, or keep apart with `irl dupes --dismiss N`.");
      });
    });
}
