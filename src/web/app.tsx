/**
 * The web app of `irl serve`, as one Hono app over a store: guards first (Host, security
 * headers, same origin and CSRF for changes), compression, the static assets, the JSON API and
 * the server-rendered pages. Pages read through data.ts and change through actions.ts — the
 * functions the CLI commands call — and work without JavaScript (plain forms and links).
 *
 * @example
 * const { app } = await createWebApp(store, { hosts: () => ["127.0.0.1:7878"] });
 * const res = await app.request("/", { headers: { host: "127.0.0.1:7878" } });
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import type { Child } from "hono/jsx";
import { IrlError } from "../errors.js";
import { escapeHtml, renderBriefBody } from "../plans/brief/index.js";
import type { Store } from "../store/store.js";
import {
  acceptPair,
  changeFlags,
  dismissPair,
  mergeOther,
  noteAdd,
  noteDelete,
  split,
  uploadName,
} from "./actions.js";
import { intParam, registerApi } from "./api.js";
import { loadAssets, serveAsset } from "./assets.js";
import {
  dupesData,
  homeData,
  networkData,
  peopleData,
  peopleParams,
  personData,
  type WebEnv,
} from "./data.js";
import { ImportJobs } from "./import-jobs.js";
import { HomePage } from "./pages/home.js";
import { Layout } from "./pages/layout.js";
import { DupesPage, ErrorPage, ImportPage, NetworkPage } from "./pages/misc.js";
import { PeoplePage } from "./pages/people.js";
import { PersonPage, type PersonSection } from "./pages/person.js";
import {
  BriefFormPage,
  FavourSection,
  InterestsSection,
  IntroPage,
  MatchPage,
  RankedEventsPage,
  SuggestPage,
} from "./pages/plans.js";
import {
  briefsFromLists,
  favoursFor,
  interestsFor,
  introFor,
  matchText,
  savedBriefs,
  suggestions,
} from "./plans.js";
import { csrfGuard, csrfToken, hostGuard, originGuard, securityHeaders } from "./security.js";
import { WriteLock } from "./write-lock.js";

export interface WebOptions {
  /** `host:port` values the Host header may carry. */
  hosts: () => readonly string[];
}

/** Sections other parts of irl add to the person page (interests, the favour check). */
export const personSections: PersonSection[] = [];

/** Pages other parts of irl add (brief, intro, suggest, match): called with the app and env. */
export const extraPages: ((app: Hono, env: WebEnv, page: PageRenderer) => void)[] = [];

export type PageRenderer = (
  c: Context,
  title: string,
  body: Child,
  options?: { scripts?: string[]; status?: number },
) => Response | Promise<Response>;

const STATUS: Record<string, number> = {
  usage: 400,
  input: 400,
  not_found: 404,
  conflict: 409,
  store: 500,
};

