/**
 * The JSON API under `/api/`: one table of routes, each with its OpenAPI description and its
 * handler, so the document at `/api/openapi.json` is made from the very routes that answer.
 * Handlers return what the pages render (see data.ts) and change things through actions.ts.
 *
 * @example
 * registerApi(app, env);
 * await app.request("/api/people?tier=irl", { headers: { host: "127.0.0.1:7878" } });
 */
import type { Context, Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { IrlError } from "../errors.js";
import { whatIsDue } from "../plans/due.js";
import { TIERS } from "../signals/tiers.js";
import { notesOf } from "../store/notes.js";
import {
  acceptPair,
  changeFlags,
  dismissPair,
  mergeOther,
  noteAdd,
  noteDelete,
  split,
  uploadStream,
} from "./actions.js";
import {
  dupesData,
  freshTies,
  homeData,
  networkData,
  peopleData,
  peopleParams,
  personData,
  statsData,
  type WebEnv,
} from "./data.js";
import {
  briefsFromLists,
  favoursFor,
  interestsFor,
  introFor,
  matchText,
  suggestions,
} from "./plans.js";
import { csrfToken } from "./security.js";

type Method = "get" | "post" | "put" | "delete";

export interface ApiRoute {
  method: Method;
  /** OpenAPI style: `/api/people/{id}`. */
  path: string;
  summary: string;
  parameters?: { name: string; in: "path" | "query"; description: string; schema: object }[];
  body?: { description: string; type: string; schema: object };
  /** Status of success and what it returns. */
  returns: { status: number; description: string; type?: string };
  handler: (c: Context, env: WebEnv) => Promise<Response>;
}

const id = {
  name: "id",
  in: "path" as const,
  description: "person id",
  schema: { type: "integer" },
};
const pageParam = {
  name: "page",
  in: "query" as const,
  description: "page, from 1",
  schema: { type: "integer", minimum: 1 },
};

export function intParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? "";
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new IrlError("usage", `${name} must be a whole number, not "${raw}"`);
  }
  return n;
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const body = (await c.req.json()) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new IrlError("usage", "the request body must be a JSON object");
}

