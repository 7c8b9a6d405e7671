/**
 * Home: the quality-over-quantity summary, the IRL group, what is due this week (the touch
 * budget, replies owed, going quiet, never answered) and the recent imports.
 *
 * @example
 * c.html(<Layout …><HomePage data={await homeData(env)} /></Layout>);
 */
import type { homeData } from "../data.js";
import { TierBadge } from "./layout.js";

type Home = Awaited<ReturnType<typeof homeData>>;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

export function HomePage({ data }: { data: Home }) {
  const empty = data.people === 0;
  return (
    <>
      <h1>Who you really know</h1>
      {empty ? (
        <p class="notice">
          No people yet. <a href="/import">Import an export</a> (a blog's WordPress export, a
          Twitter or LinkedIn archive, a mailbox, contacts) to start.
        </p>
      ) : (
        <p class="summary" data-testid="summary">
          {data.summary.charAt(0).toUpperCase() + data.summary.slice(1)}.
        </p>
      )}
      <div class="grid">
        <section class="card" aria-labelledby="h-week">
          <h2 id="h-week">This week</h2>
          {data.due.budget.length === 0 ? (
            <p>Nothing due — well kept.</p>
          ) : (
            <ol>
              {data.due.budget.map((t) => (
                <li>
                  <strong>{t.action}</strong> — <a href={`/people/${t.person}`}>{t.name}</a>
                  <div class="muted">{t.reason}</div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section class="card" aria-labelledby="h-irl">
          <h2 id="h-irl">Your IRL group</h2>
          {data.irl.length === 0 ? (
            <p class="muted">Nobody yet: strong, two-way ties you met (or pinned) show here.</p>
          ) : (
            <ul>
              {data.irl.map((p) => (
                <li>
                  <a href={`/people/${p.id}`}>{p.name}</a> {p.strength.toFixed(2)}
                  <div class="muted">{p.reasons[0] ?? p.tierReason}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="h-owed">
          <h2 id="h-owed">Replies you owe ({data.due.totals.owed})</h2>
          <ul>
            {data.due.owed.map((o) => (
              <li>
                <a href={`/people/${o.person}`}>{o.name}</a> — {o.kind} on{" "}
                {o.thread ? `“${o.thread}”` : o.channel}, {day(o.at)}
                {o.excerpt ? <p class="excerpt muted">{o.excerpt}</p> : null}
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="h-quiet">
          <h2 id="h-quiet">Going quiet ({data.due.totals.quiet})</h2>
          <ul>
            {data.due.quiet.map((q) => (
              <li>
                <a href={`/people/${q.person}`}>{q.name}</a>
                <div class="muted">{q.reason}</div>
              </li>
            ))}
          </ul>
          <h2>Never answered you ({data.due.totals.unanswered})</h2>
          <ul>
            {data.due.unanswered.map((u) => (
              <li>
                <a href={`/people/${u.person}`}>{u.name}</a>
                {u.organization ? `, ${u.organization}` : ""} — {u.sent} sent, last{" "}
                {day(u.lastSentAt)}
              </li>
            ))}
            {data.due.silentOrganizations.map((o) => (
              <li>
                Nobody at {o.organization} answers: {o.people.join(", ")}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="h-tiers">
        <h2 id="h-tiers">Tiers</h2>
        <ul class="legend">
          {Object.entries(data.tiers).map(([tier, n]) => (
            <li>
              <a href={`/people?tier=${tier}`}>
                <TierBadge tier={tier} />
              </a>{" "}
              {n.toLocaleString("en-US")}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-imports">
        <h2 id="h-imports">Recent imports</h2>
        {data.imports.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">file</th>
                <th scope="col">format</th>
                <th scope="col">status</th>
                <th scope="col" class="num">
                  added
                </th>
                <th scope="col" class="num">
                  skipped
                </th>
                <th scope="col">when</th>
              </tr>
            </thead>
            <tbody>
              {data.imports.map((i) => (
                <tr>
                  <td>{i.path}</td>
                  <td>{i.format}</td>
                  <td>{i.status}</td>
                  <td class="num">{i.added.toLocaleString("en-US")}</td>
                  <td class="num">{i.skipped.toLocaleString("en-US")}</td>
                  <td>{day(i.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href="/import">Import more</a>
        </p>
      </section>
    </>
  );
}
