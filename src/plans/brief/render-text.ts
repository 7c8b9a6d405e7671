/**
 * The brief for a terminal and as Markdown: the same sections in the same order, each line
 * with its reasons. Markdown escapes what it prints (names and titles come from other
 * people's exports) so a name cannot turn into a link or a heading.
 *
 * @example
 * process.stdout.write(renderBriefText(brief));
 * fs.writeFileSync("brief.md", renderBriefMarkdown(brief));
 */
import type { Brief, KnownEntry, NewEntry } from "./build-brief.js";

const SHOWN_NEW = 10;

function dateOnly(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}

function who(e: { name: string; title: string | null; organization: string | null }): string {
  const role = [e.title, e.organization].filter(Boolean).join(", ");
  return role ? `${e.name} (${role})` : e.name;
}

function lastLine(k: KnownEntry): string | undefined {
  const l = k.lastTalked;
  if (!l) return undefined;
  const about = l.title ? `"${l.title}"` : l.excerpt ? `"${l.excerpt.slice(0, 90)}"` : l.channel;
  return `last talked ${dateOnly(l.at)} (${l.channel}): ${about}`;
}

export function briefSummary(b: Brief): string {
  const c = b.counts;
  const parts = [
    `${c.listed} on the list`,
    `${c.known} you know`,
    `${c.newPeople} new`,
    `${c.metBefore} met once`,
  ];
  if (c.careful) parts.push(`${c.careful} to be careful with`);
  if (c.ambiguous) parts.push(`${c.ambiguous} not sure`);
  if (c.skipped) parts.push(`${c.skipped} lines skipped`);
  return parts.join(" · ");
}

export function renderBriefText(b: Brief): string {
  const out: string[] = [];
  const say = (line = "") => out.push(line);
  say(`Brief: ${b.title}`);
  for (const e of b.events) {
    say(`  ${[dateOnly(e.start), e.location].filter(Boolean).join(" · ")}`.trimEnd());
  }
  say(briefSummary(b));
  say();
  say("People you know — pick up where you left off:");
  if (b.known.length === 0) say("  (nobody you know is on this list)");
  for (const k of b.known) {
    say(`  ${who(k)} — ${k.tier}, strength ${k.strength.toFixed(2)}`);
    const last = lastLine(k);
    if (last) say(`      ${last}`);
    for (const r of k.reasons.slice(0, 3)) say(`      · ${r}`);
  }
  say();
  say("New people worth meeting:");
  if (b.newPeople.length === 0) say("  (no one new on this list)");
  newList(b.newPeople.slice(0, SHOWN_NEW), say);
  if (b.newPeople.length > SHOWN_NEW)
    say(`  … and ${b.newPeople.length - SHOWN_NEW} more (--json)`);
  if (b.metBefore.length > 0) {
    say();
    say("Met once, never followed up:");
    newList(b.metBefore.slice(0, SHOWN_NEW), say);
    if (b.metBefore.length > SHOWN_NEW)
      say(`  … and ${b.metBefore.length - SHOWN_NEW} more (--json)`);
  }
  say();
  say("Who can introduce you:");
  if (b.introductions.length === 0) say("  (no warm path irl can see)");
  for (const i of b.introductions.slice(0, SHOWN_NEW)) {
    say(`  ${i.via} → ${i.name} (path strength ${i.score.toFixed(2)})`);
    for (const r of i.reasons) say(`      · ${r}`);
  }
  say();
  say("What this group cares about:");
  if (b.groupInterests.length === 0) say("  (not enough writing to tell)");
  else
    say(
      `  ${b.groupInterests.map((g) => `${g.term} (${g.people}${g.sharedWithMe ? ", yours too" : ""})`).join(", ")}`,
    );
  if (b.careful.length > 0) {
    say();
    say("Careful with your time:");
    for (const c of b.careful) {
      say(`  ${c.name} — ${c.tier}`);
      for (const r of c.reasons) say(`      · ${r}`);
    }
  }
  if (b.ambiguous.length > 0) {
    say();
    say("Not sure who these are:");
    for (const a of b.ambiguous) {
      say(`  ${a.name} (${a.place}): ${a.reasons.join("; ")}`);
      for (const c of a.candidates.slice(0, 4)) say(`      may be #${c.id} ${c.name}: ${c.reason}`);
    }
  }
  if (b.skipped.length > 0) {
    say();
    say(`Skipped ${b.skipped.length} ${b.skipped.length === 1 ? "line" : "lines"} of the list:`);
    for (const s of b.skipped.slice(0, 10)) say(`  ${s.place}: ${s.reason} — ${s.message}`);
  }
  return `${out.join("\n")}\n`;
}

