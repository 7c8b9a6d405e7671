/** `irl intro PERSON`: warm introduction paths to a person, with the evidence for each link. */
import { Command } from "@commander-js/extra-typings";
import { introPaths } from "../../plans/intro.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function introCommand() {
  return common(
    new Command("intro")
      .summary("warm introduction paths to a person")
      .description(
        "Who can introduce you to PERSON: paths of two or three links from you through people\n" +
          "who know both sides, from what your exports show (replies to each other on your blog,\n" +
          "e-mails that copied both, small events both attended, your own ties). A path's score\n" +
          "is the product of its links' strengths (each link carries the favour with a chance\n" +
          "like its strength); its weakest link is shown, the one to check before you ask.\n" +
          "PERSON is a name (or part of one), an e-mail, a site, a @handle or #id.",
      )
      .argument("<person...>", "name, e-mail, site, @handle or #id")
      .option("--limit <n>", "paths to show", parsePositive, 5)
      .option("--hops <n>", "longest path, 2 or 3 links", parsePositive, 3),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl intro "Ada Lovelace"\n  irl intro ada@example.org --json\n  irl intro #42 --hops 2',
    )
    .action(async (words, options) => {
      await withStore(options, async (store) => {
        const person = await onePerson(store, words.join(" "));
        const paths =
          person.is_me === 1
            ? []
            : await introPaths(store, person.id, { limit: options.limit, maxHops: options.hops });
        const direct = await store.db
          .selectFrom("ties")
          .select(["score", "tier"])
          .where("person_id", "=", person.id)
          .executeTakeFirst();
        const round = (x: number) => Math.round(x * 1000) / 1000;
        if (options.json) {
          printJson({
            id: person.id,
            name: person.display_name,
            tie: direct ? { strength: round(Number(direct.score)), tier: direct.tier } : null,
            paths: paths.map((p) => ({
              score: round(p.score),
              weakest: round(p.weakest),
              hops: p.hops.map((h) => ({ ...h, strength: round(h.strength) })),
            })),
          });
          return;
        }
        if (person.is_me === 1) {
          say("That is you.");
          return;
        }
        if (direct && direct.tier !== "card-only") {
          say(
            `You already know ${person.display_name} (tie ${Number(direct.score).toFixed(2)}, ${direct.tier}).`,
          );
        }
        if (paths.length === 0) {
          say(`No warm path to ${person.display_name} in your graph yet.`);
          return;
        }
        say(`Warm paths to ${person.display_name} (#${person.id}), likeliest first:`);
        for (const [i, p] of paths.entries()) {
          const route = [p.hops[0]?.from.name, ...p.hops.map((h) => h.to.name)].join(" → ");
          say("");
          say(
            `${i + 1}. ${route}  (score ${p.score.toFixed(2)}, weakest link ${p.weakest.toFixed(2)})`,
          );
          for (const h of p.hops) {
            say(`   ${h.from.name} — ${h.to.name}: ${h.strength.toFixed(2)}`);
            for (const e of h.evidence) say(`     · ${e}`);
          }
        }
      });
    });
}
