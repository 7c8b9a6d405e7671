/**
 * An opportunity arrived (a job opening, a project): who among my real relationships fits it
 * best, and why. Fit is the opening's text against what each person writes about (their
 * interests) and against their title and organisation; it is multiplied by the strength of the
 * tie, so a good fit I barely know ranks below a good fit I talk with every month. People I
 * asked recently (see `asks.ts`) are given a rest, and the reasons say so.
 *
 * @example
 * const found = await matchOpening(store, fs.readFileSync("opening.txt", "utf8"), { limit: 10 });
 * found.people[0];
 * // { name: "Conor", score: 0.71, reasons: ["writes about analytics, volunteering and dashboards",
 * //   "works as Marketing Analytics Lead at Amberline Insights", "irl tie (0.98): …"] }
 */
import { ensureTies, graphNow } from "../signals/compute-ties.js";
import {
  cosine,
  sharedTerms,
  type TermVector,
  textVector,
  vectorsOf,
} from "../signals/interests/index.js";
import type { Tier } from "../signals/tiers.js";
import type { Store } from "../store/store.js";
import { type Ask, openingKey, recentAsks } from "./asks.js";
import { requirementsOf, searchWriting } from "./text-match.js";

/** The tiers of a real relationship (dormant ones with a note). */
export const MATCH_TIERS: readonly Tier[] = ["irl", "strong", "growing", "dormant"];
const DAY = 86_400_000;

export interface MatchedPerson {
  person: number;
  name: string;
  score: number;
  /** How well they fit the opening, 0–1 (before the tie's strength). */
  fit: number;
  strength: number;
  tier: Tier;
  title: string | null;
  organization: string | null;
  /** The words they share with the opening. */
  shared: string[];
  /** How many of the opening's lines that ask for something their writing touches. */
  covers: { met: number; of: number };
  /** Asked about an opening within the rest period. */
  asked: { at: number; about: string; sameOpening: boolean } | null;
  reasons: string[];
}

export interface MatchResult {
  /** The opening's first line and its hash (what `--asked` records). */
  about: string;
  opening: string;
  people: MatchedPerson[];
  /** How many fit at all, before the limit. */
  total: number;
}

export interface MatchOptions {
  limit?: number;
  /** People asked within this many days are given a rest (default 30). */
  restDays?: number;
  now?: number;
}

interface Candidate {
  id: number;
  name: string;
  score: number;
  tier: Tier;
  reasons: string[];
}

export async function matchOpening(
  store: Store,
  text: string,
  options: MatchOptions = {},
): Promise<MatchResult> {
  const now = options.now ?? (await graphNow(store));
  const restDays = options.restDays ?? 30;
  await ensureTies(store, now);
  const key = openingKey(text);
  const candidates = await realRelationships(store);
  const vectors = await vectorsOf(
    store,
    candidates.map((c) => c.id),
  );
  const opening = await textVector(store, text);
  const openingTerms = new Set(wordsOf(text));
  const openingNorm = ` ${normalise(text)} `;
  const roles = await rolesOf(
    store,
    candidates.map((c) => c.id),
  );
  const asks = await recentAsks(store, now - restDays * DAY);

  // Fit to the opening: how alike the two vectors are (cosine), and how much of the opening's
  // weight the person's interests cover (breadth: an opening asking for analytics *and*
  // volunteering is best met by someone who writes about both).
  const empty: TermVector = new Map();
  const cosines = candidates.map((c) => cosine(opening, vectors.get(c.id) ?? empty));
  const bestCosine = Math.max(...cosines, 1e-9);
  const requirements = await requirementsOf(store, text);
  const query: TermVector = new Map(opening);
  for (const r of requirements) {
    for (const [t, w] of r) query.set(t, Math.max(w, query.get(t) ?? 0));
  }
  const written = await searchWriting(
    store,
    query,
    candidates.map((c) => c.id),
  );
  // Each line or sentence of the opening that asks for something counts the same, so that
  // covering all it asks for beats writing a lot about one part of it.
  const perRequirement = requirements.map((r) =>
    candidates.map((c) => {
      const parts = written.get(c.id)?.parts;
      if (!parts) return 0;
      let sum = 0;
      for (const [t, w] of r) sum += w * (parts.get(t) ?? 0);
      return sum;
    }),
  );
  const breadth = candidates.map((_, i) => {
    if (perRequirement.length === 0) return 0;
    // A soft "and": the geometric mean, so a requirement nobody's writing meets costs a lot.
    let sum = 0;
    for (const scores of perRequirement) {
      sum += Math.log(0.1 + (scores[i] ?? 0) / Math.max(...scores, 1e-9));
    }
    return Math.exp(sum / perRequirement.length);
  });
  const bestBreadth = Math.max(...breadth, 1e-9);
  const covered = candidates.map((_, i) => perRequirement.filter((r) => (r[i] ?? 0) > 0).length);
  const people: MatchedPerson[] = [];
  candidates.forEach((c, i) => {
    const v = vectors.get(c.id) ?? empty;
    const hit = written.get(c.id);
    const interest =
      0.7 * ((breadth[i] ?? 0) / bestBreadth) + 0.3 * ((cosines[i] ?? 0) / bestCosine);
    const role = roles.get(c.id) ?? { title: null, organization: null };
    const titleFit = role.title ? overlap(wordsOf(role.title), openingTerms) : 0;
    const insider = role.organization
      ? openingNorm.includes(` ${normalise(role.organization)} `)
      : false;
    const fitScore = Math.min(1, 0.7 * interest + 0.3 * titleFit + (insider ? 0.15 : 0));
    if (fitScore < 0.05) return;
    const shared = distinctShared([...sharedTerms(opening, v, 4), ...(hit?.terms ?? [])], 4);
    const asked = askedRecently(asks.get(c.id), key.hash);
    let score = fitScore * (0.4 + 0.6 * c.score);
    if (c.tier === "dormant") score *= 0.85;
    if (asked) score *= 0.25;
    people.push({
      person: c.id,
      name: c.name,
      score: Math.round(score * 1000) / 1000,
      fit: Math.round(fitScore * 1000) / 1000,
      strength: c.score,
      tier: c.tier,
      title: role.title,
      organization: role.organization,
      shared,
      asked,
      covers: { met: covered[i] ?? 0, of: requirements.length },
      reasons: reasonsFor(c, shared, role, titleFit, insider, asked, restDays, {
        met: covered[i] ?? 0,
        of: requirements.length,
      }),
    });
  });
  people.sort((a, b) => b.score - a.score || b.fit - a.fit || a.name.localeCompare(b.name));
  return {
    about: key.about,
    opening: key.hash,
    people: options.limit ? people.slice(0, options.limit) : people,
    total: people.length,
  };
}