export const API_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/home",
    summary:
      "The home page: quality-over-quantity summary, tier counts, IRL group, what is due, recent imports",
    returns: { status: 200, description: "home data" },
    handler: async (c, env) => c.json(await homeData(env)),
  },
  {
    method: "get",
    path: "/api/stats",
    summary:
      "Counts: people, identities, interactions by channel and direction, the import log (as irl stats --json)",
    returns: { status: 200, description: "counts" },
    handler: async (c, env) => c.json(await statsData(env)),
  },
  {
    method: "get",
    path: "/api/people",
    summary: "People, paged (50 a page), with strength, tier, reasons and 12 months of activity",
    parameters: [
      { name: "q", in: "query", description: "part of a name", schema: { type: "string" } },
      { name: "tier", in: "query", description: "only this tier", schema: { enum: [...TIERS] } },
      {
        name: "sort",
        in: "query",
        description: "order",
        schema: { enum: ["strength", "recent", "name", "interactions"] },
      },
      pageParam,
    ],
    returns: { status: 200, description: "a page of people" },
    handler: async (c, env) => c.json(await peopleData(env, peopleParams(c.req.query()))),
  },
  {
    method: "get",
    path: "/api/people/{id}",
    summary:
      "One person: strength with reasons and monthly history, identities, merges, notes, a page of the timeline",
    parameters: [id, pageParam],
    returns: { status: 200, description: "the person" },
    handler: async (c, env) =>
      c.json(await personData(env, intParam(c, "id"), Number(c.req.query("page") ?? 1))),
  },
  {
    method: "post",
    path: "/api/people/{id}/flags",
    summary: "Pin, unpin, snooze or set the tier of a person (as irl person --pin/--snooze/--tier)",
    parameters: [id],
    body: {
      description: "what to change",
      type: "application/json",
      schema: {
        type: "object",
        properties: {
          pinned: { type: "boolean" },
          snoozeDays: { type: "integer", minimum: 0 },
          tier: { enum: [...TIERS, "auto"] },
        },
      },
    },
    returns: { status: 200, description: "the person after the change" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      await changeFlags(env, intParam(c, "id"), {
        pinned: typeof b.pinned === "boolean" ? b.pinned : undefined,
        snoozeDays: b.snoozeDays === undefined ? undefined : Number(b.snoozeDays),
        tier: typeof b.tier === "string" ? b.tier : undefined,
      });
      return c.json(await personData(env, intParam(c, "id"), 1));
    },
  },
  {
    method: "post",
    path: "/api/people/{id}/merge",
    summary: "Merge another person into this one (as irl merge)",
    parameters: [id],
    body: {
      description: "the other person: #id, e-mail, site, @handle or name",
      type: "application/json",
      schema: { type: "object", required: ["other"], properties: { other: { type: "string" } } },
    },
    returns: { status: 200, description: "what was done" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      if (typeof b.other !== "string") throw new IrlError("usage", "other: a #id, e-mail or name");
      return c.json({ message: await mergeOther(env, intParam(c, "id"), b.other) });
    },
  },
  {
    method: "post",
    path: "/api/people/{id}/split",
    summary: "Split identities off a person, or undo the last merge without any (as irl split)",
    parameters: [id],
    body: {
      description: "identities to split off (none: undo the last merge)",
      type: "application/json",
      schema: {
        type: "object",
        properties: { identities: { type: "array", items: { type: "string" } } },
      },
    },
    returns: { status: 200, description: "the new person and what moved" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      const values = Array.isArray(b.identities) ? b.identities.map(String) : [];
      const r = await split(env, intParam(c, "id"), values);
      return c.json({ from: intParam(c, "id"), id: r.person, name: r.name, moved: r.moved });
    },
  },
  {
    method: "get",
    path: "/api/people/{id}/notes",
    summary: "Your notes on a person, newest first",
    parameters: [id],
    returns: { status: 200, description: "notes" },
    handler: async (c, env) => {
      await env.store.person(intParam(c, "id"));
      return c.json(await notesOf(env.store, intParam(c, "id")));
    },
  },
  {
    method: "post",
    path: "/api/people/{id}/notes",
    summary: "Add a note on a person",
    parameters: [id],
    body: {
      description: "the note",
      type: "application/json",
      schema: { type: "object", required: ["body"], properties: { body: { type: "string" } } },
    },
    returns: { status: 201, description: "the note" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      return c.json(await noteAdd(env, intParam(c, "id"), String(b.body ?? "")), 201);
    },
  },
  {
    method: "delete",
    path: "/api/people/{id}/notes/{note}",
    summary: "Delete a note",
    parameters: [
      id,
      { name: "note", in: "path", description: "note id", schema: { type: "integer" } },
    ],
    returns: { status: 200, description: "deleted" },
    handler: async (c, env) => {
      await noteDelete(env, intParam(c, "id"), intParam(c, "note"));
      return c.json({ deleted: intParam(c, "note") });
    },
  },
  {
    method: "get",
    path: "/api/due",
    summary:
      "Replies owed, never answered, going quiet, this week's touch budget (as irl due --json)",
    parameters: [
      {
        name: "budget",
        in: "query",
        description: "size of the touch list",
        schema: { type: "integer" },
      },
    ],
    returns: { status: 200, description: "what is due" },
    handler: async (c, env) => {
      await freshTies(env);
      const budget = Number(c.req.query("budget") ?? 5);
      if (!Number.isInteger(budget) || budget < 1) throw new IrlError("usage", "budget: 1 or more");
      return c.json(await whatIsDue(env.store, { budget, limit: 50 }));
    },
  },
  {
    method: "get",
    path: "/api/dupes",
    summary: "Pairs that may be one person, most likely first (as irl dupes --json)",
    returns: { status: 200, description: "pairs" },
    handler: async (c, env) => c.json(await dupesData(env)),
  },
  {
    method: "post",
    path: "/api/dupes/{pair}/accept",
    summary: "The pair are one person: merge them",
    parameters: [
      { name: "pair", in: "path", description: "pair number", schema: { type: "integer" } },
    ],
    returns: { status: 200, description: "pairs merged" },
    handler: async (c, env) => c.json({ merged: await acceptPair(env, intParam(c, "pair")) }),
  },
  {
    method: "post",
    path: "/api/dupes/{pair}/dismiss",
    summary: "The pair are different people: keep them apart for good",
    parameters: [
      { name: "pair", in: "path", description: "pair number", schema: { type: "integer" } },
    ],
    returns: { status: 200, description: "the two kept apart" },
    handler: async (c, env) => c.json({ dismissed: await dismissPair(env, intParam(c, "pair")) }),
  },
  {
    method: "get",
    path: "/api/network",
    summary:
      "The graph around you: the strongest ties (at most limit) laid out radially by tier; the rest counted",
    parameters: [
      {
        name: "limit",
        in: "query",
        description: "most nodes (≤ 5000)",
        schema: { type: "integer" },
      },
    ],
    returns: { status: 200, description: "nodes, edges and what was not drawn" },
    handler: async (c, env) => {
      const limit = Number(c.req.query("limit") ?? 1500);
      if (!Number.isInteger(limit) || limit < 1) throw new IrlError("usage", "limit: 1 or more");
      const { TIER_COLOURS } = await import("./style.js");
      return c.json({ ...(await networkData(env, limit)), colours: TIER_COLOURS });
    },
  },
  {
    method: "put",
    path: "/api/imports",
    summary: "Upload one export file (or a .zip) as the raw body; the import starts at once",
    parameters: [
      { name: "name", in: "query", description: "the file's name", schema: { type: "string" } },
    ],
    body: {
      description: "the file's bytes",
      type: "application/octet-stream",
      schema: { type: "string", format: "binary" },
    },
    returns: { status: 202, description: "the import job; follow it at /api/imports/{id}" },
    handler: async (c, env) =>
      c.json(await uploadStream(env, c.req.raw.body, c.req.query("name")), 202),
  },
  {
    method: "get",
    path: "/api/imports",
    summary: "Imports started in this session, newest first",
    returns: { status: 200, description: "import jobs" },
    handler: async (c, env) => c.json(env.jobs.list()),
  },
  {
    method: "get",
    path: "/api/imports/{id}",
    summary: "One import: state, progress, and its summary when done (as irl import --json)",
    parameters: [{ name: "id", in: "path", description: "job id", schema: { type: "string" } }],
    returns: { status: 200, description: "the import job" },
    handler: async (c, env) => {
      const job = env.jobs.get(c.req.param("id") ?? "");
      if (!job) throw new IrlError("not_found", "no such import");
      return c.json(job);
    },
  },
  {
    method: "get",
    path: "/api/imports/{id}/events",
    summary: "One import's progress as Server-Sent Events (event: job), ending when it is done",
    parameters: [{ name: "id", in: "path", description: "job id", schema: { type: "string" } }],
    returns: { status: 200, description: "an event stream", type: "text/event-stream" },
    handler: async (c, env) => {
      const job = env.jobs.get(c.req.param("id") ?? "");
      if (!job) throw new IrlError("not_found", "no such import");
      return streamSSE(c, async (stream) => {
        const finished = () => job.state === "done" || job.state === "failed";
        await stream.writeSSE({ event: "job", data: JSON.stringify(job) });
        if (finished()) return;
        await new Promise<void>((resolve) => {
          const listener = () => {
            void stream.writeSSE({ event: "job", data: JSON.stringify(job) });
            if (finished()) {
              env.jobs.off(job.id, listener);
              resolve();
            }
          };
          env.jobs.on(job.id, listener);
          stream.onAbort(() => {
            env.jobs.off(job.id, listener);
            resolve();
          });
        });
      });
    },
  },
  {
    method: "get",
    path: "/api/csrf",
    summary: "The CSRF token to send as X-CSRF-Token with every change (its cookie is set too)",
    returns: { status: 200, description: "the token" },
    handler: async (c) => c.json({ token: csrfToken(c) }),
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    returns: { status: 200, description: "OpenAPI 3.1" },
    handler: async (c) => c.json(openApiDocument()),
  },
];

