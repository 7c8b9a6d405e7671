/** `irl split PERSON [IDENTITY…]`: some of a person's identities are someone else's. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { normalizeIdentity } from "../../identity/normalize.js";
import { computeTies } from "../../signals/compute-ties.js";
import type { IdentityKind } from "../../sources/records.js";
import { lastMerge, splitPerson } from "../../store/split.js";
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
        const identities = await store.identitiesOf(person.id);
        let ids: number[];
        if (values.length === 0) {
          const merge = await lastMerge(store.conn, person.id);
          if (!merge) {
            throw new IrlError(
              "usage",
              `nothing was merged into #${person.id}; name the identities to split off (see irl person #${person.id})`,
            );
          }
          ids = merge.identityIds;
        } else {
          ids = values.map((v) => {
            const match = identities.find(
              (i) =>
                i.kind !== "name" &&
                (i.display === v ||
                  i.value === normalizeIdentity({ kind: i.kind as IdentityKind, value: v }) ||
                  i.value.endsWith(`:${v.replace(/^@/, "").toLowerCase()}`)),
            );
            if (!match) throw new IrlError("not_found", `#${person.id} has no identity "${v}"`);
            return match.id;
          });
          // Every copy of a named address goes (claimed and verified alike).
          const chosen = identities.filter((i) => ids.includes(i.id));
          ids = identities
            .filter((i) => chosen.some((c) => c.kind === i.kind && c.value === i.value))
            .map((i) => i.id);
        }
        const result = await store.conn.transaction((tx) => splitPerson(tx, person.id, ids));
        await computeTies(store);
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
