/**
 * Canonical spellings of identities, so the same address, site or handle written two ways
 * becomes one key. A key is what makes two records "the same identity"; names never get a
 * global key (two people can share one), only a key scoped to one source.
 *
 * @example
 * identityKey({ kind: "url", value: "HTTPS://www.Example.com/blog/" }) // "url:example.com/blog"
 * identityKey({ kind: "email", value: " Ada@Example.ORG\n" })          // "email:ada@example.org"
 */
import type { IdentityKind, IdentityRef } from "../sources/records.js";

/** Hosts whose bare root says nothing about who someone is. */
const GENERIC_HOSTS = new Set([
  "facebook.com",
  "twitter.com",
  "x.com",
  "linkedin.com",
  "instagram.com",
  "google.com",
  "gmail.com",
  "youtube.com",
  "github.com",
  "medium.com",
  "wordpress.com",
  "blogspot.com",
  "tumblr.com",
  "example.com",
]);

export function normalizeEmail(value: string): string | undefined {
  const v = value
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  const at = v.lastIndexOf("@");
  if (at < 1 || at === v.length - 1 || /\s/.test(v)) return undefined;
  return v;
}

/** `scheme://www.Host:port/path/?q#f` → `host:port/path` (lowercase host, no trailing slash). */
export function normalizeUrl(value: string): string | undefined {
  let v = value.trim();
  if (!v) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) v = `http://${v}`;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const host = url.host.toLowerCase().replace(/^www\./, "");
  if (!host?.includes(".")) return undefined;
  const path = decodeSafely(url.pathname)
    .replace(/\/+$/, "")
    .replace(/\/index\.(html?|php)$/i, "");
  return host + path;
}

/** True for a URL that cannot tell people apart (a social network's home page). */
export function isGenericUrl(normalized: string): boolean {
  return GENERIC_HOSTS.has(normalized);
}

export function normalizeHandle(value: string): string | undefined {
  const v = value.trim().replace(/^@/, "").toLowerCase();
  return v && !/\s/.test(v) ? v : undefined;
}

export function normalizePhone(value: string): string | undefined {
  const digits = value.replace(/[^\d+]/g, "");
  return digits.replace(/\D/g, "").length >= 6 ? digits : undefined;
}

/** Case-, accent- and spacing-insensitive form of a name, for comparison only. */
export function normalizeName(value: string): string | undefined {
  const v = value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return v || undefined;
}

/**
 * The normalised value of an identity, or undefined when it is not usable. Results are
 * memoised (bounded): exports repeat the same few thousand spellings many times over.
 */
export function normalizeIdentity(ref: IdentityRef): string | undefined {
  const memoKey = `${ref.kind}\u0000${ref.platform ?? ""}\u0000${ref.value}`;
  if (memo.has(memoKey)) return memo.get(memoKey);
  const value = computeIdentity(ref);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, value);
  return value;
}

const MEMO_LIMIT = 20_000;
const memo = new Map<string, string | undefined>();

function computeIdentity(ref: IdentityRef): string | undefined {
  switch (ref.kind) {
    case "email":
      return normalizeEmail(ref.value);
    case "url":
    case "profile":
      return normalizeUrl(ref.value);
    case "handle": {
      const h = normalizeHandle(ref.value);
      return h && ref.platform ? `${ref.platform.toLowerCase()}:${h}` : h;
    }
    case "phone":
      return normalizePhone(ref.value);
    case "name":
      return normalizeName(ref.value);
  }
}

/**
 * The global key of an identity that can stand for one person (e-mail, site, handle, profile,
 * phone), or undefined for names and for URLs too generic to identify anyone.
 */
export function anchorKey(kind: IdentityKind, normalized: string): string | undefined {
  if (kind === "name") return undefined;
  if ((kind === "url" || kind === "profile") && isGenericUrl(normalized)) return undefined;
  return `${kind}:${normalized}`;
}

/** The key that makes a bare name one person within one source (an anonymous commenter). */
export function scopedNameKey(scope: string, normalizedName: string): string {
  return `name:${scope}:${normalizedName}`;
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * A name as people read it: "Lovelace, Ada" → "Ada Lovelace" (one comma between two parts
 * that are not a suffix such as "Jr."), spacing tidied. Other names are returned as written.
 */
export function readableName(name: string): string {
  const tidy = name.replace(/\s+/g, " ").trim();
  const parts = tidy.split(",");
  if (parts.length !== 2) return tidy;
  const [last, first] = parts.map((p) => p.trim()) as [string, string];
  if (!last || !first || /^(jr|sr|ii|iii|iv|phd|md)\.?$/i.test(first)) return tidy;
  return `${first} ${last}`;
}
