/** `irl person QUERY`: one person — who they are across sources and your history together. */
import { Command } from "@commander-js/extra-typings";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { ago, isoDate, printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function personCommand() {
  return common(
    new Command("person")
      .summary("one person: identities and timeline")
      .description(
        "One person: the identities irl knows them by (and where each came from) and the timeline\n" +
          "of your interactions. QUERY is a name (or part of one), an e-mail, a site, a @handle or #id.",
      )
      .argument("<query...>", "name, e-mail, site, @handle or #id")
      .option("--limit <n>", "timeline entries to show", parsePositive, 20),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl person "Ada Lovelace"\n  irl person ada@example.org --json\n  irl person #42',
    )
    .action(async (words, options) => {
      const query = words.join(" ");
      await withStore(options, async (store) => {
        const person = await onePerson(store, query);
        const identities = await store.identitiesOf(person.id);
        const timeline = await store.timeline(person.id, options.limit);
        const writings = await store.contentCount(person.id);
        const merges = await store.db
          .selectFrom("merges")
          .selectAll()
          .where("into_person_id", "=", person.id)
          .orderBy("id")
          .execute();
        const linked = merges.map((m) => ({
          name: m.from_name,
          by: m.method,
          at: new Date(Number(m.created_at)).toISOString(),
          probability: m.probability === null ? null : Number(m.probability),
          reasons: JSON.parse(m.reasons) as string[],
        }));
        if (options.json) {
          printJson({
            id: person.id,
            name: person.display_name,
            me: person.is_me === 1,
            identities: identities.map((i) => ({
              kind: i.kind,
              value: i.display,
              source: i.source,
              verified: i.verified === 1,
              reason: i.reason,
            })),
            merges: linked,
            writings,
            timeline: timeline.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
          });
          return;
        }
        say(`${person.display_name}  (#${person.id})`);
        say("");
        say("Known as:");
        for (const i of identities) {
          const claim = i.verified === 1 ? "" : ", only claimed";
          const why = i.reason ? `: ${i.reason}` : "";
          say(`  ${i.kind.padEnd(7)} ${i.display}  (${i.source}${claim}${why})`);
        }
        if (linked.length > 0) {
          say("");
          say("Linked because:");
          for (const m of linked) {
            const how =
              m.by === "user"
                ? "by you"
                : m.probability === null
                  ? m.by === "import"
                    ? "on import"
                    : "automatically"
                  : `automatically, ${Math.round(m.probability * 1000) / 10}% sure`;
            say(`  ${m.name} — merged ${how} on ${m.at.slice(0, 10)}: ${m.reasons.join("; ")}`);
          }
        }
        say("");
        if (timeline.length === 0) {
          say("No interactions yet.");
          return;
        }
        say(`Timeline (newest first, ${timeline.length} shown):`);
        for (const t of timeline) {
          const who = t.direction === "observed" ? `${t.fromName} → ${t.toName}` : t.direction;
          const where = t.contextTitle ? ` on "${t.contextTitle}"` : "";
          const pending = t.status === "pending" ? " [awaiting moderation]" : "";
          say(
            `  ${isoDate(t.at)}  ${t.channel} ${t.kind} (${who})${where}${pending}  ${ago(t.at)}`,
          );
          if (t.excerpt) say(`      ${t.excerpt.replace(/\s+/g, " ").slice(0, 120)}`);
        }
      });
    });
}