export async function createWebApp(store: Store, options: WebOptions) {
  const lock = new WriteLock();
  const env: WebEnv = { store, lock, jobs: new ImportJobs(store, lock) };
  const assets = await loadAssets();
  const app = new Hono();
  const sections: PersonSection[] = [...personSections];

  const page: PageRenderer = (c, title, body, opts = {}) =>
    c.html(
      <Layout title={title} path={c.req.path} csrf={csrfToken(c)} scripts={opts.scripts}>
        {body}
      </Layout>,
      (opts.status ?? 200) as 200,
    );

  app.use(hostGuard(options.hosts), securityHeaders, originGuard, csrfGuard);
  app.use(
    compress({
      contentTypeFilter: (type) => /^(text\/html|application\/json)/.test(type),
    }),
  );
  app.onError((error, c) => {
    const known = error instanceof IrlError;
    const status = known ? (STATUS[error.code] ?? 500) : 500;
    const message = known ? error.message : "something went wrong on the server (see its log)";
    if (!known) process.stderr.write(`irl serve: ${(error as Error)?.stack ?? String(error)}\n`);
    if (c.req.path.startsWith("/api/")) return c.json({ error: message }, status as 400);
    return page(c, "Problem", <ErrorPage message={message} status={status} />, { status });
  });
  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404)
      : page(c, "Not found", <ErrorPage message={`Nothing at ${c.req.path}.`} status={404} />, {
          status: 404,
        }),
  );

  app.get("/assets/:name", (c) => serveAsset(c, assets));
  registerApi(app, env);

  app.get("/", async (c) => page(c, "Home", <HomePage data={await homeData(env)} />));
  app.get("/people", async (c) =>
    page(c, "People", <PeoplePage data={await peopleData(env, peopleParams(c.req.query()))} />),
  );
  app.get("/people/:id", async (c) => {
    const data = await personData(env, intParam(c, "id"), Number(c.req.query("page") ?? 1));
    const extra: Child[] = [];
    for (const section of sections) {
      const shown = await section(data);
      if (shown) extra.push(shown);
    }
    return page(
      c,
      data.name,
      <PersonPage data={data} csrf={csrfToken(c)} message={c.req.query("done")} extra={extra} />,
    );
  });
  app.get("/network", async (c) => {
    const limit = Math.min(5000, Math.max(1, Number(c.req.query("limit") ?? 1500) || 1500));
    return page(c, "Network", <NetworkPage net={await networkData(env, limit)} limit={limit} />, {
      scripts: ["network"],
    });
  });
  app.get("/dupes", async (c) =>
    page(
      c,
      "Dupes",
      <DupesPage pairs={await dupesData(env)} csrf={csrfToken(c)} message={c.req.query("done")} />,
    ),
  );
  app.get("/import", (c) =>
    page(c, "Import", <ImportPage csrf={csrfToken(c)} jobs={env.jobs.list()} />, {
      scripts: ["import"],
    }),
  );

  // Plain forms (no JavaScript needed): change, then back to the page with what was done.
  const form = async (c: Context) => (await c.req.parseBody()) as Record<string, string>;
  const back = (c: Context, to: string, done: string) =>
    c.redirect(`${to}?done=${encodeURIComponent(done)}`, 303);
  app.post("/people/:id/flags", async (c) => {
    const id = intParam(c, "id");
    const f = await form(c);
    await changeFlags(env, id, {
      pinned: f.pinned === undefined ? undefined : f.pinned === "1",
      snoozeDays: f.snooze === undefined ? undefined : Number(f.snooze),
      tier: f.tier,
    });
    const what =
      f.pinned !== undefined
        ? f.pinned === "1"
          ? "Pinned to your IRL group."
          : "Unpinned."
        : f.snooze !== undefined
          ? Number(f.snooze) === 0
            ? "Snooze ended."
            : `Snoozed for ${Number(f.snooze)} days.`
          : `Tier set to ${f.tier}.`;
    return back(c, `/people/${id}`, what);
  });
  app.post("/people/:id/merge", async (c) => {
    const id = intParam(c, "id");
    const f = await form(c);
    return back(c, `/people/${id}`, await mergeOther(env, id, String(f.other ?? "")));
  });
  app.post("/people/:id/split", async (c) => {
    const id = intParam(c, "id");
    const f = await form(c);
    const r = await split(env, id, f.identity ? [String(f.identity)] : []);
    return back(
      c,
      `/people/${id}`,
      `Split #${r.person} ${r.name} off: ${r.moved.identities} identities, ${r.moved.interactions} interactions moved.`,
    );
  });
  app.post("/people/:id/notes", async (c) => {
    const id = intParam(c, "id");
    await noteAdd(env, id, String((await form(c)).body ?? ""));
    return back(c, `/people/${id}`, "Note added.");
  });
  app.post("/people/:id/notes/:note/delete", async (c) => {
    const id = intParam(c, "id");
    await noteDelete(env, id, intParam(c, "note"));
    return back(c, `/people/${id}`, "Note deleted.");
  });
  app.post("/dupes/:pair/accept", async (c) => {
    const n = await acceptPair(env, intParam(c, "pair"));
    return back(c, "/dupes", n > 0 ? "Merged." : "Already one person.");
  });
  app.post("/dupes/:pair/dismiss", async (c) => {
    const r = await dismissPair(env, intParam(c, "pair"));
    return back(c, "/dupes", `#${r.a} and #${r.b} are kept apart from now on.`);
  });
  // Without JavaScript the upload is a multipart form: each file is written to a temporary
  // folder and imported like a dropped one.
  app.post("/import", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const files = ([] as unknown[])
      .concat(body.file ?? [])
      .filter((f): f is File => f instanceof File);
    if (files.length === 0) throw new IrlError("usage", "choose a file to import");
    for (const file of files) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-upload-"));
      const name = uploadName(file.name);
      fs.writeFileSync(path.join(dir, name), Buffer.from(await file.arrayBuffer()));
      env.jobs.start(path.join(dir, name), name, dir);
    }
    return c.redirect("/import", 303);
  });

  // The plans: event brief, introductions, suggestions, an opportunity.
  app.get("/brief", (c) => page(c, "Event brief", <BriefFormPage csrf={csrfToken(c)} />));
  app.post("/brief", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const lists: { name: string; bytes: Buffer }[] = [];
    const pasted = typeof body.list === "string" ? body.list : "";
    if (pasted.trim()) {
      const title =
        typeof body.title === "string" && body.title.trim() ? body.title.trim() : "attendees";
      lists.push({ name: `${title}.txt`, bytes: Buffer.from(pasted) });
    }
    for (const f of ([] as unknown[]).concat(body.file ?? [])) {
      if (f instanceof File && f.size > 0) {
        lists.push({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) });
      }
    }
    const saved = await briefsFromLists(env, lists);
    return c.redirect(saved.ranked ? `/brief/${saved.id}` : `/brief/${saved.id}/0`, 303);
  });
  app.get("/brief/:id", (c) => {
    const saved = savedBriefs(c.req.param("id"));
    if (!saved)
      throw new IrlError("not_found", "that brief is gone (briefs live until irl serve stops)");
    if (!saved.ranked) return c.redirect(`/brief/${saved.id}/0`, 303);
    return page(c, "Events compared", <RankedEventsPage id={saved.id} ranked={saved.ranked} />);
  });
  app.get("/brief/:id/:n", (c) => {
    const brief = savedBriefs(c.req.param("id"))?.briefs[intParam(c, "n")];
    if (!brief)
      throw new IrlError("not_found", "that brief is gone (briefs live until irl serve stops)");
    // The page `irl brief --format html` writes, with its stylesheet as a file (the CSP).
    const body = renderBriefBody(brief);
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>Brief: ${escapeHtml(brief.title)}</title><link rel="stylesheet" href="/assets/brief.css">` +
        `<link rel="icon" href="data:,"></head><body>` +
        `<p class="hint"><a href="/brief">← another brief</a> · <a href="/">irl home</a></p>${body}</body></html>`,
    );
  });
  app.get("/intro/:id", async (c) => {
    const person = await store.person(intParam(c, "id"));
    const paths = await introFor(env, Number(person.id));
    return page(
      c,
      `Introductions to ${person.display_name}`,
      <IntroPage target={{ id: Number(person.id), name: person.display_name }} paths={paths} />,
    );
  });
  app.get("/suggest", async (c) =>
    page(c, "Suggestions", <SuggestPage people={await suggestions(env)} />),
  );
  app.get("/match", (c) =>
    page(c, "Opportunity", <MatchPage csrf={csrfToken(c)} text="" result={null} />),
  );
  app.post("/match", async (c) => {
    const text = String((await form(c)).text ?? "");
    const result = await matchText(env, text);
    return page(c, "Opportunity", <MatchPage csrf={csrfToken(c)} text={text} result={result} />);
  });
  sections.push(async (p) => (
    <>
      <InterestsSection interests={await interestsFor(env, p.id)} />
      {p.me ? null : (
        <p>
          <a href={`/people/${p.id}/favours`}>Favour check</a> (did they engage before they asked?)
          · <a href={`/intro/${p.id}`}>Warm introduction paths to them</a>
        </p>
      )}
    </>
  ));
  // The favour check reads every message of the tie: its own page, asked for when needed.
  app.get("/people/:id/favours", async (c) => {
    const person = await store.person(intParam(c, "id"));
    const favours = await favoursFor(env, Number(person.id));
    return page(
      c,
      `Favour check: ${person.display_name}`,
      <>
        <h1>
          <a href={`/people/${person.id}`}>{person.display_name}</a>
        </h1>
        <FavourSection person={Number(person.id)} favours={favours} />
      </>,
    );
  });

  for (const add of extraPages) add(app, env, page);
  return { app, env };
}