function newList(list: NewEntry[], say: (line?: string) => void): void {
  list.forEach((n, i) => {
    say(`  ${i + 1}. ${who(n)} — ${n.score.toFixed(2)}`);
    for (const r of n.reasons) say(`      · ${r}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Text safe inside Markdown: no markup, links, HTML or line breaks. */
export function mdEscape(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, "\\$1")
    .replace(/&/g, "&amp;");
}

export function renderBriefMarkdown(b: Brief): string {
  const out: string[] = [];
  const say = (line = "") => out.push(line);
  const e = mdEscape;
  say(`# Brief: ${e(b.title)}`);
  say();
  for (const ev of b.events) {
    say(`*${e([dateOnly(ev.start), ev.location].filter(Boolean).join(" · ") || ev.title)}*`);
    say();
  }
  say(e(briefSummary(b)));
  say();
  say("## People you know");
  say();
  if (b.known.length === 0) say("Nobody you know is on this list.");
  for (const k of b.known) {
    say(`- **${e(who(k))}** — ${e(k.tier)}, strength ${k.strength.toFixed(2)}`);
    const last = lastLine(k);
    if (last) say(`  - ${e(last)}`);
    for (const r of k.reasons.slice(0, 3)) say(`  - ${e(r)}`);
  }
  say();
  say("## New people worth meeting");
  say();
  if (b.newPeople.length === 0) say("No one new on this list.");
  b.newPeople.forEach((n, i) => {
    say(`${i + 1}. **${e(who(n))}** — ${n.score.toFixed(2)}`);
    for (const r of n.reasons) say(`   - ${e(r)}`);
  });
  if (b.metBefore.length > 0) {
    say();
    say("## Met once, never followed up");
    say();
    for (const n of b.metBefore) {
      say(`- **${e(who(n))}** — ${n.score.toFixed(2)}`);
      for (const r of n.reasons) say(`  - ${e(r)}`);
    }
  }
  say();
  say("## Who can introduce you");
  say();
  if (b.introductions.length === 0) say("No warm path irl can see.");
  for (const i of b.introductions) {
    say(`- **${e(i.via)} → ${e(i.name)}** (path strength ${i.score.toFixed(2)})`);
    for (const r of i.reasons) say(`  - ${e(r)}`);
  }
  say();
  say("## What this group cares about");
  say();
  if (b.groupInterests.length === 0) say("Not enough writing to tell.");
  for (const g of b.groupInterests)
    say(`- ${e(g.term)} — ${g.people} people${g.sharedWithMe ? " (yours too)" : ""}`);
  if (b.careful.length > 0) {
    say();
    say("## Careful with your time");
    say();
    for (const c of b.careful) {
      say(`- **${e(c.name)}** — ${e(c.tier)}`);
      for (const r of c.reasons) say(`  - ${e(r)}`);
    }
  }
  if (b.ambiguous.length > 0) {
    say();
    say("## Not sure who these are");
    say();
    for (const a of b.ambiguous) {
      say(`- **${e(a.name)}** (${e(a.place)}): ${e(a.reasons.join("; "))}`);
      for (const c of a.candidates.slice(0, 4))
        say(`  - may be \\#${c.id} ${e(c.name)}: ${e(c.reason)}`);
    }
  }
  if (b.skipped.length > 0) {
    say();
    say("## Skipped lines");
    say();
    for (const s of b.skipped) say(`- ${e(s.place)}: ${e(s.reason)} — ${e(s.message)}`);
  }
  return `${out.join("\n")}\n`;
}
