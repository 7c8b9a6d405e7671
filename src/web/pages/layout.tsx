/**
 * The frame of every page: landmarks (header, nav, main, footer), a skip link, the CSRF token
 * for scripts (`<meta name="csrf-token">`), the stylesheet and the page's scripts — all from
 * this server, nothing external.
 *
 * @example
 * c.html(<Layout title="People" path="/people" csrf={token}>…</Layout>);
 */
import type { Child } from "hono/jsx";

export interface PageFrame {
  title: string;
  path: string;
  csrf: string;
  scripts?: string[];
  children?: Child;
}

const NAV: [string, string][] = [
  ["/", "Home"],
  ["/people", "People"],
  ["/network", "Network"],
  ["/brief", "Event brief"],
  ["/suggest", "Suggestions"],
  ["/match", "Opportunity"],
  ["/dupes", "Dupes"],
  ["/import", "Import"],
];

/** Extra pages other parts of irl add (brief, intro, suggest, match) — see `extraPages`. */
export const extraNav: [string, string][] = [];

export function Layout(props: PageFrame) {
  const current = (href: string) =>
    href === "/" ? props.path === "/" : props.path === href || props.path.startsWith(`${href}/`);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={props.csrf} />
        <title>{`${props.title} · irl`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="data:," />
        <script type="module" src="/assets/enhance.js" />
        {(props.scripts ?? []).map((s) => (
          <script type="module" src={`/assets/${s}.js`} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            irl
          </a>
          <nav aria-label="Main">
            <ul>
              {[...NAV, ...extraNav].map(([href, label]) => (
                <li>
                  <a href={href} aria-current={current(href) ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer>
          irl runs on this machine only; nothing here is sent anywhere. The same data answers on the
          command line (<code>irl --help</code>) and at <a href="/api/openapi.json">/api</a>.
        </footer>
      </body>
    </html>
  );
}

export function TierBadge(props: { tier: string }) {
  return <span class={`tier tier-${props.tier}`}>{props.tier}</span>;
}

export function Hidden(props: { name: string; value: string }) {
  return <input type="hidden" name={props.name} value={props.value} />;
}
