/**
 * People: search by name, filter by tier, sort; each row with tie strength, tier, the reason,
 * and a sparkline of the last twelve months. Paged on the server (50 a page).
 *
 * @example
 * c.html(<Layout …><PeoplePage data={await peopleData(env, params)} /></Layout>);
 */
import { TIERS } from "../../signals/tiers.js";
import { Sparkline } from "../charts.js";
import { type peopleData, SORTS } from "../data.js";
import { TierBadge } from "./layout.js";

type People = Awaited<ReturnType<typeof peopleData>>;

export function PeoplePage({ data }: { data: People }) {
  const link = (page: number) => {
    const q = new URLSearchParams();
    if (data.q) q.set("q", data.q);
    if (data.tier) q.set("tier", data.tier);
    if (data.sort !== "strength") q.set("sort", data.sort);
    q.set("page", String(page));
    return `/people?${q}`;
  };
  const first = (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  return (
    <>
      <h1>People</h1>
      <p class="summary">{data.summary.charAt(0).toUpperCase() + data.summary.slice(1)}.</p>
      <form class="filters" method="get" action="/people" role="search">
        <div>
          <label for="q">Name</label>
          <input type="search" id="q" name="q" value={data.q ?? ""} data-live-search="" />
        </div>
        <div>
          <label for="tier">Tier</label>
          <select id="tier" name="tier">
            <option value="">all tiers</option>
            {TIERS.map((t) => (
              <option value={t} selected={data.tier === t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="sort">Sort by</label>
          <select id="sort" name="sort">
            {SORTS.map((s) => (
              <option value={s} selected={data.sort === s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <p aria-live="polite" data-testid="count">
        {data.total === 0
          ? "Nobody matches."
          : `${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${data.total.toLocaleString("en-US")}`}
      </p>
      <table>
        <caption class="visually-hidden">People, {data.sort} first</caption>
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col" class="num">
              strength
            </th>
            <th scope="col">tier</th>
            <th scope="col">why</th>
            <th scope="col" class="num">
              in/out
            </th>
            <th scope="col">last 12 months</th>
            <th scope="col">last contact</th>
          </tr>
        </thead>
        <tbody>
          {data.people.map((p) => (
            <tr>
              <td>
                <a href={`/people/${p.id}`}>{p.name}</a>
              </td>
              <td class="num">{p.strength.toFixed(2)}</td>
              <td>
                <TierBadge tier={p.tier} />
              </td>
              <td class="muted">{p.reasons[0] ?? p.tierReason}</td>
              <td class="num">
                {p.inbound}/{p.outbound}
              </td>
              <td>
                <Sparkline
                  counts={p.activity}
                  label={`${p.activity.reduce((a, b) => a + b, 0)} interactions in the last 12 months`}
                />
              </td>
              <td>{p.lastAt ? p.lastAt.slice(0, 10) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {data.page > 1 ? (
          <a href={link(data.page - 1)} rel="prev">
            ← previous
          </a>
        ) : null}
        <span>
          page {data.page} of {data.pages.toLocaleString("en-US")}
        </span>
        {data.page < data.pages ? (
          <a href={link(data.page + 1)} rel="next">
            next →
          </a>
        ) : null}
      </nav>
    </>
  );
}
