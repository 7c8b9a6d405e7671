/** `irl split PERSON [IDENTITY…]`: some of a person's identities are someone else's. */
import { Command } from "@commander-js/extra-typings";
import { splitByUser } from "../../plans/corrections.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { printJson, say } from "../output.js";

export function splitCommand() {
  return common(
    new Command("split")
      .summary("split identities off a person")
      .description(
        "Undo a wrong merge. With IDENTITY values (an e-mail, site, @handle or profile as shown by\n" +
          "`irl person`), those identities — and every interaction, post and card that came\n" +
          "through them — move to a new person. Without, the most recent merge into PERSON is\n" +
          "undone. Either way irl remembers that the two are different people, in future imports\n" +
          "and resolution too.",
      )
      .argument("<person>", "name, e-mail, site, @handle or #id")
      .argument("[identity...]", "identities to split off"),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl split #12                     undo the last merge into #12\n" +
        "  irl split #12 ada@work.example    move this address (and its mail) to a new person",
    )
    .action(async (query, values, options) => {
      await withStore(options, async (store) => {
        const person = await onePerson(store, query);
        const result = await splitByUser(store, person.id, values);
        if (options.json) {
          printJson({ from: person.id, id: result.person, name: result.name, moved: result.moved });
          return;
        }
        say(
          `Split #${result.person} ${result.name} off #${person.id}: ${result.moved.identities} identities, ` +
            `${result.moved.interactions} interactions, ${result.moved.content} writings, ${result.moved.contacts} cards moved.`,
        );
      });
    });
}