async function realRelationships(store: Store): Promise<Candidate[]> {
  const rows = await store.db
    .selectFrom("ties as t")
    .innerJoin("people as p", "p.id", "t.person_id")
    .select(["p.id", "p.display_name as name", "t.score", "t.tier", "t.reasons"])
    .where("t.tier", "in", [...MATCH_TIERS])
    .where("p.is_me", "=", 0)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    score: Number(r.score),
    tier: r.tier as Tier,
    reasons: JSON.parse(r.reasons) as string[],
  }));
}

/** Each person's latest title and organisation from their details. */
async function rolesOf(
  store: Store,
  ids: number[],
): Promise<Map<number, { title: string | null; organization: string | null }>> {
  const out = new Map<number, { title: string | null; organization: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await store.conn.all<{ person_id: number; field: string; value: string }>(
      `SELECT person_id, field, value FROM details
       WHERE field IN ('title', 'organization') AND person_id IN (${chunk.map(() => "?").join(", ")})
       ORDER BY created_at, id`,
      chunk,
    );
    for (const r of rows) {
      const id = Number(r.person_id);
      const role = out.get(id) ?? { title: null, organization: null };
      if (r.field === "title") role.title = r.value;
      else role.organization = r.value;
      out.set(id, role);
    }
  }
  return out;
}

function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The first `limit` terms, none a part of another already taken. */
function distinctShared(terms: string[], limit: number): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (out.some((o) => o.includes(t) || t.includes(o))) continue;
    out.push(t);
    if (out.length >= limit) break;
  }
  return out;
}

const TITLE_STOP = new Set(["and", "of", "the", "for", "at", "in", "to", "with"]);

/** A text's words, lower-case, accents folded, a plural's "s" dropped. */
function wordsOf(text: string): string[] {
  return normalise(text)
    .split(" ")
    .filter((w) => w.length > 1 && !TITLE_STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Share of a title's words the opening uses. */
function overlap(title: string[], opening: Set<string>): number {
  if (title.length === 0) return 0;
  return title.filter((w) => opening.has(w)).length / title.length;
}

function askedRecently(
  asks: Ask[] | undefined,
  hash: string,
): { at: number; about: string; sameOpening: boolean } | null {
  const last = asks?.[0];
  if (!last) return null;
  const same = asks?.find((a) => a.opening === hash);
  const pick = same ?? last;
  return { at: pick.at, about: pick.about, sameOpening: Boolean(same) };
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function reasonsFor(
  c: Candidate,
  shared: string[],
  role: { title: string | null; organization: string | null },
  titleFit: number,
  insider: boolean,
  asked: MatchedPerson["asked"],
  restDays: number,
  covers: { met: number; of: number },
): string[] {
  const reasons: string[] = [];
  if (shared.length) {
    const part =
      covers.of > 0 ? ` (touching ${covers.met} of the ${covers.of} things it asks for)` : "";
    reasons.push(`writes about ${listWords(shared)}${part}`);
  }
  if (role.title && titleFit > 0) {
    reasons.push(`works as ${role.title}${role.organization ? ` at ${role.organization}` : ""}`);
  }
  if (insider)
    reasons.push(`works at ${role.organization}, named in the opening: ask them about it`);
  const why = c.reasons[0] ? `: ${c.reasons[0]}` : "";
  reasons.push(`${c.tier} tie (${c.score.toFixed(2)})${why}`);
  if (c.tier === "dormant") reasons.push("dormant: a reason to get back in touch, but ask gently");
  if (asked) {
    const day = new Date(asked.at).toISOString().slice(0, 10);
    const until = new Date(asked.at + restDays * DAY).toISOString().slice(0, 10);
    reasons.push(
      asked.sameOpening
        ? `you already asked them about this opening on ${day}: given a rest until ${until}`
        : `you asked them about "${asked.about}" on ${day}: given a rest until ${until}`,
    );
  }
  return reasons;
}
