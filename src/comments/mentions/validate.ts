/**
 * The synchronous checks a mention request passes before anything is queued (Webmention
 * Recommendation §3.2.1; the same checks answer a Pingback with its fault codes): both URLs
 * valid, http or https, not the same, and the target a page this service hosts.
 *
 * @example
 * const r = checkMentionRequest("https://bob.example/p", "https://blog.example/hello", isOurs);
 * if (!r.ok) return c.text(r.message, 400);
 */
import { normalizePage } from "../page-url.js";
import { normalizeUrl } from "./mf2-entry.js";

export type MentionProblem =
  | "missing source"
  | "missing target"
  | "invalid source"
  | "invalid target"
  | "unsupported source scheme"
  | "unsupported target scheme"
  | "same url"
  | "target not ours";

export type CheckResult =
  | { ok: true; source: string; target: string }
  | { ok: false; problem: MentionProblem; message: string };

/** Whether a URL (normalised, no fragment) is a page this service accepts mentions for. */
export type IsOurPage = (target: string) => boolean | Promise<boolean>;

/** URLs longer than this are refused: no real page needs more, and they cost storage. */
export const MAX_URL_LENGTH = 2048;

export async function checkMentionRequest(
  source: string | undefined,
  target: string | undefined,
  isOurPage: IsOurPage,
): Promise<CheckResult> {
  const fail = (problem: MentionProblem, message: string): CheckResult => ({
    ok: false,
    problem,
    message,
  });
  if (!source?.trim()) return fail("missing source", "the source parameter is missing");
  if (!target?.trim()) return fail("missing target", "the target parameter is missing");
  const s = parseHttp(source);
  if (s === "invalid") return fail("invalid source", "the source is not a valid URL");
  if (s === "scheme")
    return fail("unsupported source scheme", "the source must be an http or https URL");
  const t = parseHttp(target);
  if (t === "invalid") return fail("invalid target", "the target is not a valid URL");
  if (t === "scheme")
    return fail("unsupported target scheme", "the target must be an http or https URL");
  if (s === t) return fail("same url", "the source and the target are the same URL");
  // The target spelled as the comment service spells its pages (tracking parameters dropped).
  const page = normalizePage(t)?.page;
  if (!page) return fail("invalid target", "the target is not a valid URL");
  if (!(await isOurPage(page))) {
    return fail("target not ours", "the target is not a page on this site that accepts mentions");
  }
  return { ok: true, source: s, target: page };
}

function parseHttp(value: string): string | "invalid" | "scheme" {
  const v = value.trim();
  if (v.length > MAX_URL_LENGTH) return "invalid";
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "scheme";
  if (!url.hostname) return "invalid";
  return normalizeUrl(url.href) ?? "invalid";
}
