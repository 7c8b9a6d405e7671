/**
 * The web app's one stylesheet, served as `/assets/app.css` (no inline styles: the CSP forbids
 * them). System fonts only, so it works offline; colours keep a contrast of at least 4.5:1;
 * every focusable thing shows a visible focus ring; it prints and reads well on a phone.
 *
 * @example
 * app.get("/assets/app.css", (c) => c.body(STYLESHEET, 200, { "content-type": "text/css" }));
 */

/** Tier colours: the network view, badges and the legend share them. */
export const TIER_COLOURS: Record<string, string> = {
  irl: "#6a1b9a",
  strong: "#1565c0",
  growing: "#2e7d32",
  dormant: "#795548",
  "one-way": "#b34f00",
  "card-only": "#6b6b6b",
};

export const STYLESHEET = `
:root { --ink: #1b1b1b; --muted: #555555; --line: #d0d0d0; --paper: #ffffff; --soft: #f4f4f6;
  --link: #0b57a4; --focus: #ffbf47; --bad: #a4000f; --good: #1b5e20; }
* { box-sizing: border-box; }
html { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px #1b1b1b; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; color: var(--ink); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--ink); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; background: var(--paper); }
section.card h2 { margin-top: .25rem; }
.summary { font-size: 1.15rem; background: var(--soft); border-left: 4px solid var(--ink); padding: .5rem 1rem; }
.muted { color: var(--muted); }
.reasons { margin: .25rem 0 .5rem; padding-left: 1.2rem; color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .875rem; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.tier { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; color: #fff; white-space: nowrap; }
.tier-irl { background: #6a1b9a; } .tier-strong { background: #1565c0; } .tier-growing { background: #2e7d32; }
.tier-dormant { background: #795548; } .tier-one-way { background: #b34f00; } .tier-card-only { background: #6b6b6b; }
form.inline { display: inline; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
label { display: block; font-size: .875rem; font-weight: 600; }
input, select, textarea, button { font: inherit; }
input[type="search"], input[type="text"], input[type="number"], select, textarea { border: 1px solid #767676; border-radius: 4px; padding: .3rem .5rem; background: #fff; color: var(--ink); }
textarea { width: 100%; min-height: 5rem; }
button { border: 1px solid var(--ink); border-radius: 4px; background: var(--ink); color: #fff; padding: .3rem .8rem; cursor: pointer; }
button.secondary { background: #fff; color: var(--ink); }
button:disabled { opacity: .6; cursor: progress; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.timeline { list-style: none; padding: 0; }
.timeline li { border-bottom: 1px solid var(--line); padding: .4rem 0; }
.timeline .when { font-variant-numeric: tabular-nums; color: var(--muted); font-size: .875rem; }
.excerpt { margin: .2rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.drop { border: 3px dashed #767676; border-radius: 8px; padding: 2rem 1rem; text-align: center; background: var(--soft); }
.drop.over { border-color: var(--link); background: #e8f0fb; }
progress { width: 100%; height: 1.2rem; }
.error { color: var(--bad); }
.ok { color: var(--good); }
.notice { border-left: 4px solid var(--link); background: #e8f0fb; padding: .5rem 1rem; }
svg.spark { vertical-align: middle; }
svg.chart { width: 100%; height: auto; max-width: 44rem; }
canvas#network { width: 100%; height: 70vh; border: 1px solid var(--line); border-radius: 6px; background: #fff; touch-action: none; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
.tip { position: fixed; pointer-events: none; background: var(--ink); color: #fff; padding: .2rem .5rem; border-radius: 4px; font-size: .875rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print { header.top, nav, form, .pager, footer { display: none; } main { max-width: none; } }
`;
