/**
 * Pages over irl's plans: the event brief form (paste or upload one or several attendee lists;
 * several are compared), introduction paths drawn as a small graph, suggestions of whom to meet
 * next, the match for an opening, and the person page's interests and favour-check sections.
 *
 * @example
 * c.html(<Layout …><IntroPage target={person} paths={paths} /></Layout>);
 */
import type { RankedEvent } from "../../plans/brief/index.js";
import type { IntroPath } from "../../plans/intro.js";
import type { MatchResult } from "../../plans/match.js";
import type { Suggestion } from "../../plans/suggest.js";
import type { Interest } from "../../signals/interests/read.js";
import type { favoursFor } from "../plans.js";
import { Hidden, TierBadge } from "./layout.js";

export function BriefFormPage(props: { csrf: string }) {
  return (
    <>
      <h1>Event brief</h1>
      <p>
        Before an event: who is coming that you know (and what you last talked about), who is new
        and worth meeting and why, who can introduce you, and what the group cares about. Paste an
        attendee list (names, e-mails or profile URLs, one per line) or choose files (CSV from an
        event site, iCalendar). Several files are compared: which event is worth it.
      </p>
      <form
        method="post"
        action={`/brief?_csrf=${encodeURIComponent(props.csrf)}`}
        enctype="multipart/form-data"
      >
        <Hidden name="_csrf" value={props.csrf} />
        <label for="title">Event name (for a pasted list)</label>
        <input type="text" id="title" name="title" />
        <label for="list">Attendee list</label>
        <textarea id="list" name="list" rows={8} />
        <label for="brief-files">Or attendee list files</label>
        <input type="file" id="brief-files" name="file" multiple />
        <p>
          <button type="submit">Make the brief</button>
        </p>
      </form>
    </>
  );
}

