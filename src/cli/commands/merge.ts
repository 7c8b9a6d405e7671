/** `irl merge A B`: the user says two people are one. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { mergeByUser } from "../../plans/corrections.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { printJson, say } from "../output.js";

export function mergeCommand() {
  return common(
    new Command("merge")
      .summary("merge two people into one")
      .description(
        "Tell irl that A and B are the same person. B's identities, interactions, writing and\n" +
          "cards move to A, and the merge is logged with your name on it (see `irl person A`).\n" +
          "It survives re-imports; `irl split A` undoes it. A and B are each a name, an e-mail, a\n" +
          "site, a @handle or a #id, as in `irl person`.",
      )
      .argument("<a>", "the person to keep")
      .argument("<b>", "the person merged into A"),
  )
    .addHelpText("after", "\nExamples:\n  irl merge #12 #40\n  irl merge ada@example.org @ada_l")
    .action(async (a, b, options) => {
      await withStore(options, async (store) => {
        const keep = await onePerson(store, a);
        const gone = await onePerson(store, b);
        if (keep.id === gone.id)
          throw new IrlError("usage", `${a} and ${b} are already one person`);
        await mergeByUser(store, keep.id, gone.id);
        const merged = await store.person(keep.id);
        if (options.json) {
          printJson({ id: merged.id, name: merged.display_name, merged: gone.id });
          return;
        }
        say(`Merged #${gone.id} ${gone.display_name} into #${merged.id} ${merged.display_name}.`);
      });
    });
}