/** Extra API routes other parts of irl add (brief, intro, match…) before the app is made. */
export const extraApiRoutes: ApiRoute[] = [];

export function allApiRoutes(): ApiRoute[] {
  return [...API_ROUTES, ...extraApiRoutes];
}

export function registerApi(app: Hono, env: WebEnv): void {
  for (const route of allApiRoutes()) {
    const path = route.path.replace(/\{(\w+)\}/g, ":$1");
    app.on(route.method.toUpperCase(), path, (c) => route.handler(c, env));
  }
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of allApiRoutes()) {
    const unsafe = r.method !== "get";
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: `${r.method}${r.path.replace(/[^a-zA-Z]+(\w)/g, (_, ch: string) => ch.toUpperCase())}`,
      parameters: [
        ...(r.parameters ?? []).map((p) => ({ ...p, required: p.in === "path" })),
        ...(unsafe
          ? [
              {
                name: "X-CSRF-Token",
                in: "header",
                required: true,
                description: "the token from GET /api/csrf (its cookie must be sent too)",
                schema: { type: "string" },
              },
            ]
          : []),
      ],
      responses: {
        [String(r.returns.status)]: {
          description: r.returns.description,
          content: { [r.returns.type ?? "application/json"]: { schema: {} } },
        },
        "400": {
          description: "bad input",
          content: { "application/json": { schema: errorSchema } },
        },
        ...(unsafe ? { "403": { description: "cross-origin, or no CSRF token" } } : {}),
        "404": {
          description: "not found",
          content: { "application/json": { schema: errorSchema } },
        },
      },
    };
    if (r.body) {
      op.requestBody = {
        required: true,
        description: r.body.description,
        content: { [r.body.type]: { schema: r.body.schema } },
      };
    }
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "irl local API",
      version: "0.1.0",
      description:
        "The JSON API of `irl serve`: everything the web pages show and do. It answers on 127.0.0.1 only. " +
        "Changes need the X-CSRF-Token header (from GET /api/csrf, with its cookie) and are refused from other origins.",
    },
    servers: [{ url: "/" }],
    paths,
  };
}

