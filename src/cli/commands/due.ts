/** `irl due`: who am I neglecting — replies owed, unanswered, gone quiet, this week's budget. */
import { Command } from "@commander-js/extra-typings";
import { whatIsDue } from "../../plans/due.js";
import { ensureTies } from "../../signals/compute-ties.js";
import { common, withStore } from "../context.js";
import { ago, plural, printJson, say } from "../output.js";
import { parsePositive } from "./people.js";

export function dueCommand() {
  return common(
    new Command("due")
      .summary("replies I owe, unanswered, quiet ties, this week's touch budget")
      .description(
        "Who you are neglecting. Replies you owe: their latest message in a thread (or on a\n" +
          "channel) that you have not answered, from the last 60 days, strongest ties first.\n" +
          "Never answered: people you wrote to who never wrote back (and organisations where\n" +
          "nobody does). Going quiet: strong ties silent much longer than their own rhythm.\n" +
          "And this week's touch budget: a short list to act on. `irl person X --snooze 30`\n" +
          "keeps someone off these lists for a while.",
      )
      .option("--budget <n>", "size of this week's touch list", parsePositive, 5)
      .option("--limit <n>", "entries per section", parsePositive, 10),
  )
    .addHelpText("after", "\nExamples:\n  irl due\n  irl due --budget 3 --json")
    .action(async (options) => {
      await withStore(options, async (store) => {
        await ensureTies(store);
        const due = await whatIsDue(store, { budget: options.budget, limit: options.limit });
        if (options.json) {
          const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
          printJson({
            budget: due.budget.map((t) => ({ ...t, reasons: [t.reason] })),
            owed: due.owed
              .slice(0, options.limit)
              .map((o) => ({ ...o, at: iso(o.at), reasons: [`waiting since ${iso(o.at)}`] })),
            unanswered: due.unanswered
              .slice(0, options.limit)
              .map((u) => ({ ...u, lastSentAt: iso(u.lastSentAt) })),
            silentOrganizations: due.silentOrganizations,
            totals: due.totals,
            quiet: due.quiet
              .slice(0, options.limit)
              .map((q) => ({ ...q, lastAt: iso(q.lastAt), reasons: [q.reason] })),
          });
          return;
        }
        say("This week:");
        if (due.budget.length === 0) say("  nothing due — well kept.");
        for (const [i, t] of due.budget.entries()) {
          say(`  ${i + 1}. ${t.action} — ${t.name} (#${t.person}): ${t.reason}`);
        }
        say("");
        say(`Replies you owe (${due.totals.owed}):`);
        for (const o of due.owed.slice(0, options.limit)) {
          const where = o.thread ? `"${o.thread}"` : o.channel;
          say(`  ${o.name} (#${o.person}) — ${o.kind} on ${where}, ${ago(o.at)}`);
          if (o.excerpt) say(`      ${o.excerpt}`);
        }
        say("");
        say(`Never answered you (${due.totals.unanswered}):`);
        for (const u of due.unanswered.slice(0, options.limit)) {
          const org = u.organization ? `, ${u.organization}` : "";
          say(
            `  ${u.name} (#${u.person}${org}) — ${plural(u.sent, "message")}, last ${ago(u.lastSentAt)}`,
          );
        }
        for (const o of due.silentOrganizations) {
          say(`  Nobody at ${o.organization} answers: ${o.people.join(", ")}`);
        }
        say("");
        say(`Going quiet (${due.totals.quiet}):`);
        for (const q of due.quiet.slice(0, options.limit)) {
          say(`  ${q.name} (#${q.person}) — ${q.reason}`);
        }
      });
    });
}
