/**
 * Person: the tie's strength with its reasons and its history as a chart, pin / snooze / tier,
 * the identities (split one off, undo the last merge, merge someone in), notes, and the whole
 * timeline across channels, paged. Imported text is only ever rendered as text (JSX escapes).
 *
 * @example
 * c.html(<Layout …><PersonPage data={await personData(env, 12, 1)} csrf={token} /></Layout>);
 */
import type { Child } from "hono/jsx";
import { TIERS } from "../../signals/tiers.js";
import { StrengthChart } from "../charts.js";
import type { personData } from "../data.js";
import { Hidden, TierBadge } from "./layout.js";

type PersonShown = Awaited<ReturnType<typeof personData>>;

/** Sections other parts of irl add to the person page (interests, the favour check). */
export type PersonSection = (person: PersonShown) => Promise<Child | null>;

function Post(props: {
  action: string;
  csrf: string;
  confirm?: string;
  label: string;
  secondary?: boolean;
  children?: Child;
}) {
  return (
    <form class="inline" method="post" action={props.action} data-confirm={props.confirm}>
      <Hidden name="_csrf" value={props.csrf} />
      {props.children}
      <button type="submit" class={props.secondary ? "secondary" : undefined}>
        {props.label}
      </button>
    </form>
  );
}

export function PersonPage(props: {
  data: PersonShown;
  csrf: string;
  message?: string;
  extra?: Child[];
}) {
  const p = props.data;
  const base = `/people/${p.id}`;
  return (
    <>
      <h1>
        {p.name} <span class="muted">#{p.id}</span>
      </h1>
      {props.message ? (
        <p class="notice" role="status">
          {props.message}
        </p>
      ) : null}
      {p.me ? (
        <p>This is you.</p>
      ) : (
        <section aria-labelledby="h-tie">
          <h2 id="h-tie">
            Tie strength {p.strength?.toFixed(2)} · {p.tier ? <TierBadge tier={p.tier} /> : null}
            {p.pinned ? " · pinned" : ""}
            {p.snoozedUntil ? ` · snoozed until ${p.snoozedUntil.slice(0, 10)}` : ""}
          </h2>
          <p>{p.tierReason}</p>
          <ul class="reasons" data-testid="reasons">
            {p.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          <div class="filters">
            <Post
              action={`${base}/flags`}
              csrf={props.csrf}
              label={p.pinned ? "Unpin" : "Pin to IRL group"}
            >
              <Hidden name="pinned" value={p.pinned ? "0" : "1"} />
            </Post>
            <form class="inline" method="post" action={`${base}/flags`}>
              <Hidden name="_csrf" value={props.csrf} />
              <label for="snooze">Snooze (days; 0 ends it)</label>
              <input type="number" id="snooze" name="snooze" min="0" max="3650" value="30" />{" "}
              <button type="submit" class="secondary">
                Snooze
              </button>
            </form>
            <form class="inline" method="post" action={`${base}/flags`}>
              <Hidden name="_csrf" value={props.csrf} />
              <label for="tier">Tier</label>
              <select id="tier" name="tier">
                <option value="auto" selected={!p.tierOverride}>
                  automatic
                </option>
                {TIERS.map((t) => (
                  <option value={t} selected={p.tierOverride === t}>
                    {t}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" class="secondary">
                Set tier
              </button>
            </form>
          </div>
          <h3>Strength by month</h3>
          {p.history.length > 0 ? (
            <StrengthChart points={p.history} />
          ) : (
            <p class="muted">No history together yet.</p>
          )}
          <p class="muted">
            Recomputed from your interactions at the end of each month with the same scorer as
            today's score (without each person's share of the other's attention, which only the
            whole graph knows).
          </p>
        </section>
      )}
      {props.extra}
      <section aria-labelledby="h-ids">
        <h2 id="h-ids">Known as</h2>
        <table data-testid="identities">
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col">value</th>
              <th scope="col">from</th>
              <th scope="col">why</th>
              <th scope="col">
                <span class="visually-hidden">actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.identities.map((i) => (
              <tr>
                <td>{i.kind}</td>
                <td>{i.value}</td>
                <td>
                  {i.source}
                  {i.verified ? "" : ", only claimed"}
                </td>
                <td class="muted">{i.reason ?? ""}</td>
                <td>
                  {i.kind !== "name" && !p.me ? (
                    <Post
                      action={`${base}/split`}
                      csrf={props.csrf}
                      label="Split off"
                      secondary
                      confirm={`Move ${i.value} (and what came through it) to a new person?`}
                    >
                      <Hidden name="identity" value={i.value} />
                    </Post>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {p.merges.length > 0 ? (
          <>
            <h3>Linked because</h3>
            <ul data-testid="merges">
              {p.merges.map((m) => (
                <li>
                  {m.name} — merged{" "}
                  {m.by === "user"
                    ? "by you"
                    : m.probability === null
                      ? m.by === "import"
                        ? "on import"
                        : "automatically"
                      : `automatically, ${Math.round(m.probability * 1000) / 10}% sure`}{" "}
                  on {m.at.slice(0, 10)}: {m.reasons.join("; ")}
                </li>
              ))}
            </ul>
            <Post
              action={`${base}/split`}
              csrf={props.csrf}
              label="Undo the last merge"
              secondary
              confirm="Undo the last merge into this person?"
            />
          </>
        ) : null}
        {p.me ? null : (
          <form method="post" action={`${base}/merge`} class="filters">
            <Hidden name="_csrf" value={props.csrf} />
            <div>
              <label for="other">Merge into {p.name}: another person (#id, e-mail or name)</label>
              <input type="text" id="other" name="other" required />
            </div>
            <button type="submit">Merge</button>
          </form>
        )}
      </section>
      <section aria-labelledby="h-notes">
        <h2 id="h-notes">Notes</h2>
        <ul data-testid="notes">
          {p.notes.map((n) => (
            <li>
              <span class="when">{n.at?.slice(0, 10)}</span> <span class="excerpt">{n.body}</span>{" "}
              <Post
                action={`${base}/notes/${n.id}/delete`}
                csrf={props.csrf}
                label="Delete"
                secondary
              />
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/notes`}>
          <Hidden name="_csrf" value={props.csrf} />
          <label for="note">New note</label>
          <textarea id="note" name="body" required maxlength={10000} />
          <button type="submit">Add note</button>
        </form>
      </section>
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">Timeline ({p.timelineTotal.toLocaleString("en-US")}, newest first)</h2>
        {p.timeline.length === 0 ? <p class="muted">No interactions yet.</p> : null}
        <ol class="timeline" data-testid="timeline">
          {p.timeline.map((t) => (
            <li>
              <span class="when">{t.at.slice(0, 10)}</span> {t.channel} {t.kind} (
              {t.direction === "observed" ? `${t.fromName} → ${t.toName}` : t.direction})
              {t.contextTitle ? (
                <>
                  {" on "}
                  {t.contextUrl && /^https?:\/\//i.test(t.contextUrl) ? (
                    <a href={t.contextUrl} rel="noreferrer noopener">
                      {t.contextTitle}
                    </a>
                  ) : (
                    `“${t.contextTitle}”`
                  )}
                </>
              ) : null}
              {t.status === "pending" ? " [awaiting moderation]" : ""}
              {t.excerpt ? <p class="excerpt">{t.excerpt}</p> : null}
            </li>
          ))}
        </ol>
        <nav class="pager" aria-label="Timeline pages">
          {p.timelinePage > 1 ? (
            <a href={`${base}?page=${p.timelinePage - 1}#h-timeline`} rel="prev">
              ← newer
            </a>
          ) : null}
          <span>
            page {p.timelinePage} of {p.timelinePages}
          </span>
          {p.timelinePage < p.timelinePages ? (
            <a href={`${base}?page=${p.timelinePage + 1}#h-timeline`} rel="next">
              older →
            </a>
          ) : null}
        </nav>
      </section>
    </>
  );
}