const errorSchema = {
  type: "object",
  properties: { error: { type: "string" } },
  required: ["error"],
};

/** The plans' routes: brief, introductions, suggestions, match, interests, favours. */
API_ROUTES.push(
  {
    method: "post",
    path: "/api/brief",
    summary:
      "Event briefs for attendee lists (as irl brief --format json); several lists are also ranked (as irl events)",
    body: {
      description: "attendee lists: names, e-mails or URLs one a line, CSV or iCalendar text",
      type: "application/json",
      schema: {
        type: "object",
        required: ["lists"],
        properties: {
          lists: {
            type: "array",
            items: {
              type: "object",
              required: ["text"],
              properties: { name: { type: "string" }, text: { type: "string" } },
            },
          },
        },
      },
    },
    returns: { status: 200, description: "{ id, briefs, ranked }; the page is at /brief/{id}/{n}" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      const lists = Array.isArray(b.lists) ? b.lists : [];
      const result = await briefsFromLists(
        env,
        lists.map((l: { name?: unknown; text?: unknown }, i: number) => ({
          name: typeof l.name === "string" && l.name ? l.name : `list-${i + 1}.txt`,
          bytes: Buffer.from(String(l.text ?? "")),
        })),
      );
      return c.json(result);
    },
  },
  {
    method: "get",
    path: "/api/intro/{id}",
    summary: "Warm introduction paths to a person through your ties, with evidence per link",
    parameters: [id],
    returns: { status: 200, description: "paths, strongest first" },
    handler: async (c, env) => c.json(await introFor(env, intParam(c, "id"))),
  },
  {
    method: "get",
    path: "/api/suggest",
    summary: "Who to meet next, and why",
    returns: { status: 200, description: "suggestions" },
    handler: async (c, env) => c.json(await suggestions(env)),
  },
  {
    method: "post",
    path: "/api/match",
    summary: "Who among your real relationships fits an opening, and why (as irl match --json)",
    body: {
      description: "the opening's text",
      type: "application/json",
      schema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
    },
    returns: { status: 200, description: "ranked people with reasons" },
    handler: async (c, env) => {
      const b = await jsonBody(c);
      return c.json(await matchText(env, String(b.text ?? "")));
    },
  },
  {
    method: "get",
    path: "/api/people/{id}/interests",
    summary: "What a person writes about, strongest first (null while an import runs)",
    parameters: [id],
    returns: { status: 200, description: "interests" },
    handler: async (c, env) => {
      await env.store.person(intParam(c, "id"));
      return c.json(await interestsFor(env, intParam(c, "id")));
    },
  },
  {
    method: "get",
    path: "/api/people/{id}/favours",
    summary:
      "The favour check: asks and favours either way, and whether they engaged before asking",
    parameters: [id],
    returns: { status: 200, description: "favour history" },
    handler: async (c, env) => {
      await env.store.person(intParam(c, "id"));
      return c.json(await favoursFor(env, intParam(c, "id")));
    },
  },
);
