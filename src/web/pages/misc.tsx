/**
 * The smaller pages: Import (drop files or a zip; works without JavaScript as a plain upload
 * form), Network (the canvas, with the same people listed as links), Dupes review (accept or
 * dismiss each pair) and the error page.
 *
 * @example
 * c.html(<Layout …><DupesPage pairs={pairs} csrf={token} /></Layout>);
 */

import type { DupePair } from "../../plans/corrections.js";
import type { Network } from "../../signals/network.js";
import type { ImportJob } from "../import-jobs.js";
import { TIER_COLOURS } from "../style.js";
import { Hidden, TierBadge } from "./layout.js";

export function ImportPage(props: { csrf: string; jobs: ImportJob[] }) {
  return (
    <>
      <h1>Import</h1>
      <p>
        Drop export files or the <code>.zip</code> an export service gave you: a WordPress or Disqus
        export, a Twitter/X or LinkedIn or Facebook archive, a mailbox, vCards, CSV contacts,
        calendars, feeds, OPML. The format is read from the content; importing the same file twice
        adds nothing.
      </p>
      <form
        id="upload-form"
        method="post"
        action={`/import?_csrf=${encodeURIComponent(props.csrf)}`}
        enctype="multipart/form-data"
      >
        <div id="drop" class="drop">
          <p>
            <strong>Drop files here</strong> or
          </p>
          <label for="files">Choose files to import</label>
          <input type="file" id="files" name="file" multiple />
          <p>
            <button type="submit">Import</button>
          </p>
        </div>
      </form>
      <div id="results" aria-live="polite" />
      {props.jobs.length > 0 ? (
        <section aria-labelledby="h-jobs">
          <h2 id="h-jobs">Imports in this session</h2>
          <ul data-testid="jobs">
            {props.jobs.map((j) => (
              <li>
                {j.name}: {j.state}
                {j.summary
                  ? ` — ${j.summary.added} new, ${j.summary.unchanged} unchanged, ${j.summary.skipped} skipped, ${j.summary.errors.length} problems`
                  : ""}
                {j.error ? <span class="error"> {j.error}</span> : null}
                {j.summary?.errors.length ? (
                  <ul>
                    {j.summary.errors.map((e) => (
                      <li class="error">
                        {e.file}: {e.place}: {e.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function NetworkPage(props: { net: Network; limit: number }) {
  const { net } = props;
  const hidden = Object.entries(net.hidden).filter(([, n]) => n > 0);
  return (
    <>
      <h1>Your network</h1>
      <p>
        You in the middle; one ring per tier, the IRL group closest. Lines between people: they
        talked with each other where you could see it. Hover for a name, click to open, scroll to
        zoom, drag to move.
      </p>
      <p class="notice" data-testid="cap">
        Showing the {net.shown.toLocaleString("en-US")} strongest of{" "}
        {net.total.toLocaleString("en-US")} ties
        {hidden.length > 0
          ? `; not drawn: ${hidden.map(([t, n]) => `${n.toLocaleString("en-US")} ${t}`).join(", ")}`
          : ""}
        . <a href={`/network?limit=${Math.min(5000, props.limit * 2)}`}>Show more</a>
      </p>
      <ul class="legend" aria-label="Tier colours">
        {Object.keys(TIER_COLOURS).map((t) => (
          <li>
            <TierBadge tier={t} />
          </li>
        ))}
      </ul>
      <canvas
        id="network"
        data-src={`/api/network?limit=${props.limit}`}
        aria-label="Graph of your ties; the people are listed below as links"
      />
      <div id="tip" class="tip" hidden />
      <details>
        <summary>The people drawn, as a list</summary>
        <ol>
          {net.nodes
            .filter((n) => !n.me)
            .slice(0, 500)
            .map((n) => (
              <li>
                <a href={`/people/${n.id}`}>{n.name}</a> — {n.tier}, {n.strength.toFixed(2)}
              </li>
            ))}
        </ol>
      </details>
    </>
  );
}

export function DupesPage(props: { pairs: DupePair[]; csrf: string; message?: string }) {
  return (
    <>
      <h1>Possible duplicates</h1>
      {props.message ? (
        <p class="notice" role="status">
          {props.message}
        </p>
      ) : null}
      <p>
        Pairs irl thinks may be one person but did not merge on its own. Merging is logged and can
        be undone from the person's page; keeping apart is remembered in future imports.
      </p>
      {props.pairs.length === 0 ? (
        <p data-testid="no-dupes">Nothing to review.</p>
      ) : (
        <ol data-testid="dupes">
          {props.pairs.map((p) => (
            <li>
              <a href={`/people/${p.a.id}`}>{p.a.name}</a> ↔{" "}
              <a href={`/people/${p.b.id}`}>{p.b.name}</a> — {Math.round(p.probability * 100)}%
              likely
              <ul class="reasons">
                {p.reasons.map((r) => (
                  <li>{r}</li>
                ))}
              </ul>
              <form class="inline" method="post" action={`/dupes/${p.pair}/accept`}>
                <Hidden name="_csrf" value={props.csrf} />
                <button type="submit">Same person: merge</button>
              </form>{" "}
              <form class="inline" method="post" action={`/dupes/${p.pair}/dismiss`}>
                <Hidden name="_csrf" value={props.csrf} />
                <button type="submit" class="secondary">
                  Different people
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ErrorPage(props: { message: string; status: number }) {
  return (
    <>
      <h1>{props.status === 404 ? "Not found" : "That did not work"}</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/">Back home</a>
      </p>
    </>
  );
}
