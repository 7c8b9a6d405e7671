/**
 * `irl match FILE`: who among my real relationships fits this opening, and why; `--asked PERSON`
 * records that I asked them about it, so later matches give them a rest.
 *
 * @example
 * irl match opening.txt --limit 5
 * irl match opening.txt --asked "Conor Yardley"
 */
import fs from "node:fs";
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import { openingKey, recordAsk } from "../../plans/asks.js";
import { matchOpening } from "../../plans/match.js";
import { graphNow } from "../../signals/compute-ties.js";
import { common, withStore } from "../context.js";
import { onePerson } from "../find-person.js";
import { printJson, say, status } from "../output.js";
import { parsePositive } from "./people.js";

export function matchCommand() {
  return common(
    new Command("match")
      .summary("who among your real relationships fits an opening")
      .description(
        "Reads a job opening or project description (plain text or Markdown) and ranks the people\n" +
          "you have a real relationship with (irl, strong, growing; dormant ones with a note) by\n" +
          "fit — what they write about, their title and organisation — times tie strength, each\n" +
          "with reasons. --asked PERSON records that you asked them about this opening: later\n" +
          "matches give people asked within --rest days a rest, and say so.",
      )
      .argument("<file>", "the opening, as a text or Markdown file")
      .option("--limit <n>", "show at most this many", parsePositive, 10)
      .option(
        "--asked <person>",
        "record that you asked this person (name, e-mail, #id) about the opening; repeatable",
        (v: string, prev: string[] = []) => [...prev, v],
      )
      .option("--rest <days>", "give people asked within this many days a rest", parsePositive, 30),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl match opening.txt\n  irl match opening.md --limit 5 --json\n  irl match opening.txt --asked "Conor Yardley" --asked #42',
    )
    .action(async (file, options) => {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (error) {
        throw new IrlError("input", `cannot read ${file}: ${(error as Error).message}`, { file });
      }
      if (text.trim().length === 0) {
        throw new IrlError("input", `${file} is empty: nothing to match`, { file });
      }
      await withStore(options, async (store) => {
        const asked: { id: number; name: string }[] = [];
        if (options.asked?.length) {
          const key = openingKey(text);
          const now = await graphNow(store);
          for (const q of options.asked) {
            const p = await onePerson(store, q);
            if (p.is_me === 1) throw new IrlError("usage", `"${q}" is you`);
            await recordAsk(store, p.id, key, now);
            asked.push({ id: p.id, name: p.display_name });
            if (!options.json) status(`Noted: you asked ${p.display_name} about "${key.about}".`);
          }
          if (!options.json) return;
        }
        const result = await matchOpening(store, text, {
          limit: options.limit,
          restDays: options.rest,
        });
        if (options.json) {
          printJson({
            about: result.about,
            opening: result.opening,
            total: result.total,
            recorded: asked,
            people: result.people.map((p) => ({
              id: p.person,
              name: p.name,
              score: p.score,
              fit: p.fit,
              strength: Math.round(p.strength * 1000) / 1000,
              tier: p.tier,
              title: p.title,
              organization: p.organization,
              shared: p.shared,
              covers: p.covers,
              asked: p.asked ? { ...p.asked, at: new Date(p.asked.at).toISOString() } : null,
              reasons: p.reasons,
            })),
          });
          return;
        }
        if (result.people.length === 0) {
          say(
            "Nobody among your real relationships fits this opening (or there are none yet: irl people).",
          );
          return;
        }
        say(`Who fits "${result.about}" (${result.total} of your real relationships fit at all):`);
        say("");
        for (const [i, p] of result.people.entries()) {
          say(
            `${i + 1}. ${p.name} (#${p.person})  fit ${p.fit.toFixed(2)} · ${p.tier} ${p.strength.toFixed(2)}`,
          );
          for (const r of p.reasons) say(`     · ${r}`);
        }
        say("");
        say(`Asked someone? Record it: irl match ${file} --asked "NAME"`);
      });
    });
}
