/**
 * `irl engage [--fetch]`: new posts from the people you are building rapport with, ranked by
 * where a comment would matter most; `--fetch` refreshes their feeds first, politely.
 *
 * @example
 * irl engage --limit 10
 * irl engage --fetch
 */
import { Command } from "@commander-js/extra-typings";
import { StoreFetchCache } from "../../net/fetch-cache.js";
import { PoliteFetcher } from "../../net/polite-fetcher.js";
import { postsToEngage } from "../../plans/engage.js";
import { type RefreshReport, refreshFeeds } from "../../plans/engage-fetch.js";
import { graphNow } from "../../signals/compute-ties.js";
import { common, withStore } from "../context.js";
import { ago, printJson, say, status } from "../output.js";
import { parsePositive } from "./people.js";

export function engageCommand() {
  return common(
    new Command("engage")
      .summary("new posts worth a comment from people you are building rapport with")
      .description(
        "Recent posts by your growing and strong ties, your IRL group, and people who write to\n" +
          "you, ranked by where a comment would matter most: the stage of the tie, how fresh the\n" +
          "post is, whether you already commented, and how close it is to what you write about.\n" +
          "--fetch first refreshes their feeds over the network (their sites only; conditional\n" +
          "requests, one request per host per second, private addresses refused); a site that\n" +
          "fails is reported and the rest go on.",
      )
      .option("--fetch", "refresh their feeds first (network)")
      .option("--days <n>", "posts from the last this many days", parsePositive, 30)
      .option("--limit <n>", "show at most this many", parsePositive, 15),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  irl engage\n  irl engage --fetch --days 14\n  irl engage --json",
    )
    .action(async (options) => {
      await withStore(options, async (store) => {
        let refresh: RefreshReport | undefined;
        if (options.fetch) {
          refresh = await refreshFeeds(store, {
            fetcher: new PoliteFetcher({ cache: new StoreFetchCache(store.db) }),
            onProgress: (line) => status(line),
          });
          status(
            `Feeds: ${refresh.sites.length} sites, ${refresh.added} new posts, ${refresh.failed} failed.`,
          );
        }
        const now = await graphNow(store);
        const posts = await postsToEngage(store, { days: options.days, limit: options.limit, now });
        if (options.json) {
          printJson({
            fetched: refresh ?? null,
            posts: posts.map((p) => ({
              id: p.person,
              name: p.name,
              tier: p.tier,
              strength: Math.round(p.strength * 1000) / 1000,
              title: p.title,
              url: p.url,
              publishedAt: new Date(p.publishedAt).toISOString(),
              commented: p.commented,
              score: p.score,
              reasons: p.reasons,
            })),
          });
          return;
        }
        if (posts.length === 0) {
          say(
            `No new posts in the last ${options.days} days from people you are building rapport with.`,
          );
          if (!options.fetch) say("Refresh their feeds with: irl engage --fetch");
          return;
        }
        say(`Worth a comment (${posts.length} posts):`);
        say("");
        for (const [i, p] of posts.entries()) {
          say(`${i + 1}. ${p.name}: "${p.title}" (${ago(p.publishedAt, now)})`);
          if (p.url) say(`     ${p.url}`);
          for (const r of p.reasons) say(`     · ${r}`);
        }
      });
    });
}
