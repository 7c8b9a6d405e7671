/** `irl forget PERSON`: remove every trace of a person. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { computeTies } from "../../signals/compute-ties.js";
import { forgetPerson } from "../../store/forget.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { printJson, say } from "../output.js";

export function forgetCommand() {
  return common(
    new Command("forget")
      .summary("remove every trace of a person")
      .description(
        "Remove a person from irl: their identities, interactions both ways, what they wrote,\n" +
          "cards, attendance and what sources said about them. irl keeps only a one-way hash of\n" +
          "their addresses, so re-importing an old export leaves them out and says so (a\n" +
          "'forgotten' skip in the import summary). This cannot be undone: add --yes.",
      )
      .argument("<person...>", "name, e-mail, site, @handle or #id")
      .option("--yes", "really forget them"),
  )
    .addHelpText("after", "\nExamples:\n  irl forget #12 --yes\n  irl forget ada@example.org --yes")
    .action(async (words, options) => {
      await withStore(options, async (store) => {
        const person = await onePerson(store, words.join(" "));
        if (!options.yes) {
          const stats = await store.timeline(person.id, 1_000_000);
          throw new IrlError(
            "usage",
            `this would remove #${person.id} ${person.display_name} and ${stats.length} interactions for good; add --yes`,
          );
        }
        const result = await forgetPerson(store, person.id);
        await computeTies(store);
        if (options.json) {
          printJson(result);
          return;
        }
        say(
          `Forgot ${result.name}: ${result.identities} identities, ${result.interactions} interactions, ` +
            `${result.content} writings and ${result.contacts} cards removed.`,
        );
      });
    });
}