export function RankedEventsPage(props: { id: string; ranked: RankedEvent[] }) {
  return (
    <>
      <h1>Which event is worth it</h1>
      <ol data-testid="ranked">
        {props.ranked.map((r, i) => (
          <li>
            <a href={`/brief/${props.id}/${i}`}>{r.title}</a> — worth {r.value.toFixed(2)}
            {r.start ? `, ${r.start.slice(0, 10)}` : ""}
            <ul class="reasons">
              {r.reasons.map((x) => (
                <li>{x}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The paths as a small layered graph: you on the left, the person on the right. */
export function IntroGraph(props: { paths: IntroPath[] }) {
  const columns: { id: number; name: string }[][] = [];
  for (const p of props.paths) {
    const chain = [p.hops[0]?.from, ...p.hops.map((h) => h.to)].filter(
      (x): x is { id: number; name: string } => x !== undefined,
    );
    chain.forEach((n, i) => {
      const col = i === chain.length - 1 && chain.length < 4 ? 3 : i;
      columns[col] ??= [];
      if (!columns[col]?.some((m) => m.id === n.id)) columns[col]?.push(n);
    });
  }
  const w = 720;
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const h = 40 + rows * 56;
  const pos = new Map<number, [number, number]>();
  columns.forEach((col, ci) => {
    (col ?? []).forEach((n, ri) => {
      const x = 70 + ci * ((w - 140) / 3);
      const y = h / 2 + (ri - ((col?.length ?? 1) - 1) / 2) * 56;
      pos.set(n.id, [x, y]);
    });
  });
  const edges = props.paths.flatMap((p) => p.hops);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Introduction paths from you to the person, strongest links drawn thickest"
    >
      {edges.map((e) => {
        const a = pos.get(e.from.id);
        const b = pos.get(e.to.id);
        if (!a || !b) return null;
        return (
          <g>
            <line
              x1={a[0]}
              y1={a[1]}
              x2={b[0]}
              y2={b[1]}
              stroke="#1565c0"
              stroke-width={1 + e.strength * 5}
              stroke-opacity="0.7"
            />
            <text
              x={(a[0] + b[0]) / 2}
              y={(a[1] + b[1]) / 2 - 6}
              font-size="11"
              fill="#1b1b1b"
              text-anchor="middle"
            >
              {e.strength.toFixed(2)}
            </text>
          </g>
        );
      })}
      {[...pos.entries()].map(([id, [x, y]]) => {
        const name =
          edges.find((e) => e.from.id === id)?.from.name ??
          edges.find((e) => e.to.id === id)?.to.name ??
          "";
        return (
          <g>
            <circle cx={x} cy={y} r="9" fill="#6a1b9a" />
            <text x={x} y={y + 24} font-size="12" fill="#1b1b1b" text-anchor="middle">
              {name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function IntroPage(props: { target: { id: number; name: string }; paths: IntroPath[] }) {
  return (
    <>
      <h1>Introductions to {props.target.name}</h1>
      <p>
        <a href={`/people/${props.target.id}`}>Back to {props.target.name}</a>
      </p>
      {props.paths.length === 0 ? (
        <p data-testid="no-paths">No warm path found through your ties.</p>
      ) : (
        <>
          <IntroGraph paths={props.paths} />
          <ol data-testid="paths">
            {props.paths.map((p) => (
              <li>
                {p.hops.map((h, i) => (
                  <>
                    {i === 0 ? h.from.name : ""} → {h.to.name} ({h.strength.toFixed(2)})
                  </>
                ))}
                <ul class="reasons">
                  {p.hops.flatMap((h) =>
                    h.evidence.map((e) => <li>{`${h.from.name}–${h.to.name}: ${e}`}</li>),
                  )}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

export function SuggestPage(props: { people: Suggestion[] }) {
  return (
    <>
      <h1>Who to meet next</h1>
      <p>
        People you have a card or a one-way tie with, ranked by how likely a real relationship is.
      </p>
      <ol data-testid="suggestions">
        {props.people.map((s) => (
          <li>
            <a href={`/people/${s.id}`}>{s.name}</a> {s.score.toFixed(2)}
            {s.tier ? (
              <>
                {" "}
                <TierBadge tier={s.tier} />
              </>
            ) : null}{" "}
            — <a href={`/intro/${s.id}`}>introductions</a>
            <ul class="reasons">
              {s.reasons.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

export function MatchPage(props: { csrf: string; text: string; result: MatchResult | null }) {
  return (
    <>
      <h1>An opportunity</h1>
      <p>
        Paste a job opening, a project or a request for proposal: who among your real relationships
        fits it best, and why.
      </p>
      <form method="post" action="/match">
        <Hidden name="_csrf" value={props.csrf} />
        <label for="opening">The opening</label>
        <textarea id="opening" name="text" rows={10} required>
          {props.text}
        </textarea>
        <p>
          <button type="submit">Find people</button>
        </p>
      </form>
      {props.result ? (
        <section aria-labelledby="h-match">
          <h2 id="h-match">
            Best fits for “{props.result.about}” ({props.result.total} fit at all)
          </h2>
          <ol data-testid="matches">
            {props.result.people.map((p) => (
              <li>
                <a href={`/people/${p.person}`}>{p.name}</a> {p.score.toFixed(2)}{" "}
                <TierBadge tier={p.tier} />
                {p.title || p.organization ? (
                  <span class="muted"> {[p.title, p.organization].filter(Boolean).join(", ")}</span>
                ) : null}
                <ul class="reasons">
                  {p.reasons.map((r) => (
                    <li>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

export function InterestsSection(props: { interests: Interest[] | null }) {
  return (
    <section aria-labelledby="h-interests">
      <h2 id="h-interests">Interests</h2>
      {props.interests === null ? (
        <p class="muted">Being recomputed while an import runs.</p>
      ) : props.interests.length === 0 ? (
        <p class="muted">Nothing they wrote says yet.</p>
      ) : (
        <ul class="legend" data-testid="interests">
          {props.interests.map((i) => (
            <li>
              {i.term} <span class="muted">({i.texts})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function FavourSection(props: {
  person: number;
  favours: Awaited<ReturnType<typeof favoursFor>>;
}) {
  const f = props.favours;
  const list = [...f.theyAsked, ...f.youAsked, ...f.theyGave, ...f.youGave].sort((a, b) =>
    a.at < b.at ? 1 : -1,
  );
  return (
    <section aria-labelledby="h-favours">
      <h2 id="h-favours">Favour check</h2>
      <p data-testid="favours">{f.balance.charAt(0).toUpperCase() + f.balance.slice(1)}.</p>
      {list.length > 0 ? (
        <ul>
          {list.slice(0, 8).map((e) => (
            <li>
              <span class="when">{e.at.slice(0, 10)}</span> {e.by === "they" ? "they" : "you"}{" "}
              {e.kind} ({e.channel}): <span class="excerpt">{e.excerpt}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={`/intro/${props.person}`}>Warm introduction paths to them</a>
      </p>
    </section>
  );
}
