/** `irl me [ID…]`: show or declare the user's own identities. */
import { Command } from "@commander-js/extra-typings";
import { IrlError } from "../../errors.js";
import type { IdentityRef } from "../../sources/records.js";
import { common, withStore } from "../context.js";
import { printJson, say } from "../output.js";

/**
 * `ada@example.org` → e-mail; `https://ada.blog` or `ada.blog` → site; `@ada` → handle;
 * `twitter:@ada` → handle on a platform; `name:Ada Lovelace` → a name.
 */
export function parseMyIdentity(text: string): IdentityRef {
  const t = text.trim();
  const platform = /^([a-z][a-z0-9.-]*):@?([^\s/:@]+)$/i.exec(t);
  if (/^name:/i.test(t)) return { kind: "name", value: t.slice(5).trim() };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { kind: "email", value: t };
  if (/^@[^\s@]+$/.test(t)) return { kind: "handle", value: t.slice(1) };
  if (platform && !/^https?$/i.test(platform[1] ?? "")) {
    return { kind: "handle", value: platform[2] ?? "", platform: platform[1]?.toLowerCase() };
  }
  if (/^(https?:\/\/)?[^\s/]+\.[^\s/]+/i.test(t)) return { kind: "url", value: t };
  throw new IrlError(
    "usage",
    `"${text}" is not an e-mail address, site URL or @handle (a name is written name:"Your Name")`,
  );
}

export function meCommand() {
  return common(
    new Command("me")
      .summary("show or declare your own identities")
      .description(
        "Show your own identities, or declare more. Your identities decide the direction of every\n" +
          "interaction: what you wrote is outbound, what others wrote to you is inbound.\n" +
          "Declaring an identity that irl had taken for someone else merges that person into you.",
      )
      .argument("[id...]", 'e-mail, site URL, @handle, platform:@handle or name:"Your Name"'),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  irl me\n  irl me ada@example.org https://ada.blog twitter:@ada "name:Ada Lovelace"',
    )
    .action(async (ids, options) => {
      await withStore(options, async (store) => {
        if (ids.length) await store.addMyIdentities(ids.map(parseMyIdentity));
        const me = await store.me();
        const identities = me ? await store.identitiesOf(me.id) : [];
        if (options.json) {
          printJson({
            name: me?.display_name ?? null,
            identities: identities.map((i) => ({
              kind: i.kind,
              value: i.display,
              source: i.source,
            })),
          });
          return;
        }
        if (identities.length === 0) {
          say(
            "irl does not know who you are yet. Declare yourself: irl me you@example.org https://your.blog",
          );
          return;
        }
        say(`You (${me?.display_name}):`);
        for (const i of identities) say(`  ${i.kind.padEnd(7)} ${i.display}  (from ${i.source})`);
      });
    });
}
