/**
 * The brief as one self-contained HTML page: inline CSS (no external assets, no fonts, no
 * JavaScript), a layout that reads on a phone (one column, nothing wider than the screen,
 * long words wrap), and a print stylesheet (no backgrounds, sections kept together). Every
 * piece of imported text goes through `escapeHtml`: names, titles and excerpts come from other
 * people's exports and are never markup.
 *
 * The web app serves the same page: `renderBriefBody` is the page's body alone and
 * `BRIEF_CSS` its stylesheet, for a host page with its own head (and a CSP that wants the
 * style as a file or by hash).
 *
 * @example
 * fs.writeFileSync("brief.html", renderBriefHtml(brief));
 */

import { safeHref } from "../../net/safe-href.js";
import type { Brief, KnownEntry, NewEntry } from "./build-brief.js";

export function escapeHtml(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export const BRIEF_CSS = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #dfe3e8; --accent: #1f6f5c;
  --soft: #f3f6f5; --warn: #9a4b00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; overflow-wrap: anywhere; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
header h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 .25rem; }
.when { color: var(--muted); margin: 0; }
.summary { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; margin: .75rem 0 0; list-style: none; }
.summary li { background: var(--soft); border-radius: 999px; padding: .15rem .65rem; font-size: .9rem; }
nav.toc { margin: 1rem 0; font-size: .9rem; }
nav.toc a { color: var(--accent); margin-right: .75rem; white-space: nowrap; }
section { margin-top: 1.75rem; }
section h2 { font-size: 1.15rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin: 0 0 .5rem; }
.hint { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
ol.people, ul.people { list-style: none; padding: 0; margin: 0; }
.person { border: 1px solid var(--line); border-radius: .6rem; padding: .65rem .8rem; margin: .55rem 0;
  break-inside: avoid; }
.person h3 { font-size: 1rem; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: baseline; }
.rank { color: var(--muted); font-weight: 400; }
.role { color: var(--muted); font-weight: 400; font-size: .9rem; }
.badge { font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em;
  background: var(--soft); color: var(--accent); border-radius: .3rem; padding: .05rem .4rem; }
.badge.dormant, .badge.one-way { color: var(--warn); }
.score { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--muted); font-size: .9rem; }
.last { margin: .35rem 0 0; padding: .35rem .6rem; background: var(--soft); border-radius: .4rem; font-size: .92rem; }
ul.why { margin: .35rem 0 0; padding-left: 1.1rem; color: var(--muted); font-size: .92rem; }
ul.terms { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0; }
ul.terms li { border: 1px solid var(--line); border-radius: 999px; padding: .15rem .6rem; font-size: .92rem; }
ul.terms li.mine { border-color: var(--accent); color: var(--accent); }
a { color: var(--accent); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
@media (min-width: 40rem) { main { padding: 2rem 1.5rem 4rem; } header h1 { font-size: 1.9rem; } }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  .person, ul.terms li, .summary li, .last, .badge { background: none !important; }
  .person { border-color: #999; }
  section { break-inside: auto; }
  section h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

const e = escapeHtml;

function role(p: { title: string | null; organization: string | null }): string {
  const r = [p.title, p.organization].filter(Boolean).join(", ");
  return r ? `<span class="role">${e(r)}</span>` : "";
}

function why(reasons: string[]): string {
  if (reasons.length === 0) return "";
  return `<ul class="why">${reasons.map((r) => `<li>${e(r)}</li>`).join("")}</ul>`;
}

function knownItem(k: KnownEntry): string {
  const l = k.lastTalked;
  let last = "";
  if (l) {
    const about = l.title ?? l.excerpt ?? l.channel;
    const href = safeHref(l.url);
    const text = href ? `<a href="${e(href)}">${e(about)}</a>` : e(about);
    last = `<p class="last">Last talked ${e(l.at.slice(0, 10))} (${e(l.channel)}): ${text}</p>`;
  }
  return `<li class="person"><h3>${e(k.name)} ${role(k)}<span class="badge ${e(k.tier)}">${e(k.tier)}</span><span class="score">${k.strength.toFixed(2)}</span></h3>${last}${why(k.reasons.slice(0, 3))}</li>`;
}

function newItem(n: NewEntry, rank?: number): string {
  const r = rank === undefined ? "" : `<span class="rank">${rank}.</span>`;
  let point = "";
  if (n.talkingPoint) {
    const href = safeHref(n.talkingPoint.url);
    const title = e(n.talkingPoint.title);
    point = `<p class="last">Talking point: ${href ? `<a href="${e(href)}">${title}</a>` : title}</p>`;
  }
  return `<li class="person"><h3>${r}${e(n.name)} ${role(n)}<span class="score">${n.score.toFixed(2)}</span></h3>${point}${why(n.reasons)}</li>`;
}

function section(id: string, title: string, hint: string, body: string): string {
  return `<section id="${id}"><h2>${e(title)}</h2>${hint ? `<p class="hint">${e(hint)}</p>` : ""}${body}</section>`;
}

/** The page's content without `<html>`/`<head>`: for a host page that has its own. */
export function renderBriefBody(b: Brief): string {
  const c = b.counts;
  const when = b.events
    .map((ev) => [ev.start?.slice(0, 10), ev.location].filter(Boolean).join(" · "))
    .filter(Boolean);
  const chips = [
    `${c.listed} on the list`,
    `${c.known} you know`,
    `${c.newPeople} new`,
    `${c.metBefore} met once`,
    ...(c.careful ? [`${c.careful} careful`] : []),
    ...(c.ambiguous ? [`${c.ambiguous} not sure`] : []),
    ...(c.skipped ? [`${c.skipped} lines skipped`] : []),
  ];
  const parts: string[] = [];
  parts.push(
    `<header><h1>Brief: ${e(b.title)}</h1>${when.map((w) => `<p class="when">${e(w)}</p>`).join("")}<ul class="summary">${chips.map((x) => `<li>${e(x)}</li>`).join("")}</ul></header>`,
  );
  parts.push(
    `<nav class="toc"><a href="#known">You know</a><a href="#new">New</a><a href="#intros">Introductions</a><a href="#interests">Interests</a>${b.careful.length ? '<a href="#careful">Careful</a>' : ""}</nav>`,
  );
  parts.push(
    section(
      "known",
      "People you know",
      "Pick up where you left off.",
      b.known.length
        ? `<ul class="people">${b.known.map(knownItem).join("")}</ul>`
        : '<p class="hint">Nobody you know is on this list.</p>',
    ),
  );
  parts.push(
    section(
      "new",
      "New people worth meeting",
      "Ranked by shared interests, warm paths and whether they reached out.",
      b.newPeople.length
        ? `<ol class="people">${b.newPeople.map((n, i) => newItem(n, i + 1)).join("")}</ol>`
        : '<p class="hint">No one new on this list.</p>',
    ),
  );
  if (b.metBefore.length) {
    parts.push(
      section(
        "met",
        "Met once, never followed up",
        "You have their card or a connection, and no conversation yet.",
        `<ul class="people">${b.metBefore.map((n) => newItem(n)).join("")}</ul>`,
      ),
    );
  }
  parts.push(
    section(
      "intros",
      "Who can introduce you",
      "",
      b.introductions.length
        ? `<ul class="people">${b.introductions
            .map(
              (i) =>
                `<li class="person"><h3>${e(i.via)} → ${e(i.name)}<span class="score">${i.score.toFixed(2)}</span></h3>${why(i.reasons)}</li>`,
            )
            .join("")}</ul>`
        : '<p class="hint">No warm path irl can see.</p>',
    ),
  );
  parts.push(
    section(
      "interests",
      "What this group cares about",
      "Outlined: your interests too.",
      b.groupInterests.length
        ? `<ul class="terms">${b.groupInterests
            .map(
              (g) => `<li${g.sharedWithMe ? ' class="mine"' : ""}>${e(g.term)} · ${g.people}</li>`,
            )
            .join("")}</ul>`
        : '<p class="hint">Not enough writing to tell.</p>',
    ),
  );
  if (b.careful.length) {
    parts.push(
      section(
        "careful",
        "Careful with your time",
        "They wrote only to ask.",
        `<ul class="people">${b.careful
          .map(
            (x) =>
              `<li class="person"><h3>${e(x.name)}<span class="badge one-way">${e(x.tier)}</span></h3>${why(x.reasons)}</li>`,
          )
          .join("")}</ul>`,
      ),
    );
  }
  if (b.ambiguous.length) {
    parts.push(
      section(
        "unsure",
        "Not sure who these are",
        "",
        `<ul class="people">${b.ambiguous
          .map(
            (a) =>
              `<li class="person"><h3>${e(a.name)} <span class="role">${e(a.place)}</span></h3>${why(
                [
                  ...a.reasons,
                  ...a.candidates.slice(0, 4).map((c) => `may be #${c.id} ${c.name}: ${c.reason}`),
                ],
              )}</li>`,
          )
          .join("")}</ul>`,
      ),
    );
  }
  if (b.skipped.length) {
    parts.push(
      section(
        "skipped",
        "Skipped lines",
        "",
        why(b.skipped.map((s) => `${s.place}: ${s.reason} — ${s.message}`)),
      ),
    );
  }
  parts.push(
    `<footer>Made by irl on ${e(b.generatedAt.slice(0, 10))} from ${e(b.file)}. Nothing on this page was fetched from anywhere.</footer>`,
  );
  return `<main>${parts.join("\n")}</main>`;
}

export function renderBriefHtml(b: Brief): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Brief: ${e(b.title)}</title>
<style>${BRIEF_CSS}</style>
</head>
<body>
${renderBriefBody(b)}
</body>
</html>
`;
}
