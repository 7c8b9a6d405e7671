/** `irl person QUERY`: one person — who they are across sources and your history together. */
import { Command, Option } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { type FavourEntry, type FavourHistory, favourHistory } from "../../plans/favours.js";
import { computeTies } from "../../signals/compute-ties.js";
import { interestsOf } from "../../signals/interests/index.js";
import { TIERS } from "../../signals/tiers.js";
import { type FlagChange, setFlags } from "../../store/flags.js";
import { personView } from "../../store/person-view.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { ago, isoDate, printJson, say } from "../output.js";
import { parsePositive, tieOf } from "./people.js";

const DAY = 86_400_000;

export function personCommand() {
  return common(
    new Command("person")
      .summary("one person: tie strength, identities and timeline")
      .description(
        "One person: how strong your tie is and why, their tier, the identities irl knows them\n" +
          "by (and why each was linked), and the timeline of your interactions. QUERY is a name\n" +
          "(or part of one), an e-mail, a site, a @handle or #id.\n\n" +
          "Your say over their tier survives every recomputation: --pin keeps them in your IRL\n" +
          "group, --snooze keeps a quiet tie off the dormant list and out of `irl due` for a while,\n" +
          "--tier puts them in a tier of your choosing (--tier auto gives it back to irl).",
      )
      .argument("<query...>", "name, e-mail, site, @handle or #id")
      .option("--limit <n>", "timeline entries to show", parsePositive, 20)
      .option("--pin", "pin to your IRL group")
      .option("--unpin", "undo --pin")
      .option(
        "--snooze <days>",
        "not dormant or due for this many days (0 ends a snooze)",
        parseDays,
      )
      .addOption(new Option("--tier <tier>", "put them in this tier").choices([...TIERS, "auto"])),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl person "Ada Lovelace"\n  irl person ada@example.org --json\n  irl person #42 --pin\n  irl person #42 --snooze 30\n  irl person #42 --tier strong',
    )
    .action(async (words, options) => {
      const query = words.join(" ");
      await withStore(options, async (store) => {
        const person = await onePerson(store, query);
        const change: FlagChange = {};
        if (options.pin && options.unpin) throw new IrlError("usage", "--pin or --unpin, not both");
        if (options.pin) change.pinned = true;
        if (options.unpin) change.pinned = false;
        if (options.snooze !== undefined) {
          change.snoozedUntil = options.snooze === 0 ? null : Date.now() + options.snooze * DAY;
        }
        if (options.tier) change.tier = options.tier === "auto" ? null : options.tier;
        if (Object.keys(change).length > 0) {
          if (person.is_me === 1) throw new IrlError("usage", "that is you: no tier to set");
          await setFlags(store.conn, person.id, change);
          await computeTies(store);
        }
        const tie = person.is_me === 1 ? undefined : await tieOf(store, person.id);
        const view = await personView(store, person.id, { limit: options.limit });
        const { identities, timeline, writings, merges: linked } = view;
        const favours = person.is_me === 1 ? null : await favourHistory(store, person.id);
        const interests = await interestsOf(store, person.id, 8);
        const flags = {
          pinned: view.pinned ? 1 : 0,
          snoozed_until: view.snoozedUntil,
        };
        if (options.json) {
          printJson({
            id: person.id,
            name: person.display_name,
            me: person.is_me === 1,
            strength: tie ? Math.round(tie.strength * 1000) / 1000 : null,
            tier: tie?.tier ?? null,
            tierReason: tie?.why ?? null,
            reasons: tie?.reasons ?? [],
            pinned: Number(flags?.pinned ?? 0) === 1,
            snoozedUntil: flags?.snoozed_until
              ? new Date(Number(flags.snoozed_until)).toISOString()
              : null,
            identities: identities.map((i) => ({
              kind: i.kind,
              value: i.display,
              source: i.source,
              verified: i.verified === 1,
              reason: i.reason,
            })),
            merges: linked,
            writings,
            interests,
            favours: favours && favoursJson(favours),
            timeline: timeline.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
          });
          return;
        }
        say(`${person.display_name}  (#${person.id})`);
        if (tie) {
          const pinned = Number(flags?.pinned ?? 0) === 1 ? ", pinned" : "";
          const snoozed = flags?.snoozed_until
            ? `, snoozed until ${isoDate(Number(flags.snoozed_until))}`
            : "";
          say(
            `Tie strength ${tie.strength.toFixed(2)} · ${tie.tier}${pinned}${snoozed}: ${tie.why}`,
          );
          for (const r of tie.reasons) say(`  · ${r}`);
        }
        if (interests.length > 0) say(`Writes about: ${interests.map((i) => i.term).join(", ")}`);
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
        if (favours) printFavours(favours);
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

function parseDays(value: string): number {
  const n = Number(value.replace(/d(ays?)?$/i, ""));
  if (!Number.isInteger(n) || n < 0) {
    throw new IrlError("usage", `--snooze takes a number of days, not "${value}"`);
  }
  return n;
}

/** The favour check (plans/favours.ts) as `irl person --json` shows it. */
function favoursJson(f: FavourHistory) {
  const list = (l: FavourEntry[]) => l.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  return {
    balance: f.balance,
    engagedBeforeAsking: f.engagedBeforeAsking,
    theyAsked: list(f.theyAsked),
    youAsked: list(f.youAsked),
    theyGave: list(f.theyGave),
    youGave: list(f.youGave),
  };
}

function printFavours(f: FavourHistory): void {
  say("");
  say(`Favours: ${f.balance}`);
  const all = [...f.theyAsked, ...f.youAsked, ...f.theyGave, ...f.youGave].sort(
    (a, b) => a.at - b.at,
  );
  const verb = { ask: "asked", intro: "introduced", help: "helped", thanks: "thanked" };
  for (const e of all.slice(-6)) {
    say(`  ${isoDate(e.at)}  ${e.by} ${verb[e.kind]} (${e.channel}): ${e.excerpt}`);
  }
}
